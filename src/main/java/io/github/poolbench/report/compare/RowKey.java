package io.github.poolbench.report.compare;

import io.github.poolbench.report.model.BenchmarkResult;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What makes two rows "the same measurement": the benchmark method, the mode and every param.
 * Its {@link #toString()} is canonical (sorted params, no tabs), so it can be written to a
 * file and matched again later.
 */
public record RowKey(String benchmark, String mode, SortedMap<String, String> params) implements Comparable<RowKey> {
    public RowKey {
        Objects.requireNonNull(benchmark, "benchmark");
        Objects.requireNonNull(mode, "mode");
        params = Collections.unmodifiableSortedMap(new TreeMap<>(params == null ? Collections.emptySortedMap() : params));
    }

    public static RowKey of(BenchmarkResult r) {
        return new RowKey(r.benchmark(), r.mode(), r.params());
    }

    /**
     * The name without its package: {@code IncrementBenchmark.map}, and for a nested class
     * {@code IncrementProcessBenchmark.Pool.map} (the package ends before the first segment
     * that starts with an upper-case letter; failing that, the last two segments are kept).
     */
    public String shortName() {
        String[] parts = benchmark.split("\\.");
        for (int i = 0; i < parts.length - 1; i++) {
            if (!parts[i].isEmpty() && Character.isUpperCase(parts[i].charAt(0))) {
                return String.join(".", Arrays.asList(parts).subList(i, parts.length));
            }
        }
        int method = benchmark.lastIndexOf('.');
        int cls = method < 0 ? -1 : benchmark.lastIndexOf('.', method - 1);
        return benchmark.substring(cls + 1);
    }

    /** {@code k=v k=v}, sorted by name; empty when there are no params. */
    public String paramsText() {
        List<String> parts = new ArrayList<>();
        params.forEach((k, v) -> parts.add(k + "=" + v));
        return String.join(" ", parts);
    }

    /**
     * The JMH command-line arguments that run exactly this row again: an anchored include
     * pattern, the mode and one {@code -p} per param.
     */
    public List<String> jmhArgs() {
        List<String> args = new ArrayList<>();
        args.add("^" + Pattern.quote(benchmark) + "$");
        args.add("-bm");
        args.add(mode);
        params.forEach((k, v) -> {
            args.add("-p");
            args.add(k + "=" + v);
        });
        return args;
    }

    @Override
    public int compareTo(RowKey o) {
        int c = benchmark.compareTo(o.benchmark);
        if (c == 0) {
            c = mode.compareTo(o.mode);
        }
        return c != 0 ? c : paramsText().compareTo(o.paramsText());
    }

    @Override
    public String toString() {
        String p = paramsText();
        return (benchmark + " " + mode + (p.isEmpty() ? "" : " " + p)).replace('\t', ' ');
    }
}
