package io.github.poolbench.report.render;

import java.util.Arrays;

/**
 * The value range an axis shows, and whether it is logarithmic: pure arithmetic, unit-tested.
 * A linear range starts at zero for positive data (bars must not exaggerate); a log range runs
 * from the power of ten below the smallest value to the one above the largest. Values that are
 * NaN or infinite are left out; the range is never empty.
 */
public record ChartRange(double lower, double upper, boolean log) {
    /** Data spanning this many times from smallest to largest is drawn on a log axis. */
    public static final double LOG_SPAN = 100;
    private static final double PADDING = 0.05;

    public ChartRange {
        if (!(lower < upper)) {
            throw new IllegalArgumentException("empty range [" + lower + ", " + upper + "]");
        }
        if (log && lower <= 0) {
            throw new IllegalArgumentException("a log range must be positive, got lower " + lower);
        }
    }

    /** Log when every finite value is positive and they span at least {@link #LOG_SPAN}, else linear. */
    public static ChartRange auto(double... values) {
        return auto(values, new double[0]);
    }

    /**
     * As {@link #auto(double...)}, deciding on the {@code values} alone and widening the range
     * to hold the interval {@code bounds} too (on a log axis, only the positive ones: a
     * whisker that reaches below zero is cut at the axis).
     */
    public static ChartRange auto(double[] values, double[] bounds) {
        double[] finite = finite(values);
        if (finite.length == 0) {
            return new ChartRange(0, 1, false);
        }
        double min = Arrays.stream(finite).min().orElseThrow();
        double max = Arrays.stream(finite).max().orElseThrow();
        double[] all = java.util.stream.DoubleStream.concat(Arrays.stream(finite), Arrays.stream(finite(bounds))).toArray();
        if (min > 0 && max / min >= LOG_SPAN) {
            double[] positiveBounds = Arrays.stream(finite(bounds)).filter(b -> b >= min / 1000).toArray();
            return logarithmic(java.util.stream.DoubleStream.concat(Arrays.stream(finite), Arrays.stream(positiveBounds)).toArray());
        }
        return linear(all);
    }

    /** From the power of ten at or below the smallest positive value to the one above the largest. */
    public static ChartRange logarithmic(double... values) {
        double[] positive = Arrays.stream(finite(values)).filter(v -> v > 0).toArray();
        if (positive.length == 0) {
            return new ChartRange(1, 10, true);
        }
        double min = Arrays.stream(positive).min().orElseThrow();
        double max = Arrays.stream(positive).max().orElseThrow();
        double lower = Math.pow(10, Math.floor(Math.log10(min) + 1e-9));
        double upper = Math.pow(10, Math.ceil(Math.log10(max) - 1e-9));
        if (upper <= max * (1 + 1e-9)) {
            // a value on a power of ten would sit on the frame: one more decade of room
            upper *= 10;
        }
        return new ChartRange(lower, upper, true);
    }

    /** Zero to the largest value plus 5% for positive data; padded both ways when values go negative. */
    public static ChartRange linear(double... values) {
        double[] finite = finite(values);
        if (finite.length == 0) {
            return new ChartRange(0, 1, false);
        }
        double min = Math.min(0, Arrays.stream(finite).min().orElseThrow());
        double max = Math.max(0, Arrays.stream(finite).max().orElseThrow());
        double span = max - min;
        if (span == 0) {
            return new ChartRange(0, 1, false);
        }
        double lower = min < 0 ? min - span * PADDING : 0;
        double upper = max > 0 ? max + span * PADDING : 0;
        return new ChartRange(lower, upper, false);
    }

    /** Decades shown on a log range (1 for a linear one). */
    public int decades() {
        return log ? (int) Math.round(Math.log10(upper / lower)) : 1;
    }

    private static double[] finite(double[] values) {
        return Arrays.stream(values).filter(Double::isFinite).toArray();
    }
}
