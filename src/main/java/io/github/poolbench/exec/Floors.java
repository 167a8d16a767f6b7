package io.github.poolbench.exec;

import io.github.poolbench.worker.BareMain;
import io.github.poolbench.workload.Job;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * The floors the process strategies are held against, built from the very same machinery
 * (the same K spawning threads, the same spawner, the same {@code map}) with only the child's
 * command changed, so the gap between a strategy and its floor is exactly what the strategy
 * adds: passing the task, running it, returning the value.
 *
 * <ul>
 *   <li>{@link #osFloor}: {@code /bin/true} per input. With the {@code posix_spawn} spawner it
 *       is the least a new process can cost (the floor of NATIVE_PROCESS_PER_TASK); with
 *       {@code processbuilder} (per launch mechanism) or {@code nuprocess} it is that Java
 *       path's own floor, measured against the OS's.</li>
 *   <li>{@link #jvmFloor}: a JVM with the same {@code java}, flags and jar that runs a main
 *       returning at once ({@link BareMain}), per input (the floor of PROCESS_PER_TASK).</li>
 * </ul>
 * Both return the child's exit status (0) for every input, whatever the job.
 * The third floor, a one-int round trip with a pooled worker, is simply
 * {@code FIXED_PROCESS_POOL.apply} on a pool of one.
 */
public final class Floors {
    private Floors() {
    }

    public static TaskPool osFloor(PoolConfig config) {
        return new FixedCommandPool("OS_FLOOR", config, List.of(trueProgram()));
    }

    public static TaskPool jvmFloor(PoolConfig config) {
        return new FixedCommandPool("JVM_FLOOR", config, ChildJvm.forFlags(config.jvmFlags()).command(BareMain.class.getName()));
    }

    private static String trueProgram() {
        for (String p : new String[] {"/bin/true", "/usr/bin/true"}) {
            Path path = Paths.get(p);
            if (Files.isExecutable(path)) {
                return p;
            }
        }
        throw new StrategyUnavailableException("the OS floor needs /bin/true or /usr/bin/true; neither is there");
    }

    /** Runs the same argv for every input and returns its exit status. */
    private static final class FixedCommandPool extends PerTaskProcessPool {
        private final List<String> argv;

        FixedCommandPool(String name, PoolConfig config, List<String> argv) {
            super(name, config, Spawner.named(config.spawner()));
            this.argv = List.copyOf(argv);
        }

        @Override
        protected List<String> command(Job job, int input) {
            return argv;
        }

        @Override
        protected Object result(Job job, int input, List<String> command, Spawner.Outcome o) {
            if (o.exitStatus() != 0) {
                String err = o.stderrTail();
                throw new WorkerDiedException("floor child pid " + o.pid() + " ended with " + ExitStatus.describe(o.exitStatus())
                        + ": " + ChildJvm.describe(command) + (err.isEmpty() ? "" : "; its stderr: " + err), o.pid(), o.exitStatus());
            }
            return 0;
        }
    }
}
