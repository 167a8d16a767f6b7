package io.github.poolbench.report.compare;

import org.apache.commons.math3.stat.descriptive.moment.Variance;
import org.apache.commons.math3.stat.inference.TTest;

import java.util.List;

/**
 * Welch's two-sample t-test (unequal variances) on the per-iteration samples of two runs,
 * from commons-math3. It answers "could these two sets of iterations come from the same
 * distribution?", never "how big is the change?" (the threshold does that).
 *
 * @param pValue two-sided p-value, or null when no test was possible
 * @param note   why no test was possible, or null
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
        Variance variance = new Variance();
        if (variance.evaluate(a) == 0 && variance.evaluate(b) == 0) {
            // The t statistic is undefined (0/0 or x/0); every iteration gave the same value.
            return new SampleTest(null, "samples have no spread on either side: judged by the threshold alone");
        }
        double p = new TTest().tTest(a, b);
        if (Double.isNaN(p)) {
            return new SampleTest(null, "the t-test gave no p-value: judged by the threshold alone");
        }
        return new SampleTest(p, null);
    }

    public boolean tested() {
        return pValue != null;
    }

    private static double[] finite(List<Double> samples) {
        return samples.stream().filter(d -> d != null && Double.isFinite(d)).mapToDouble(Double::doubleValue).toArray();
    }
}
