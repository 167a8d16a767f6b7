package io.github.poolbench.exec;

import io.github.poolbench.workload.Job;
import io.github.poolbench.workload.Task;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * NATIVE_PROCESS_PER_TASK: a new native process per task doing the same increment,
 * {@code expr N + 1}, started with an explicit argv (no shell). It separates what the
 * operating system charges for a process from what a JVM adds on top. Only
 * {@link Task#INCREMENT} has a native twin; other tasks are refused before anything starts.
 *
 * <p>{@code expr} exits with 1 when its result is 0 or null (POSIX), which is a valid answer
 * here (input -1); 2 and 3 are its errors.
 */
final class NativeProcessPerTaskPool extends PerTaskProcessPool {
    private final String expr;

    NativeProcessPerTaskPool(PoolConfig config) {
        super("NATIVE_PROCESS_PER_TASK", config, Spawner.named(config.spawner()));
        String reason = unavailableReason();
        if (!reason.isEmpty()) {
            close();
            throw new StrategyUnavailableException(reason);
        }
        this.expr = findExpr();
    }

    /** Why this machine cannot run the strategy ("" when it can): it needs an {@code expr} program. */
    static String unavailableReason() {
        return findExpr() != null ? "" : "NATIVE_PROCESS_PER_TASK needs the expr program; none found in /usr/bin, /bin or PATH";
    }

    private static String findExpr() {
        for (String dir : new String[] {"/usr/bin", "/bin"}) {
            Path p = Paths.get(dir, "expr");
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    Path p = Paths.get(dir, "expr");
                    if (Files.isExecutable(p)) {
                        return p.toString();
                    }
                }
            }
        }
        return null;
    }

    @Override
    protected void check(Job job) {
        if (job.task() != Task.INCREMENT) {
            throw new UnsupportedOperationException("NATIVE_PROCESS_PER_TASK runs only INCREMENT (as expr N + 1); "
                    + job + " has no native twin");
        }
    }

    @Override
    protected List<String> command(Job job, int input) {
        return List.of(expr, Integer.toString(input), "+", "1");
    }

    @Override
    protected Object result(Job job, int input, List<String> argv, Spawner.Outcome o) {
        String out = new String(o.stdout(), StandardCharsets.US_ASCII).trim();
        if (o.exitStatus() == 0 || o.exitStatus() == 1) {
            try {
                return Integer.parseInt(out);
            } catch (NumberFormatException e) {
                // fall through to the error below
            }
        }
        String err = o.stderrTail();
        throw new WorkerDiedException("native child pid " + o.pid() + " ended with " + ExitStatus.describe(o.exitStatus())
                + " and no integer result (stdout '" + out + "') for input " + input + ": " + ChildJvm.describe(argv)
                + (err.isEmpty() ? "" : "; its stderr: " + err), o.pid(), o.exitStatus());
    }
}
