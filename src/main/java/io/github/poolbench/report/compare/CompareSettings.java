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
 * <p><b>alpha</b> (default {@value #DEFAULT_ALPHA}): the error rate of all the rows' intervals
 * together. Each row's interval (see {@link ChangeInterval}) is built at alpha / rows
 * (Bonferroni), so all of them hold at once with probability at least 1 - alpha; the sequential
 * gate also shares alpha over its looks.
 *
 * <p><b>paired</b>: the i-th fork of one side and the i-th fork of the other were measured next
 * to each other in time (the gate's ABBA round pairs), so the interval is built on the ratios of
 * those pairs and the machine's drift over minutes cancels out of it. Two files measured apart
 * (a stored baseline, a stranger's files) are not paired: Welch's interval on the two sides.
 *
 * @param threshold    fraction, greater than 0
 * @param alpha        in (0, 1)
 * @param allowMissing a baseline row missing from the current run is listed, not a failure
 * @param force        compare even when the environments differ
 * @param aa           an A/A calibration: both sides are the same build, so every change is the
 *                     runner's noise; a row beyond the bounds is reported as a false alarm, not a failure
 * @param paired       fork i of each side forms a pair measured side by side (the gate's rounds)
 */
public record CompareSettings(double threshold, double alpha, boolean allowMissing, boolean force, boolean aa,
                              boolean paired) {
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

    public CompareSettings(double threshold, double alpha, boolean allowMissing, boolean force, boolean aa) {
        this(threshold, alpha, allowMissing, force, aa, false);
    }

    public CompareSettings(double threshold, double alpha, boolean allowMissing, boolean force) {
        this(threshold, alpha, allowMissing, force, false, false);
    }

    public static CompareSettings defaults() {
        return new CompareSettings(DEFAULT_THRESHOLD, DEFAULT_ALPHA, false, false);
    }
}
