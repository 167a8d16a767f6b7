package io.github.poolbench.report.render;

import io.github.poolbench.report.analysis.Estimate;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.function.DoubleFunction;
import java.util.stream.DoubleStream;

/**
 * What a line chart over a numeric param shows, before any JFreeChart object exists.
 *
 * @param series  series name -> x -> value, series in legend order
 * @param x       how the x axis is scaled: {@link Axis#AUTO} decides on the span of the values
 *                ({@link ChartRange#auto})
 * @param y       the same for the y axis
 * @param markers reference lines across the plot
 * @param looks   how a series is drawn, by name; a series without one gets the colour of its
 *                place in {@code order} and a solid line
 */
public record LineData(String title, String subtitle, String xLabel, String yLabel,
                       Map<String, SortedMap<Double, Estimate>> series, List<String> order,
                       DoubleFunction<String> format, DoubleFunction<String> tickFormat,
                       Axis x, Axis y, List<Marker> markers, Map<String, Look> looks) {
    /** How an axis is scaled. */
    public enum Axis {
        /** Logarithmic when the values span {@link ChartRange#LOG_SPAN} or more, linear otherwise. */
        AUTO,
        /** Logarithmic whenever there are positive values. */
        LOG,
        /** Linear from zero, and wide enough for the markers on it. */
        LINEAR
    }

    public LineData {
        Objects.requireNonNull(title);
        Objects.requireNonNull(x);
        Objects.requireNonNull(y);
        Objects.requireNonNull(subtitle);
        Objects.requireNonNull(format);
        series = Map.copyOf(series);
        order = List.copyOf(order);
        markers = List.copyOf(markers);
        looks = Map.copyOf(looks);
    }

    /** Every series in its own colour, solid. */
    public LineData(String title, String subtitle, String xLabel, String yLabel,
                    Map<String, SortedMap<Double, Estimate>> series, List<String> order,
                    DoubleFunction<String> format, DoubleFunction<String> tickFormat,
                    Axis x, Axis y, List<Marker> markers) {
        this(title, subtitle, xLabel, yLabel, series, order, format, tickFormat, x, y, markers, Map.of());
    }

    /** Axes chosen from the data, no markers. */
    public LineData(String title, String subtitle, String xLabel, String yLabel,
                    Map<String, SortedMap<Double, Estimate>> series, List<String> order,
                    DoubleFunction<String> format, DoubleFunction<String> tickFormat) {
        this(title, subtitle, xLabel, yLabel, series, order, format, tickFormat, Axis.AUTO, Axis.AUTO, List.of(), Map.of());
    }

    /**
     * How one series is drawn: the palette colour {@code color} and the line pattern
     * {@code variant} (0 solid, then dashed, dotted...). Several files side by side keep one
     * colour per strategy and one pattern per file.
     */
    public record Look(int color, int variant) {
    }

    /** The look of a series: its own, or the colour of its place in {@link #order()}, solid. */
    public Look look(String name) {
        Look l = looks.get(name);
        return l != null ? l : new Look(Math.max(0, order.indexOf(name)), 0);
    }

    /** A reference line at {@code value} across the x axis ({@code onX}: a vertical line) or the y axis. */
    public record Marker(boolean onX, double value, String label) {
        public Marker {
            Objects.requireNonNull(label);
        }
    }

    /** The range of the y axis: decided on the values, widened for the intervals; log when asked and possible. */
    public ChartRange yRange() {
        double[] values = series.values().stream().flatMap(m -> m.values().stream()).mapToDouble(Estimate::value).toArray();
        double[] bounds = series.values().stream().flatMap(m -> m.values().stream())
                .flatMapToDouble(e -> DoubleStream.of(e.low(), e.high())).toArray();
        if (y == Axis.LINEAR) {
            double[] marks = markers.stream().filter(m -> !m.onX()).mapToDouble(Marker::value).toArray();
            return ChartRange.linear(java.util.stream.Stream.of(values, bounds, marks).flatMapToDouble(Arrays::stream).toArray());
        }
        if (y == Axis.LOG) {
            double[] positive = Arrays.stream(values).filter(v -> v > 0 && Double.isFinite(v)).toArray();
            if (positive.length > 0) {
                double min = Arrays.stream(positive).min().orElseThrow();
                double[] positiveBounds = Arrays.stream(bounds).filter(b -> b >= min / 1000 && Double.isFinite(b)).toArray();
                return ChartRange.logarithmic(DoubleStream.concat(Arrays.stream(positive), Arrays.stream(positiveBounds)).toArray());
            }
        }
        return ChartRange.auto(values, bounds);
    }

    /** The range of the x axis: log (hugging the data) when asked and possible or when the values span 100×. */
    public ChartRange xRange() {
        double[] xs = Arrays.stream(xValues()).filter(Double::isFinite).toArray();
        double[] positive = Arrays.stream(xs).filter(v -> v > 0).toArray();
        if (x == Axis.LINEAR) {
            return ChartRange.linear(xs);
        }
        if ((x == Axis.LOG && positive.length > 0) || ChartRange.auto(xs).log()) {
            // points, not bars: hug the data instead of rounding out to whole decades
            double min = Arrays.stream(positive).min().orElseThrow();
            double max = Arrays.stream(positive).max().orElseThrow();
            return new ChartRange(min / 1.3, max * 1.3, true);
        }
        return ChartRange.auto(xs);
    }

    public double[] xValues() {
        return series.values().stream().flatMap(m -> m.keySet().stream()).mapToDouble(Double::doubleValue).toArray();
    }
}
