package io.github.poolbench.report.compare;

import io.github.poolbench.report.model.BenchmarkResult;
import io.github.poolbench.report.analysis.Units;
import io.github.poolbench.report.model.Metric;

import java.util.List;
import java.util.OptionalDouble;

/**
 * One matched row: the baseline's and the current primary score (the current one converted to
 * the baseline's unit), the change in time per op with its interval, and the answer.
 *
 * <p><b>What a sample is.</b> JMH's variance lives mostly <em>between</em> forks (JIT decisions,
 * thread placement, cross-CPU wake-ups), not between the iterations of one fork. So when both
 * sides have at least {@value #MIN_FORKS} forks, one sample is one fork (the mean of its
 * iterations, JMH's {@code rawData}). With fewer forks the iterations stand in, and
 * {@link #basis()} says so plainly ("pseudo-replicated: 10 iterations of 1 fork"): such an
 * interval is too narrow.
 *
 * @param key          benchmark, mode, params
 * @param direction    which way is better
 * @param unit         the baseline's unit; every score here is in it
 * @param baseScore    the baseline's score
 * @param baseError    its 99.9% half-width (NaN when JMH had too few samples)
 * @param currentScore the current score in {@code unit}
 * @param currentError its half-width in {@code unit}
 * @param interval     the change in time per op with its interval, or null when not judged or
 *                     with too few samples
 * @param basis        what the samples were, e.g. {@code 5 forks a side}; null when not judged
 * @param pseudoReplicated true when iterations of too few forks stood in for forks
 * @param verdict      the answer
 * @param note         why a row was not judged or has no interval, or null
 */
public record RowComparison(RowKey key, Direction direction, String unit, double baseScore, double baseError,
                            double currentScore, double currentError, ChangeInterval interval, String basis,
                            boolean pseudoReplicated, Verdict verdict, String note) {
    /** Forks a side from which forks, not iterations, are the samples. */
    public static final int MIN_FORKS = 3;

    /**
     * The change in time per op from the scores, signed: +0.25 is 25% slower (for a throughput,
     * 1/1.25 of the rate). The interval's estimate when there is one (a mean of log fork means),
     * else the ratio of the scores.
     */
    public double change() {
        if (interval != null) {
            return interval.change();
        }
        return direction.slowdown(baseScore, currentScore) - 1;
    }

    /** Why the row holds data the gate cannot judge, or null when it can be judged. */
    public static String unjudgeable(BenchmarkResult base, BenchmarkResult current) {
        Metric b = base.primary();
        Metric c = current.primary();
        String unfit = Units.unfit(base.mode(), b.unit());
        if (unfit == null) {
            unfit = Units.unfit(current.mode(), c.unit());
        }
        if (unfit != null) {
            return unfit;
        }
        if (Units.factor(c.unit(), b.unit()).isEmpty()) {
            return "units do not convert: " + b.unit() + " (baseline) vs " + c.unit() + " (current)";
        }
        String bad = unusable("baseline", b);
        return bad != null ? bad : unusable("current", c);
    }

    /**
     * Judges one pair of rows that share a {@link RowKey}; {@code level} is this row's share of the
     * family's alpha (see {@link ChangeInterval}).
     */
    public static RowComparison judge(BenchmarkResult base, BenchmarkResult current, CompareSettings settings,
                                      double level) {
        RowKey key = RowKey.of(base);
        Metric b = base.primary();
        Metric c = current.primary();
        Direction direction = Direction.of(base.mode(), b.unit());
        OptionalDouble factor = Units.factor(c.unit(), b.unit());
        double f = factor.orElse(Double.NaN);
        String bad = unjudgeable(base, current);
        if (bad != null) {
            return new RowComparison(key, direction, b.unit(), b.score(), b.scoreError(), c.score() * f,
                    c.scoreError() * f, null, null, false, Verdict.NOT_JUDGED, bad);
        }
        boolean forks = b.forkCount() >= MIN_FORKS && c.forkCount() >= MIN_FORKS;
        String basis;
        List<Double> bs;
        List<Double> cs;
        boolean paired = forks && settings.paired() && b.forkCount() == c.forkCount();
        if (forks) {
            basis = paired ? b.forkCount() + " fork pairs" : b.forkCount() == c.forkCount() ? b.forkCount() + " forks a side"
                    : b.forkCount() + " forks (baseline) vs " + c.forkCount() + " forks (current)";
            bs = timePerOp(b.forkMeans(), 1, direction);
            cs = timePerOp(c.forkMeans(), f, direction);
        } else {
            String ib = iterations(b);
            String ic = iterations(c);
            basis = "pseudo-replicated: " + (ib.equals(ic) ? ib : ib + " (baseline) vs " + ic + " (current)");
            bs = timePerOp(b.samples(), 1, direction);
            cs = timePerOp(c.samples(), f, direction);
        }
        ChangeInterval interval = paired ? ChangeInterval.paired(bs, cs, level) : ChangeInterval.of(bs, cs, level);
        String note = interval == null ? "too few samples for an interval (" + bs.size() + " baseline, " + cs.size()
                + " current; at least " + ChangeInterval.MIN_SAMPLES + " a side)" : null;
        return new RowComparison(key, direction, b.unit(), b.score(), b.scoreError(), c.score() * f, c.scoreError() * f,
                interval, basis, !forks, Verdict.of(interval, settings.threshold()), note);
    }

    /** Values on the time-per-op scale (a rate inverted), the current side converted to the baseline's unit. */
    private static List<Double> timePerOp(List<Double> values, double factor, Direction direction) {
        return values.stream().map(v -> direction == Direction.LOWER_IS_BETTER ? v * factor : 1 / (v * factor))
                .toList();
    }

    private static String iterations(Metric m) {
        int n = m.samples().size();
        int forks = m.forkCount();
        return n + (n == 1 ? " iteration" : " iterations") + " of " + forks + (forks == 1 ? " fork" : " forks");
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
}
