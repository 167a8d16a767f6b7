package io.github.poolbench.history;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.DoubleSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seeded synthetic series as the suite's rows look over time: 60 runs of 3 forks each, fork
 * means with a coefficient of variation of 8%. Each rate is over 200 series (seeds 0..199) and
 * printed, so a change to the method shows what it costs.
 */
class DetectionRatesTest {
    static final int RUNS = 60;
    static final int FORKS = 3;
    static final double CV = 0.08;
    static final int SERIES = 200;

    static Series series(long seed, int stepAt, double step, boolean bimodal) {
        Random rnd = new Random(seed);
        List<Series.Point> points = new ArrayList<>();
        StoredRun.RunEnv env = new StoredRun.RunEnv("v", "17", "k", "default");
        for (int i = 0; i < RUNS; i++) {
            double level = 100 * (i >= stepAt ? 1 + step : 1);
            double[] forks = new double[FORKS];
            for (int f = 0; f < FORKS; f++) {
                if (bimodal) {
                    // two modes 35% apart, each fork in either with probability 1/2, 3% spread within a mode
                    double mode = rnd.nextBoolean() ? 1.0 : 1.35;
                    forks[f] = level * mode * (1 + 0.03 * rnd.nextGaussian());
                } else {
                    forks[f] = level * (1 + CV * rnd.nextGaussian());
                }
            }
            points.add(new Series.Point("r" + i, i * 1000L, "c" + i, env, forks));
        }
        return new Series(new Machine("Linux", "amd64", "cpu", "sig", 2, "none"), "m", "a.B.m", "avgt",
                new TreeMap<>(Map.of("strategy", "X")), "us/op", points);
    }

    /** The share of 200 series with a step at a seeded position in [10, 50) found within ±2 runs. */
    static double found(double step, boolean bimodal) {
        return found(step, bimodal, 2);
    }

    static double found(double step, boolean bimodal, int within) {
        Detector d = new Detector();
        int hits = 0;
        for (int seed = 0; seed < SERIES; seed++) {
            int at = 10 + new Random(1000 + seed).nextInt(40);
            List<Change> cs = d.changes(series(seed, at, step, bimodal));
            if (cs.stream().anyMatch(c -> Math.abs(c.index() - at) <= within)) {
                hits++;
            }
        }
        return (double) hits / SERIES;
    }

    static double quiet(boolean bimodal) {
        Detector d = new Detector();
        int quiet = 0;
        for (int seed = 0; seed < SERIES; seed++) {
            if (d.changes(series(5000 + seed, RUNS, 0, bimodal)).isEmpty()) {
                quiet++;
            }
        }
        return (double) quiet / SERIES;
    }

    /**
     * A +10% step is 2.2 standard deviations of a run's mean (8% / sqrt(3)): it is always found,
     * but where is uncertain by a few runs whatever the method. On 2,000 such series (seeds
     * 100000 on) the maximum-likelihood split of a series known to hold exactly one step places
     * it within 2 runs in 94.5%, E-divisive in 93.5%: 95% within 2 runs is past what the data
     * hold, so this asserts 92% within 2 runs and 95% within 3.
     */
    @Test
    void aTenPercentStepIsFoundNearWhereItIs() {
        double rate = found(0.10, false);
        double rate3 = found(0.10, false, 3);
        System.out.printf("history detection: +10%% step found within +-2 runs in %.1f%%, within +-3 in %.1f%% of %d series%n",
                100 * rate, 100 * rate3, SERIES);
        assertTrue(rate >= 0.92, "rate " + rate);
        assertTrue(rate3 >= 0.95, "rate " + rate3);
        assertEquals(1.0, found(0.10, false, RUNS), 1e-9, "every step is found somewhere");
    }

    @Test
    void aTwentyFivePercentStepIsFoundWithinTwoRuns() {
        double rate = found(0.25, false);
        System.out.printf("history detection: +25%% step found within +-2 runs in %.1f%% of %d series%n", 100 * rate, SERIES);
        assertTrue(rate >= 0.95, "rate " + rate);
    }

    @Test
    void aFlatSeriesRaisesNoChange() {
        double rate = quiet(false);
        System.out.printf("history detection: no change in %.1f%% of %d flat series%n", 100 * rate, SERIES);
        assertTrue(rate >= 0.95, "rate " + rate);
    }

    @Test
    void aFlatBimodalSeriesRaisesNoChange() {
        Series s = series(42, RUNS, 0, true);
        assertTrue(Modes.bimodal(EDivisive.flatten(s.points().stream().map(Series.Point::forkMeans).toList(), 0, RUNS)));
        assertEquals(List.of(), new Detector().changes(s));
        double rate = quiet(true);
        System.out.printf("history detection: no change in %.1f%% of %d flat bimodal series%n", 100 * rate, SERIES);
        assertTrue(rate >= 0.95, "rate " + rate);
    }

    @Test
    void aStepOfABimodalSeriesIsStillFound() {
        double rate = found(0.25, true);
        System.out.printf("history detection: +25%% step of a bimodal series found within +-2 runs in %.1f%% of %d series%n",
                100 * rate, SERIES);
        assertTrue(rate >= 0.95, "rate " + rate);
    }

    @Test
    void plainWelchOnTheMeansOfABimodalSeriesIsWhatTheRuleReplaces() {
        // The same flat bimodal series judged by a plain t-test of means (no bimodal rule): printed for comparison.
        EDivisive plain = new EDivisive(Detector.DEFAULT_MIN_RUNS, Detector.DEFAULT_ALPHA, EDivisive::welch);
        int quiet = 0;
        for (int seed = 0; seed < SERIES; seed++) {
            Series s = series(5000 + seed, RUNS, 0, true);
            if (plain.changePoints(s.points().stream().map(Series.Point::forkMeans).toList()).isEmpty()) {
                quiet++;
            }
        }
        System.out.printf("history detection: plain Welch: no change in %.1f%% of %d flat bimodal series%n",
                100.0 * quiet / SERIES, SERIES);
        assertTrue(quiet > 0);
    }

    @Test
    void aNormalSeriesIsNotBimodalAndTwoClustersAre() {
        Random rnd = new Random(1);
        DoubleSupplier normal = () -> 100 * (1 + CV * rnd.nextGaussian());
        double[] v = new double[180];
        for (int i = 0; i < v.length; i++) {
            v[i] = normal.getAsDouble();
        }
        assertTrue(Double.isNaN(Modes.cut(v)));
        for (int i = 0; i < v.length; i++) {
            v[i] = (i % 2 == 0 ? 100 : 140) * (1 + 0.03 * rnd.nextGaussian());
        }
        double cut = Modes.cut(v);
        assertTrue(cut > 106 && cut < 135, "cut " + cut);
    }

    @Test
    void fishersExactTestMatchesAKnownValue() {
        // the tea-tasting table [[3, 1], [1, 3]]: two-sided p = 0.4857
        assertEquals(0.4857, Modes.fisher(3, 1, 1, 3), 1e-4);
        assertEquals(1.0, Modes.fisher(2, 2, 2, 2), 1e-9);
    }
}
