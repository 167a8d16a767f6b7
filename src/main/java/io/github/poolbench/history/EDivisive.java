package io.github.poolbench.history;

import org.apache.commons.math3.distribution.TDistribution;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Change points of one series with E-divisive means, in the variant of Apache Otava (formerly
 * Hunter, by DataStax; Fleming et al., "Hunter: Using Change Point Detection to Hunt for
 * Performance Regressions", ICPE 2023, arXiv:2301.03034): the split of a segment is the one that
 * maximises the energy-distance statistic of Matteson and James (2014, α = 1), but whether it is
 * a change is decided by a two-sided Welch t-test between the two sides instead of the original
 * permutation test, so the answer is deterministic.
 *
 * <p>The series is a list of runs, each with several samples (the fork means; iterations are
 * never samples). A split falls between runs and keeps at least {@code minRuns} runs on each
 * side. Steps, as in Otava:
 * <ol>
 *   <li>In each window of {@link #WINDOW} runs (windows overlap by half; a shorter series is one
 *       window), split recursively: the best split of a segment is kept when its t-test gives
 *       p &lt; alpha, then both sides are split in turn.</li>
 *   <li>Over the whole series, each kept point is tested again against its neighbours' segments
 *       (from the previous change point to the next); the weakest point with p &ge; alpha is
 *       dropped and the rest re-tested, until every point passes. Two points closer than
 *       {@code minRuns} runs keep the one with the smaller p.</li>
 * </ol>
 * The energy statistic costs O(N²) in the samples of a window; windowing makes a long series
 * linear in its length.
 */
final class EDivisive {
    /** Runs per window of step 1. */
    static final int WINDOW = 64;

    /** How two sides are judged: the p-value that they differ (a Welch t-test, or the bimodal rule). */
    interface Test {
        double pValue(double[] left, double[] right);
    }

    private final int minRuns;
    private final double alpha;
    private final Test test;

    EDivisive(int minRuns, double alpha, Test test) {
        if (minRuns < 1) {
            throw new IllegalArgumentException("minRuns must be at least 1");
        }
        this.minRuns = minRuns;
        this.alpha = alpha;
        this.test = test;
    }

    /**
     * The change points of {@code runs} (each run: its samples), as indices of the first run after
     * each change, ascending.
     */
    List<Integer> changePoints(List<double[]> runs) {
        int n = runs.size();
        TreeSet<Integer> found = new TreeSet<>();
        if (n < 2 * minRuns) {
            return List.of();
        }
        if (n <= WINDOW) {
            split(runs, 0, n, found);
        } else {
            int step = WINDOW / 2;
            for (int start = 0; start < n; start += step) {
                int end = Math.min(n, start + WINDOW);
                split(runs, start, end, found);
                if (end == n) {
                    break;
                }
            }
        }
        return prune(runs, new ArrayList<>(found));
    }

    /** The p-value of a change at {@code at} between the change points before and after it. */
    double pValue(List<double[]> runs, int from, int at, int to) {
        return test.pValue(flatten(runs, from, at), flatten(runs, at, to));
    }

    private void split(List<double[]> runs, int from, int to, TreeSet<Integer> found) {
        if (to - from < 2 * minRuns) {
            return;
        }
        int best = bestSplit(runs, from, to);
        if (best < 0) {
            return;
        }
        if (pValue(runs, from, best, to) < alpha) {
            found.add(best);
            split(runs, from, best, found);
            split(runs, best, to, found);
        }
    }

    private List<Integer> prune(List<double[]> runs, List<Integer> points) {
        List<Integer> cps = new ArrayList<>(points);
        while (!cps.isEmpty()) {
            int worst = -1;
            double worstP = -1;
            for (int i = 0; i < cps.size(); i++) {
                int from = i == 0 ? 0 : cps.get(i - 1);
                int to = i == cps.size() - 1 ? runs.size() : cps.get(i + 1);
                int at = cps.get(i);
                double p = (at - from < minRuns || to - at < minRuns) ? 1.0 : pValue(runs, from, at, to);
                if (p > worstP) {
                    worstP = p;
                    worst = i;
                }
            }
            if (worstP < alpha) {
                break;
            }
            cps.remove(worst);
        }
        return cps;
    }

    /**
     * The split of [from, to) (a run index) that maximises the energy statistic
     * Q = mn/(m+n) · (2/(mn)·Σ|x−y| − Σ|x−x'|/C(m,2) − Σ|y−y'|/C(n,2)), or -1 when none fits.
     */
    int bestSplit(List<double[]> runs, int from, int to) {
        double[] x = flatten(runs, from, to);
        int total = x.length;
        // leftWithin[p] = sum over pairs i<j<p of |x_i - x_j|; rightWithin[p] = pairs p<=i<j
        double[] leftWithin = new double[total + 1];
        for (int p = 1; p <= total; p++) {
            double s = 0;
            for (int i = 0; i < p - 1; i++) {
                s += Math.abs(x[i] - x[p - 1]);
            }
            leftWithin[p] = leftWithin[p - 1] + s;
        }
        double[] rightWithin = new double[total + 1];
        for (int p = total - 1; p >= 0; p--) {
            double s = 0;
            for (int j = p + 1; j < total; j++) {
                s += Math.abs(x[p] - x[j]);
            }
            rightWithin[p] = rightWithin[p + 1] + s;
        }
        double all = leftWithin[total];
        int best = -1;
        double bestQ = Double.NEGATIVE_INFINITY;
        int offset = 0;
        for (int r = from; r < to; r++) {
            if (r - from >= minRuns && to - r >= minRuns) {
                int m = offset;
                int n = total - offset;
                if (m >= 2 && n >= 2) {
                    double between = all - leftWithin[m] - rightWithin[m];
                    double q = (double) m * n / (m + n) * (2.0 * between / ((double) m * n)
                            - leftWithin[m] / (m * (m - 1) / 2.0) - rightWithin[m] / (n * (n - 1) / 2.0));
                    if (q > bestQ) {
                        bestQ = q;
                        best = r;
                    }
                }
            }
            offset += runs.get(r).length;
        }
        return best;
    }

    static double[] flatten(List<double[]> runs, int from, int to) {
        int size = 0;
        for (int i = from; i < to; i++) {
            size += runs.get(i).length;
        }
        double[] out = new double[size];
        int k = 0;
        for (int i = from; i < to; i++) {
            double[] r = runs.get(i);
            System.arraycopy(r, 0, out, k, r.length);
            k += r.length;
        }
        return out;
    }

    /**
     * Welch's two-sided t-test: the p-value that two samples have the same mean. Two samples
     * without spread give 1 when equal and 0 when not.
     */
    static double welch(double[] a, double[] b) {
        if (a.length < 2 || b.length < 2) {
            return 1.0;
        }
        double ma = mean(a);
        double mb = mean(b);
        double va = variance(a, ma) / a.length;
        double vb = variance(b, mb) / b.length;
        if (va + vb == 0) {
            return ma == mb ? 1.0 : 0.0;
        }
        double t = (ma - mb) / Math.sqrt(va + vb);
        double df = (va + vb) * (va + vb) / (va * va / (a.length - 1) + vb * vb / (b.length - 1));
        return 2 * new TDistribution(null, df).cumulativeProbability(-Math.abs(t));
    }

    static double mean(double[] a) {
        return Arrays.stream(a).average().orElse(Double.NaN);
    }

    static double variance(double[] a, double mean) {
        double s = 0;
        for (double v : a) {
            s += (v - mean) * (v - mean);
        }
        return a.length < 2 ? 0 : s / (a.length - 1);
    }
}
