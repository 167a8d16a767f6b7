package io.github.poolbench.report.analysis;

import io.github.poolbench.report.model.BenchmarkResult;
import org.apache.commons.math3.stat.regression.SimpleRegression;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How the cost of a batch grows with its number of tasks: the increment workload
 * ({@code IncrementBenchmark}, {@code IncrementProcessBenchmark} and its nested classes) at
 * several {@code tasks} values, per strategy. A straight line through log(time) against
 * log(tasks) has slope 1 when every task costs the same (linear growth); a slope well under 1
 * means a fixed cost per batch still dominates.
 */
public final class TaskCountSweep {
    static final String TASKS = "tasks";

    private final List<String> labels;
    private final List<Series> series;

    /** One measured batch: {@code tasks} and the seconds for all of them. */
    public record Point(int tasks, Estimate seconds, BenchmarkResult result) {
        public Estimate perTask() {
            return seconds.times(1.0 / tasks);
        }
    }

    /**
     * One strategy (and setting) in one file, over its task counts.
     *
     * @param extra  params other than strategy and tasks that tell this series from another of
     *               the same strategy (e.g. {@code chunksize=1}); empty when there is one
     * @param points by task count, ascending
     */
    public record Series(String label, String strategy, SortedMap<String, String> extra, List<Point> points, Fit fit) {
        /** "FIXED_THREAD_POOL" or "FIXED_THREAD_POOL · chunksize=1". */
        public String name() {
            return extra.isEmpty() ? strategy : strategy + " · " + Params.describe(extra);
        }

        public int maxTasks() {
            return points.get(points.size() - 1).tasks();
        }

        public int minTasks() {
            return points.get(0).tasks();
        }
    }

    /**
     * A straight line through (log10 tasks, log10 seconds).
     *
     * @param slope     growth exponent: 1 for linear growth
     * @param intercept log10 of the seconds the line gives for one task
     * @param rSquared  how well the line fits; NaN with two points (any line fits two)
     * @param points    points fitted
     */
    public record Fit(double slope, double intercept, double rSquared, int points) {
    }

    private TaskCountSweep(List<String> labels, List<Series> series) {
        this.labels = List.copyOf(labels);
        this.series = List.copyOf(series);
    }

    public static boolean isSweepRow(BenchmarkResult r) {
        return BenchmarkNames.isIncrementWorkload(r) && OverheadGap.METHOD.equals(r.method())
                && r.param(Strategies.PARAM) != null && OverheadGap.tasks(r).isPresent()
                && Units.secondsPerOp(r.primary()).filter(e -> e.value() > 0 && e.isFinite()).isPresent();
    }

    /** Every strategy measured at two or more task counts; empty when none is. */
    public static TaskCountSweep of(List<Row> rows) {
        // label -> class -> strategy -> rows
        Map<String, Map<String, Map<String, List<BenchmarkResult>>>> grouped = new LinkedHashMap<>();
        for (Row row : rows) {
            BenchmarkResult r = row.result();
            if (isSweepRow(r)) {
                grouped.computeIfAbsent(row.label(), k -> new LinkedHashMap<>())
                        .computeIfAbsent(r.className(), k -> new LinkedHashMap<>())
                        .computeIfAbsent(r.param(Strategies.PARAM), k -> new ArrayList<>()).add(r);
            }
        }
        List<Series> out = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        grouped.forEach((label, byClass) -> byClass.forEach((cls, byStrategy) -> byStrategy.forEach((strategy, list) -> {
            List<String> extraNames = varying(list);
            Map<SortedMap<String, String>, TreeMap<Integer, Point>> bySetting = new LinkedHashMap<>();
            for (BenchmarkResult r : list) {
                SortedMap<String, String> extra = new TreeMap<>();
                extraNames.forEach(p -> extra.put(p, Objects.requireNonNullElse(r.param(p), "–")));
                int tasks = OverheadGap.tasks(r).getAsInt();
                bySetting.computeIfAbsent(extra, k -> new TreeMap<>())
                        .putIfAbsent(tasks, new Point(tasks, Units.secondsPerOp(r.primary()).orElseThrow(), r));
            }
            bySetting.forEach((extra, points) -> {
                if (points.size() >= 2) {
                    List<Point> ps = List.copyOf(points.values());
                    double[] x = ps.stream().mapToDouble(Point::tasks).toArray();
                    double[] y = ps.stream().mapToDouble(p -> p.seconds().value()).toArray();
                    out.add(new Series(label, strategy, extra, ps, fit(x, y)));
                    if (!labels.contains(label)) {
                        labels.add(label);
                    }
                }
            });
        })));
        out.sort(Comparator.<Series>comparingInt(s -> labels.indexOf(s.label()))
                .thenComparing(Series::strategy, Strategies.COMPARATOR)
                .thenComparing(Series::extra, Params.mapOrder(List.of())));
        return new TaskCountSweep(labels, out);
    }

    public List<String> labels() {
        return labels;
    }

    public List<Series> series() {
        return series;
    }

    public boolean isEmpty() {
        return series.isEmpty();
    }

    /** The largest task count of any series of a label. */
    public int maxTasks(String label) {
        return series.stream().filter(s -> s.label().equals(label)).mapToInt(Series::maxTasks).max().orElse(0);
    }

    // ---- pure

    /**
     * Least-squares line through (log10 tasks, log10 seconds), by commons-math's
     * {@link SimpleRegression}. Points that are not positive are left out.
     *
     * @throws IllegalArgumentException when fewer than two distinct task counts remain
     */
    public static Fit fit(double[] tasks, double[] seconds) {
        if (tasks.length != seconds.length) {
            throw new IllegalArgumentException(tasks.length + " task counts for " + seconds.length + " times");
        }
        SimpleRegression regression = new SimpleRegression();
        Set<Double> distinct = new HashSet<>();
        int n = 0;
        for (int i = 0; i < tasks.length; i++) {
            if (tasks[i] > 0 && seconds[i] > 0 && Double.isFinite(tasks[i]) && Double.isFinite(seconds[i])) {
                regression.addData(Math.log10(tasks[i]), Math.log10(seconds[i]));
                distinct.add(tasks[i]);
                n++;
            }
        }
        if (distinct.size() < 2) {
            throw new IllegalArgumentException("a slope needs at least two task counts with positive times, got "
                    + distinct.size());
        }
        return new Fit(regression.getSlope(), regression.getIntercept(), n > 2 ? regression.getRSquare() : Double.NaN, n);
    }

    /** Params other than strategy and tasks whose value differs between rows (or is missing from some). */
    static List<String> varying(List<BenchmarkResult> rows) {
        Set<String> names = new java.util.TreeSet<>();
        rows.forEach(r -> names.addAll(r.params().keySet()));
        names.remove(Strategies.PARAM);
        names.remove(TASKS);
        List<String> out = new ArrayList<>();
        for (String name : names) {
            Set<String> values = new HashSet<>();
            rows.forEach(r -> values.add(Objects.requireNonNullElse(r.param(name), "\u0000")));
            if (values.size() > 1) {
                out.add(name);
            }
        }
        return out;
    }
}
