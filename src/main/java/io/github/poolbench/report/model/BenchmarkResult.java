package io.github.poolbench.report.model;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One row of a JMH result file: a benchmark method, a mode and one combination of params.
 *
 * @param benchmark  fully qualified method name, e.g. {@code io.github.poolbench.bench.IncrementBenchmark.map}
 * @param mode       JMH's short mode name: {@code thrpt}, {@code avgt}, {@code sample} or {@code ss}
 * @param params     the params of this row, sorted by name (empty when none)
 * @param primary    the primary metric
 * @param secondary  secondary metrics by name, sorted (e.g. from {@code -prof gc})
 * @param run        how it was run (JVM, JDK, JMH version, iterations...)
 */
public record BenchmarkResult(String benchmark, String mode, SortedMap<String, String> params, Metric primary,
                              SortedMap<String, Metric> secondary, RunSettings run) {
    /** JMH's short mode labels: the only values {@link #mode()} takes. */
    public static final java.util.Set<String> MODES = java.util.Set.of("thrpt", "avgt", "sample", "ss");

    public BenchmarkResult {
        Objects.requireNonNull(benchmark, "benchmark must not be null");
        Objects.requireNonNull(mode, "mode must not be null");
        if (benchmark.isBlank()) {
            throw new IllegalArgumentException("benchmark must not be blank");
        }
        if (!MODES.contains(mode)) {
            throw new IllegalArgumentException("unknown mode \"" + mode + "\"; expected one of thrpt, avgt, sample, ss");
        }
        Objects.requireNonNull(primary, "primary metric must not be null");
        Objects.requireNonNull(run, "run settings must not be null");
        params = Collections.unmodifiableSortedMap(new TreeMap<>(params == null ? new TreeMap<>() : params));
        secondary = Collections.unmodifiableSortedMap(new TreeMap<>(secondary == null ? new TreeMap<>() : secondary));
    }

    /** The class part of {@link #benchmark()}: everything before the last dot. */
    public String className() {
        int dot = benchmark.lastIndexOf('.');
        return dot < 0 ? "" : benchmark.substring(0, dot);
    }

    /**
     * The class name without its package, e.g. {@code IncrementBenchmark}; a nested benchmark
     * class keeps its outer class ({@code IncrementProcessBenchmark.Pool}). The package is the
     * leading run of segments that start with a lower-case letter, as Java names them.
     */
    public String simpleClassName() {
        String[] parts = className().split("\\.");
        int first = 0;
        while (first < parts.length - 1 && !parts[first].isEmpty() && Character.isLowerCase(parts[first].charAt(0))) {
            first++;
        }
        return String.join(".", java.util.Arrays.asList(parts).subList(first, parts.length));
    }

    /** The method part of {@link #benchmark()}. */
    public String method() {
        return benchmark.substring(benchmark.lastIndexOf('.') + 1);
    }

    /** A param's value, or null when this row has no such param. */
    public String param(String name) {
        return params.get(name);
    }

    /**
     * How a result was run, as JMH records it. Strings may be null when an older JMH did not
     * write the field.
     */
    public record RunSettings(String jmhVersion, String jvm, List<String> jvmArgs, String jdkVersion, String vmName,
                              String vmVersion, int forks, int threads, int warmupIterations, String warmupTime,
                              int measurementIterations, String measurementTime) {
        public RunSettings {
            jvmArgs = jvmArgs == null ? List.of() : List.copyOf(jvmArgs);
        }
    }
}
