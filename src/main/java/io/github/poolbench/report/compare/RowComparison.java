package io.github.poolbench.report.compare;

import io.github.poolbench.report.model.BenchmarkResult;
import io.github.poolbench.report.model.Metric;

import java.util.List;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

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
 * @param verdict      the conclusion
 * @param note         why a row was not judged or not tested, or null
 */
public record RowComparison(RowKey key, Direction direction, String unit, double baseScore, double baseError,
                            double currentScore, double currentError, double slowdown, SampleTest test,
                            Verdict verdict, String note) {

    /** The score's own relative change, signed: +0.25 is a score 25% higher (better for throughput). */
    public double change() {
        return currentScore / baseScore - 1;
    }

    /** Judges one pair of rows that share a {@link RowKey}. */
    public static RowComparison judge(BenchmarkResult base, BenchmarkResult current, CompareSettings settings) {
        RowKey key = RowKey.of(base);
        Metric b = base.primary();
        Metric c = current.primary();
        Direction direction = Direction.of(base.mode(), b.unit());
        OptionalDouble factor = Units.factor(c.unit(), b.unit());
        if (factor.isEmpty()) {
            return notJudged(key, direction, b, c.score(), c.scoreError(),
                    "units do not convert: " + b.unit() + " (baseline) vs " + c.unit() + " (current)");
        }
        double f = factor.getAsDouble();
        double cs = c.score() * f;
        double ce = c.scoreError() * f;
        if (!Double.isFinite(b.score()) || b.score() <= 0) {
            return notJudged(key, direction, b, cs, ce, "the baseline score is " + b.score() + ": nothing to compare with");
        }
        if (!Double.isFinite(cs) || cs < 0) {
            return notJudged(key, direction, b, cs, ce, "the current score is " + cs + ": nothing to compare");
        }
        double slowdown = direction.slowdown(b.score(), cs);
        List<Double> currentSamples = c.samples().stream().map(v -> v * f).collect(Collectors.toList());
        SampleTest test = SampleTest.of(b.samples(), currentSamples);
        boolean worse = slowdown > 1 + settings.threshold();
        boolean better = slowdown < 1 / (1 + settings.threshold());
        Verdict verdict;
        if (!worse && !better) {
            verdict = Verdict.UNCHANGED;
        } else if (test.tested() && test.pValue() >= settings.alpha()) {
            verdict = Verdict.NOT_SIGNIFICANT;
        } else {
            verdict = worse ? Verdict.REGRESSION : Verdict.IMPROVEMENT;
        }
        return new RowComparison(key, direction, b.unit(), b.score(), b.scoreError(), cs, ce, slowdown, test,
                verdict, test.note());
    }

    private static RowComparison notJudged(RowKey key, Direction direction, Metric b, double cs, double ce, String why) {
        return new RowComparison(key, direction, b.unit(), b.score(), b.scoreError(), cs, ce, Double.NaN, null,
                Verdict.NOT_JUDGED, why);
    }
}
