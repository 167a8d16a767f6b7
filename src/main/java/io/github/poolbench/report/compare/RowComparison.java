package io.github.poolbench.report.compare;

import io.github.poolbench.report.model.BenchmarkResult;
import io.github.poolbench.report.analysis.Units;
import io.github.poolbench.report.model.Metric;

import java.util.OptionalDouble;

/**
 * One matched row: the baseline's and the current primary score (the current one converted
 * to the baseline's unit), how much worse it got and what the gate concluded.
 *
 * @param key          benchmark, mode, params
 * @param direction    which way is better
 * @param unit         the baseline's unit; every number here is in it
 * @param baseScore    the baseline's score
 * @param baseError    its 99.9% half-width (NaN when JMH had too few samples)
 * @param currentScore the current score in {@code unit}
 * @param currentError its half-width in {@code unit}
 * @param slowdown     time-per-op factor, current over baseline (see {@link Direction#slowdown}); NaN when not judged
 * @param test         the t-test on the samples, or null when not judged
 * @param adjustedP    the test's p-value after the Benjamini-Hochberg correction across the rows
 *                     tested at once, or null when there was no test
 * @param verdict      the conclusion
 * @param note         why a row was not judged or not tested, or null
 */
public record RowComparison(RowKey key, Direction direction, String unit, double baseScore, double baseError,
                            double currentScore, double currentError, double slowdown, SampleTest test,
                            Double adjustedP, Verdict verdict, String note) {

    /** The score's own relative change, signed: +0.25 is a score 25% higher (better for throughput). */
    public double change() {
        return currentScore / baseScore - 1;
    }

    /**
     * Judges one pair of rows that share a {@link RowKey}, with the test's own p-value; the
     * {@link Comparison} then corrects it across all rows ({@link #withAdjustedP}).
     */
    public static RowComparison judge(BenchmarkResult base, BenchmarkResult current, CompareSettings settings) {
        RowKey key = RowKey.of(base);
        Metric b = base.primary();
        Metric c = current.primary();
        Direction direction = Direction.of(base.mode(), b.unit());
        String unfit = Units.unfit(base.mode(), b.unit());
        if (unfit == null) {
            unfit = Units.unfit(current.mode(), c.unit());
        }
        if (unfit != null) {
            return notJudged(key, direction, b, c.score(), c.scoreError(), unfit);
        }
        OptionalDouble factor = Units.factor(c.unit(), b.unit());
        if (factor.isEmpty()) {
            return notJudged(key, direction, b, c.score(), c.scoreError(),
                    "units do not convert: " + b.unit() + " (baseline) vs " + c.unit() + " (current)");
        }
        double f = factor.getAsDouble();
        double cs = c.score() * f;
        double ce = c.scoreError() * f;
        String bad = unusable("baseline", b);
        if (bad == null) {
            bad = unusable("current", c);
        }
        if (bad != null) {
            return notJudged(key, direction, b, cs, ce, bad);
        }
        double slowdown = direction.slowdown(b.score(), cs);
        SampleTest test = SampleTest.of(b, c, f);
        String note = test.note();
        return new RowComparison(key, direction, b.unit(), b.score(), b.scoreError(), cs, ce, slowdown, test,
                test.pValue(), decide(slowdown, test.pValue(), settings), note);
    }

    /** The same row judged on a corrected p-value. */
    RowComparison withAdjustedP(double q, CompareSettings settings) {
        return new RowComparison(key, direction, unit, baseScore, baseError, currentScore, currentError, slowdown, test,
                q, decide(slowdown, q, settings), note);
    }

    /**
     * Beyond the threshold and significant (or no test possible: the threshold alone) is a
     * regression or an improvement; beyond it but not significant is "not significant".
     */
    private static Verdict decide(double slowdown, Double p, CompareSettings settings) {
        boolean worse = slowdown > 1 + settings.threshold();
        boolean better = slowdown < 1 / (1 + settings.threshold());
        if (!worse && !better) {
            return Verdict.UNCHANGED;
        }
        if (p != null && p >= settings.alpha()) {
            return Verdict.NOT_SIGNIFICANT;
        }
        return worse ? Verdict.REGRESSION : Verdict.IMPROVEMENT;
    }

    /**
     * Why a metric holds nothing a time or a rate can be: a score or a sample that is zero,
     * negative, NaN or infinite. Such a row is not a pass, it is data the gate cannot judge.
     */
    private static String unusable(String side, Metric m) {
        if (!Double.isFinite(m.score()) || m.score() <= 0) {
            return "the " + side + " score is " + CompareView.number(m.score())
                    + ": a time or a rate must be a positive number";
        }
        for (Double v : m.samples()) {
            if (v == null || !Double.isFinite(v) || v <= 0) {
                return "the " + side + " has a sample of " + (v == null ? "null" : CompareView.number(v))
                        + ": a time or a rate must be a positive number";
            }
        }
        return null;
    }

    private static RowComparison notJudged(RowKey key, Direction direction, Metric b, double cs, double ce, String why) {
        return new RowComparison(key, direction, b.unit(), b.score(), b.scoreError(), cs, ce, Double.NaN, null, null,
                Verdict.NOT_JUDGED, why);
    }
}
