package io.github.poolbench.report.compare;

import io.github.poolbench.report.model.Metric;
import org.apache.commons.math3.stat.descriptive.moment.Variance;
import org.apache.commons.math3.stat.inference.TTest;

import java.util.Arrays;
import java.util.List;

/**
 * Welch's two-sample t-test (unequal variances, from commons-math3) on the samples of two runs.
 * It answers "could these two sets of samples come from the same distribution?", never "how big
 * is the change?" (the threshold does that).
 *
 * <p><b>What a sample is.</b> JMH's variance lives mostly <em>between</em> forks (JIT decisions,
 * thread placement, cross-CPU wake-ups), not between the iterations of one fork: five forks whose
 * means spread by +-25% can each be +-0.5% inside. Treating the iterations as independent then
 * calls every such difference significant. So when both sides have at least {@value #MIN_FORKS}
 * forks, one sample is one fork (the mean of its iterations, JMH's {@code rawData}). With fewer
 * forks the test falls back to the iterations, and {@link #basis()} says so plainly
 * ("pseudo-replicated: 10 iterations of 1 fork"): its p-value is then optimistic.
 *
 * <p>The test runs on the <em>logarithms</em> of the samples. Times per operation are skewed to
 * the right and their spread grows with their size: a run that got 50x slower also got about
 * 50x noisier in absolute terms, and on the raw scale that inflated spread can hide the very
 * slowdown that caused it (three -Xint iterations at 5.7, 5.7 and 8.4 ms against 67-104 us gave
 * p = 0.02 raw, 1e-5 on logs). On the log scale a change is a ratio, which is also how the
 * threshold is expressed. Callers pass only positive samples ({@link RowComparison} refuses
 * others as data it cannot judge).
 *
 * @param pValue           two-sided p-value before any correction, or null when no test was possible
 * @param note             why no test was possible, or null
 * @param basis            what the samples were, e.g. {@code 5 forks a side} or
 *                         {@code pseudo-replicated: 10 iterations of 1 fork}
 * @param pseudoReplicated true when iterations of too few forks stood in for forks
 */
public record SampleTest(Double pValue, String note, String basis, boolean pseudoReplicated) {
    static final int MIN_SAMPLES = 2;
    /** Forks a side from which forks, not iterations, are the samples. */
    public static final int MIN_FORKS = 3;

    /**
     * Tests two metrics; {@code currentFactor} converts the current metric's values into the
     * baseline's unit.
     */
    public static SampleTest of(Metric base, Metric current, double currentFactor) {
        if (base.forkCount() >= MIN_FORKS && current.forkCount() >= MIN_FORKS) {
            String basis = base.forkCount() == current.forkCount() ? base.forkCount() + " forks a side"
                    : base.forkCount() + " forks (baseline) vs " + current.forkCount() + " forks (current)";
            return test(base.forkMeans(), scaled(current.forkMeans(), currentFactor), basis, false);
        }
        String b = iterations(base);
        String c = iterations(current);
        String basis = "pseudo-replicated: " + (b.equals(c) ? b : b + " (baseline) vs " + c + " (current)");
        return test(base.samples(), scaled(current.samples(), currentFactor), basis, true);
    }

    /** Iterations as the samples, as they come (tests of the test itself). */
    static SampleTest ofSamples(List<Double> base, List<Double> current) {
        return test(base, current, base.size() + " vs " + current.size() + " samples", true);
    }

    private static SampleTest test(List<Double> base, List<Double> current, String basis, boolean pseudo) {
        double[] a = finite(base);
        double[] b = finite(current);
        if (a.length < MIN_SAMPLES || b.length < MIN_SAMPLES) {
            return new SampleTest(null, "too few samples for a t-test (" + a.length + " baseline, " + b.length
                    + " current; at least " + MIN_SAMPLES + " a side): judged by the threshold alone", basis, pseudo);
        }
        a = Arrays.stream(a).map(Math::log).toArray();
        b = Arrays.stream(b).map(Math::log).toArray();
        Variance variance = new Variance();
        if (variance.evaluate(a) == 0 && variance.evaluate(b) == 0) {
            // The t statistic is undefined (0/0 or x/0): every sample gave the same value.
            return new SampleTest(null, "samples have no spread on either side: judged by the threshold alone", basis,
                    pseudo);
        }
        double p = new TTest().tTest(a, b);
        if (Double.isNaN(p)) {
            return new SampleTest(null, "the t-test gave no p-value: judged by the threshold alone", basis, pseudo);
        }
        return new SampleTest(p, null, basis, pseudo);
    }

    public boolean tested() {
        return pValue != null;
    }

    private static String iterations(Metric m) {
        int n = m.samples().size();
        int forks = m.forkCount();
        return n + (n == 1 ? " iteration" : " iterations") + " of " + forks + (forks == 1 ? " fork" : " forks");
    }

    private static List<Double> scaled(List<Double> values, double factor) {
        return values.stream().map(v -> v * factor).toList();
    }

    private static double[] finite(List<Double> samples) {
        return samples.stream().filter(d -> d != null && Double.isFinite(d) && d > 0).mapToDouble(Double::doubleValue)
                .toArray();
    }
}
