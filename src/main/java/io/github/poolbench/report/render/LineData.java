package io.github.poolbench.report.render;

import io.github.poolbench.report.analysis.Estimate;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.function.DoubleFunction;

/**
 * What a line chart over a numeric param shows, before any JFreeChart object exists.
 *
 * @param series series name -> x -> value, series in legend order
 */
public record LineData(String title, String subtitle, String xLabel, String yLabel,
                       Map<String, SortedMap<Double, Estimate>> series, List<String> order,
                       DoubleFunction<String> format, DoubleFunction<String> tickFormat) {
    public LineData {
        Objects.requireNonNull(title);
        Objects.requireNonNull(subtitle);
        Objects.requireNonNull(format);
        series = Map.copyOf(series);
        order = List.copyOf(order);
    }

    /** The range of the y axis: decided on the values, widened for the intervals. */
    public ChartRange yRange() {
        double[] values = series.values().stream().flatMap(m -> m.values().stream()).mapToDouble(Estimate::value).toArray();
        double[] bounds = series.values().stream().flatMap(m -> m.values().stream())
                .flatMapToDouble(e -> java.util.stream.DoubleStream.of(e.low(), e.high())).toArray();
        return ChartRange.auto(values, bounds);
    }

    public double[] xValues() {
        return series.values().stream().flatMap(m -> m.keySet().stream()).mapToDouble(Double::doubleValue).toArray();
    }
}
