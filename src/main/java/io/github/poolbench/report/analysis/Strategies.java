package io.github.poolbench.report.analysis;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the report knows about the suite's strategy names. It reads them as strings from the
 * JSON (report never imports exec/), so a stranger's strategy simply sorts after ours.
 */
public final class Strategies {
    public static final String PARAM = "strategy";
    public static final String BASELINE = "CALLER_THREAD";

    /** The order strategies are shown in: baseline, thread pools, per-thread, process pool, per-process. */
    public static final List<String> ORDER = List.of(
            "CALLER_THREAD", "FIXED_THREAD_POOL", "FORK_JOIN_POOL", "THREAD_PER_TASK", "VIRTUAL_THREAD_PER_TASK",
            "FIXED_PROCESS_POOL", "PROCESS_PER_TASK", "NATIVE_PROCESS_PER_TASK");

    /** Each per-task strategy and the pooled strategy it is measured against. */
    public static final Map<String, String> POOLED_COUNTERPART = Map.of(
            "THREAD_PER_TASK", "FIXED_THREAD_POOL",
            "VIRTUAL_THREAD_PER_TASK", "FIXED_THREAD_POOL",
            "PROCESS_PER_TASK", "FIXED_PROCESS_POOL",
            "NATIVE_PROCESS_PER_TASK", "FIXED_PROCESS_POOL");

    private static final Map<String, String> DESCRIPTION = Map.of(
            "CALLER_THREAD", "the work inline on the calling thread",
            "FIXED_THREAD_POOL", "a task on a pooled thread",
            "FORK_JOIN_POOL", "a task on a fork-join pool",
            "THREAD_PER_TASK", "one new thread per task",
            "VIRTUAL_THREAD_PER_TASK", "one new virtual thread per task",
            "FIXED_PROCESS_POOL", "a task sent to a pooled JVM",
            "PROCESS_PER_TASK", "one new JVM per task",
            "NATIVE_PROCESS_PER_TASK", "one new native process per task");

    /** Known strategies in {@link #ORDER}, then the rest alphabetically. */
    public static final Comparator<String> COMPARATOR = Comparator
            .<String>comparingInt(s -> ORDER.contains(s) ? ORDER.indexOf(s) : ORDER.size())
            .thenComparing(Comparator.naturalOrder());

    private Strategies() {
    }

    public static Optional<String> pooledCounterpart(String strategy) {
        return Optional.ofNullable(POOLED_COUNTERPART.get(strategy));
    }

    /** "one new JVM per task"; a strategy the report does not know is named as it is. */
    public static String describe(String strategy) {
        return DESCRIPTION.getOrDefault(strategy, strategy);
    }

    /**
     * As {@link #describe(String)}, for a row of a given benchmark class: a process strategy of
     * the Python reference ({@code python.*}) starts Python processes, not JVMs.
     */
    public static String describe(String strategy, String className) {
        if (className != null && className.toLowerCase(java.util.Locale.ROOT).startsWith("python")) {
            switch (strategy) {
                case "PROCESS_PER_TASK":
                    return "one new Python process per task";
                case "FIXED_PROCESS_POOL":
                    return "a task sent to a pooled Python process";
                default:
                    return describe(strategy);
            }
        }
        return describe(strategy);
    }

    /** The suite's process strategies, for its files recorded before the run wrote its strategy facts. */
    private static final java.util.Set<String> RECORDED_BEFORE_FACTS_PROCESS = java.util.Set.of(
            "FIXED_PROCESS_POOL", "PROCESS_PER_TASK", "NATIVE_PROCESS_PER_TASK");

    /**
     * A strategy that runs its tasks in other processes: what the run recorded (its env record's
     * strategy facts); for a file without them, one of the suite's own process strategies by its
     * exact name (never a guess from part of a name).
     */
    public static boolean isProcess(String strategy, io.github.poolbench.report.model.StrategyFacts facts) {
        return facts.of(strategy).map(f -> f.runsIn() == io.github.poolbench.report.model.StrategyFacts.RunsIn.PROCESS)
                .orElseGet(() -> facts.isEmpty() && RECORDED_BEFORE_FACTS_PROCESS.contains(strategy));
    }

    public static boolean isPerTask(String strategy) {
        return POOLED_COUNTERPART.containsKey(strategy);
    }
}
