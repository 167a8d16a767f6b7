package io.github.poolbench.report.compare;

import org.apache.commons.math3.distribution.TDistribution;

import java.util.Arrays;
import java.util.List;

/**
 * How much slower (or faster) the current side is than the base, with an interval and the
 * smallest change this measurement could have caught, in <em>time per operation</em> (a
 * throughput is inverted first), so {@code +0.10} always means "10% slower". Built on the
 * logarithms of one sample per fork, in one of two ways: {@link #of} is Welch's two-sample
 * interval (two sides measured apart); {@link #paired} is the one-sample t interval of the log
 * ratios of fork pairs measured side by side (the gate's ABBA round pairs), from which what
 * the machine does over minutes (a neighbour, a slower host) cancels out: on this project's VM
 * adjacent rounds' fork means correlate by +0.3 to +0.5, and a fork mean drifted by 20% over
 * six minutes.
 *
 * <p><b>Why logs.</b> Times per op are skewed to the right and their spread grows with their
 * size; on the log scale a change is a ratio, which is how the threshold is expressed, and the
 * interval for a ratio is {@code exp(lo) - 1 .. exp(hi) - 1}.
 *
 * <p><b>Level.</b> {@code level} is the two-sided error rate of <em>this</em> interval alone. The
 * caller passes the share of the family's alpha this row gets: alpha / rows (Bonferroni) in a
 * one-shot comparison, and that times the look's share of the alpha spending in the sequential
 * gate (see {@code gate/Looks}). So the intervals of all rows and all looks hold together with
 * probability at least 1 - alpha.
 *
 * <p><b>Detectable effect.</b> {@link #detectable} is the true change this measurement would have
 * called significant with 80% power at its level: {@code (t(1 - level/2) + t(0.80)) * SE}, from the
 * row's own fork spread. It is what "would catch >= 8.4%" prints.
 *
 * @param estimate   mean log(current) - mean log(base), in time per op
 * @param lo         lower end of the interval (log scale)
 * @param hi         upper end (log scale)
 * @param detectable the change caught with 80% power (log scale, positive)
 * @param se         standard error of {@code estimate}
 * @param df         degrees of freedom: Welch-Satterthwaite's, or pairs - 1
 * @param nBase      samples on the base side
 * @param nCurrent   samples on the current side
 * @param level      the two-sided error rate this interval was built at
 */
public record ChangeInterval(double estimate, double lo, double hi, double detectable, double se, double df,
                             int nBase, int nCurrent, double level) {
    /** Samples a side below which no interval is built. */
    public static final int MIN_SAMPLES = 2;
    /** The power {@link #detectable} is computed for. */
    public static final double POWER = 0.80;

    /**
     * The interval from samples in time per op (already inverted for a throughput), or null when
     * a side has fewer than {@value #MIN_SAMPLES} positive finite samples.
     */
    public static ChangeInterval of(List<Double> base, List<Double> current, double level) {
        checkLevel(level);
        double[] a = logs(base);
        double[] b = logs(current);
        if (a.length < MIN_SAMPLES || b.length < MIN_SAMPLES) {
            return null;
        }
        double ma = mean(a);
        double mb = mean(b);
        double va = variance(a, ma) / a.length;
        double vb = variance(b, mb) / b.length;
        double se = Math.sqrt(va + vb);
        double df;
        if (va + vb == 0) {
            df = a.length + b.length - 2;
        } else {
            double den = (va == 0 ? 0 : va * va / (a.length - 1)) + (vb == 0 ? 0 : vb * vb / (b.length - 1));
            df = (va + vb) * (va + vb) / den;
        }
        TDistribution t = new TDistribution(df);
        double crit = t.inverseCumulativeProbability(1 - level / 2);
        double d = mb - ma;
        double detectable = (crit + t.inverseCumulativeProbability(POWER)) * se;
        return new ChangeInterval(d, d - crit * se, d + crit * se, detectable, se, df, a.length, b.length, level);
    }

    /**
     * The interval from pairs: {@code base.get(i)} and {@code current.get(i)} were measured next to
     * each other. A pair with a sample that is not a positive finite number is left out whole.
     * Null with fewer than {@value #MIN_SAMPLES} pairs.
     *
     * @throws IllegalArgumentException when the sides differ in length (they are not pairs)
     */
    public static ChangeInterval paired(List<Double> base, List<Double> current, double level) {
        checkLevel(level);
        if (base.size() != current.size()) {
            throw new IllegalArgumentException("pairs need as many samples a side, not " + base.size() + " and "
                    + current.size());
        }
        double[] d = new double[base.size()];
        int n = 0;
        for (int i = 0; i < base.size(); i++) {
            Double a = base.get(i);
            Double b = current.get(i);
            if (usable(a) && usable(b)) {
                d[n++] = Math.log(b) - Math.log(a);
            }
        }
        if (n < MIN_SAMPLES) {
            return null;
        }
        d = Arrays.copyOf(d, n);
        double m = mean(d);
        double se = Math.sqrt(variance(d, m) / n);
        TDistribution t = new TDistribution(n - 1);
        double crit = t.inverseCumulativeProbability(1 - level / 2);
        double detectable = (crit + t.inverseCumulativeProbability(POWER)) * se;
        return new ChangeInterval(m, m - crit * se, m + crit * se, detectable, se, n - 1, n, n, level);
    }

    private static void checkLevel(double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("level must be in (0, 1), not " + level);
        }
    }

    private static boolean usable(Double v) {
        return v != null && Double.isFinite(v) && v > 0;
    }

    /** {@code exp(x) - 1}: a log change as a fraction, +0.10 = 10% slower. */
    public static double ratio(double logChange) {
        return Math.expm1(logChange);
    }

    public double change() {
        return ratio(estimate);
    }

    public double low() {
        return ratio(lo);
    }

    public double high() {
        return ratio(hi);
    }

    /** The smallest slowdown caught with 80% power, as a fraction. */
    public double catches() {
        return ratio(detectable);
    }

    /** The interval lies inside (-threshold, +threshold) on the log scale: "within". */
    public boolean inside(double threshold) {
        double delta = Math.log1p(threshold);
        return lo > -delta && hi < delta;
    }

    private static double[] logs(List<Double> values) {
        return values.stream().filter(ChangeInterval::usable).mapToDouble(Math::log).toArray();
    }

    private static double mean(double[] x) {
        return Arrays.stream(x).average().orElse(Double.NaN);
    }

    private static double variance(double[] x, double mean) {
        double s = 0;
        for (double v : x) {
            s += (v - mean) * (v - mean);
        }
        return s / (x.length - 1);
    }
}
