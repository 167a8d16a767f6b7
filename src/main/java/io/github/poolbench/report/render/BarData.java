package io.github.poolbench.report.render;

import io.github.poolbench.report.analysis.Estimate;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.DoubleFunction;

/**
 * What a horizontal bar chart shows, before any JFreeChart object exists.
 *
 * @param title      chart title
 * @param subtitle   one line under it (may be empty)
 * @param axisLabel  the value axis, with its unit
 * @param categories one group of bars each, top to bottom
 * @param series     the bars of each category, in legend order
 * @param values     series name -> category -> value; a missing pair draws no bar
 * @param greySeries series drawn grey (the document's figures)
 * @param format     how a value is written on its bar
 * @param tickFormat how a value is written on the axis
 */
public record BarData(String title, String subtitle, String axisLabel, List<String> categories, List<String> series,
                      Map<String, Map<String, Estimate>> values, List<String> greySeries,
                      DoubleFunction<String> format, DoubleFunction<String> tickFormat,
                      Map<String, Map<String, Spread>> spreads) {
    /**
     * What is drawn beside a bar: each fork's mean as a dot, each iteration faintly, and a note
     * after its value (e.g. "bimodal"). Values in the same base unit as the bar.
     */
    public record Spread(List<Double> forkMeans, List<Double> iterations, String note) {
        public Spread {
            forkMeans = List.copyOf(forkMeans);
            iterations = List.copyOf(iterations);
            note = note == null ? "" : note;
        }
    }

    public BarData {
        Objects.requireNonNull(title);
        Objects.requireNonNull(subtitle);
        Objects.requireNonNull(axisLabel);
        Objects.requireNonNull(format);
        Objects.requireNonNull(tickFormat);
        categories = List.copyOf(categories);
        series = List.copyOf(series);
        values = Map.copyOf(values);
        greySeries = List.copyOf(greySeries);
        spreads = Map.copyOf(spreads);
    }

    /** Bars without dots. */
    public BarData(String title, String subtitle, String axisLabel, List<String> categories, List<String> series,
                   Map<String, Map<String, Estimate>> values, List<String> greySeries,
                   DoubleFunction<String> format, DoubleFunction<String> tickFormat) {
        this(title, subtitle, axisLabel, categories, series, values, greySeries, format, tickFormat, Map.of());
    }

    /** The dots of one bar, or null. */
    public Spread spread(String seriesName, String category) {
        Map<String, Spread> m = spreads.get(seriesName);
        return m == null ? null : m.get(category);
    }

    /** Every value, for the range maths. */
    public double[] allValues() {
        return values.values().stream().flatMap(m -> m.values().stream()).mapToDouble(Estimate::value).toArray();
    }

    /** Every interval bound, for the range maths. */
    public double[] allBounds() {
        // the dots of every fork and iteration must land on the axis too
        return java.util.stream.DoubleStream.concat(values.values().stream().flatMap(m -> m.values().stream())
                .flatMapToDouble(e -> java.util.stream.DoubleStream.of(e.low(), e.high())),
                spreads.values().stream().flatMap(m -> m.values().stream())
                        .flatMap(sp -> java.util.stream.Stream.concat(sp.forkMeans().stream(), sp.iterations().stream()))
                        .mapToDouble(Double::doubleValue)).toArray();
    }

    /** The range of the value axis. */
    public ChartRange range() {
        return ChartRange.auto(allValues(), allBounds());
    }
}
