package io.github.poolbench.report.compare;

import java.util.Locale;

/**
 * Which way is better for a score. JMH's throughput mode counts operations per unit of time
 * (higher is better); average time, sample time and single shot measure time per operation
 * (lower is better). The mode decides; the unit only breaks the tie for a mode this code does
 * not know (a foreign file), where {@code ops/...} reads as a rate.
 */
public enum Direction {
    HIGHER_IS_BETTER("higher is better"),
    LOWER_IS_BETTER("lower is better");

    private final String words;

    Direction(String words) {
        this.words = words;
    }

    public static Direction of(String mode, String unit) {
        String m = mode == null ? "" : mode.trim().toLowerCase(Locale.ROOT);
        switch (m) {
            case "thrpt":
                return HIGHER_IS_BETTER;
            case "avgt":
            case "sample":
            case "ss":
                return LOWER_IS_BETTER;
            default:
                String u = unit == null ? "" : unit.trim().toLowerCase(Locale.ROOT);
                return u.startsWith("ops/") ? HIGHER_IS_BETTER : LOWER_IS_BETTER;
        }
    }

    /**
     * How many times worse {@code current} is than {@code base}, as a factor on the time per
     * operation: 2.0 means twice the time per op (or half the throughput), 0.5 twice as fast.
     * Expressing both directions on one scale lets one threshold mean the same in every mode.
     */
    public double slowdown(double base, double current) {
        return this == LOWER_IS_BETTER ? current / base : base / current;
    }

    @Override
    public String toString() {
        return words;
    }
}
