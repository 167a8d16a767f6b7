package io.github.poolbench.report.compare;

/**
 * How strict the gate is.
 *
 * <p><b>threshold</b> (default {@value #DEFAULT_THRESHOLD}): the smallest slowdown that counts,
 * as a fraction of the time per operation (0.20 = 1.2x the time per op, or throughput down to
 * 1/1.2 of the baseline). Two runs recorded at different times (a stored baseline) differ by
 * more than the noise inside either: a neighbour takes a core, the runner image changed. So
 * the stored-baseline comparison keeps 20%. Base and head measured side by side in ABBA order
 * on one runner ({@code scripts/perf-regression.sh --base}) share that drift, and the script
 * passes a smaller threshold there.
 *
 * <p><b>alpha</b> (default {@value #DEFAULT_ALPHA}): the false discovery rate of the rows judged
 * at once. Welch's t-test runs per row on fork samples (see {@link SampleTest}); the p-values
 * of all tested rows are corrected by Benjamini-Hochberg, and a row is significant when its
 * corrected p-value is below alpha. The p-value is two-sided, which is conservative for the
 * one-sided question "is it slower?".
 *
 * @param threshold    fraction, greater than 0
 * @param alpha        in (0, 1)
 * @param allowMissing a baseline row missing from the current run is listed, not a failure
 * @param force        compare even when the environments differ
 * @param aa           an A/A calibration: both sides are the same build, so every change is the
 *                     runner's noise; a row beyond the bounds is reported as a false alarm, not a failure
 */
public record CompareSettings(double threshold, double alpha, boolean allowMissing, boolean force, boolean aa) {
    public static final double DEFAULT_THRESHOLD = 0.20;
    public static final double DEFAULT_ALPHA = 0.01;

    public CompareSettings {
        if (!(threshold > 0) || Double.isInfinite(threshold)) {
            throw new IllegalArgumentException("threshold must be a positive number, not " + threshold);
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be between 0 and 1 (exclusive), not " + alpha);
        }
    }

    public CompareSettings(double threshold, double alpha, boolean allowMissing, boolean force) {
        this(threshold, alpha, allowMissing, force, false);
    }

    public static CompareSettings defaults() {
        return new CompareSettings(DEFAULT_THRESHOLD, DEFAULT_ALPHA, false, false);
    }
}
