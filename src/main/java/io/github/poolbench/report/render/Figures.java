package io.github.poolbench.report.render;

import io.github.poolbench.report.analysis.Estimate;
import io.github.poolbench.report.analysis.Group;
import io.github.poolbench.report.analysis.OverheadGap;
import io.github.poolbench.report.analysis.Params;
import io.github.poolbench.report.analysis.Row;
import io.github.poolbench.report.analysis.Units;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.DoubleFunction;

/**
 * Turns the analysis into what the charts and tables show: which bars, which series, in which
 * unit. Values are kept in a base unit (seconds per op, ops per second, or the file's own
 * unit for anything else) and written with a formatter that picks a readable unit.
 */
public final class Figures {
    private Figures() {
    }

    /** How a group's values are measured and written. */
    public record Scale(String axisLabel, String unitName, DoubleFunction<String> format,
                        DoubleFunction<String> tickFormat, Units.DisplayUnit unit) {
        /** "297 (285 – 310)" in this scale's display unit (no unit name): the figure and its interval. */
        public String cell(Estimate e) {
            String value = Units.formatNumber(unit.convert(e.value()));
            return e.high() > e.low() && Double.isFinite(e.low()) && Double.isFinite(e.high())
                    ? value + " (" + Units.formatNumber(unit.convert(e.low())) + " – "
                    + Units.formatNumber(unit.convert(e.high())) + ")" : value;
        }
    }

    /** The overhead-gap chart: every strategy's 1000-task batch, per label, the document's figures in grey. */
    public static BarData gap(OverheadGap gap) {
        Map<String, Map<String, Estimate>> values = new LinkedHashMap<>();
        for (OverheadGap.Entry e : gap.entries()) {
            values.computeIfAbsent(e.label(), k -> new LinkedHashMap<>()).put(e.strategy(), e.perThousand());
        }
        BarData probe = new BarData("", "", "", gap.strategies(), gap.labels(), values, List.of(), Units::formatSeconds,
                Units::formatSecondsShort);
        boolean log = probe.range().log();
        boolean scaled = gap.entries().stream().anyMatch(e -> e.tasks() > 0 && e.tasks() != OverheadGap.DOCUMENTED_TASKS);
        Map<String, Map<String, BarData.Spread>> spreads = new LinkedHashMap<>();
        for (OverheadGap.Entry e : gap.entries()) {
            if (!e.documented()) {
                double scale = e.tasks() > 0 ? (double) OverheadGap.DOCUMENTED_TASKS / e.tasks() : 1;
                spreads.computeIfAbsent(e.label(), k -> new LinkedHashMap<>())
                        .put(e.strategy(), spread(e.result().primary(), true, scale));
            }
        }
        return new BarData("The overhead gap: " + OverheadGap.DOCUMENTED_TASKS + " increments per strategy",
                "whole batch, submitted and completed" + (scaled ? " (runs of other sizes scaled to "
                        + OverheadGap.DOCUMENTED_TASKS + " tasks)" : "") + "; bar: median of fork means, whisker: "
                        + "their range (1 fork: JMH 99.9%), dots: forks; grey: " + OverheadGap.DOCUMENTED_LABEL,
                "time for " + OverheadGap.DOCUMENTED_TASKS + " tasks" + (log ? " (log scale)" : ""),
                gap.strategies(), gap.labels(), values, List.of(OverheadGap.DOCUMENTED_LABEL), Units::formatSeconds,
                Units::formatSecondsShort, spreads);
    }

    /** The scale a group is shown in, from the kind of its unit and the size of its values. */
    public static Scale scale(Group g) {
        double[] base = g.rows().stream().map(Figures::value).flatMap(Optional::stream)
                .mapToDouble(Estimate::value).filter(Double::isFinite).toArray();
        double median = base.length == 0 ? Double.NaN : median(base);
        switch (g.kind()) {
            case TIME_PER_OP: {
                Units.DisplayUnit u = Units.timeUnitFor(median);
                return new Scale("time per operation", u.name() + "/op", Units::formatSeconds, Units::formatSecondsShort, u);
            }
            case OPS_PER_TIME: {
                Units.DisplayUnit u = Units.throughputUnitFor(median);
                return new Scale("operations per " + u.name().substring(4) + " (higher is better)", u.name(),
                        v -> Units.formatNumber(u.convert(v)), v -> Units.formatNumberShort(u.convert(v)), u);
            }
            default: {
                String unit = g.rows().get(0).result().primary().unit();
                Units.DisplayUnit same = new Units.DisplayUnit(unit, 1);
                return new Scale(unit, unit, Units::formatNumber, Units::formatNumberShort, same);
            }
        }
    }

    /**
     * The dots beside a bar: fork means and iterations converted to the base unit (seconds
     * per op when {@code time}, else ops per second or the metric's own unit), times {@code scale}.
     */
    static BarData.Spread spread(io.github.poolbench.report.model.Metric m, boolean time, double scale) {
        java.util.function.DoubleUnaryOperator base = v -> {
            switch (Units.kind(m.unit())) {
                case TIME_PER_OP:
                case OPS_PER_TIME:
                    return (time ? Units.secondsPerOp(v, Double.NaN, m.unit()) : Units.opsPerSecond(v, Double.NaN, m.unit()))
                            .map(Estimate::value).orElse(Double.NaN) * scale;
                default:
                    return v * scale;
            }
        };
        List<Double> forks = m.forkCount() >= 2 ? m.forkMeans().stream().map(base::applyAsDouble).toList() : List.of();
        List<Double> iterations = m.samples().stream().map(base::applyAsDouble).toList();
        String note = io.github.poolbench.report.analysis.Spread.bimodal(m.samples()).map(b -> "bimodal").orElse("");
        return new BarData.Spread(forks, iterations, note);
    }

    /** A row's primary score in its group's base unit. */
    public static Optional<Estimate> value(Row row) {
        var m = row.result().primary();
        switch (Units.kind(m.unit())) {
            case TIME_PER_OP:
                return Units.secondsPerOp(m);
            case OPS_PER_TIME:
                return Units.opsPerSecond(m);
            default:
                return Optional.of(io.github.poolbench.report.analysis.Spread.of(m, false));
        }
    }

    /** The name of a row within its group: its distinguishing params, strategy first. */
    public static String rowName(Group g, Row row, String... omit) {
        SortedMap<String, String> params = g.distinguishing(row, omit);
        List<String> parts = new ArrayList<>();
        if (g.seriesParam() != null && params.containsKey(g.seriesParam())) {
            parts.add(params.remove(g.seriesParam()));
        }
        String rest = Params.describe(params);
        if (!rest.isEmpty()) {
            parts.add(rest);
        }
        return parts.isEmpty() ? g.method() : String.join(" · ", parts);
    }

    /** True when the group is drawn as lines over its numeric {@link Group#xParam()}. */
    public static boolean isLine(Group g) {
        return g.xParam() != null;
    }

    public static BarData bars(Group g) {
        Scale scale = scale(g);
        List<String> categories = new ArrayList<>();
        Map<String, Map<String, Estimate>> values = new LinkedHashMap<>();
        Map<String, Map<String, BarData.Spread>> spreads = new LinkedHashMap<>();
        for (Row row : g.rows()) {
            String category = rowName(g, row);
            if (!categories.contains(category)) {
                categories.add(category);
            }
            value(row).ifPresent(v -> values.computeIfAbsent(row.label(), k -> new LinkedHashMap<>())
                    .putIfAbsent(category, v));
            spreads.computeIfAbsent(row.label(), k -> new LinkedHashMap<>()).putIfAbsent(category,
                    spread(row.result().primary(), g.kind() != Units.Kind.OPS_PER_TIME, 1));
        }
        boolean log = new BarData("", "", "", categories, g.labels(), values, List.of(),
                scale.format(), scale.tickFormat()).range().log();
        return new BarData(g.title() + " (" + modeName(g.mode()) + ")", subtitle(g),
                scale.axisLabel() + (log ? " (log scale)" : ""), categories, g.labels(), values, List.of(), scale.format(),
                scale.tickFormat(), spreads);
    }

    public static LineData lines(Group g) {
        Scale scale = scale(g);
        Map<String, SortedMap<Double, Estimate>> series = new LinkedHashMap<>();
        List<String> order = new ArrayList<>();
        boolean manyLabels = g.labels().size() > 1;
        for (Row row : g.rows()) {
            String name = rowName(g, row, g.xParam());
            if (name.equals(g.method())) {
                name = g.title();
            }
            if (manyLabels) {
                name = name + " [" + row.label() + "]";
            }
            if (!order.contains(name)) {
                order.add(name);
            }
            double x = Params.number(row.result().param(g.xParam())).orElse(Double.NaN);
            String key = name;
            value(row).ifPresent(v -> series.computeIfAbsent(key, k -> new TreeMap<>()).putIfAbsent(x, v));
        }
        boolean log = new LineData("", "", "", "", series, order, scale.format(), scale.tickFormat()).yRange().log();
        return new LineData(g.title() + " (" + modeName(g.mode()) + ")", subtitle(g), g.xParam(),
                scale.axisLabel() + (log ? " (log scale)" : ""), series, order, scale.format(), scale.tickFormat());
    }

    /** JMH's long name of a mode. */
    public static String modeName(String mode) {
        switch (mode) {
            case "thrpt":
                return "throughput";
            case "avgt":
                return "average time";
            case "sample":
                return "sampled time";
            case "ss":
                return "single shot";
            default:
                return mode;
        }
    }

    private static String subtitle(Group g) {
        String common = Params.describe(g.commonParams());
        return common.isEmpty() ? "" : common;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
