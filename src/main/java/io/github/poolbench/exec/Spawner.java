package io.github.poolbench.exec;

import java.util.List;

/**
 * Starts one child process with an explicit argv (never a shell), closes its stdin, collects
 * its stdout and stderr, and waits until it has exited: one "process per task". Three
 * implementations, chosen by name so the benchmark can compare them: libc's
 * {@code posix_spawn} called directly (the OS floor), the JDK's {@link ProcessBuilder} (with
 * the JDK's launch mechanism, see {@link LaunchMechanisms}) and NuProcess.
 *
 * <p>Every spawner reports the exit status as the JDK does (the code, or 128 + n when signal n
 * killed the child), and none hangs when a child writes more than a pipe holds to stdout or
 * stderr.
 *
 * <p>An instance belongs to one pool and may be used from several threads at once;
 * {@link #close()} releases what it holds (a timer thread, temporary files).
 */
public interface Spawner extends AutoCloseable {
    String PROCESS_BUILDER = "processbuilder";
    String NUPROCESS = "nuprocess";
    String POSIX_SPAWN = "posix_spawn";

    /** What a finished child left behind. {@code timedOut}: it was killed for running too long. */
    record Outcome(long pid, int exitStatus, byte[] stdout, byte[] stderr, boolean timedOut) {
        /** The end of stderr as one readable line, for error messages ("" when it printed nothing). */
        public String stderrTail() {
            String s = new String(stderr, java.nio.charset.StandardCharsets.UTF_8).trim();
            if (s.length() > 600) {
                s = "..." + s.substring(s.length() - 600);
            }
            return s.replace('\n', ' ').replace('\r', ' ');
        }
    }

    /**
     * Runs {@code argv} to its end. When {@code timeoutMillis > 0} the child is killed after
     * that long and the outcome says {@code timedOut}.
     *
     * @throws WorkerStartException when the program cannot be started at all
     */
    Outcome run(List<String> argv, long timeoutMillis) throws InterruptedException;

    @Override
    void close();

    /** {@code posix_spawn}, {@code processbuilder} or {@code nuprocess}; anything else is refused with the valid names. */
    static Spawner named(String name) {
        String n = name == null ? PROCESS_BUILDER : name.trim();
        if (PROCESS_BUILDER.equals(n)) {
            return new ProcessBuilderSpawner();
        }
        if (NUPROCESS.equals(n)) {
            return new NuProcessSpawner();
        }
        if (POSIX_SPAWN.equals(n)) {
            return new PosixSpawnSpawner();
        }
        throw new IllegalArgumentException("unknown spawner '" + name + "'; expected " + POSIX_SPAWN + ", " + PROCESS_BUILDER
                + " or " + NUPROCESS);
    }
}
