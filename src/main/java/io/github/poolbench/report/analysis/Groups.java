package io.github.poolbench.report.analysis;

import io.github.poolbench.report.model.BenchmarkResult;
import io.github.poolbench.report.model.ResultFile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Sorts the rows of any JMH files into {@link Group}s: one per class + method + mode (and unit
 * kind). Classes are matched by simple name so the same benchmark from another run, another
 * JDK or the Python reference (which names it {@code python.IncrementBenchmark.map}) lines up;
 * two different classes that share a simple name keep their full names.
 */
public final class Groups {
    /** Param names tried first as the x axis when several are numeric: the suite's knobs. */
    private static final List<String> PREFERRED_X = List.of("tasks", "workers", "clients", "sleepMillis", "maxChildren");

    private Groups() {
    }

    public static List<Row> rows(List<ResultFile> files) {
        List<Row> rows = new ArrayList<>();
        for (ResultFile f : files) {
            for (BenchmarkResult r : f.results()) {
                rows.add(new Row(f.label(), r, f.strategies()));
            }
        }
        return rows;
    }

    public static List<String> labels(List<ResultFile> files) {
        Set<String> labels = new LinkedHashSet<>();
        files.forEach(f -> labels.add(f.label()));
        return List.copyOf(labels);
    }

    public static List<Group> of(List<ResultFile> files) {
        List<String> labelOrder = labels(files);
        List<Row> all = rows(files);
        Map<String, Set<String>> fullNamesBySimple = new HashMap<>();
        for (Row r : all) {
            fullNamesBySimple.computeIfAbsent(r.result().simpleClassName(), k -> new TreeSet<>())
                    .add(r.result().className());
        }
        // a simple name shared by two packages is ambiguous, unless the packages differ only
        // by a label-like prefix (python.IncrementBenchmark vs io.github...IncrementBenchmark):
        // both are kept under the simple name then, which is what lines them up.
        Map<List<String>, List<Row>> byKey = new TreeMap<>(Groups::compareKeys);
        for (Row r : all) {
            BenchmarkResult b = r.result();
            // nested classes keep their outer class: IncrementProcessBenchmark.Pool, not Pool
            String simple = b.simpleClassName();
            String shown = fullNamesBySimple.get(simple).size() > 1 && !lineUp(fullNamesBySimple.get(simple))
                    ? b.className() : simple;
            Units.Kind kind = Units.kind(b.primary().unit());
            String unitKey = kind == Units.Kind.OTHER ? b.primary().unit() : kind.name();
            byKey.computeIfAbsent(List.of(shown, b.method(), b.mode(), unitKey), k -> new ArrayList<>()).add(r);
        }
        List<Group> groups = new ArrayList<>();
        byKey.forEach((key, rows) -> groups.add(group(key, rows, labelOrder)));
        return groups;
    }

    /**
     * Same simple name in different packages: lined up when at most one of them is "deep"
     * (more than one package segment), as when a reference script uses a one-word prefix.
     */
    private static boolean lineUp(Set<String> fullNames) {
        return fullNames.stream().filter(n -> n.chars().filter(c -> c == '.').count() > 1).count() <= 1;
    }

    private static int compareKeys(List<String> a, List<String> b) {
        for (int i = 0; i < a.size(); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static Group group(List<String> key, List<Row> rows, List<String> labelOrder) {
        Set<String> names = new TreeSet<>();
        rows.forEach(r -> names.addAll(r.result().params().keySet()));
        List<String> varying = new ArrayList<>();
        for (String name : names) {
            Set<String> values = new HashSet<>();
            boolean missing = false;
            for (Row r : rows) {
                String v = r.result().param(name);
                if (v == null) {
                    missing = true;
                } else {
                    values.add(v);
                }
            }
            if (values.size() > 1 || missing) {
                varying.add(name);
            }
        }
        String seriesParam = varying.contains(Strategies.PARAM) ? Strategies.PARAM : null;
        String xParam = xParam(rows, varying);
        List<String> order = new ArrayList<>();
        if (seriesParam != null) {
            order.add(seriesParam);
        }
        varying.stream().filter(p -> !p.equals(seriesParam)).forEach(order::add);
        Comparator<Row> byParams = Comparator.comparing(r -> r.result().params(), Params.mapOrder(order));
        List<Row> sorted = new ArrayList<>(rows);
        sorted.sort(byParams.thenComparingInt(r -> labelOrder.indexOf(r.label())));
        Set<String> labels = new LinkedHashSet<>();
        labelOrder.stream().filter(l -> rows.stream().anyMatch(r -> r.label().equals(l))).forEach(labels::add);
        Units.Kind kind = Units.kind(rows.get(0).result().primary().unit());
        return new Group(key.get(0), key.get(1), key.get(2), kind, sorted, List.copyOf(labels), varying, xParam, seriesParam);
    }

    /**
     * The x axis: a varying param present in every row whose values are all numbers, with at
     * least three of them (two points read better as bars); the suite's knobs first, then the
     * one with most values.
     */
    static String xParam(List<Row> rows, List<String> varying) {
        Map<String, Integer> candidates = new LinkedHashMap<>();
        for (String p : varying) {
            if (p.equals(Strategies.PARAM)) {
                continue;
            }
            Set<Double> values = new HashSet<>();
            boolean numeric = true;
            for (Row r : rows) {
                var n = Params.number(r.result().param(p));
                if (n.isEmpty()) {
                    numeric = false;
                    break;
                }
                values.add(n.getAsDouble());
            }
            if (numeric && values.size() >= 3) {
                candidates.put(p, values.size());
            }
        }
        return candidates.keySet().stream()
                .min(Comparator.<String>comparingInt(p -> PREFERRED_X.contains(p) ? PREFERRED_X.indexOf(p) : PREFERRED_X.size())
                        .thenComparing(p -> -candidates.get(p))
                        .thenComparing(Comparator.naturalOrder()))
                .orElse(null);
    }
}
