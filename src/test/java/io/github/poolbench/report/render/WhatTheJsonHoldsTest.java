package io.github.poolbench.report.render;

import io.github.poolbench.report.Fixtures;
import io.github.poolbench.report.model.BenchmarkResult;
import io.github.poolbench.report.model.Metric;
import io.github.poolbench.report.model.ResultFile;
import io.github.poolbench.report.parse.JmhJsonParser;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The page shows what a row's JSON holds beyond its score, and warns where a row cannot carry a claim. */
class WhatTheJsonHoldsTest {
    private static final BenchmarkResult.RunSettings RUN = new BenchmarkResult.RunSettings(
            "1.37", null, List.of(), null, null, null, 1, 1, 1, "1 s", 5, "1 s");

    private static BenchmarkResult row(String mode, Metric primary, Map<String, Metric> secondary) {
        return new BenchmarkResult("io.github.poolbench.bench.FloorBenchmark.roundTrip", mode, new TreeMap<>(), primary,
                new TreeMap<>(secondary), RUN);
    }

    @Test
    void sampleModeShowsTheFourPercentilesInReadableUnits() throws Exception {
        ResultFile f = JmhJsonParser.parse(Fixtures.path("increment-sample.json"), w -> { });
        List<String> details = Page.details(f.results().get(0));
        assertTrue(details.contains("p50 12.1 µs · p90 63.2 µs · p99 2.61 ms · p99.9 14.7 ms"), details.toString());
    }

    @Test
    void twoClustersOfIterationsAreNamedWithTheirCentres() {
        BenchmarkResult r = row("avgt", Metric.ofOneFork(41, 20, "us/op", List.of(6.5, 49.0, 51.0, 50.0, 52.0)), Map.of());
        assertEquals("bimodal: ~6.50 µs and ~50.5 µs (1 and 4 iterations; often cross-CPU wake-ups: compare a pinned run)",
                Page.details(r).get(0));
    }

    @Test
    void everySecondaryMetricIsListedWithItsUnit() {
        BenchmarkResult r = row("avgt", Metric.ofOneFork(41, 1, "us/op", List.of(41.0)),
                Map.of("·gc.alloc.rate.norm", Metric.ofOneFork(37200, Double.NaN, "B/op", List.of()),
                        "exchanges", Metric.ofOneFork(48, Double.NaN, "#", List.of())));
        assertEquals(List.of("exchanges: 48.0 #", "·gc.alloc.rate.norm: 37,200 B/op"), Page.details(r));
    }

    @Test
    void memoryIsShownInGibibytesBesideTheBytes() {
        assertEquals("23.5 GiB (25,276,510,208 bytes)", Page.envValue("memoryBytes", 25276510208L));
        assertEquals("2", Page.envValue("cores", 2));
        assertEquals("a b", Page.envValue("commandLine", List.of("a", "b")));
    }

    @Test
    void aFileOfOneForkRowsIsWarnedAboutInOneLine() {
        ResultFile f = new ResultFile(Path.of("run.json"), "run", List.of(
                row("avgt", Metric.ofOneFork(1, 1, "us/op", List.of(1.0, 1.0, 1.0)), Map.of()),
                row("avgt", new Metric(1, 1, "us/op", List.of(List.of(1.0, 1.0), List.of(1.0, 1.0), List.of(1.0, 1.0))),
                        Map.of())), Map.of());
        assertEquals(List.of("1 of 2 rows ran in 1 fork (the interval comes from iterations of one JVM and shows no "
                + "run-to-run spread); 1 row has fewer than 5 samples (FloorBenchmark.roundTrip)."), Page.rowWarnings(List.of(f), false));
    }

    @Test
    void everyStrategyHasOneColourWhereverItIsNamed() {
        assertEquals(ChartStyle.strategyColor("FIXED_THREAD_POOL"), ChartStyle.strategyColor("sleep1ms · FIXED_THREAD_POOL [jdk25]"));
        assertTrue(!ChartStyle.strategyColor("VIRTUAL_THREAD_PER_TASK").equals(ChartStyle.strategyColor("THREAD_PER_TASK")),
                "a longer name is not read as the shorter one inside it");
        assertTrue(!ChartStyle.strategyColor("NATIVE_PROCESS_PER_TASK").equals(ChartStyle.strategyColor("PROCESS_PER_TASK")));
        assertNull(ChartStyle.strategyColor("ListBenchmark.iterate"));
    }

    @Test
    void aTimeWhoseErrorIsWiderThanItsScoreIsNeverDrawnBelowZero() {
        // JvmPerTask on this machine: 27.8 ± 52.9 s over 3 single shots of one fork
        BenchmarkResult r = row("ss", Metric.ofOneFork(27.8, 52.9, "s/op", List.of(20.0, 25.0, 38.4)), Map.of());
        ResultFile f = new ResultFile(Path.of("run.json"), "run", List.of(r), Map.of());
        var group = io.github.poolbench.report.analysis.Groups.of(List.of(f)).get(0);
        BarData bars = Figures.bars(group);
        assertTrue(bars.range().lower() >= 0, "axis from " + bars.range().lower());
        assertTrue(java.util.Arrays.stream(bars.allBounds()).allMatch(b -> b >= 0), "every whisker and dot at or above zero");
        assertEquals("27.8 (0 – 80.7) · ⚠ 1 fork, n=3", Page.build(List.of(f), List.of("run"),
                io.github.poolbench.report.analysis.OverheadGap.of(List.of()), null, List.of(group),
                java.util.Arrays.asList((PageModel.Image) null), io.github.poolbench.report.analysis.Floors.of(List.of()), List.of(new Page.Links(null, null)),
                io.github.poolbench.report.analysis.Scenarios.of(List.of(f), 2), Map.of())
                .groups().get(0).rows().get(0).cells().get(0));
    }

    @Test
    void forkMeansAndIterationsAreDrawnBesideTheirBar() {
        BenchmarkResult r = row("avgt", new Metric(2, 1, "us/op", List.of(List.of(1.0, 1.2), List.of(3.0, 3.2), List.of(2.0, 2.2))),
                Map.of());
        BarData.Spread sp = Figures.spread(r.primary(), true, 1);
        assertEquals(List.of(1.1e-6, 3.1e-6, 2.1e-6), sp.forkMeans().stream().map(v -> Math.round(v * 1e8) / 1e8).toList());
        assertEquals(6, sp.iterations().size());
        assertEquals("", sp.note());
    }
}
