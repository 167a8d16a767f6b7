package io.github.poolbench.report.analysis;

import java.util.List;
import java.util.Optional;

/**
 * The sentence at the top of the page, computed from the data: the dearest per-task strategy
 * measured against the cheapest pooled one, per task, e.g. "On this machine, one new JVM per
 * task costs 34.2 ms; a task on a pooled thread 2.05 µs: 16,700× more."
 */
public final class Headline {
    /** Dearest first: the strategies a headline leads with. */
    private static final List<String> PER_TASK = List.of(
            "PROCESS_PER_TASK", "NATIVE_PROCESS_PER_TASK", "THREAD_PER_TASK", "VIRTUAL_THREAD_PER_TASK");
    /** Cheapest first: what it is set against. */
    private static final List<String> POOLED = List.of("FIXED_THREAD_POOL", "FORK_JOIN_POOL", "FIXED_PROCESS_POOL");

    private Headline() {
    }

    /**
     * The headline for one label, or empty when its file has no per-task and pooled pair (the
     * document's figures have their own sentence, {@link #documented()}).
     */
    public static Optional<String> sentence(OverheadGap gap, String label, boolean onlyLabel) {
        if (OverheadGap.DOCUMENTED_LABEL.equals(label)) {
            return Optional.empty();
        }
        Optional<OverheadGap.Entry> slow = first(gap, label, PER_TASK);
        Optional<OverheadGap.Entry> fast = first(gap, label, POOLED);
        if (slow.isEmpty() || fast.isEmpty()) {
            return Optional.empty();
        }
        double a = slow.get().perTask().value();
        double b = fast.get().perTask().value();
        if (!(a > 0) || !(b > 0) || !Double.isFinite(a) || !Double.isFinite(b)) {
            return Optional.empty();
        }
        String where = onlyLabel ? "On this machine" : "On this machine (" + label + ")";
        String comparison = a >= b ? Units.formatRatio(a / b) + " more" : Units.formatRatio(b / a) + " less";
        return Optional.of(where + ", " + describe(slow.get()) + " costs "
                + Units.formatSeconds(a) + "; " + describe(fast.get()) + " "
                + Units.formatSeconds(b) + ": " + comparison + ".");
    }

    /** The document's own figures in one sentence. */
    public static String documented() {
        return "The document measured " + Units.formatSeconds(OverheadGap.DOCUMENTED_PROCESS_PER_TASK_SECONDS)
                + " for " + OverheadGap.DOCUMENTED_TASKS + " tasks with a new Python process each, and "
                + Units.formatSeconds(OverheadGap.DOCUMENTED_POOL_SECONDS) + " through Pool(5): "
                + Units.formatRatio(OverheadGap.documentedGap()) + ".";
    }

    private static String describe(OverheadGap.Entry e) {
        return Strategies.describe(e.strategy(), e.result() == null ? null : e.result().className());
    }

    private static Optional<OverheadGap.Entry> first(OverheadGap gap, String label, List<String> order) {
        for (String s : order) {
            Optional<OverheadGap.Entry> e = gap.entry(label, s);
            if (e.isPresent() && e.get().perTask().isFinite()) {
                return e;
            }
        }
        return Optional.empty();
    }
}
