package io.github.poolbench.exec;

import com.zaxxer.nuprocess.NuAbstractProcessHandler;
import com.zaxxer.nuprocess.NuProcess;
import com.zaxxer.nuprocess.NuProcessBuilder;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * NuProcess 3.0.0 (com.zaxxer:nuprocess), the library Java users pick when
 * {@link ProcessBuilder} is too slow or needs too many threads, used through its synchronous
 * {@link NuProcessBuilder#run()}: start one child and pump its pipes on the calling thread until
 * it has exited.
 *
 * <h2>Why not {@code start()} + {@code waitFor()}: its exit detection</h2>
 * A quick try had found that {@code start()} then {@code waitFor()}, one child at a time, took
 * ~80 ms per child although {@code expr} runs in about a millisecond. Its source (3.0.0,
 * {@code ProcessEpoll} and {@code BaseEventProcessor}) and README explain it: Linux gives no
 * asynchronous exit notification, so NuProcess uses "soft exit detection". When both stdout
 * and stderr of a child have hung up it calls {@code waitpid(WNOHANG)}; a child that has closed
 * its pipes but is not yet a zombie (the usual race at exit) goes to a "dead pool", which is
 * polled only when the shared epoll thread wakes: at the next event of <em>any</em> child, or
 * after {@code epoll_wait} times out after {@code com.zaxxer.nuprocess.deadPoolPollMs} (default
 * 250 ms, at least 100 ms). With many children at once other children's events wake the thread
 * all the time, so the dead pool is checked often (the ~0.7 ms per child seen earlier); one
 * child at a time, a lost race costs up to 250 ms. Measured here on JDK 17 (spawning
 * {@code expr 41 + 1} and waiting, 100 in a row, noisy 2-core machine): {@code start()} +
 * {@code waitFor()} 104-112 ms per child (max 318 ms); {@code ProcessBuilder} 6.8-9.4 ms;
 * {@code run()} 4.9-12.7 ms. An open pull request upstream (brettwooldridge/NuProcess#148,
 * "Dynamic deadpool poll time for faster exit detection on linux") reports the same.
 *
 * In the benchmark's shape (1000 children of {@code /bin/true}, 5 at once, JDK 17, load 6-12)
 * {@code run()} took 1.20 s per 1000 and {@code ProcessBuilder} 1.74 s.
 *
 * <p>{@code run()} (added in 1.3 for exactly this, NuProcess #95/#104) gives the child its own
 * epoll loop on the calling thread and, once the pipes close, polls {@code waitpid} with a
 * back-off of 0, 1, 3, 7... ms, so exit is seen within a millisecond or two. Each of the
 * pool's K spawning threads calls it for one child at a time: at most K children alive.
 * NuProcess starts children with the JDK's own {@code forkAndExec} in {@code VFORK} mode (one
 * exec), where {@code ProcessBuilder} on JDK 12+ uses {@code posix_spawn} of
 * {@code jspawnhelper}, which then execs the program (two execs).
 *
 * <h2>Exit status</h2>
 * NuProcess reports the exit code, or the bare signal number when a signal killed the child
 * (so SIGKILL and {@code exit 9} look the same), and {@code Integer.MIN_VALUE} for exit code
 * 127. To report what the JDK reports (the code, or 128 + n for signal n), the handler peeks
 * at the child's status itself once both its pipes have closed: {@code waitid(WEXITED |
 * WNOWAIT)} waits for the exit without reaping the child, so NuProcess's own {@code waitpid}
 * that follows on the same thread still finds it. Where that is not possible (not 64-bit
 * Linux) NuProcess's code is translated as well as it can be: 127 for {@code MIN_VALUE}, 137
 * for a child this spawner killed. On JDK 22+ JNA's native access prints a one-time warning on
 * stderr unless the JVM runs with {@code --enable-native-access=ALL-UNNAMED}.
 */
final class NuProcessSpawner implements Spawner {
    private final KillTimer timer = new KillTimer();

    @Override
    public Outcome run(List<String> argv, long timeoutMillis) throws InterruptedException {
        // NuProcess reports a program it cannot start only by logging a stack trace and an exit
        // code of Integer.MIN_VALUE; check first, so the user gets one clear line instead.
        // NuProcess execs argv[0] as a path: a bare name is looked up on PATH here, as posix_spawnp does.
        String program = resolve(argv.get(0));
        if (program == null) {
            throw new WorkerStartException("could not start " + ChildJvm.describe(argv) + ": no executable file at "
                    + argv.get(0) + (argv.get(0).indexOf('/') < 0 ? " or on PATH" : ""));
        }
        List<String> command = new java.util.ArrayList<>(argv);
        command.set(0, program);
        Handler handler = new Handler(timeoutMillis);
        NuProcessBuilder builder = new NuProcessBuilder(command);
        builder.setProcessListener(handler);
        builder.run();
        if (handler.pid == 0) {
            throw new WorkerStartException("could not start " + ChildJvm.describe(argv) + " (NuProcess exit code "
                    + handler.exitCode + ")");
        }
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted while running " + ChildJvm.describe(argv));
        }
        return new Outcome(handler.pid, handler.status(), handler.stdout.toByteArray(), handler.stderr.toByteArray(),
                handler.timedOut.get());
    }

    @Override
    public void close() {
        timer.close();
    }

    /** The program as a path: itself when it names one, else the first executable of that name on PATH; null when none. */
    static String resolve(String program) {
        if (program.indexOf('/') >= 0) {
            return Files.isExecutable(Paths.get(program)) ? program : null;
        }
        String path = System.getenv("PATH");
        if (program.isEmpty() || path == null) {
            return null;
        }
        for (String dir : path.split(":", -1)) {
            java.nio.file.Path candidate = Paths.get(dir.isEmpty() ? "." : dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    /**
     * Waits until child {@code pid} has ended without reaping it ({@code WNOWAIT}), and returns
     * its status as the JDK reports it; -1 when it cannot be seen (already reaped).
     */
    static int peekExitStatus(int pid) {
        com.sun.jna.Memory info = new com.sun.jna.Memory(LibC.OPAQUE_BYTES);
        while (true) {
            info.clear();
            int rc = LibC.waitid(LibC.P_PID, pid, info, LibC.WEXITED | LibC.WNOWAIT);
            if (rc == 0) {
                // siginfo_t on 64-bit Linux: si_code at offset 8, si_status at 24
                int code = info.getInt(8);
                int status = info.getInt(24);
                if (code == LibC.CLD_EXITED) {
                    return status & 0xff;
                }
                if (code == LibC.CLD_KILLED || code == LibC.CLD_DUMPED) {
                    return 128 + status;
                }
                return -1;
            }
            if (com.sun.jna.Native.getLastError() != LibC.EINTR) {
                return -1;
            }
        }
    }

    /** Collects one child's output; all callbacks run on the thread that called {@code run()}. */
    private final class Handler extends NuAbstractProcessHandler {
        final BoundedCapture stdout = BoundedCapture.head(BoundedCapture.STDOUT_HEAD_BYTES);
        final BoundedCapture stderr = BoundedCapture.tail(BoundedCapture.STDERR_TAIL_BYTES);
        final AtomicBoolean timedOut = new AtomicBoolean();
        private final long timeoutMillis;
        private ScheduledFuture<?> kill;
        long pid;
        int exitCode;
        /** The status peeked with waitid, as the JDK reports it; -1 when not peeked. */
        int peeked = -1;
        private boolean stdoutClosed;
        private boolean stderrClosed;

        Handler(long timeoutMillis) {
            this.timeoutMillis = timeoutMillis;
        }

        @Override
        public void onStart(NuProcess process) {
            pid = process.getPID();
            process.closeStdin(true);
            if (timeoutMillis > 0) {
                kill = timer.schedule(() -> {
                    timedOut.set(true);
                    KillTimer.killTree(pid); // its descendants too: one holding stdout must not hold run()
                    process.destroy(true);
                }, timeoutMillis);
            }
        }

        @Override
        public void onStdout(ByteBuffer buffer, boolean closed) {
            copy(buffer, stdout);
            if (closed && !stdoutClosed) {
                stdoutClosed = true;
                peekWhenBothClosed();
            }
        }

        @Override
        public void onStderr(ByteBuffer buffer, boolean closed) {
            copy(buffer, stderr);
            if (closed && !stderrClosed) {
                stderrClosed = true;
                peekWhenBothClosed();
            }
        }

        private void peekWhenBothClosed() {
            if (stdoutClosed && stderrClosed && pid > 0 && LibC.unavailableReason().isEmpty()) {
                peeked = peekExitStatus((int) pid);
            }
        }

        /** The exit status as the JDK reports it. */
        int status() {
            if (peeked >= 0) {
                return peeked;
            }
            if (exitCode == Integer.MIN_VALUE) {
                return 127;
            }
            return timedOut.get() && exitCode == LibC.SIGKILL ? 128 + LibC.SIGKILL : exitCode;
        }

        @Override
        public void onExit(int code) {
            exitCode = code;
            if (kill != null) {
                kill.cancel(false);
            }
        }

        private void copy(ByteBuffer buffer, BoundedCapture to) {
            int n = buffer.remaining();
            if (n > 0) {
                if (buffer.hasArray()) {
                    to.write(buffer.array(), buffer.arrayOffset() + buffer.position(), n);
                    buffer.position(buffer.limit());
                } else {
                    byte[] b = new byte[n];
                    buffer.get(b);
                    to.write(b, 0, n);
                }
            }
        }
    }
}
