package io.github.poolbench.gate;

import java.util.List;

/**
 * The rows the gate measures and how long each fork runs.
 *
 * <p><b>quick</b> (the default): 4 rows, all with tasks=100 (a tenth of the document's 1000, so a
 * new thread or process per task stays at tens of milliseconds per op):
 * IncrementBenchmark FIXED_THREAD_POOL and THREAD_PER_TASK (the pool hand-off and the per-task
 * thread creation the suite is about), IncrementProcessBenchmark.Pool (the worker-JVM pool) and
 * .NativePerTask with processbuilder (the JDK's spawn path). Left out: CALLER_THREAD and
 * FORK_JOIN_POOL (the same code paths as the rows kept, at no extra information per minute),
 * chunksize=1 (the same hand-off, 50x more of it), a JVM per task (tens of seconds per op) and
 * virtual threads (JDK 21+ only).
 *
 * <p><b>smoke</b>: one row for seconds, to test the gate's plumbing only.
 *
 * @param name   quick or smoke
 * @param parts  one JMH run each in a side's first round (JMH's {@code -p} applies to every class
 *               of a run, so the thread and the process benchmarks run apart)
 * @param timing JMH's warm-up and measurement options for every fork
 */
public record Profile(String name, List<Part> parts, List<String> timing) {
    /**
     * @param name   for file names
     * @param regex  JMH's include pattern
     * @param params {@code -p k=v} arguments
     */
    public record Part(String name, String regex, List<String> params) {
    }

    public static final Profile QUICK = new Profile("quick", List.of(
            new Part("increment", "\\.IncrementBenchmark\\.",
                    List.of("-p", "strategy=FIXED_THREAD_POOL,THREAD_PER_TASK", "-p", "chunksize=auto", "-p", "tasks=100")),
            new Part("process", "\\.IncrementProcessBenchmark\\.(Pool|NativePerTask)\\.",
                    List.of("-p", "chunksize=auto", "-p", "spawner=processbuilder", "-p", "tasks=100"))),
            List.of("-wi", "2", "-w", "300ms", "-i", "4", "-r", "300ms"));

    public static final Profile SMOKE = new Profile("smoke", List.of(
            new Part("increment", "\\.IncrementBenchmark\\.",
                    List.of("-p", "strategy=CALLER_THREAD", "-p", "chunksize=auto", "-p", "tasks=10"))),
            List.of("-wi", "0", "-i", "2", "-r", "50ms"));

    public static Profile named(String name) {
        switch (name) {
            case "quick":
                return QUICK;
            case "smoke":
                return SMOKE;
            default:
                return null;
        }
    }
}
