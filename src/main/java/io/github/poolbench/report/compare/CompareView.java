package io.github.poolbench.report.compare;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A {@link Comparison} turned into text cells, shared by the terminal table, the Markdown and
 * the HTML page so that all three say the same thing. Rows come most pressing first; params
 * that have one value in every row are said once ({@link #commonParams}) instead of in every row.
 */
public final class CompareView {
    public static final List<String> HEADERS = List.of("verdict", "benchmark", "mode", "params", "baseline", "current",
            "change", "p (BH)", "samples");

    private final Comparison comparison;
    private final SortedMap<String, String> common;

    public CompareView(Comparison comparison) {
        this.comparison = comparison;
        this.common = commonParams(Stream.of(
                comparison.rows().stream().map(RowComparison::key), comparison.missing().stream(),
                comparison.added().stream()).flatMap(s -> s).collect(Collectors.toList()));
    }

    public Comparison comparison() {
        return comparison;
    }

    /** One table row, cells in {@link #HEADERS} order, plus its verdict and footnote. */
    public record Row(Verdict verdict, List<String> cells, String note) {
    }

    public List<Row> rows() {
        List<Row> out = new ArrayList<>();
        comparison.rows().stream().sorted(Comparator.comparing(RowComparison::verdict)).forEach(r -> out.add(new Row(
                r.verdict(),
                List.of(verdictWords(r), r.key().shortName(), r.key().mode(), params(r.key()),
                        score(r.baseScore(), r.baseError(), r.unit()), score(r.currentScore(), r.currentError(), r.unit()),
                        change(r), p(r), r.test() == null ? "—" : r.test().basis()),
                noteWorthy(r) ? r.note() : null)));
        return out;
    }

    /** In an A/A calibration a flagged row is the noise the gate would have mistaken for a change. */
    private String verdictWords(RowComparison r) {
        boolean flagged = r.verdict() == Verdict.REGRESSION || r.verdict() == Verdict.IMPROVEMENT;
        return comparison.settings().aa() && flagged ? "false alarm: " + r.verdict().words() : r.verdict().words();
    }

    /** The first lines of every output: what was compared, how, and in which environment. */
    public List<String> header() {
        CompareSettings s = comparison.settings();
        List<String> lines = new ArrayList<>();
        lines.add("baseline " + comparison.baseline() + " vs current " + String.join(" + ", comparison.current()));
        if (s.aa()) {
            lines.add("A/A calibration: both sides are the same build, so every change is this runner's noise and a"
                    + " flagged row would be a false alarm");
        }
        lines.add("regression = more than " + percent(s.threshold()) + " worse in time per op (throughput inverted)"
                + " and significant: Welch's t-test on the logs of one sample per fork (iterations when a side has"
                + " fewer than " + SampleTest.MIN_FORKS + " forks: pseudo-replicated), Benjamini-Hochberg correction"
                + " across the " + comparison.testedRows() + (comparison.testedRows() == 1 ? " row" : " rows")
                + " tested at once, at alpha " + plain(s.alpha()));
        int pseudo = comparison.pseudoReplicated().size();
        if (pseudo > 0) {
            lines.add(pseudo + " of " + comparison.rows().size() + " rows are pseudo-replicated (iterations of fewer"
                    + " than " + SampleTest.MIN_FORKS + " forks): their p-values are optimistic; measure 5 forks or more a side");
        }
        lines.add("environment: " + comparison.baseEnv() + (comparison.comparable() ? ""
                : " (baseline) vs " + comparison.currentEnv() + " (current)"));
        if (!common.isEmpty()) {
            lines.add("same in every row: " + common.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(" ")));
        }
        return lines;
    }

    /** Rows beyond the threshold, with where the t-test could not run, and rows not judged. */
    public List<String> notes() {
        List<String> notes = new ArrayList<>();
        for (Row r : rows()) {
            if (r.note() != null) {
                notes.add(r.cells().get(1) + " " + r.cells().get(2) + paramsSuffix(r.cells().get(3)) + ": " + r.note());
            }
        }
        return notes;
    }

    /**
     * The largest |change| among the judged rows, e.g. {@code largest |change|: -7.3%
     * (IncrementBenchmark.map strategy=THREAD_PER_TASK)}; empty when no row was judged. In an A/A
     * run it is the runner's noise floor; in any run it says how close the rows came to the bounds.
     */
    public java.util.Optional<String> largestChange() {
        return comparison.largestChange().map(r -> "largest |change|: " + change(r) + " (" + describe(r.key()) + ")");
    }

    public List<String> missing() {
        return comparison.missing().stream().map(this::describe).collect(Collectors.toList());
    }

    public List<String> added() {
        return comparison.added().stream().map(this::describe).collect(Collectors.toList());
    }

    /** A row named without the params common to all rows. */
    public String describe(RowKey k) {
        return k.shortName() + " " + k.mode() + paramsSuffix(params(k));
    }

    private static String paramsSuffix(String params) {
        return params.isEmpty() ? "" : " " + params;
    }

    private String params(RowKey k) {
        return k.params().entrySet().stream().filter(e -> !e.getValue().equals(common.get(e.getKey())))
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }

    private static boolean noteWorthy(RowComparison r) {
        // A missing test matters only where the threshold was crossed; inside it the row passes anyway.
        return r.note() != null && r.verdict() != Verdict.UNCHANGED;
    }

    static SortedMap<String, String> commonParams(List<RowKey> keys) {
        SortedMap<String, String> common = new TreeMap<>();
        if (keys.size() < 2) {
            return common;
        }
        Set<String> names = new LinkedHashSet<>(keys.get(0).params().keySet());
        for (String name : names) {
            String value = keys.get(0).params().get(name);
            if (keys.stream().allMatch(k -> value.equals(k.params().get(name)))) {
                common.put(name, value);
            }
        }
        return common;
    }

    static String score(double score, double error, String unit) {
        String s = number(score);
        if (Double.isFinite(error)) {
            s += " ± " + number(error);
        }
        return s + " " + unit;
    }

    static String change(RowComparison r) {
        if (r.verdict() == Verdict.NOT_JUDGED) {
            return "—";
        }
        double c = r.change();
        if (!Double.isFinite(c)) {
            return "—";
        }
        return (c >= 0 ? "+" : "") + String.format(Locale.ROOT, "%.1f%%", c * 100);
    }

    static String p(RowComparison r) {
        if (r.adjustedP() == null) {
            return "—";
        }
        double p = r.adjustedP();
        return p < 0.0001 ? "<0.0001" : String.format(Locale.ROOT, "%.4f", p);
    }

    /** Four significant digits, never scientific notation for the ranges JMH prints. */
    static String number(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return BigDecimal.valueOf(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }

    static String percent(double fraction) {
        return plain(fraction * 100) + "%";
    }

    static String plain(double v) {
        return BigDecimal.valueOf(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }

    /** For renderers that need the map itself. */
    public Map<String, String> commonParams() {
        return common;
    }
}
