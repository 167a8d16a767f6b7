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
    public static final List<String> HEADERS = List.of("answer", "benchmark", "mode", "params", "baseline", "current",
            "change", "interval", "would catch", "samples");

    private final Comparison comparison;
    private final SortedMap<String, String> common;
    private final List<String> method;

    public CompareView(Comparison comparison) {
        this(comparison, null);
    }

    /**
     * @param method how the intervals were built, when not by one look at Bonferroni levels (the
     *               sequential gate says its looks and its alpha spending here); null for the default
     */
    public CompareView(Comparison comparison, List<String> method) {
        this.comparison = comparison;
        this.method = method == null ? null : List.copyOf(method);
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
                        change(r), interval(r), catches(r), r.basis() == null ? "—" : r.basis()),
                note(r))));
        return out;
    }

    /** In an A/A calibration a flagged row is the noise the gate would have mistaken for a change. */
    private String verdictWords(RowComparison r) {
        boolean flagged = r.verdict() == Verdict.SLOWER || r.verdict() == Verdict.FASTER;
        if (comparison.settings().aa() && flagged) {
            return "false alarm: " + r.verdict().words();
        }
        return r.verdict() == Verdict.WITHIN ? "within ±" + percent(comparison.settings().threshold())
                : r.verdict().words();
    }

    /** A row's footnote: why it was not judged, why it has no interval, or how far "cannot tell" reaches. */
    private String note(RowComparison r) {
        if (r.note() != null) {
            return r.note();
        }
        if (r.verdict() == Verdict.CANNOT_TELL && r.interval() != null) {
            String t = percent(comparison.settings().threshold());
            ChangeInterval i = r.interval();
            String reach = i.high() >= Math.expm1(Math.log1p(comparison.settings().threshold()))
                    ? "up to " + signed(i.high()) + " slower than +" + t + " allows"
                    : "down to " + signed(i.low()) + ", beyond -" + t;
            return "cannot tell: the interval holds 0 and reaches " + reach + "; it would catch a change of "
                    + signed(i.catches()).substring(1) + " or more (more forks narrow it)";
        }
        return null;
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
        String t = percent(s.threshold());
        lines.add("change = time per op, current vs baseline (a throughput is inverted: +10% is always slower);"
                + " answers: within ±" + t + " = the whole interval lies inside ±" + t + "; slower / faster = the"
                + " interval lies above / below 0 and reaches beyond ±" + t + "; cannot tell = neither");
        long family = comparison.judgedRows();
        if (method != null) {
            lines.addAll(method);
        } else {
            lines.add("interval = Welch's, on the logs of one sample per fork (iterations when a side has fewer than "
                    + RowComparison.MIN_FORKS + " forks: pseudo-replicated); the " + family + (family == 1 ? " row's"
                    : " rows' intervals hold together") + " at " + plain(100 * (1 - s.alpha())) + "% (Bonferroni: each at "
                    + plain(100 * (1 - s.alpha() / Math.max(1, family))) + "%); would catch = the change this measurement"
                    + " detects with 80% power");
        }
        int pseudo = comparison.pseudoReplicated().size();
        if (pseudo > 0) {
            lines.add(pseudo + " of " + comparison.rows().size() + " rows are pseudo-replicated (iterations of fewer"
                    + " than " + RowComparison.MIN_FORKS + " forks): their intervals are too narrow; measure 5 forks or"
                    + " more a side");
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

    /** The row that could catch the least, e.g. {@code weakest row: ... would catch >= 14.2%}. */
    public java.util.Optional<String> weakestRow() {
        return comparison.weakestRow().map(r -> "weakest row: " + describe(r.key()) + " would catch a change of "
                + catches(r) + " (" + r.basis() + ")");
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
        if (r.verdict() == Verdict.NOT_JUDGED || !Double.isFinite(r.change())) {
            return "—";
        }
        return signed(r.change());
    }

    static String interval(RowComparison r) {
        return r.interval() == null ? "—" : signed(r.interval().low()) + " … " + signed(r.interval().high());
    }

    static String catches(RowComparison r) {
        return r.interval() == null ? "—" : "≥ " + signed(r.interval().catches()).substring(1);
    }

    /** A fraction as a signed percentage with one decimal: {@code +7.0%}, {@code -11.3%}. */
    static String signed(double fraction) {
        return (fraction >= 0 ? "+" : "") + String.format(Locale.ROOT, "%.1f%%", fraction * 100);
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
