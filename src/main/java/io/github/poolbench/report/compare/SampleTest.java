package io.github.poolbench.report.compare;

import org.apache.commons.math3.stat.descriptive.moment.Variance;
import org.apache.commons.math3.stat.inference.TTest;

import java.util.Arrays;
import java.util.List;

/**
 * Welch's two-sample t-test (unequal variances, from commons-math3) on the per-iteration
 * samples of two runs. It answers "could these two sets of iterations come from the same
 * distribution?", never "how big is the change?" (the threshold does that).
 *
 * <p>The test runs on the <em>logarithms</em> of the samples. Times per operation are skewed to
 * the right and their spread grows with their size: a run that got 50x slower also got about
 * 50x noisier in absolute terms, and on the raw scale that inflated spread can hide the very
 * slowdown that caused it (three -Xint iterations at 5.7, 5.7 and 8.4 ms against 67-104 us gave
 * p = 0.02 raw, 1e-5 on logs). On the log scale a change is a ratio, which is also how the
 * threshold is expressed. Samples that are not all positive (a foreign metric) are tested raw.
 *
 * @param pValue two-sided p-value, or null when no test was possible
 * @param note   why no test was possible or how it deviated, or null
 */
public record SampleTest(Double pValue, String note) {
    static final int MIN_SAMPLES = 2;

    public static SampleTest of(List<Double> base, List<Double> current) {
        double[] a = finite(base);
        double[] b = finite(current);
        if (a.length < MIN_SAMPLES || b.length < MIN_SAMPLES) {
            return new SampleTest(null, "too few samples for a t-test (" + a.length + " baseline, " + b.length
                    + " current; at least " + MIN_SAMPLES + " a side): judged by the threshold alone");
        }
        boolean positive = Arrays.stream(a).allMatch(v -> v > 0) && Arrays.stream(b).allMatch(v -> v > 0);
        String note = null;
        if (positive) {
            a = Arrays.stream(a).map(Math::log).toArray();
            b = Arrays.stream(b).map(Math::log).toArray();
        } else {
            note = "samples not all positive: t-test on the raw values";
        }
        Variance variance = new Variance();
        if (variance.evaluate(a) == 0 && variance.evaluate(b) == 0) {
            // The t statistic is undefined (0/0 or x/0): every iteration gave the same value.
            return new SampleTest(null, "samples have no spread on either side: judged by the threshold alone");
        }
        double p = new TTest().tTest(a, b);
        if (Double.isNaN(p)) {
            return new SampleTest(null, "the t-test gave no p-value: judged by the threshold alone");
        }
        return new SampleTest(p, note);
    }

    public boolean tested() {
        return pValue != null;
    }

    private static double[] finite(List<Double> samples) {
        return samples.stream().filter(d -> d != null && Double.isFinite(d)).mapToDouble(Double::doubleValue).toArray();
    }
}
