package io.github.poolbench.history;

import java.util.List;
import java.util.SortedMap;

/**
 * One row of the suite on one machine over time: the unit of change-point detection.
 *
 * @param machine the machine's identity
 * @param machineId its short id
 * @param benchmark fully qualified method
 * @param mode JMH's short mode name
 * @param params the row's params
 * @param unit the score's unit
 * @param points one per run, oldest first
 */
record Series(Machine machine, String machineId, String benchmark, String mode, SortedMap<String, String> params,
              String unit, List<Point> points) {
    Series {
        points = List.copyOf(points);
    }

    /** {@code IncrementBenchmark.map avgt strategy=FIXED_THREAD_POOL tasks=100}. */
    String rowLabel() {
        String cls = benchmark;
        int dot = benchmark.lastIndexOf('.');
        int pkg = dot < 0 ? -1 : benchmark.lastIndexOf('.', dot - 1);
        // keep a nested class (Outer.Inner.method): drop only lower-case package segments
        String[] parts = benchmark.split("\\.");
        int first = 0;
        while (first < parts.length - 2 && !parts[first].isEmpty() && Character.isLowerCase(parts[first].charAt(0))) {
            first++;
        }
        cls = String.join(".", java.util.Arrays.asList(parts).subList(first, parts.length));
        StringBuilder b = new StringBuilder(cls).append(' ').append(mode);
        params.forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
        return b.toString();
    }

    /** Higher is worse for time modes, better for throughput. */
    boolean higherIsSlower() {
        return !"thrpt".equals(mode);
    }

    /**
     * One run of the series.
     *
     * @param runId the run's content hash
     * @param recordedAt epoch milliseconds
     * @param gitCommit may be null
     * @param env JDK, kernel, launch mechanism of that run
     * @param forkMeans the samples: one mean per fork
     */
    record Point(String runId, long recordedAt, String gitCommit, StoredRun.RunEnv env, double[] forkMeans) {
    }
}
