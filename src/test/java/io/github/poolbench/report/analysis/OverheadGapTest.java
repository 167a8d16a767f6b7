package io.github.poolbench.report.analysis;

import io.github.poolbench.report.Fixtures;
import io.github.poolbench.report.model.BenchmarkResult;
import io.github.poolbench.report.model.Metric;
import io.github.poolbench.report.model.ResultFile;
import io.github.poolbench.report.parse.JmhJsonParser;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OverheadGapTest {
    private static final BenchmarkResult.RunSettings RUN = new BenchmarkResult.RunSettings(
            "1.37", null, List.of(), null, null, null, 1, 1, 1, "1 s", 1, "1 s");

    static BenchmarkResult row(String bench, String mode, Map<String, String> params, double score, double error, String unit) {
        return new BenchmarkResult(bench, mode, new TreeMap<>(params), Metric.ofOneFork(score, error, unit, List.of()),
                new TreeMap<>(), RUN);
    }

    static BenchmarkResult increment(String strategy, String chunksize, double microseconds) {
        return row("io.github.poolbench.bench.IncrementBenchmark.map", "avgt",
                Map.of("strategy", strategy, "tasks", "1000", "workers", "5", "chunksize", chunksize),
                microseconds, Double.NaN, "us/op");
    }

    @Test
    void perTaskOverheadIsTheBatchAboveTheBaselineDividedByTheTasks() {
        Estimate overhead = OverheadGap.perTaskOverhead(Estimate.of(2100e-6, 100e-6), Estimate.of(100e-6, 10e-6), 1000);
        assertEquals(2e-6, overhead.value(), 1e-15);
        assertEquals((2000e-6 - 110e-6) / 1000, overhead.low(), 1e-15);
        assertEquals((2200e-6 - 90e-6) / 1000, overhead.high(), 1e-15);
        assertFalse(overhead.includesZero());
    }

    @Test
    void anOverheadWithinTheBaselinesNoiseIncludesZero() {
        assertTrue(OverheadGap.perTaskOverhead(Estimate.of(100e-6, 20e-6), Estimate.of(101e-6, 20e-6), 1000).includesZero());
    }

    @Test
    void perTaskOverheadNeedsTasks() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OverheadGap.perTaskOverhead(Estimate.exact(1), Estimate.exact(0), 0));
        assertEquals("tasks must be positive, got 0", e.getMessage());
    }

    @Test
    void theGapRatioIsThePerTaskStrategyOverItsPoolWithTheWidestInterval() {
        Estimate ratio = OverheadGap.gapRatio(Estimate.of(100, 10), Estimate.of(2, 1));
        assertEquals(50, ratio.value(), 1e-12);
        assertEquals(90.0 / 3, ratio.low(), 1e-12);
        assertEquals(110.0 / 1, ratio.high(), 1e-12);
    }

    @Test
    void theDocumentsGapIsAbout284() {
        assertEquals(284.15, OverheadGap.documentedGap(), 0.01);
    }

    @Test
    void theBatchTimeComesFromAnyTimeUnitOrThroughput() {
        assertEquals(0.5, OverheadGap.batchSeconds(increment("X", "auto", 500_000)).orElseThrow().value(), 1e-12);
        BenchmarkResult thrpt = row("a.IncrementBenchmark.map", "thrpt", Map.of("strategy", "X"), 2, Double.NaN, "ops/s");
        assertEquals(0.5, OverheadGap.batchSeconds(thrpt).orElseThrow().value(), 1e-12);
    }

    @Test
    void theDocumentsSettingIsChosenWhenAStrategyHasSeveralRows() {
        OverheadGap gap = OverheadGap.of(List.of(
                new Row("a", increment("FIXED_THREAD_POOL", "1", 2000)),
                new Row("a", increment("FIXED_THREAD_POOL", "auto", 300)),
                new Row("a", increment("CALLER_THREAD", "1", 130)),
                new Row("a", increment("CALLER_THREAD", "auto", 40))));
        OverheadGap.Entry pool = gap.entry("a", "FIXED_THREAD_POOL").orElseThrow();
        assertEquals("auto", pool.result().param("chunksize"));
        assertEquals(300e-6, pool.batch().value(), 1e-15);
        assertEquals(300e-9, pool.perTask().value(), 1e-18);
        assertEquals((300e-6 - 40e-6) / 1000, pool.overhead().value(), 1e-15, "baseline of the same chunksize");
        assertNull(gap.entry("a", "CALLER_THREAD").orElseThrow().overhead());
    }

    @Test
    void perTaskStrategiesMeetTheirPooledCounterpartsAndTheDocumentsFiguresComeLast() {
        OverheadGap gap = OverheadGap.of(List.of(
                new Row("a", increment("THREAD_PER_TASK", "auto", 500_000)),
                new Row("a", increment("VIRTUAL_THREAD_PER_TASK", "auto", 100_000)),
                new Row("a", increment("FIXED_THREAD_POOL", "auto", 250))));
        assertEquals(List.of("a", OverheadGap.DOCUMENTED_LABEL), gap.labels());
        List<String> ratios = new ArrayList<>();
        gap.ratios().forEach(r -> ratios.add(r.label() + ":" + r.perTask() + "/" + r.pooled() + "="
                + Math.round(r.ratio().value())));
        assertEquals(List.of("a:THREAD_PER_TASK/FIXED_THREAD_POOL=2000", "a:VIRTUAL_THREAD_PER_TASK/FIXED_THREAD_POOL=400",
                "documented (Python):PROCESS_PER_TASK/FIXED_PROCESS_POOL=284"), ratios);
    }

    @Test
    void outOfProcessRowsInSecondsAreScaledToTheDocumentsThousandTasks() throws Exception {
        ResultFile process = JmhJsonParser.parse(Fixtures.path("synthetic-process.json"), w -> { });
        OverheadGap gap = OverheadGap.of(Groups.rows(List.of(process)));
        OverheadGap.Entry perTask = gap.entry("synthetic-process.json", "PROCESS_PER_TASK").orElseThrow();
        assertEquals(100, perTask.tasks());
        assertEquals("default", perTask.result().param("jvmFlags"));
        assertEquals("processbuilder", perTask.result().param("spawner"));
        assertEquals(4.0, perTask.batch().value(), 1e-12);
        assertEquals(40.0, perTask.perThousand().value(), 1e-9);
        assertEquals(0.04, perTask.perTask().value(), 1e-12);
        assertNull(perTask.overhead(), "no CALLER_THREAD in this file");
        assertEquals(200.0, gap.ratios().get(0).ratio().value(), 1e-9);
    }

    @Test
    void rowsOfNestedBenchmarkClassesJoinTheGap() throws Exception {
        ResultFile f = JmhJsonParser.parse(Fixtures.path("synthetic-process-scenarios.json"), w -> { });
        OverheadGap gap = OverheadGap.of(Groups.rows(List.of(f)));
        OverheadGap.Entry jvm = gap.entry("synthetic-process-scenarios.json", "PROCESS_PER_TASK").orElseThrow();
        assertEquals("io.github.poolbench.bench.IncrementProcessBenchmark.JvmPerTask", jvm.result().className());
        assertEquals(7.9, jvm.perThousand().value(), 1e-9);
        assertTrue(gap.entry("synthetic-process-scenarios.json", "FIXED_PROCESS_POOL").isPresent());
        assertEquals("processbuilder", gap.entry("synthetic-process-scenarios.json", "NATIVE_PROCESS_PER_TASK")
                .orElseThrow().result().param("spawner"), "the document's spawner stands for the strategy");
    }

    @Test
    void theInProcessBaselineServesTheOutOfProcessRowsOfTheSameFile() {
        BenchmarkResult caller = row("io.github.poolbench.bench.IncrementBenchmark.map", "avgt",
                Map.of("strategy", "CALLER_THREAD", "tasks", "1000", "workers", "5", "chunksize", "auto"), 50, Double.NaN, "us/op");
        BenchmarkResult proc = row("io.github.poolbench.bench.IncrementProcessBenchmark.map", "ss",
                Map.of("strategy", "PROCESS_PER_TASK", "tasks", "100", "workers", "5", "chunksize", "auto",
                        "jvmFlags", "default", "spawner", "processbuilder", "maxChildren", "8"), 4, Double.NaN, "s/op");
        OverheadGap gap = OverheadGap.of(List.of(new Row("a", caller), new Row("b", caller), new Row("b", proc)));
        assertTrue(gap.entry("a", "PROCESS_PER_TASK").isEmpty());
        Estimate overhead = gap.entry("b", "PROCESS_PER_TASK").orElseThrow().overhead();
        assertNull(overhead, "a baseline of another task count is not subtracted");
    }

    @Test
    void thePythonReferenceLinesUpByItsSimpleClassName() throws Exception {
        ResultFile python = JmhJsonParser.parse(Fixtures.path("synthetic-python.json"), w -> { }).withLabel("python");
        OverheadGap gap = OverheadGap.of(Groups.rows(List.of(python)));
        assertEquals(List.of("python", OverheadGap.DOCUMENTED_LABEL), gap.labels());
        assertEquals(15.0, gap.entry("python", "PROCESS_PER_TASK").orElseThrow().perThousand().value(), 1e-9);
    }

    @Test
    void aFileWithoutTheWorkloadHasNoGap() throws Exception {
        ResultFile stranger = JmhJsonParser.parse(Fixtures.path("stranger-sweep.json"), w -> { });
        OverheadGap gap = OverheadGap.of(Groups.rows(List.of(stranger)));
        assertTrue(gap.isEmpty());
        assertTrue(gap.labels().isEmpty(), "no documented bars without measured ones");
    }

    @Test
    void floorsWithoutATaskCountAreShownButNeverDividedInto() throws Exception {
        // issue 14: a per-task share of a batch divided by one call's latency is not like with like
        ResultFile process = JmhJsonParser.parse(Fixtures.path("synthetic-process.json"), w -> { });
        List<Row> rows = Groups.rows(List.of(process));
        List<Floors.Floor> floors = Floors.floors(rows);
        assertEquals(3, floors.size());
        List<String> pairs = new ArrayList<>();
        for (Floors.Comparison c : Floors.compare(rows, floors)) {
            pairs.add(c.strategy() + "~" + c.floor().result().method() + "=" + (c.ratio() == null ? "none" : "ratio"));
        }
        assertEquals(List.of("FIXED_PROCESS_POOL~ipcFloor=none", "FIXED_PROCESS_POOL~ipcFloor=none", "PROCESS_PER_TASK~jvmFloor=none",
                "PROCESS_PER_TASK~jvmFloor=none", "PROCESS_PER_TASK~jvmFloor=none", "NATIVE_PROCESS_PER_TASK~osFloor=none"), pairs);
        assertTrue(Floors.osFloor(floors, process.label()).isEmpty(), "no posix_spawn row: no OS floor");
    }

}
