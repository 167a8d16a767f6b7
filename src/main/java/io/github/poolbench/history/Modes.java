package io.github.poolbench.history;

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
 * and the two sides are compared cluster by cluster (Welch, each cluster with at least 2
 * samples a side, Bonferroni over the clusters compared). A change in the share of forks in each
 * mode is then not a change; a shift of the modes themselves is, when it is larger than their
 * spread allows.
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
        for (int mode = 0; mode < 2; mode++) {
            double[] l = side(left, cut, mode == 1);
            double[] r = side(right, cut, mode == 1);
            if (l.length >= 2 && r.length >= 2) {
                ps.add(EDivisive.welch(l, r));
            }
        }
        if (ps.isEmpty()) {
            return 1.0;
        }
        return Math.min(1.0, ps.stream().mapToDouble(Double::doubleValue).min().orElse(1.0) * ps.size());
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
