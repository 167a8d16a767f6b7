package io.github.poolbench.report.analysis;

import io.github.poolbench.report.model.Metric;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpreadTest {
    @Test
    void aFigureFromSeveralForksIsTheMedianOfTheForkMeansWithTheirRange() {
        Metric m = new Metric(99, 1, "us/op", List.of(List.of(10.0, 12.0), List.of(30.0, 30.0), List.of(20.0, 22.0)));
        Estimate e = Spread.of(m, true);
        assertEquals(21.0, e.value(), 1e-12, "median of 11, 30, 21");
        assertEquals(11.0, e.low(), 1e-12);
        assertEquals(30.0, e.high(), 1e-12);
        assertTrue(Spread.fromForks(m));
        assertEquals("median of 3 fork means, interval min–max of them", Spread.describeInterval(m));
    }

    @Test
    void oneForkKeepsJmhsIntervalButATimeNeverReachesBelowZero() {
        Metric m = Metric.ofOneFork(27.8, 52.9, "s/op", List.of(1.0, 2.0, 80.4));
        Estimate e = Spread.of(m, true);
        assertEquals(27.8, e.value(), 1e-12);
        assertEquals(0.0, e.low(), 0.0, "cut at the axis, not −25.1");
        assertEquals(80.7, e.high(), 1e-9);
        assertEquals(-25.1, Spread.of(m, false).low(), 1e-9, "a quantity that may be negative keeps JMH's interval");
        assertEquals("1 fork: JMH's 99.9% interval over 3 iterations of one JVM", Spread.describeInterval(m));
    }

    @Test
    void aRowWithOneForkOrFewSamplesIsWarnedAbout() {
        assertEquals("1 fork, 3 samples", Spread.warning(Metric.ofOneFork(1, 1, "us/op", List.of(1.0, 2.0, 3.0))).orElseThrow());
        assertEquals("1 fork", Spread.warning(Metric.ofOneFork(1, 1, "us/op", List.of(1.0, 1.0, 1.0, 1.0, 1.0))).orElseThrow());
        assertEquals("4 samples", Spread.warning(new Metric(1, 1, "us/op", List.of(List.of(1.0, 1.0), List.of(1.0, 1.0))))
                .orElseThrow());
        assertTrue(Spread.warning(new Metric(1, 1, "us/op", List.of(List.of(1.0, 1.0, 1.0), List.of(1.0, 1.0, 1.0))))
                .isEmpty());
    }

    @Test
    void oneFastIterationAmongFourSlowOnesIsTwoClusters() {
        // roundTrip on this machine: 6.5 µs once, ~50 µs in the other four iterations of the fork
        Spread.Bimodal b = Spread.bimodal(List.of(6.5, 49.0, 51.0, 50.0, 52.0)).orElseThrow();
        assertEquals(6.5, b.low(), 1e-9);
        assertEquals(50.5, b.high(), 0.01, "the middle of 49, 50, 51, 52");
        assertEquals(1, b.lowCount());
        assertEquals(4, b.highCount());
    }

    @Test
    void anOrdinarySpreadIsNotBimodal() {
        assertTrue(Spread.bimodal(List.of(40.0, 45.0, 50.0, 55.0, 60.0, 48.0)).isEmpty(), "one cluster");
        assertTrue(Spread.bimodal(List.of(10.0, 11.0, 13.0, 15.0, 18.0, 21.0, 25.0)).isEmpty(), "a long tail, no gap");
        assertTrue(Spread.bimodal(List.of(6.0, 50.0, 51.0)).isEmpty(), "too few values to tell");
        assertTrue(Spread.bimodal(List.of(10.0, 10.5, 19.0, 19.5)).isEmpty(), "clusters under 2× apart");
    }

    @Test
    void twoForksThatDisagreeAreTwoClusters() {
        Spread.Bimodal b = Spread.bimodal(List.of(6.0, 6.2, 5.9, 6.1, 48.0, 50.0, 52.0, 49.0)).orElseThrow();
        assertEquals(4, b.lowCount());
        assertEquals(4, b.highCount());
        assertTrue(b.high() / b.low() > 7);
    }

    @Test
    void intervalsThatShareAPointAreNotSeparated() {
        assertFalse(Spread.separated(new Estimate(1, 0.5, 2), new Estimate(3, 2, 4)));
        assertTrue(Spread.separated(new Estimate(1, 0.5, 1.9), new Estimate(3, 2, 4)));
        assertTrue(Spread.separated(new Estimate(3, 2, 4), new Estimate(1, 0.5, 1.9)));
    }
}
