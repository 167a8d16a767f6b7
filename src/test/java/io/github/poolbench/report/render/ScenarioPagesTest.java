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
        // one size clearly over the limit, one clearly under: the intervals allow the sentence
        return new TaskWeight.BreakEven("a", "THREAD_PER_TASK", "FIXED_THREAD_POOL", new TreeMap<>(), where, micros,
                List.of(new TaskWeight.OverheadPoint(1, 0.9, 0.8, 1.0), new TaskWeight.OverheadPoint(100, 0.02, 0.0, 0.04)));
    }

    @Test
    void aBreakEvenWhoseIntervalsStraddleTheLimitIsIndistinguishable() {
        // the published sweep: +95%, −1%, −34%, −12%, +2%, where −34% ran from −60% to +20%
        TaskWeight.BreakEven b = new TaskWeight.BreakEven("a", "VIRTUAL_THREAD_PER_TASK", "FIXED_THREAD_POOL", new TreeMap<>(),
                TaskWeight.Where.INTERPOLATED, 0.885, List.of(new TaskWeight.OverheadPoint(0, 0.95, 0.5, 1.4),
                new TaskWeight.OverheadPoint(1, -0.01, -0.05, 0.03), new TaskWeight.OverheadPoint(10, -0.34, -0.6, 0.2)));
        assertEquals("indistinguishable on this machine (an interval straddles +10%)", ScenarioPages.breakEvenText(b));
    }
}
