package io.github.poolbench.history;

import org.apache.commons.math3.distribution.HypergeometricDistribution;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The bimodal rule. JMH rows sometimes settle in one of two states per fork (a JIT decision, a
 * thread placement), so the fork means of a flat row form two clusters and the share of forks in
 * each varies by chance from run to run; a mean over such forks moves with that share, and a
 * test of means would call a change where nothing changed.
 *
 * <p>Rule (a gap rule): sort the samples; among the cuts that leave at least
 * {@link #MIN_SHARE} of them (and at least {@link #MIN_SIZE}) on each side, take the widest gap
 * between neighbours. The samples are bimodal when that gap is at least {@link #GAP_FACTOR}
 * times the larger of the two clusters' standard deviations: two clusters well apart compared
 * with their own spread. Normal noise never passes (its widest inner gap is a fraction of one
 * standard deviation).
 *
 * <p>Treatment ({@link #pValue}): when the samples on both sides of a candidate change, taken
 * together, are bimodal, each sample is given the cluster it falls in (below or above the cut),
 * and instead of one test of means there are up to three, Bonferroni-corrected: each cluster's
 * centre, left against right (Welch, when the cluster has at least 2 samples a side), and the
 * share of samples in the upper cluster, left against right (Fisher's exact test). The mean of a
 * bimodal row moves with the share of forks in each mode, which a test of means misreads; the
 * share itself, tested as a share, and the modes' centres are what can be judged. A step that
 * moves every fork (the clusters then lie on either side of the change) shows as a share going
 * from 0 to 1.
 */
final class Modes {
    static final double GAP_FACTOR = 3.0;
    static final double MIN_SHARE = 0.15;
    static final int MIN_SIZE = 3;

    private Modes() {
    }

    /** The value that separates the two clusters, or NaN when the samples are not bimodal. */
    static double cut(double[] samples) {
        double[] v = samples.clone();
        Arrays.sort(v);
        int n = v.length;
        int min = Math.max(MIN_SIZE, (int) Math.ceil(MIN_SHARE * n));
        if (n < 2 * min) {
            return Double.NaN;
        }
        int bestK = -1;
        double bestGap = -1;
        for (int k = min; k <= n - min; k++) {
            double gap = v[k] - v[k - 1];
            if (gap > bestGap) {
                bestGap = gap;
                bestK = k;
            }
        }
        double sdLow = Math.sqrt(EDivisive.variance(Arrays.copyOfRange(v, 0, bestK), EDivisive.mean(Arrays.copyOfRange(v, 0, bestK))));
        double[] high = Arrays.copyOfRange(v, bestK, n);
        double sdHigh = Math.sqrt(EDivisive.variance(high, EDivisive.mean(high)));
        if (bestGap > 0 && bestGap >= GAP_FACTOR * Math.max(sdLow, sdHigh)) {
            return (v[bestK - 1] + v[bestK]) / 2;
        }
        return Double.NaN;
    }

    static boolean bimodal(double[] samples) {
        return !Double.isNaN(cut(samples));
    }

    /**
     * The p-value that {@code left} and {@code right} differ: Welch's t-test, or, when both
     * together are bimodal, the cluster-by-cluster comparison above.
     */
    static double pValue(double[] left, double[] right) {
        double[] both = concat(left, right);
        double cut = cut(both);
        if (Double.isNaN(cut)) {
            return EDivisive.welch(left, right);
        }
        List<Double> ps = new ArrayList<>();
        int[] upper = new int[2];
        for (int mode = 0; mode < 2; mode++) {
            double[] l = side(left, cut, mode == 1);
            double[] r = side(right, cut, mode == 1);
            if (mode == 1) {
                upper[0] = l.length;
                upper[1] = r.length;
            }
            if (l.length >= 2 && r.length >= 2) {
                ps.add(EDivisive.welch(l, r));
            }
        }
        ps.add(fisher(upper[0], left.length - upper[0], upper[1], right.length - upper[1]));
        return Math.min(1.0, ps.stream().mapToDouble(Double::doubleValue).min().orElse(1.0) * ps.size());
    }

    /**
     * Fisher's exact test, two-sided, of the 2x2 table [[a, b], [c, d]] (rows: left, right;
     * columns: upper, lower cluster): the sum of the probabilities of the tables with the same
     * margins that are no more likely than the one seen.
     */
    static double fisher(int a, int b, int c, int d) {
        int n = a + b + c + d;
        int rowLeft = a + b;
        int colUpper = a + c;
        if (n == 0 || rowLeft == 0 || rowLeft == n || colUpper == 0 || colUpper == n) {
            return 1.0;
        }
        HypergeometricDistribution h = new HypergeometricDistribution(null, n, colUpper, rowLeft);
        double seen = h.probability(a);
        double p = 0;
        for (int k = Math.max(0, rowLeft + colUpper - n); k <= Math.min(rowLeft, colUpper); k++) {
            double pk = h.probability(k);
            if (pk <= seen * (1 + 1e-7)) {
                p += pk;
            }
        }
        return Math.min(1.0, p);
    }

    static double[] side(double[] values, double cut, boolean upper) {
        return Arrays.stream(values).filter(v -> upper == (v > cut)).toArray();
    }

    static double[] concat(double[] a, double[] b) {
        double[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
