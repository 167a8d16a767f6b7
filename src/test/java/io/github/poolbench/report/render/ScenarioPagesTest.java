package io.github.poolbench.report.render;

import io.github.poolbench.report.analysis.Cores;
import io.github.poolbench.report.analysis.TaskWeight;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ScenarioPagesTest {
    @Test
    void aSlopeReadsAsPrinted() {
        assertEquals("linear", ScenarioPages.slopeReading(0.899));
        assertEquals("linear", ScenarioPages.slopeReading(1.104));
        assertEquals("sub-linear", ScenarioPages.slopeReading(0.85));
        assertEquals("super-linear", ScenarioPages.slopeReading(1.2));
        assertEquals("", ScenarioPages.slopeReading(Double.NaN));
    }

    @Test
    void breakEvenSizesAreWrittenAsTimesAndSayWhereTheyLie() {
        assertEquals("≈ 42.0 µs", ScenarioPages.breakEvenText(breakEven(TaskWeight.Where.INTERPOLATED, 42)));
        assertEquals("≈ 98.5 ms", ScenarioPages.breakEvenText(breakEven(TaskWeight.Where.INTERPOLATED, 98_500)));
        assertEquals("≤ 0 µs (fine at every size measured)", ScenarioPages.breakEvenText(breakEven(TaskWeight.Where.AT_OR_BELOW_SMALLEST, 0)));
        assertEquals("≤ 1 µs (the smallest measured)", ScenarioPages.breakEvenText(breakEven(TaskWeight.Where.AT_OR_BELOW_SMALLEST, 1)));
        assertEquals("> 1 ms (the largest measured)", ScenarioPages.breakEvenText(breakEven(TaskWeight.Where.ABOVE_LARGEST, 1000)));
    }

    @Test
    void coresAreNotedOnceWhenEveryFileHasTheSameAndPerFileOtherwise() {
        Map<String, Cores> same = new LinkedHashMap<>();
        same.put("a", new Cores(2, true));
        same.put("b", new Cores(2, true));
        assertEquals(List.of("Cores: 2 cores (from the environment record)."), ScenarioPages.coresNotes(same, true));
        Map<String, Cores> differ = new LinkedHashMap<>();
        differ.put("unpinned", new Cores(2, true));
        differ.put("pinned", new Cores(1, true));
        assertEquals(List.of("Cores of unpinned: 2 cores (from the environment record).",
                "Cores of pinned: 1 core (from the environment record)."), ScenarioPages.coresNotes(differ, true));
        assertEquals(List.of(), ScenarioPages.coresNotes(differ, false), "not used, not noted");
    }

    private static TaskWeight.BreakEven breakEven(TaskWeight.Where where, double micros) {
        return new TaskWeight.BreakEven("a", "THREAD_PER_TASK", "FIXED_THREAD_POOL", new TreeMap<>(), where, micros, List.of());
    }
}
