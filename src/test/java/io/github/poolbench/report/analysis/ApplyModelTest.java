package io.github.poolbench.report.analysis;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import static io.github.poolbench.report.analysis.TestRows.labelled;
import static io.github.poolbench.report.analysis.TestRows.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApplyModelTest {
    private static Row apply(String label, String method, String strategy, double millis) {
        return labelled(label, row("ApplyBenchmark." + method,
                Map.of("strategy", strategy, "tasks", "10", "workers", "3", "sleepMillis", "10"), millis, "ms/op"));
    }

    @Test
    void applyRunsTheTasksOneAfterAnother() {
        assertEquals(0.030, ApplyModel.syncMakespan(10, 0.003), 1e-12);
        assertEquals(30.0, ApplyModel.syncMakespan(10, 3), 1e-12);
    }

    @Test
    void theAsynchronousCallsRunInWavesOfTheParallelism() {
        assertEquals(4 * 3.0, ApplyModel.asyncMakespan(10, 3, 3), 1e-12);
        assertEquals(3.0, ApplyModel.asyncMakespan(10, 10, 3), 1e-12);
        assertEquals(2 * 3.0, ApplyModel.asyncMakespan(10, 5, 3), 1e-12);
    }

    @Test
    void theDocumentsTenTasksOnThreeWorkersGiveAModelRatioOfTwoAndAHalf() {
        assertEquals(2.5, ApplyModel.modelRatio(10, 3), 1e-12);
        assertEquals(10.0, ApplyModel.modelRatio(10, 10), 1e-12);
        assertEquals(1.0, ApplyModel.modelRatio(10, 1), 1e-12);
    }

    @Test
    void aMakespanNeedsAtLeastOneTaskAndOneRunner() {
        assertEquals("tasks must be at least 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> ApplyModel.syncMakespan(0, 1)).getMessage());
        assertEquals("parallelism must be at least 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> ApplyModel.asyncMakespan(10, 0, 1)).getMessage());
    }

    @Test
    void parallelismIsTheWorkersForPoolsTheTasksForThreadsPerTaskAndTheChildBoundForProcessesPerTask() {
        OptionalInt three = OptionalInt.of(3);
        OptionalInt ten = OptionalInt.of(10);
        OptionalInt none = OptionalInt.empty();
        assertEquals(three, ApplyModel.parallelism("FIXED_THREAD_POOL", false, three, ten, none));
        assertEquals(three, ApplyModel.parallelism("FIXED_PROCESS_POOL", true, three, ten, none));
        assertEquals(three, ApplyModel.parallelism("SOMEONE_ELSES_POOL", false, three, ten, none));
        assertEquals(ten, ApplyModel.parallelism("THREAD_PER_TASK", false, three, ten, none));
        assertEquals(ten, ApplyModel.parallelism("VIRTUAL_THREAD_PER_TASK", false, three, ten, none));
        assertEquals(three, ApplyModel.parallelism("PROCESS_PER_TASK", true, three, ten, none), "maxChildren defaults to the workers");
        assertEquals(OptionalInt.of(5), ApplyModel.parallelism("PROCESS_PER_TASK", true, three, ten, OptionalInt.of(5)));
        assertEquals(ten, ApplyModel.parallelism("NATIVE_PROCESS_PER_TASK", true, three, ten, OptionalInt.of(50)), "never above the tasks");
        assertEquals(OptionalInt.of(1), ApplyModel.parallelism("CALLER_THREAD", false, three, ten, none));
        assertEquals(none, ApplyModel.parallelism("THREAD_PER_TASK", false, three, none, none));
        assertEquals(none, ApplyModel.parallelism("FIXED_THREAD_POOL", false, none, ten, none));
    }

    @Test
    void everyMethodIsSetAgainstItsModelAndApplyAgainstApplyAsync() {
        ApplyModel m = ApplyModel.of(List.of(
                apply("a", "closeJoinGet", "FIXED_THREAD_POOL", 44),
                apply("a", "applyAsync", "FIXED_THREAD_POOL", 42),
                apply("a", "apply", "FIXED_THREAD_POOL", 105),
                apply("a", "apply", "THREAD_PER_TASK", 104),
                apply("a", "applyAsync", "THREAD_PER_TASK", 12),
                labelled("a", row("IncrementBenchmark.map", Map.of("strategy", "FIXED_THREAD_POOL"), 1, "us/op"))));
        assertEquals(5, m.entries().size(), "the increment row is not part of it");
        ApplyModel.Entry first = m.entries().get(0);
        assertEquals("FIXED_THREAD_POOL apply", first.strategy() + " " + first.method(), "strategy, then the document's method order");
        assertEquals(0.100, first.model(), 1e-12);
        assertEquals(1.05, first.ratio().value(), 1e-9);
        assertEquals("10 × 10.0 ms", first.formula());
        ApplyModel.Entry async = m.entries().get(1);
        assertEquals(0.040, async.model(), 1e-12);
        assertEquals("ceil(10/3) × 10.0 ms", async.formula());

        List<ApplyModel.Speedup> speedups = m.speedups();
        assertEquals(2, speedups.size());
        assertEquals(105.0 / 42, speedups.get(0).measured().value(), 1e-9);
        assertEquals(2.5, speedups.get(0).model(), 1e-12);
        assertEquals("THREAD_PER_TASK", speedups.get(1).strategy());
        assertEquals(10.0, speedups.get(1).model(), 1e-12);
    }

    @Test
    void aRowWithoutTheSleepParamIsStillShownWithNoModel() {
        ApplyModel m = ApplyModel.of(List.of(labelled("x", row("ApplyBenchmark.apply", Map.of("strategy", "FIXED_THREAD_POOL"), 7, "ms/op"))));
        ApplyModel.Entry e = m.entries().get(0);
        assertEquals(0.007, e.measured().value(), 1e-12);
        assertTrue(Double.isNaN(e.model()));
        assertFalse(e.ratio().isFinite());
        assertEquals("", e.formula());
        assertTrue(m.speedups().isEmpty());
    }

    @Test
    void aFileWithoutTheScenarioGivesNothing() {
        assertTrue(ApplyModel.of(List.of(labelled("x", row("com.example.ListBenchmark.apply", Map.of(), 1, "ms/op")))).isEmpty());
    }

    @Test
    void whetherAStrategyRunsInProcessesIsWhatTheRunRecordedNotAGuessFromItsName() {
        var recorded = new io.github.poolbench.report.model.StrategyFacts(java.util.Map.of(
                "MY_PROCESS_LIKE_POOL", new io.github.poolbench.report.model.StrategyFacts.Fact(
                        io.github.poolbench.report.model.StrategyFacts.RunsIn.THREAD, null, "threads, whatever its name says"),
                "SPAWNER", new io.github.poolbench.report.model.StrategyFacts.Fact(
                        io.github.poolbench.report.model.StrategyFacts.RunsIn.PROCESS, "POOL", "a process per task")));
        assertFalse(Strategies.isProcess("MY_PROCESS_LIKE_POOL", recorded));
        assertTrue(Strategies.isProcess("SPAWNER", recorded));
        assertFalse(Strategies.isProcess("FIXED_PROCESS_POOL", recorded), "a run with facts is not read by names");
        var none = io.github.poolbench.report.model.StrategyFacts.NONE;
        assertTrue(Strategies.isProcess("FIXED_PROCESS_POOL", none), "the suite's files recorded before the facts");
        assertFalse(Strategies.isProcess("SOMEONE_ELSES_PROCESS_POOL", none), "a stranger's name is not read for words");
    }
}
