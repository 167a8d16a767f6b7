package io.github.poolbench.report.analysis;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.github.poolbench.report.analysis.TestRows.labelled;
import static io.github.poolbench.report.analysis.TestRows.row;
import static org.junit.jupiter.api.Assertions.assertEquals;

class PoolSizeTest {
    private static Row size(String work, String workers, double micros) {
        return labelled("a", row("PoolSizeBenchmark.map", Map.of("strategy", "FIXED_THREAD_POOL", "workers", workers,
                "work", work, "tasks", "100"), micros, "us/op"));
    }

    @Test
    void sizesAreResolvedWithTheCoresAndTheFastestIsNamed() {
        PoolSize p = PoolSize.of(List.of(size("sleep1ms", "4xcores", 13_000), size("sleep1ms", "1", 110_000),
                size("sleep1ms", "cores", 55_000), size("increment", "1", 40), size("increment", "4xcores", 150),
                size("increment", "mystery", 99)), Map.of("a", new Cores(2, true)), 8);
        assertEquals(List.of("increment · FIXED_THREAD_POOL", "sleep1ms · FIXED_THREAD_POOL"),
                p.series().stream().map(PoolSize.Series::name).toList());
        PoolSize.Series sleep = p.series().get(1);
        assertEquals(List.of(1, 2, 8), sleep.points().stream().map(PoolSize.Point::workers).toList());
        assertEquals("4xcores", sleep.best().orElseThrow().size(), "sleeping tasks want more workers than cores");
        PoolSize.Series increment = p.series().get(0);
        assertEquals(List.of("1", "4xcores", "mystery"), increment.points().stream().map(PoolSize.Point::size).toList(),
                "an unresolvable size comes last");
        assertEquals(0, increment.points().get(2).workers());
        assertEquals("1", increment.best().orElseThrow().size());
        assertEquals(Map.of("tasks", "100"), increment.extra());
    }

    @Test
    void aPoolSizeIsTheFastestOnlyWhenItsIntervalIsClearOfTheOthers() {
        PoolSize.Point a = new PoolSize.Point("2", 2, new Estimate(90e-6, 60e-6, 150e-6), null);
        PoolSize.Point b = new PoolSize.Point("4", 4, new Estimate(117e-6, 80e-6, 240e-6), null);
        PoolSize.Series overlapping = new PoolSize.Series("a", "increment", "FIXED_THREAD_POOL", new java.util.TreeMap<>(),
                new Cores(2, true), List.of(a, b));
        assertEquals(false, overlapping.clearlyBest(), "90 µs and 117 µs overlap");
        assertEquals(2, overlapping.tiedWithBest().size());
        PoolSize.Point c = new PoolSize.Point("1", 1, new Estimate(300e-6, 280e-6, 320e-6), null);
        PoolSize.Series clear = new PoolSize.Series("a", "increment", "FIXED_THREAD_POOL", new java.util.TreeMap<>(),
                new Cores(2, true), List.of(a, c));
        assertEquals(true, clear.clearlyBest());
    }
}
