package io.github.poolbench.report.analysis;

import io.github.poolbench.report.model.Metric;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * How far a result can be trusted, from its forks. A fork (one JVM) is the unit of evidence:
 * JIT decisions and thread placement differ between forks, not between the iterations of one
 * fork. So every figure that reaches a sentence is the <b>median of the fork means</b>, and its
 * interval is the <b>range (min–max) of the fork means</b>: with the 3 forks of a default run a
 * t interval would rest on two degrees of freedom, while the range claims nothing beyond what
 * was seen. With one fork there is no fork-to-fork spread to show; JMH's 99.9% interval over
 * that fork's iterations is used and the page says so. Pure functions.
 */
public final class Spread {
    /** Fewer measured values than this in a row is flagged on the page. */
    public static final int FEW_SAMPLES = 5;
    /** Two clusters of values are called bimodal when their centres are at least this far apart. */
    static final double BIMODAL_RATIO = 2.0;

    private Spread() {
    }

    /** The median of {@code forkMeans} with the range of them as its interval; NaN when there are none. */
    public static Estimate ofForkMeans(List<Double> forkMeans) {
        double[] v = forkMeans.stream().mapToDouble(Double::doubleValue).filter(Double::isFinite).sorted().toArray();
        if (v.length == 0) {
            return Estimate.exact(Double.NaN);
        }
        return new Estimate(median(v), v[0], v[v.length - 1]);
    }

    /**
     * A metric's estimate in its own unit: from its forks when it has two or more; else JMH's
     * score ± error. {@code nonNegative} (times, counts) cuts an interval that JMH's symmetric
     * error would take below zero at zero.
     */
    public static Estimate of(Metric m, boolean nonNegative) {
        Estimate e = m.forkCount() >= 2 ? ofForkMeans(m.forkMeans()) : Estimate.of(m.score(), m.scoreError());
        if (nonNegative && e.low() < 0 && e.value() >= 0) {
            return new Estimate(e.value(), 0, e.high());
        }
        return e;
    }

    /** True when the figure of {@code m} comes from its forks ({@link #of} takes the median of two or more). */
    public static boolean fromForks(Metric m) {
        return m.forkCount() >= 2;
    }

    /** "median of 3 fork means, range min–max" or "1 fork: JMH's 99.9% interval over its 10 iterations". */
    public static String describeInterval(Metric m) {
        int n = m.samples().size();
        if (fromForks(m)) {
            return "median of " + m.forkCount() + " fork means, interval min–max of them";
        }
        return (m.forkCount() == 1 ? "1 fork" : "forks unknown") + ": JMH's 99.9% interval over " + n
                + (n == 1 ? " iteration" : " iterations") + " of one JVM";
    }

    /**
     * A warning for a row that cannot carry a claim: one fork (no run-to-run spread seen), or
     * fewer than {@link #FEW_SAMPLES} measured values; empty when neither.
     */
    public static Optional<String> warning(Metric m) {
        List<String> parts = new ArrayList<>();
        int n = m.samples().size();
        if (m.forkCount() <= 1) {
            parts.add(m.forkCount() == 1 ? "1 fork" : "no per-fork data");
        }
        if (n < FEW_SAMPLES) {
            parts.add(n + (n == 1 ? " sample" : " samples"));
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", parts));
    }

    /**
     * Two clusters of values, e.g. one iteration at 6.5 µs and four at 50 µs.
     *
     * @param low       the median of the lower cluster
     * @param high      the median of the upper cluster
     * @param lowCount  values in the lower cluster
     * @param highCount values in the upper cluster
     */
    public record Bimodal(double low, double high, int lowCount, int highCount) {
    }

    /**
     * Whether {@code values} (positive, e.g. every iteration of a row) fall into two clusters:
     * sorted on a log scale, the widest gap between neighbours splits them; they count as two
     * when the upper cluster's median is at least {@link #BIMODAL_RATIO}× the lower one's and the
     * gap is wider than twice the spread inside either cluster. Needs four values or more; a
     * value that is not positive and finite is ignored.
     */
    public static Optional<Bimodal> bimodal(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).filter(d -> d > 0 && Double.isFinite(d))
                .map(Math::log).sorted().toArray();
        if (v.length < 4) {
            return Optional.empty();
        }
        int split = -1;
        double widest = 0;
        for (int i = 1; i < v.length; i++) {
            double gap = v[i] - v[i - 1];
            if (gap > widest) {
                widest = gap;
                split = i;
            }
        }
        if (split < 0) {
            return Optional.empty();
        }
        double[] lower = Arrays.copyOfRange(v, 0, split);
        double[] upper = Arrays.copyOfRange(v, split, v.length);
        double spread = Math.max(lower[lower.length - 1] - lower[0], upper[upper.length - 1] - upper[0]);
        double lowCentre = median(lower);
        double highCentre = median(upper);
        if (highCentre - lowCentre < Math.log(BIMODAL_RATIO) || widest <= 2 * spread) {
            return Optional.empty();
        }
        return Optional.of(new Bimodal(Math.exp(lowCentre), Math.exp(highCentre), lower.length, upper.length));
    }

    /** True when the two intervals share no point: only then may a sentence say one is faster. */
    public static boolean separated(Estimate a, Estimate b) {
        return a.high() < b.low() || b.high() < a.low();
    }

    static double median(double[] sorted) {
        double[] s = sorted.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
