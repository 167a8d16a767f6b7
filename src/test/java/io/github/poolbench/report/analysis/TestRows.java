package io.github.poolbench.report.analysis;

import io.github.poolbench.report.model.BenchmarkResult;
import io.github.poolbench.report.model.Metric;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Rows with invented numbers, written inline by the scenario tests. */
final class TestRows {
    static final String BENCH = "io.github.poolbench.bench.";
    private static final BenchmarkResult.RunSettings RUN = new BenchmarkResult.RunSettings(
            "1.37", null, List.of(), null, null, null, 1, 1, 1, "1 s", 3, "1 s");

    private TestRows() {
    }

    static BenchmarkResult row(String benchmark, Map<String, String> params, double score, String unit) {
        return row(benchmark, params, Metric.ofOneFork(score, Double.NaN, unit, List.of()), Map.of());
    }

    static BenchmarkResult row(String benchmark, Map<String, String> params, Metric primary, Map<String, Metric> secondary) {
        // "ApplyBenchmark.apply" is one of ours; a name that starts with a package is kept as it is
        return new BenchmarkResult(Character.isUpperCase(benchmark.charAt(0)) ? BENCH + benchmark : benchmark,
                "avgt", new TreeMap<>(params), primary, new TreeMap<>(secondary), RUN);
    }

    static Metric metric(double score, String unit, Double... samples) {
        return Metric.ofOneFork(score, Double.NaN, unit, List.of(samples));
    }

    static Row labelled(String label, BenchmarkResult r) {
        return new Row(label, r);
    }
}
