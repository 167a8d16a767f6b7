package io.github.poolbench.report.compare;

import org.apache.commons.math3.stat.inference.TTest;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static io.github.poolbench.report.compare.Synthetic.file;
import static io.github.poolbench.report.compare.Synthetic.forks;
import static io.github.poolbench.report.compare.Synthetic.around;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gate's interval on fork pairs measured side by side (ABBA round pairs). */
class PairedIntervalTest {
    /** A machine that drifts by 30% over the run, the same for both sides of a pair, and a true +5%. */
    private static final double[] MACHINE = {1.00, 1.04, 1.10, 1.13, 1.18, 1.22, 1.26, 1.30, 1.21, 1.12};
    private static final double[] NOISE = {1.01, 0.99, 1.02, 0.98, 1.00, 1.01, 0.99, 1.00, 1.02, 0.98};

    private static List<Double> side(double effect, boolean head) {
        Double[] v = new Double[MACHINE.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = 100 * MACHINE[i] * (head ? (1 + effect) * NOISE[i] : NOISE[NOISE.length - 1 - i]);
        }
        return Arrays.asList(v);
    }

    @Test
    void itsEndTouchesZeroAtTheLevelOfThePairedTTestsPValue() {
        List<Double> a = side(0.05, false);
        List<Double> b = side(0.05, true);
        double[] la = a.stream().mapToDouble(Math::log).toArray();
        double[] lb = b.stream().mapToDouble(Math::log).toArray();
        double p = new TTest().pairedTTest(lb, la);
        ChangeInterval at = ChangeInterval.paired(a, b, p);
        assertEquals(0, at.lo(), 1e-9, "at level p the interval's lower end is 0: " + at);
        assertEquals(9, at.df(), 0);
        assertEquals(10, at.nBase());
        ChangeInterval i = ChangeInterval.paired(a, b, 0.05);
        assertEquals(0.05, i.change(), 0.01);
        assertTrue(i.lo() > 0, "a true +5% under 30% drift is seen: " + i);
    }

    @Test
    void theDriftThatWidensWelchsIntervalCancelsOutOfThePairedOne() {
        List<Double> a = side(0.05, false);
        List<Double> b = side(0.05, true);
        ChangeInterval paired = ChangeInterval.paired(a, b, 0.05);
        ChangeInterval welch = ChangeInterval.of(a, b, 0.05);
        assertEquals(welch.estimate(), paired.estimate(), 1e-12, "the same estimate");
        assertTrue(welch.lo() < 0, "Welch cannot tell: " + welch);
        assertTrue(paired.hi() - paired.lo() < 0.3 * (welch.hi() - welch.lo()), paired + " vs " + welch);
    }

    @Test
    void aPairWithABadSampleIsLeftOutWholeAndUnequalSidesAreRefused() {
        List<Double> a = Arrays.asList(100.0, 101.0, Double.NaN, 99.0);
        List<Double> b = Arrays.asList(110.0, 0.0, 112.0, 109.0);
        ChangeInterval i = ChangeInterval.paired(a, b, 0.05);
        assertEquals(2, i.nBase(), "pairs 2 and 3 are out, 1 and 4 stay");
        assertNull(ChangeInterval.paired(List.of(100.0), List.of(110.0), 0.05));
        assertThrows(IllegalArgumentException.class, () -> ChangeInterval.paired(List.of(1.0, 2.0), List.of(1.0), 0.05));
    }

    @Test
    void comparePairsForksOnlyWhenTold() throws Exception {
        double[][] base = new double[MACHINE.length][];
        double[][] head = new double[MACHINE.length][];
        for (int i = 0; i < MACHINE.length; i++) {
            base[i] = around(side(0.05, false).get(i), 0.1, 4);
            head[i] = around(side(0.05, true).get(i), 0.1, 4);
        }
        var b = file("base", forks("THREAD_PER_TASK", base));
        var h = List.of(file("head", forks("THREAD_PER_TASK", head)));
        RowComparison paired = Comparison.of(b, h, new CompareSettings(0.10, 0.05, false, false, false, true)).rows().get(0);
        RowComparison apart = Comparison.of(b, h, new CompareSettings(0.10, 0.05, false, false, false, false)).rows().get(0);
        assertEquals("10 fork pairs", paired.basis());
        assertEquals("10 forks a side", apart.basis());
        assertEquals(9, paired.interval().df(), 0);
        assertTrue(apart.interval().df() > 9, "Welch's df: " + apart.interval().df());
    }
}
