package io.github.poolbench.gate;

import io.github.poolbench.report.compare.RowKey;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The fewest JMH runs that measure exactly a set of rows. JMH's {@code -p k=a,b} applies to every
 * benchmark of a run that declares {@code k} and runs every combination, so rows may share a run
 * only when the combinations it makes are exactly those rows: for each benchmark of the group,
 * the product of the value counts of its params equals the number of rows asked for it. Rows of
 * one mode are tried together first, then per benchmark, then one by one. Fewer runs mean fewer
 * JVM starts per round, so more forks fit in the budget.
 */
final class Invocations {
    private Invocations() {
    }

    /** JMH arguments (include pattern, mode, params) of each run, in a stable order. */
    static List<List<String>> of(List<RowKey> rows) {
        Map<String, List<RowKey>> byMode = new LinkedHashMap<>();
        rows.forEach(r -> byMode.computeIfAbsent(r.mode(), m -> new ArrayList<>()).add(r));
        List<List<String>> out = new ArrayList<>();
        for (List<RowKey> group : byMode.values()) {
            if (exact(group)) {
                out.add(args(group));
                continue;
            }
            Map<String, List<RowKey>> byBenchmark = new LinkedHashMap<>();
            group.forEach(r -> byBenchmark.computeIfAbsent(r.benchmark(), b -> new ArrayList<>()).add(r));
            for (List<RowKey> g : byBenchmark.values()) {
                if (exact(g)) {
                    out.add(args(g));
                } else {
                    g.forEach(r -> out.add(r.jmhArgs()));
                }
            }
        }
        return out;
    }

    /** True when one run of the group makes exactly its rows. */
    static boolean exact(List<RowKey> group) {
        Map<String, Set<String>> values = values(group);
        if (values.values().stream().flatMap(Set::stream).anyMatch(v -> v.contains(","))) {
            return false; // JMH would split such a value
        }
        Map<String, List<RowKey>> byBenchmark = new LinkedHashMap<>();
        group.forEach(r -> byBenchmark.computeIfAbsent(r.benchmark(), b -> new ArrayList<>()).add(r));
        for (List<RowKey> rows : byBenchmark.values()) {
            long combinations = 1;
            for (String k : rows.get(0).params().keySet()) {
                combinations *= values.get(k).size();
            }
            if (combinations != new LinkedHashSet<>(rows).size()) {
                return false;
            }
            for (RowKey r : rows) {
                if (!r.params().keySet().equals(rows.get(0).params().keySet())) {
                    return false;
                }
            }
        }
        return true;
    }

    private static Map<String, Set<String>> values(List<RowKey> group) {
        Map<String, Set<String>> values = new LinkedHashMap<>();
        group.forEach(r -> r.params().forEach((k, v) -> values.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(v)));
        return values;
    }

    private static List<String> args(List<RowKey> group) {
        Set<String> benchmarks = new LinkedHashSet<>();
        group.forEach(r -> benchmarks.add(Pattern.quote(r.benchmark())));
        List<String> a = new ArrayList<>();
        a.add("^(" + String.join("|", benchmarks) + ")$");
        a.add("-bm");
        a.add(group.get(0).mode());
        values(group).forEach((k, v) -> {
            a.add("-p");
            a.add(k + "=" + String.join(",", v));
        });
        return a;
    }
}
