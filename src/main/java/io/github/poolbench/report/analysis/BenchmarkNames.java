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

    /**
     * The class as a reader names it: from its first capitalised segment on, so a nested class
     * keeps its outer one ({@code ProcessIncrementBenchmark.Pool}) and a package is dropped
     * ({@code IncrementBenchmark}); the simple name when no segment is capitalised.
     */
    public static String shortClassName(BenchmarkResult r) {
        String[] segments = r.className().split("\\.");
        for (int i = 0; i < segments.length; i++) {
            if (!segments[i].isEmpty() && Character.isUpperCase(segments[i].charAt(0))) {
                return String.join(".", java.util.Arrays.copyOfRange(segments, i, segments.length));
            }
        }
        return r.simpleClassName();
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
