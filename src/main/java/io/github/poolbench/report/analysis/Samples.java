package io.github.poolbench.report.analysis;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/**
 * Statistics over per-iteration values, the way JMH states its own errors: the half-width of
 * the 99.9% confidence interval of the mean, from Student's t.
 */
public final class Samples {
    /** JMH's confidence level. */
    public static final double CONFIDENCE = 0.999;

    private Samples() {
    }

    /**
     * The half-width of the 99.9% interval of the mean of {@code values}; NaN for fewer than
     * two finite values (one sample says nothing about its spread).
     */
    public static double halfWidth(double[] values) {
        SummaryStatistics s = new SummaryStatistics();
        for (double v : values) {
            if (Double.isFinite(v)) {
                s.addValue(v);
            }
        }
        if (s.getN() < 2) {
            return Double.NaN;
        }
        double t = new TDistribution(s.getN() - 1).inverseCumulativeProbability(1 - (1 - CONFIDENCE) / 2);
        return t * s.getStandardDeviation() / Math.sqrt(s.getN());
    }

    /** The mean of the finite values; NaN when there are none. */
    public static double mean(double[] values) {
        SummaryStatistics s = new SummaryStatistics();
        for (double v : values) {
            if (Double.isFinite(v)) {
                s.addValue(v);
            }
        }
        return s.getN() == 0 ? Double.NaN : s.getMean();
    }
}
