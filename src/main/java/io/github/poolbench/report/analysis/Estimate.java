package io.github.poolbench.report.analysis;

/**
 * A value with the interval JMH's error gives it: {@code [low, high]}. When JMH gave no error
 * (one fork and too few iterations), the interval is the value itself. Infinite or NaN bounds
 * mean "not bounded" and are drawn without a whisker.
 */
public record Estimate(double value, double low, double high) {
    public static Estimate exact(double value) {
        return new Estimate(value, value, value);
    }

    /** {@code score ± error}; a NaN error gives an exact estimate. */
    public static Estimate of(double score, double error) {
        if (Double.isNaN(error) || Double.isInfinite(error)) {
            return exact(score);
        }
        double e = Math.abs(error);
        return new Estimate(score, score - e, score + e);
    }

    public boolean isFinite() {
        return Double.isFinite(value);
    }

    public Estimate times(double factor) {
        return factor >= 0 ? new Estimate(value * factor, low * factor, high * factor)
                : new Estimate(value * factor, high * factor, low * factor);
    }

    /** {@code this / other}, with the widest interval the two intervals allow. */
    public Estimate dividedBy(Estimate other) {
        double v = value / other.value;
        double lo = other.high > 0 ? low / other.high : Double.NaN;
        double hi = other.low > 0 ? high / other.low : Double.POSITIVE_INFINITY;
        return new Estimate(v, Math.min(lo, v), Math.max(hi, v));
    }

    /** {@code this - other}, intervals added. */
    public Estimate minus(Estimate other) {
        return new Estimate(value - other.value, low - other.high, high - other.low);
    }

    /** True when the interval holds zero: the difference is within the noise. */
    public boolean includesZero() {
        return low <= 0 && high >= 0;
    }
}
