package io.github.poolbench.report.analysis;

import io.github.poolbench.report.model.BenchmarkResult;

/**
 * Which benchmark class a row comes from, by name only (report never imports bench/). A class
 * is found in any segment of the row's class name, so nested benchmark classes
 * ({@code IncrementProcessBenchmark.Pool.map}) and other packages ({@code python.IncrementBenchmark})
 * count as theirs.
 */
public final class BenchmarkNames {
    private BenchmarkNames() {
    }

    /** True when some segment of the row's class name is exactly {@code simpleName}. */
    public static boolean inClass(BenchmarkResult r, String simpleName) {
        for (String segment : r.className().split("\\.")) {
            if (segment.equals(simpleName)) {
                return true;
            }
        }
        return false;
    }

    /**
     * True for the document's increment workload: a class segment that names it
     * ({@code IncrementBenchmark}, {@code IncrementProcessBenchmark}, {@code python.IncrementBenchmark},
     * and the earlier name {@code ProcessIncrementBenchmark}) and is a benchmark class.
     */
    public static boolean isIncrementWorkload(BenchmarkResult r) {
        for (String segment : r.className().split("\\.")) {
            if (segment.contains("Increment") && segment.endsWith("Benchmark")) {
                return true;
            }
        }
        return false;
    }
}
