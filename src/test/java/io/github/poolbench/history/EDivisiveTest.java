package io.github.poolbench.history;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EDivisiveTest {
    private static List<double[]> series(int runs, long seed, int... stepsAt) {
        Random rnd = new Random(seed);
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            double level = 100;
            for (int s : stepsAt) {
                if (i >= s) {
                    level *= 1.25;
                }
            }
            out.add(new double[] {level * (1 + 0.05 * rnd.nextGaussian()), level * (1 + 0.05 * rnd.nextGaussian()),
                    level * (1 + 0.05 * rnd.nextGaussian())});
        }
        return out;
    }

    @Test
    void aLongSeriesIsSearchedInWindowsAndEveryStepIsFound() {
        EDivisive e = new EDivisive(3, 0.001, EDivisive::welch);
        List<Integer> cps = e.changePoints(series(300, 5, 70, 150, 230));
        assertEquals(3, cps.size(), cps.toString());
        assertTrue(Math.abs(cps.get(0) - 70) <= 1 && Math.abs(cps.get(1) - 150) <= 1 && Math.abs(cps.get(2) - 230) <= 1,
                cps.toString());
    }

    @Test
    void theSameSeriesGivesTheSameAnswer() {
        EDivisive e = new EDivisive(3, 0.001, Modes::pValue);
        assertEquals(e.changePoints(series(80, 9, 40)), e.changePoints(series(80, 9, 40)));
    }

    @Test
    void tooShortASeriesHasNoChangePoint() {
        assertEquals(List.of(), new EDivisive(3, 0.001, EDivisive::welch).changePoints(series(5, 1, 3)));
    }

    @Test
    void welchMatchesAKnownValue() {
        // R: t.test(c(1,2,3,4,5), c(2,4,6,8,10)) -> t = -1.8974, df = 5.8824, p-value = 0.1075
        assertEquals(0.1075, EDivisive.welch(new double[] {1, 2, 3, 4, 5}, new double[] {2, 4, 6, 8, 10}), 1e-3);
    }

    @Test
    void theRelativeChangeHasAnIntervalAroundIt() {
        double[] ci = Detector.relativeChange(new double[] {10, 10.2, 9.8, 10.1, 9.9}, new double[] {12, 12.2, 11.8, 12.1, 11.9});
        assertEquals(0.2, ci[0], 1e-9);
        assertTrue(ci[1] > 0.15 && ci[1] < 0.2 && ci[2] > 0.2 && ci[2] < 0.25, java.util.Arrays.toString(ci));
    }
}
