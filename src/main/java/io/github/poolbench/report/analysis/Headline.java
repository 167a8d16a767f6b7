package io.github.poolbench.report.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The document's question, answered on this machine: how many times a new process per task
 * costs over the process pool (PROCESS_PER_TASK ÷ FIXED_PROCESS_POOL), beside the document's
 * 284× and Python measured here; the thread pair (THREAD_PER_TASK ÷ FIXED_THREAD_POOL) as the
 * second line. Every ratio is the ratio of the two medians of fork means; its interval is the
 * widest the two ranges of fork means allow (min ÷ max .. max ÷ min), see {@link Spread}.
 */
public final class Headline {
    /** A per-task strategy and the pool it is set against. */
    public record Pair(String perTask, String pooled, String name) {
    }

    public static final Pair PROCESS = new Pair("PROCESS_PER_TASK", "FIXED_PROCESS_POOL", "process per task ÷ process pool");
    public static final Pair THREAD = new Pair("THREAD_PER_TASK", "FIXED_THREAD_POOL", "thread per task ÷ thread pool");
    public static final Pair NATIVE = new Pair("NATIVE_PROCESS_PER_TASK", "FIXED_PROCESS_POOL", "native process per task ÷ process pool");
    public static final Pair VIRTUAL = new Pair("VIRTUAL_THREAD_PER_TASK", "FIXED_THREAD_POOL", "virtual thread per task ÷ thread pool");
    /** The columns of the per-file table, in the order the lead reads them. */
    public static final List<Pair> TABLE = List.of(PROCESS, THREAD, NATIVE, VIRTUAL);

    private Headline() {
    }

    /**
     * One pair in one file.
     *
     * @param forks the fewer forks of the two rows (1: the interval is JMH's over iterations)
     */
    public record Gap(String label, Pair pair, OverheadGap.Entry slow, OverheadGap.Entry fast, Estimate ratio, int forks,
                      boolean python) {
        /** "103,000×". */
        public String ratioText() {
            return Units.formatRatio(ratio.value());
        }

        /** "97,600×–116,000× (3 forks)", "up to 477,000× (1 fork)": the interval in a table cell. */
        public String shortInterval() {
            if (slow.documented()) {
                return "the document's figure";
            }
            String n = forks >= 2 ? forks + " forks" : "1 fork";
            if (!Double.isFinite(ratio.low()) || !(ratio.high() > ratio.low())) {
                return n;
            }
            if (ratio.low() <= 0 || !Double.isFinite(ratio.high())) {
                return (Double.isFinite(ratio.high()) ? "up to " + Units.formatRatio(ratio.high()) : "unbounded") + " (" + n + ")";
            }
            return Units.formatRatio(ratio.low()) + "–" + Units.formatRatio(ratio.high()) + " (" + n + ")";
        }

        /** "98,000× – 110,000×, min–max over 3 forks each" or what one fork allows. */
        public String intervalText() {
            if (slow.documented()) {
                return "the document's figures, measured on its author's machine";
            }
            String how = forks >= 2 ? "min–max of " + forks + " fork means each"
                    : "1 fork: JMH's interval over iterations, not forks";
            if (!Double.isFinite(ratio.low()) || !(ratio.high() > ratio.low())) {
                return forks >= 2 ? "" : "1 fork, no interval";
            }
            if (ratio.low() <= 0 || !Double.isFinite(ratio.high())) {
                return (Double.isFinite(ratio.high()) ? "up to " + Units.formatRatio(ratio.high()) : "unbounded")
                        + "; " + how;
            }
            return Units.formatRatio(ratio.low()) + " – " + Units.formatRatio(ratio.high()) + "; " + how;
        }
    }

    /** The pair in a file, when both strategies are there with a finite positive time. */
    public static Optional<Gap> gap(OverheadGap gap, String label, Pair pair) {
        Optional<OverheadGap.Entry> slow = gap.entry(label, pair.perTask());
        Optional<OverheadGap.Entry> fast = gap.entry(label, pair.pooled());
        if (slow.isEmpty() || fast.isEmpty()) {
            return Optional.empty();
        }
        double a = slow.get().perThousand().value();
        double b = fast.get().perThousand().value();
        if (!(a > 0) || !(b > 0) || !Double.isFinite(a) || !Double.isFinite(b)) {
            return Optional.empty();
        }
        boolean documented = slow.get().documented();
        int forks = documented ? 0 : Math.min(slow.get().result().primary().forkCount(),
                fast.get().result().primary().forkCount());
        boolean python = !documented && isPython(slow.get());
        return Optional.of(new Gap(label, pair, slow.get(), fast.get(),
                OverheadGap.gapRatio(slow.get().perThousand(), fast.get().perThousand()), forks, python));
    }

    /**
     * The one bold sentence: the process pair of the first file that measured it in Java,
     * with Python measured here and the document beside it; the thread pair when no file has
     * the process pair; empty when neither is there.
     */
    public static Optional<String> lead(OverheadGap gap, boolean multiLabel) {
        Optional<Gap> java = first(gap, PROCESS, false);
        if (java.isEmpty()) {
            return first(gap, THREAD, false).map(g -> where(g, multiLabel) + "a new thread per task costs "
                    + g.ratioText() + " the time of the thread pool" + bracket(g) + pairTimes(g) + ".");
        }
        Gap g = java.get();
        StringBuilder s = new StringBuilder(where(g, multiLabel)).append("a new JVM per task costs ").append(g.ratioText())
                .append(" the time of the process pool").append(bracket(g)).append(pairTimes(g))
                .append(". The document measured ").append(Units.formatRatio(OverheadGap.documentedGap()))
                .append(" in Python");
        first(gap, PROCESS, true).ifPresentOrElse(p -> s.append("; Python measured here: ").append(p.ratioText())
                        .append(" (").append(p.intervalText().isEmpty() ? "" : p.intervalText() + "; ")
                        .append(p.label()).append(describeSetting(p)).append(")"),
                () -> s.append("; Python was not measured here (with python3 3.8+ on PATH the default run measures it;"
                        + " or run scripts/python-reference.sh and give its jmh.json to the report)"));
        return Optional.of(s.append(".").toString());
    }

    /** The second line: the thread pair of the first file that has it, when the lead is the process pair. */
    public static Optional<String> second(OverheadGap gap, boolean multiLabel) {
        if (first(gap, PROCESS, false).isEmpty()) {
            return Optional.empty();
        }
        return first(gap, THREAD, false).map(g -> where(g, multiLabel) + "a new platform thread per task costs "
                + g.ratioText() + " the time of the thread pool" + bracket(g) + pairTimes(g) + ".");
    }

    /** One row per file (the document's figures last), one cell per pair of {@link #TABLE}; empty cells absent. */
    public static List<List<Optional<Gap>>> table(OverheadGap gap) {
        List<List<Optional<Gap>>> rows = new ArrayList<>();
        for (String label : gap.labels()) {
            List<Optional<Gap>> row = new ArrayList<>();
            for (Pair p : TABLE) {
                row.add(gap(gap, label, p));
            }
            if (row.stream().anyMatch(Optional::isPresent)) {
                rows.add(row);
            }
        }
        return rows;
    }

    /** The document's own figures in one sentence. */
    public static String documented() {
        return "The document measured " + Units.formatSeconds(OverheadGap.DOCUMENTED_PROCESS_PER_TASK_SECONDS)
                + " for " + OverheadGap.DOCUMENTED_TASKS + " tasks with a new Python process each, and "
                + Units.formatSeconds(OverheadGap.DOCUMENTED_POOL_SECONDS) + " through Pool(5): "
                + Units.formatRatio(OverheadGap.documentedGap()) + ", on the author's machine.";
    }

    private static String bracket(Gap g) {
        String i = g.intervalText();
        return i.isEmpty() ? "" : " (" + i + ")";
    }

    private static String where(Gap g, boolean multiLabel) {
        return multiLabel ? "On this machine (" + g.label() + "), " : "On this machine, ";
    }

    private static String pairTimes(Gap g) {
        return ": " + OverheadGap.DOCUMENTED_TASKS + " increments take " + Units.formatSeconds(g.slow().perThousand().value())
                + " against " + Units.formatSeconds(g.fast().perThousand().value());
    }

    private static String describeSetting(Gap g) {
        String method = g.slow().result().param("start_method");
        return method == null ? "" : ", start method " + method;
    }

    private static Optional<Gap> first(OverheadGap gap, Pair pair, boolean python) {
        for (String label : gap.labels()) {
            if (OverheadGap.DOCUMENTED_LABEL.equals(label)) {
                continue;
            }
            Optional<Gap> g = gap(gap, label, pair);
            if (g.isPresent() && g.get().python() == python) {
                return g;
            }
        }
        return Optional.empty();
    }

    private static boolean isPython(OverheadGap.Entry e) {
        return e.result().className().toLowerCase(Locale.ROOT).startsWith("python");
    }
}
