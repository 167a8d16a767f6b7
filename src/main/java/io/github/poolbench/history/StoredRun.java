package io.github.poolbench.history;

import java.util.List;
import java.util.SortedMap;

/**
 * One run as the store keeps it.
 *
 * @param id         SHA-256 of the result file's bytes and the env record's bytes: the same run
 *                   added twice (or from a copy) has the same id and is stored once
 * @param machine    where it ran
 * @param recordedAt when it ran (the env record's {@code recordedAt}), epoch milliseconds
 * @param gitCommit  the commit of the jar that ran it, or null when the env record has none
 * @param env        the environment along a series: JDK vendor and version, kernel, launch mechanism
 * @param envJson    the whole env record as read
 * @param source     the path it was added from (for people; not part of the id)
 * @param rows       its rows, in file order
 */
record StoredRun(String id, Machine machine, long recordedAt, String gitCommit, RunEnv env, String envJson,
                 String source, List<Row> rows) {
    StoredRun {
        rows = List.copyOf(rows);
    }

    int forkCount() {
        return rows.stream().mapToInt(r -> r.forks().size()).sum();
    }

    /** The part of the env record that may change along one machine's series. */
    record RunEnv(String jdkVendor, String jdkVersion, String kernel, String launchMechanism) {
    }

    /**
     * One row: a benchmark, mode and params, its unit, JMH's score and error, and its forks.
     */
    record Row(String benchmark, String mode, SortedMap<String, String> params, String unit, double score,
               double scoreError, List<Fork> forks) {
        Row {
            params = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(params));
            forks = List.copyOf(forks);
        }
    }

    /** One fork's iteration values (JMH's rawData) and their mean, the fork's sample. */
    record Fork(double mean, List<Double> iterations) {
        Fork {
            iterations = List.copyOf(iterations);
        }
    }
}
