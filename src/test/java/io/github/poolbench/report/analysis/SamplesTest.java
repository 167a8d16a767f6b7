package io.github.poolbench.report.analysis;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SamplesTest {
    @Test
    void theScoreErrorIsJmhsOwnHalfWidthOfThe999PercentInterval() {
        // sd 1, t(2 df, 0.9995) = 31.599: 31.599 / sqrt(3)
        assertEquals(18.2437, Samples.halfWidth(new double[] {1, 2, 3}), 1e-4);
        assertEquals(2.0, Samples.mean(new double[] {1, 2, 3}));
    }

    @Test
    void twoValuesOrFewerHaveNoErrorAsInJmh() {
        assertTrue(Double.isNaN(Samples.halfWidth(new double[] {1})));
        assertTrue(Double.isNaN(Samples.halfWidth(new double[] {1, 2})), "JMH 1.37 writes NaN at n = 2 too");
        assertTrue(Double.isNaN(Samples.mean(new double[0])));
    }

    @Test
    void valuesThatAreNotFiniteAreLeftOut() {
        assertEquals(Samples.halfWidth(new double[] {1, 2, 3}),
                Samples.halfWidth(new double[] {1, Double.NaN, 2, Double.POSITIVE_INFINITY, 3}));
    }
}
