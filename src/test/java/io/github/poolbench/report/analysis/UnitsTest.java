package io.github.poolbench.report.analysis;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UnitsTest {
    @Test
    void timePerOpAndOpsPerTimeAreRecognisedAndTheRestIsOther() {
        assertEquals(Units.Kind.TIME_PER_OP, Units.kind("us/op"));
        assertEquals(Units.Kind.TIME_PER_OP, Units.kind("s/op"));
        assertEquals(Units.Kind.TIME_PER_OP, Units.kind("µs/op"));
        assertEquals(Units.Kind.OPS_PER_TIME, Units.kind("ops/ms"));
        assertEquals(Units.Kind.OTHER, Units.kind("B/op"));
        assertEquals(Units.Kind.OTHER, Units.kind("MB/sec"));
        assertEquals(Units.Kind.OTHER, Units.kind("counts"));
    }

    @Test
    void everyTimeUnitNormalisesToSeconds() {
        assertEquals(2e-9, Units.secondsPerOp(2, Double.NaN, "ns/op").orElseThrow().value(), 1e-21);
        assertEquals(2e-6, Units.secondsPerOp(2, Double.NaN, "us/op").orElseThrow().value(), 1e-18);
        assertEquals(2e-3, Units.secondsPerOp(2, Double.NaN, "ms/op").orElseThrow().value(), 1e-15);
        assertEquals(2.0, Units.secondsPerOp(2, Double.NaN, "s/op").orElseThrow().value(), 1e-12);
        assertEquals(120.0, Units.secondsPerOp(2, Double.NaN, "min/op").orElseThrow().value(), 1e-9);
    }

    @Test
    void throughputIsInvertedAndItsIntervalTurnsRound() {
        Estimate e = Units.secondsPerOp(4, 1, "ops/ms").orElseThrow();
        assertEquals(0.25e-3, e.value(), 1e-15);
        assertEquals(1e-3 / 5, e.low(), 1e-15);
        assertEquals(1e-3 / 3, e.high(), 1e-15);
    }

    @Test
    void aThroughputWhoseErrorReachesZeroHasNoUpperBound() {
        Estimate e = Units.secondsPerOp(1, 2, "ops/s").orElseThrow();
        assertEquals(Double.POSITIVE_INFINITY, e.high());
    }

    @Test
    void otherUnitsHaveNoTime() {
        assertTrue(Units.secondsPerOp(5, 1, "B/op").isEmpty());
    }

    @Test
    void opsPerSecondComesFromEitherKind() {
        assertEquals(4000.0, Units.opsPerSecond(4, Double.NaN, "ops/ms").orElseThrow().value(), 1e-9);
        assertEquals(4000.0, Units.opsPerSecond(250, Double.NaN, "us/op").orElseThrow().value(), 1e-6);
    }

    @Test
    void theDisplayUnitIsTheCoarsestThatKeepsTheNumberAtLeastOne() {
        assertEquals("µs", Units.timeUnitFor(34e-6).name());
        assertEquals("ms", Units.timeUnitFor(0.034).name());
        assertEquals("s", Units.timeUnitFor(101).name());
        assertEquals("ns", Units.timeUnitFor(3e-10).name());
        assertEquals("ms", Units.timeUnitFor(1e-3).name());
        assertEquals("ops/µs", Units.throughputUnitFor(1e6).name());
        assertEquals("ops/s", Units.throughputUnitFor(5).name());
        assertEquals("ops/s", Units.throughputUnitFor(0.5).name());
    }

    @Test
    void numbersKeepThreeSignificantDigitsWithGroupedThousands() {
        assertEquals("17,300", Units.formatNumber(17329));
        assertEquals("284", Units.formatNumber(284.15));
        assertEquals("3.51", Units.formatNumber(3.514));
        assertEquals("0.00123", Units.formatNumber(0.0012345));
        assertEquals("1,000", Units.formatNumber(999.9));
        assertEquals("10.0", Units.formatNumber(9.999));
        assertEquals("0", Units.formatNumber(0));
        assertEquals("−2.50", Units.formatNumber(-2.5));
        assertEquals("n/a", Units.formatNumber(Double.NaN));
        assertEquals("∞", Units.formatNumber(Double.POSITIVE_INFINITY));
    }

    @Test
    void secondsAreWrittenInTheUnitThatFits() {
        assertEquals("34.2 ms", Units.formatSeconds(0.0342));
        assertEquals("2.05 µs", Units.formatSeconds(2.05e-6));
        assertEquals("101 s", Units.formatSeconds(101.00088691711426));
        assertEquals("355 ms", Units.formatSeconds(0.35544490814208984));
        assertEquals("10 µs", Units.formatSecondsShort(1e-5));
        assertEquals("2.5 s", Units.formatSecondsShort(2.5));
        assertEquals("1,000 s", Units.formatSecondsShort(1000));
        assertEquals("284×", Units.formatRatio(284.15));
    }

    @Test
    void compareConvertsEveryUnitTheReportReads() {
        assertEquals(1e-3, Units.factor("µs/op", "ms/op").getAsDouble(), 1e-15);
        assertEquals(1e-3, Units.factor("ops/sec", "ops/ms").getAsDouble(), 1e-15);
        assertEquals(3600.0, Units.factor("h/op", "s/op").getAsDouble(), 1e-9);
        assertEquals(1.0, Units.factor("B/op", "B/op").getAsDouble());
        assertTrue(Units.factor("us/op", "ops/us").isEmpty(), "a time and a rate do not convert");
        assertTrue(Units.factor("B/op", "KB/op").isEmpty());
        for (String unit : new String[] {"ns/op", "µs/op", "μs/op", "us/op", "ms/op", "sec/op", "min/op", "h/op", "day/op"}) {
            assertEquals(Units.Kind.TIME_PER_OP, Units.kind(unit), unit);
            assertEquals(null, Units.unfit("avgt", unit), unit);
            assertEquals("unit " + unit + " does not fit mode thrpt (operations per time unit)", Units.unfit("thrpt", unit));
        }
        assertEquals("unit B/op is not a JMH time unit (ns/op ... s/op or ops/ns ... ops/s)", Units.unfit("avgt", "B/op"));
    }
}
