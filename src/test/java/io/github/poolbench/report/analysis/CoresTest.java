package io.github.poolbench.report.analysis;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CoresTest {
    @Test
    void symbolicSizesAreMultiplesOfTheCores() {
        Cores c = new Cores(4, true);
        assertEquals(OptionalInt.of(5), c.resolve("5"));
        assertEquals(OptionalInt.of(4), c.resolve("cores"));
        assertEquals(OptionalInt.of(8), c.resolve("2xcores"));
        assertEquals(OptionalInt.of(16), c.resolve(" 4XCORES "));
        assertEquals(OptionalInt.empty(), c.resolve("0"));
        assertEquals(OptionalInt.empty(), c.resolve("0xcores"));
        assertEquals(OptionalInt.empty(), c.resolve("many"));
        assertEquals(OptionalInt.empty(), c.resolve(null));
        assertTrue(Cores.isSymbolic("2xcores"));
        assertFalse(Cores.isSymbolic("5"));
    }

    @Test
    void theEnvironmentRecordsCountWinsOverTheAssumedOne() {
        assertEquals(new Cores(2, true), Cores.of(Map.of("cores", 2), 8));
        assertEquals(new Cores(8, false), Cores.of(Map.of(), 8));
        assertEquals(new Cores(8, false), Cores.of(Map.of("cores", "two"), 8));
        assertEquals(new Cores(8, false), Cores.of(Map.of("cores", 2.5), 8));
        assertEquals(new Cores(3, true), Cores.of(Map.of("cores", "3"), 8));
    }

    @Test
    void theReportSaysWhetherTheCountWasRecordedOrAssumed() {
        assertEquals("2 cores (from the environment record)", new Cores(2, true).describe());
        assertEquals("1 core (assumed: the run has no environment record)", new Cores(1, false).describe());
        assertEquals("cores must be at least 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> new Cores(0, true)).getMessage());
    }
}
