package io.github.poolbench.report.analysis;

import org.openjdk.jmh.util.ListStatistics;

/**
 * The one statistics helper of report, compare and merge: JMH's own {@link ListStatistics}, so
 * a score error here is the number JMH itself writes, the half-width of the 99.9% confidence
 * interval of the mean from Student's t, NaN for two values or fewer (as JMH 1.37 gives it).
 * Values that are not finite are left out.
 */
public final class Samples {
    /** JMH's confidence level. */
    public static final double CONFIDENCE = 0.999;

    private Samples() {
    }

    /** JMH's statistics over the finite {@code values}. */
    public static ListStatistics of(double[] values) {
        ListStatistics s = new ListStatistics();
        for (double v : values) {
            if (Double.isFinite(v)) {
                s.addValue(v);
            }
        }
        return s;
    }

    /** The half-width of the 99.9% interval of the mean of {@code values}, as JMH computes its score error. */
    public static double halfWidth(double[] values) {
        return of(values).getMeanErrorAt(CONFIDENCE);
    }

    /** The mean of the finite values; NaN when there are none. */
    public static double mean(double[] values) {
        ListStatistics s = of(values);
        return s.getN() == 0 ? Double.NaN : s.getMean();
    }
}
