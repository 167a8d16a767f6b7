package io.github.poolbench.report.analysis;

import io.github.poolbench.report.model.BenchmarkResult;

/**
 * Which benchmark class a row comes from, by name only (report never imports bench/). A class
 * is found in any segment of the row's class name, so nested benchmark classes
 * ({@code ProcessIncrementBenchmark.Pool.map}) and other packages ({@code python.IncrementBenchmark})
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

    /** True when some segment of the row's class name ends with {@code suffix}. */
    public static boolean inClassEndingWith(BenchmarkResult r, String suffix) {
        for (String segment : r.className().split("\\.")) {
            if (segment.endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }
}
