package io.github.poolbench.report.model;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ModelTest {
    private static final BenchmarkResult.RunSettings RUN = new BenchmarkResult.RunSettings(
            null, null, null, null, null, null, 1, 1, 0, null, 1, null);
    private static final Metric METRIC = Metric.ofOneFork(1, Double.NaN, "ns/op", List.of());

    @Test
    void aResultKnowsItsClassAndMethod() {
        BenchmarkResult r = new BenchmarkResult("a.b.C.m", "avgt", new TreeMap<>(Map.of("z", "1", "a", "2")), METRIC, null, RUN);
        assertEquals("a.b.C", r.className());
        assertEquals("C", r.simpleClassName());
        assertEquals("m", r.method());
        assertEquals(List.of("a", "z"), new ArrayList<>(r.params().keySet()));
        assertEquals("2", r.param("a"));
        assertEquals(List.of(), r.run().jvmArgs());
    }

    @Test
    void aNestedBenchmarkClassKeepsItsOuterClass() {
        BenchmarkResult r = new BenchmarkResult("io.github.poolbench.bench.IncrementProcessBenchmark.Pool.map", "avgt",
                null, METRIC, null, RUN);
        assertEquals("IncrementProcessBenchmark.Pool", r.simpleClassName());
        assertEquals("map", r.method());
        BenchmarkResult python = new BenchmarkResult("python.IncrementBenchmark.map", "ss", null, METRIC, null, RUN);
        assertEquals("IncrementBenchmark", python.simpleClassName());
    }

    @Test
    void anUnknownModeIsRefusedOnConstruction() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BenchmarkResult("a.B.c", "all", null, METRIC, null, RUN));
        assertEquals("unknown mode \"all\"; expected one of thrpt, avgt, sample, ss", e.getMessage());
    }

    @Test
    void aResultFileIsNeverEmpty() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ResultFile(Path.of("x.json"), "x", List.of(), Map.of()));
        assertEquals("x.json: holds no benchmark results", e.getMessage());
    }

    @Test
    void theModelCopiesWhatItIsGiven() {
        List<Double> samples = new ArrayList<>(List.of(1.0));
        Metric m = Metric.ofOneFork(1, 0, "ns/op", samples);
        samples.add(2.0);
        assertEquals(List.of(1.0), m.samples());
        assertThrows(UnsupportedOperationException.class, () -> m.samples().add(3.0));
    }
}
