package io.github.poolbench.report.analysis;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChoiceTest {
    @Test
    void aStrategyIsWithinTenPercentOnlyWhenItsWorstCaseIs() {
        Map<String, Estimate> times = new LinkedHashMap<>();
        times.put("THREAD_PER_TASK", new Estimate(200, 190, 210));
        times.put("FORK_JOIN_POOL", new Estimate(52, 51, 53));
        times.put("FIXED_THREAD_POOL", new Estimate(50, 49, 51));
        times.put("VIRTUAL_THREAD_PER_TASK", new Estimate(54, 40, 70));
        Choice.Result c = Choice.of(times).orElseThrow();
        assertEquals("FIXED_THREAD_POOL", c.quickest());
        assertEquals(List.of("FIXED_THREAD_POOL", "FORK_JOIN_POOL"), c.named(Choice.Verdict.WITHIN),
                "53 ≤ 1.1 × 49");
        assertEquals(List.of("THREAD_PER_TASK"), c.named(Choice.Verdict.OVER), "190 > 1.1 × 51");
        assertEquals(List.of("VIRTUAL_THREAD_PER_TASK"), c.named(Choice.Verdict.UNDECIDED), "40–70 straddles 56");
    }

    @Test
    void nothingToChooseFromGivesNoResult() {
        assertTrue(Choice.of(Map.of("A", Estimate.exact(Double.NaN))).isEmpty());
        assertTrue(Choice.of(Map.of()).isEmpty());
    }
}
