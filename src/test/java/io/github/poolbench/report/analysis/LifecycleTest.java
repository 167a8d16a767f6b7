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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LifecycleTest {
    private static Row lifecycle(String size, double micros) {
        return labelled("a", row("LifecycleBenchmark.createAndClose", Map.of("strategy", "FIXED_THREAD_POOL", "size", size),
                micros, "us/op"));
    }

    private static Row increment(String strategy, String chunksize, double micros) {
        return labelled("a", row("IncrementBenchmark.map", Map.of("strategy", strategy, "tasks", "1000", "workers", "5",
                "chunksize", chunksize), micros, "us/op"));
    }

    @Test
    void thePoolPaysForItsStartUpOnceItsSavingsAddUpToIt() {
        // 1 ms to start and stop; a thread per task costs 100 µs a task, the pool 1 µs: 1000 / 99 tasks
        Estimate tasks = Lifecycle.breakEvenTasks(Estimate.exact(1e-3), Estimate.exact(100e-6), Estimate.exact(1e-6));
        assertEquals(1e-3 / 99e-6, tasks.value(), 1e-9);
    }

    @Test
    void aPerTaskStrategyThatIsNotDearerNeverMakesThePoolPayOff() {
        assertTrue(Double.isNaN(Lifecycle.breakEvenTasks(Estimate.exact(1e-3), Estimate.exact(1e-6), Estimate.exact(2e-6)).value()));
        assertTrue(Double.isNaN(Lifecycle.breakEvenTasks(Estimate.exact(1e-3), Estimate.exact(1e-6), Estimate.exact(1e-6)).value()));
    }

    @Test
    void aSavingWithinTheNoiseLeavesTheBreakEvenUnbounded() {
        Estimate tasks = Lifecycle.breakEvenTasks(Estimate.exact(1e-3), Estimate.of(3e-6, 2e-6), Estimate.of(1e-6, 1e-6));
        assertEquals(500, tasks.value(), 1e-9);
        assertEquals(Double.POSITIVE_INFINITY, tasks.high());
    }

    @Test
    void symbolicSizesAreResolvedWithTheRecordedCoresAndSetAgainstTheSameFilesPerTaskCosts() {
        Lifecycle l = Lifecycle.of(List.of(lifecycle("2xcores", 2000), lifecycle("1", 800), lifecycle("cores", 1200),
                increment("THREAD_PER_TASK", "auto", 500_000), increment("FIXED_THREAD_POOL", "1", 9000),
                increment("FIXED_THREAD_POOL", "auto", 1000)), Map.of("a", new Cores(2, true)));
        assertEquals(List.of("1", "cores", "2xcores"), l.entries().stream().map(Lifecycle.Entry::size).toList(), "by workers");
        assertEquals(List.of(1, 2, 4), l.entries().stream().map(Lifecycle.Entry::workers).toList());
        Lifecycle.BreakEven b = l.entries().get(0).breakEvens().get(0);
        assertEquals("THREAD_PER_TASK", b.perTaskStrategy());
        assertEquals("auto", b.pooledRow().param("chunksize"), "the document's setting stands for the pool");
        assertEquals(800e-6 / (500e-6 - 1e-6), b.tasks().value(), 1e-9);
        assertTrue(b.paysOff());
    }

    @Test
    void withoutTheIncrementWorkloadThereIsNoBreakEvenAndWithoutCoresNoSymbolicSize() {
        Lifecycle l = Lifecycle.of(List.of(lifecycle("cores", 1200), lifecycle("5", 2000)), Map.of());
        assertEquals(0, l.entries().get(1).workers(), "cores unknown: unresolved, sorted last");
        assertEquals(5, l.entries().get(0).workers());
        assertTrue(l.entries().stream().allMatch(e -> e.breakEvens().isEmpty()));
    }

    @Test
    void theProcessPoolIsSetAgainstTheNestedProcessIncrementClasses() throws Exception {
        ResultFile f = JmhJsonParser.parse(Fixtures.path("synthetic-process-scenarios.json"), w -> { });
        Lifecycle l = Lifecycle.of(Groups.rows(List.of(f)), Cores.byLabel(List.of(f), 2));
        Lifecycle.Entry one = l.entries().get(0);
        assertEquals("FIXED_PROCESS_POOL", one.strategy());
        assertFalse(one.cores().recorded(), "no environment record beside the synthetic file");
        assertEquals(List.of("PROCESS_PER_TASK", "NATIVE_PROCESS_PER_TASK"),
                one.breakEvens().stream().map(Lifecycle.BreakEven::perTaskStrategy).toList());
        Lifecycle.BreakEven jvm = one.breakEvens().get(0);
        assertEquals("io.github.poolbench.bench.IncrementProcessBenchmark.JvmPerTask", jvm.perTaskRow().className());
        assertEquals("1000", jvm.perTaskRow().param("tasks"), "the document's 1000 tasks stand for the strategy");
        // 60 ms to start one worker JVM; 7.9 ms a task with a JVM each against 2.5 µs through the pool
        assertEquals(0.060 / (7.9e-3 - 2.5e-6), jvm.tasks().value(), 1e-6);
    }
}
