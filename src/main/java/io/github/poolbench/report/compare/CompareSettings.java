package io.github.poolbench.report.compare;

/**
 * How strict the gate is.
 *
 * <p><b>threshold</b> (default {@value #DEFAULT_THRESHOLD}): the smallest slowdown that counts,
 * as a fraction of the time per operation (0.20 = 1.2x the time per op, or throughput down to
 * 1/1.2 of the baseline). The t-test only sees the noise <em>inside</em> one run (iterations of
 * one fork); on a shared 2-core VM two runs differ by more than that: another fork compiles the
 * code differently, a neighbour takes a core, the kernel schedules thousands of new threads
 * differently. Such run-to-run shifts of 10-15% would be "significant" to the test, so the
 * threshold must sit above them. The regressions this gate is for (a JDK, kernel, container or
 * flag that makes thread/process creation or hand-off slower) are large, so 20% loses little.
 *
 * <p><b>alpha</b> (default {@value #DEFAULT_ALPHA}): the significance level of Welch's t-test.
 * A run compares 10-20 rows at once, and iterations of one fork are not independent (the
 * nominal p-value is optimistic), so a strict level keeps false alarms rare; a real 2x
 * regression gives p far below 0.01 even with five samples a side. The p-value is two-sided,
 * which is conservative for the one-sided question "is it slower?".
 *
 * @param threshold    fraction, greater than 0
 * @param alpha        in (0, 1)
 * @param allowMissing a baseline row missing from the current run is listed, not a failure
 * @param force        compare even when the environments differ
 */
public record CompareSettings(double threshold, double alpha, boolean allowMissing, boolean force) {
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

    public static CompareSettings defaults() {
        return new CompareSettings(DEFAULT_THRESHOLD, DEFAULT_ALPHA, false, false);
    }
}
