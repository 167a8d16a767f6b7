package io.github.poolbench.report.render;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChartRangeTest {
    @Test
    void valuesSpanningAHundredfoldGoOnALogAxisFromDecadeToDecade() {
        ChartRange r = ChartRange.auto(41e-6, 0.47, 101);
        assertTrue(r.log());
        assertEquals(1e-5, r.lower(), 1e-18);
        assertEquals(1000, r.upper(), 1e-9);
        assertEquals(8, r.decades());
    }

    @Test
    void aValueOnAPowerOfTenGetsAnotherDecadeAbove() {
        ChartRange r = ChartRange.logarithmic(1, 100);
        assertEquals(1, r.lower(), 1e-12);
        assertEquals(1000, r.upper(), 1e-9);
    }

    @Test
    void closeValuesStayLinearAndStartAtZero() {
        ChartRange r = ChartRange.auto(40, 60, 80);
        assertFalse(r.log());
        assertEquals(0, r.lower());
        assertEquals(84, r.upper(), 1e-9);
    }

    @Test
    void equalValuesYieldANonEmptyRange() {
        ChartRange r = ChartRange.auto(5, 5, 5);
        assertEquals(0, r.lower());
        assertEquals(5.25, r.upper(), 1e-9);
        ChartRange zero = ChartRange.auto(0, 0);
        assertTrue(zero.upper() > zero.lower());
    }

    @Test
    void negativeValuesArePaddedBelowZero() {
        ChartRange r = ChartRange.auto(-10, 30);
        assertFalse(r.log());
        assertEquals(-12, r.lower(), 1e-9);
        assertEquals(32, r.upper(), 1e-9);
    }

    @Test
    void nanAndInfinityAreLeftOut() {
        ChartRange r = ChartRange.auto(Double.NaN, 1, 1000, Double.POSITIVE_INFINITY);
        assertTrue(r.log());
        assertEquals(1, r.lower(), 1e-12);
        assertEquals(10000, r.upper(), 1e-9);
        assertEquals(new ChartRange(0, 1, false), ChartRange.auto(Double.NaN));
        assertEquals(new ChartRange(0, 1, false), ChartRange.auto());
    }

    @Test
    void theDecisionRestsOnTheValuesAndTheBoundsOnlyWidenTheRange() {
        // a whisker reaching below zero must not turn a log chart linear
        ChartRange r = ChartRange.auto(new double[] {1e-4, 1}, new double[] {-5e-4, 1.5});
        assertTrue(r.log());
        assertEquals(1e-4, r.lower(), 1e-16);
        assertEquals(10, r.upper(), 1e-9);
        ChartRange linear = ChartRange.auto(new double[] {10, 20}, new double[] {5, 40});
        assertEquals(42, linear.upper(), 1e-9);
    }

    @Test
    void anEmptyOrNonPositiveLogRangeIsRefused() {
        assertEquals("empty range [1.0, 1.0]",
                assertThrows(IllegalArgumentException.class, () -> new ChartRange(1, 1, false)).getMessage());
        assertEquals("a log range must be positive, got lower 0.0",
                assertThrows(IllegalArgumentException.class, () -> new ChartRange(0, 1, true)).getMessage());
    }
}
