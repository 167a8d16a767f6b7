package io.github.poolbench.report.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The rows of one benchmark method in one mode, from every file: what one chart and one table
 * of the report show.
 *
 * @param className     the class as shown: the simple name, or the full one when two classes share it
 * @param method        the benchmark method
 * @param mode          JMH's short mode label
 * @param kind          what the primary unit measures; rows of one group are of one kind
 * @param rows          sorted by params, then by label in file order
 * @param labels        the labels present, in file order
 * @param varyingParams the params whose value differs between rows (or is missing from some), sorted
 * @param xParam        a varying param with numeric values to use as the x axis, or null
 * @param seriesParam   the param that names the series ({@code strategy} when it varies), or null
 */
public record Group(String className, String method, String mode, Units.Kind kind, List<Row> rows,
                    List<String> labels, List<String> varyingParams, String xParam, String seriesParam) {
    public Group {
        Objects.requireNonNull(className, "className must not be null");
        Objects.requireNonNull(method, "method must not be null");
        Objects.requireNonNull(mode, "mode must not be null");
        Objects.requireNonNull(kind, "kind must not be null");
        rows = List.copyOf(rows);
        labels = List.copyOf(labels);
        varyingParams = List.copyOf(varyingParams);
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("a group needs at least one row");
        }
    }

    /** "IncrementBenchmark.map". */
    public String title() {
        return className.isEmpty() ? method : className + "." + method;
    }

    /** The params that tell rows apart, minus {@code omit}: what names a row in a table or chart. */
    public SortedMap<String, String> distinguishing(Row row, String... omit) {
        SortedMap<String, String> out = new TreeMap<>();
        for (String p : varyingParams) {
            if (!List.of(omit).contains(p)) {
                String v = row.result().param(p);
                out.put(p, v == null ? "–" : v);
            }
        }
        return out;
    }

    /** The params every row shares, e.g. {@code tasks=1000, workers=5}. */
    public SortedMap<String, String> commonParams() {
        SortedMap<String, String> out = new TreeMap<>(rows.get(0).result().params());
        varyingParams.forEach(out::remove);
        return out;
    }

    /**
     * The rows arranged as a table: one entry per combination of varying params (in row order),
     * holding the row of each label that has one.
     */
    public List<Map<String, Row>> byCombination() {
        Map<SortedMap<String, String>, Map<String, Row>> table = new LinkedHashMap<>();
        for (Row r : rows) {
            table.computeIfAbsent(distinguishing(r), k -> new LinkedHashMap<>()).putIfAbsent(r.label(), r);
        }
        return new ArrayList<>(table.values());
    }
}
