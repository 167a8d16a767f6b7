package io.github.poolbench.report.analysis;

import io.github.poolbench.report.Fixtures;
import io.github.poolbench.report.model.ResultFile;
import io.github.poolbench.report.parse.JmhJsonParser;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.github.poolbench.report.analysis.TestRows.labelled;
import static io.github.poolbench.report.analysis.TestRows.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TaskCountSweepTest {
    private static Row increment(String strategy, String chunksize, int tasks, double micros) {
        return labelled("a", row("IncrementBenchmark.map", Map.of("strategy", strategy, "tasks", String.valueOf(tasks),
                "workers", "5", "chunksize", chunksize), micros, "us/op"));
    }

    @Test
    void linearGrowthHasASlopeOfOneAndAPerfectFit() {
        TaskCountSweep.Fit f = TaskCountSweep.fit(new double[] {10, 100, 1000, 10000}, new double[] {2e-5, 2e-4, 2e-3, 2e-2});
        assertEquals(1.0, f.slope(), 1e-9);
        assertEquals(1.0, f.rSquared(), 1e-9);
        assertEquals(Math.log10(2e-6), f.intercept(), 1e-9, "the line's time for one task");
        assertEquals(4, f.points());
    }

    @Test
    void aFixedCostHasASlopeOfZeroAndASquareRootOneHalf() {
        assertEquals(0.0, TaskCountSweep.fit(new double[] {10, 100, 1000}, new double[] {1, 1, 1}).slope(), 1e-12);
        assertEquals(0.5, TaskCountSweep.fit(new double[] {1, 100, 10000}, new double[] {1, 10, 100}).slope(), 1e-9);
    }

    @Test
    void twoPointsGiveASlopeButNoRSquared() {
        TaskCountSweep.Fit f = TaskCountSweep.fit(new double[] {10, 1000}, new double[] {1e-3, 1e-1});
        assertEquals(1.0, f.slope(), 1e-9);
        assertTrue(Double.isNaN(f.rSquared()), "any line fits two points");
    }

    @Test
    void aSlopeNeedsTwoTaskCountsWithPositiveTimes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TaskCountSweep.fit(new double[] {10, 10, 100}, new double[] {1, 2, 0}));
        assertEquals("a slope needs at least two task counts with positive times, got 1", e.getMessage());
        assertEquals("3 task counts for 2 times", assertThrows(IllegalArgumentException.class,
                () -> TaskCountSweep.fit(new double[] {1, 2, 3}, new double[] {1, 2})).getMessage());
    }

    @Test
    void eachStrategyAndSettingIsASeriesAndASingleTaskCountIsNone() {
        TaskCountSweep s = TaskCountSweep.of(List.of(
                increment("THREAD_PER_TASK", "auto", 10, 600), increment("THREAD_PER_TASK", "auto", 100, 6000),
                increment("THREAD_PER_TASK", "auto", 1000, 60000),
                increment("FIXED_THREAD_POOL", "auto", 1000, 300), increment("FIXED_THREAD_POOL", "auto", 10, 100),
                increment("FIXED_THREAD_POOL", "1", 10, 100), increment("FIXED_THREAD_POOL", "1", 1000, 2000),
                increment("CALLER_THREAD", "auto", 1000, 40)));
        assertEquals(List.of("FIXED_THREAD_POOL · chunksize=1", "FIXED_THREAD_POOL · chunksize=auto", "THREAD_PER_TASK"),
                s.series().stream().map(TaskCountSweep.Series::name).toList());
        TaskCountSweep.Series perTask = s.series().get(2);
        assertEquals(1.0, perTask.fit().slope(), 1e-9);
        assertEquals(List.of(10, 100, 1000), perTask.points().stream().map(TaskCountSweep.Point::tasks).toList());
        assertEquals(60e-6, perTask.points().get(2).perTask().value(), 1e-12);
        assertEquals(1000, s.maxTasks("a"));
    }

    @Test
    void theDefaultRunsOneTaskCountHasNoSweep() throws Exception {
        ResultFile f = JmhJsonParser.parse(Fixtures.path("increment-avgt.json"), w -> { });
        assertTrue(TaskCountSweep.of(Groups.rows(List.of(f))).isEmpty());
    }

    @Test
    void nestedProcessClassesSweepToo() throws Exception {
        ResultFile f = JmhJsonParser.parse(Fixtures.path("synthetic-process-scenarios.json"), w -> { });
        TaskCountSweep s = TaskCountSweep.of(Groups.rows(List.of(f)));
        assertEquals(List.of("FIXED_PROCESS_POOL", "PROCESS_PER_TASK", "NATIVE_PROCESS_PER_TASK · spawner=nuprocess",
                "NATIVE_PROCESS_PER_TASK · spawner=processbuilder"), s.series().stream().map(TaskCountSweep.Series::name).toList());
        assertEquals(0.98, s.series().get(1).fit().slope(), 0.02, "a JVM per task: every task costs the same");
    }
}
