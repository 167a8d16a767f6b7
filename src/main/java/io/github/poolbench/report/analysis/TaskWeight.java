package io.github.poolbench.report.analysis;

import io.github.poolbench.report.model.BenchmarkResult;
import io.github.poolbench.report.model.Metric;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How heavy must a task be before a new thread (or process) per task is fine? The
 * {@code TaskWeightBenchmark} maps {@code tasks} CPU-bound tasks of about {@code workMicros} µs.
 * <ul>
 *   <li>Efficiency = ideal time ÷ measured time, where ideal = tasks × work ÷ usable cores:
 *       1 core on the caller's thread, min(workers, cores) for a pool, every core for a
 *       per-task strategy (never more cores than tasks).</li>
 *   <li>Break-even task size of a per-task strategy: the smallest work per task from which on
 *       its overhead against its pooled counterpart at the same size,
 *       (t<sub>per task</sub> − t<sub>pool</sub>) / t<sub>pool</sub>, stays under 10%;
 *       interpolated in log(work) between the measured sizes around it.</li>
 * </ul>
 */
public final class TaskWeight {
    public static final String CLASS = "TaskWeightBenchmark";
    /** An overhead under this is "fine". */
    public static final double OVERHEAD_LIMIT = 0.10;
    static final String WORK = "workMicros";
    static final String TASKS = "tasks";
    static final String WORKERS = "workers";
    static final String CALIBRATION = "calibratedUnitsPerMicro";

    private final List<String> labels;
    private final List<Entry> entries;
    private final List<BreakEven> breakEvens;
    private final List<Calibration> calibrations;

    /**
     * One strategy at one task size.
     *
     * @param setting  params other than strategy and work ({@code tasks}, {@code workers}, ...)
     * @param usable   cores the ideal time assumes
     * @param measured seconds for the batch
     * @param ideal    seconds the batch would take with no overhead at all
     * @param efficiency ideal ÷ measured
     */
    public record Entry(String label, String strategy, double workMicros, SortedMap<String, String> setting,
                        BenchmarkResult result, Cores cores, int usable, Estimate measured, double ideal,
                        Estimate efficiency) {
    }

    /**
     * A per-task strategy's overhead against its pool at one task size, with the interval the
     * two measurements allow ({@code low}..{@code high}, from the ratio of their intervals).
     */
    public record OverheadPoint(double workMicros, double overhead, double low, double high) {
        /** A point with no interval (it then decides nothing on its own: see {@link #decided}). */
        public OverheadPoint(double workMicros, double overhead) {
            this(workMicros, overhead, overhead, overhead);
        }

        /** Clearly over {@code limit}: the whole interval is. */
        public boolean clearlyOver(double limit) {
            return low >= limit;
        }

        /** Clearly under {@code limit}: the whole interval is. */
        public boolean clearlyUnder(double limit) {
            return high < limit;
        }
    }

    /**
     * Whether a break-even sentence may be written from {@code points}: the points it rests on
     * lie wholly on their side of the limit. "Fine from X" needs the last size over the limit
     * clearly over and every size from the crossing on clearly under; "still over at the
     * largest size" needs only that size clearly over. A point whose interval straddles the
     * limit (the forks cannot tell 5% from 15%) makes the sentence a guess.
     */
    public static boolean decided(List<OverheadPoint> points, double limit) {
        List<OverheadPoint> sorted = points.stream().filter(p -> Double.isFinite(p.overhead()) && p.workMicros() >= 0)
                .sorted(Comparator.comparingDouble(OverheadPoint::workMicros)).toList();
        if (sorted.isEmpty()) {
            return false;
        }
        int firstOfTail = sorted.size();
        while (firstOfTail > 0 && sorted.get(firstOfTail - 1).overhead() < limit) {
            firstOfTail--;
        }
        if (firstOfTail == sorted.size()) {
            return sorted.get(sorted.size() - 1).clearlyOver(limit);
        }
        boolean tailClear = sorted.subList(firstOfTail, sorted.size()).stream().allMatch(p -> p.clearlyUnder(limit));
        return tailClear && (firstOfTail == 0 || sorted.get(firstOfTail - 1).clearlyOver(limit));
    }

    /** Where a break-even lies relative to the sizes measured. */
    public enum Where {
        /** Between two measured sizes: {@link BreakEven#micros()} is interpolated. */
        INTERPOLATED,
        /** Already under the limit at the smallest size measured, which is {@link BreakEven#micros()}. */
        AT_OR_BELOW_SMALLEST,
        /** Still over the limit at the largest size measured, which is {@link BreakEven#micros()}. */
        ABOVE_LARGEST
    }

    /** The break-even of one per-task strategy in one file and setting. */
    public record BreakEven(String label, String perTaskStrategy, String pooledStrategy, SortedMap<String, String> setting,
                            Where where, double micros, List<OverheadPoint> points) {
        /** True when the intervals allow the sentence: see {@link TaskWeight#decided}. */
        public boolean decided() {
            return TaskWeight.decided(points, OVERHEAD_LIMIT);
        }
    }

    /** The recorded calibration of one file: CPU-work units per µs, over its rows and iterations. */
    public record Calibration(String label, double mean, double min, double max, int samples) {
    }

    private TaskWeight(List<String> labels, List<Entry> entries, List<BreakEven> breakEvens, List<Calibration> calibrations) {
        this.labels = List.copyOf(labels);
        this.entries = List.copyOf(entries);
        this.breakEvens = List.copyOf(breakEvens);
        this.calibrations = List.copyOf(calibrations);
    }

    public static boolean isWeightRow(BenchmarkResult r) {
        return BenchmarkNames.inClass(r, CLASS) && r.param(Strategies.PARAM) != null
                && Params.number(r.param(WORK)).stream().anyMatch(v -> v >= 0)
                && Units.secondsPerOp(r.primary()).isPresent();
    }

    public static TaskWeight of(List<Row> rows, Map<String, Cores> cores, int assumedCores) {
        List<String> labels = new ArrayList<>();
        List<Entry> entries = new ArrayList<>();
        Map<String, List<Double>> calibrationSamples = new LinkedHashMap<>();
        for (Row row : rows) {
            BenchmarkResult r = row.result();
            if (!isWeightRow(r)) {
                continue;
            }
            if (!labels.contains(row.label())) {
                labels.add(row.label());
            }
            String strategy = r.param(Strategies.PARAM);
            double work = Params.number(r.param(WORK)).getAsDouble();
            SortedMap<String, String> setting = new TreeMap<>(r.params());
            setting.remove(Strategies.PARAM);
            setting.remove(WORK);
            Cores c = cores.getOrDefault(row.label(), new Cores(assumedCores, false));
            OptionalInt tasks = ApplyModel.intParam(r, TASKS);
            int usable = usableCores(strategy, ApplyModel.intParam(r, WORKERS), c.count());
            if (tasks.isPresent()) {
                usable = Math.min(usable, tasks.getAsInt());
            }
            Estimate measured = Units.secondsPerOp(r.primary()).orElseThrow();
            double ideal = tasks.isPresent() ? idealSeconds(tasks.getAsInt(), work, usable) : Double.NaN;
            entries.add(new Entry(row.label(), strategy, work, setting, r, c, usable, measured, ideal, efficiency(ideal, measured)));
            calibration(r).ifPresent(values -> calibrationSamples.computeIfAbsent(row.label(), k -> new ArrayList<>()).addAll(values));
        }
        entries.sort(Comparator.<Entry>comparingInt(e -> labels.indexOf(e.label()))
                .thenComparing(Entry::strategy, Strategies.COMPARATOR)
                .thenComparing(Entry::setting, Params.mapOrder(List.of(TASKS, WORKERS)))
                .thenComparingDouble(Entry::workMicros));
        List<Calibration> calibrations = new ArrayList<>();
        calibrationSamples.forEach((label, values) -> {
            double[] v = values.stream().mapToDouble(Double::doubleValue).filter(Double::isFinite).toArray();
            if (v.length > 0) {
                calibrations.add(new Calibration(label, Samples.mean(v), java.util.Arrays.stream(v).min().orElseThrow(),
                        java.util.Arrays.stream(v).max().orElseThrow(), v.length));
            }
        });
        return new TaskWeight(labels, entries, breakEvens(entries), calibrations);
    }

    public List<String> labels() {
        return labels;
    }

    public List<Entry> entries() {
        return entries;
    }

    public List<BreakEven> breakEvens() {
        return breakEvens;
    }

    public List<Calibration> calibrations() {
        return calibrations;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    // ---- pure

    /**
     * Cores the work can use: 1 on the caller's thread, min(workers, cores) for a pool (and a
     * strategy the report does not know, when it has workers), every core for a per-task strategy.
     */
    public static int usableCores(String strategy, OptionalInt workers, int cores) {
        if (Strategies.BASELINE.equals(strategy)) {
            return 1;
        }
        if (Strategies.isPerTask(strategy) || workers.isEmpty()) {
            return cores;
        }
        return Math.min(workers.getAsInt(), cores);
    }

    /** tasks × work ÷ usable cores, in seconds. */
    public static double idealSeconds(int tasks, double workMicros, int usable) {
        if (usable < 1) {
            throw new IllegalArgumentException("usable cores must be at least 1, got " + usable);
        }
        return tasks * workMicros * 1e-6 / usable;
    }

    /** ideal ÷ measured, with the measurement's interval (turned round: a longer time is a lower efficiency). */
    public static Estimate efficiency(double ideal, Estimate measured) {
        return Estimate.exact(ideal).dividedBy(measured);
    }

    /** (t_perTask − t_pool) / t_pool. */
    public static double overhead(double perTask, double pooled) {
        return (perTask - pooled) / pooled;
    }

    /**
     * The smallest work per task from which on every measured overhead is under {@code limit}.
     * Between the last size over the limit and the first of the run under it, the overhead is
     * taken as linear in log(work) (linear in work when the lower size is 0). Empty when there
     * is no point with a finite overhead.
     *
     * @param points at distinct sizes, any order
     */
    public static Optional<Crossing> crossing(List<OverheadPoint> points, double limit) {
        List<OverheadPoint> sorted = points.stream().filter(p -> Double.isFinite(p.overhead()) && p.workMicros() >= 0)
                .sorted(Comparator.comparingDouble(OverheadPoint::workMicros)).toList();
        if (sorted.isEmpty()) {
            return Optional.empty();
        }
        int firstOfTail = sorted.size();
        while (firstOfTail > 0 && sorted.get(firstOfTail - 1).overhead() < limit) {
            firstOfTail--;
        }
        if (firstOfTail == sorted.size()) {
            return Optional.of(new Crossing(Where.ABOVE_LARGEST, sorted.get(sorted.size() - 1).workMicros()));
        }
        if (firstOfTail == 0) {
            return Optional.of(new Crossing(Where.AT_OR_BELOW_SMALLEST, sorted.get(0).workMicros()));
        }
        OverheadPoint a = sorted.get(firstOfTail - 1);
        OverheadPoint b = sorted.get(firstOfTail);
        double f = (a.overhead() - limit) / (a.overhead() - b.overhead());
        double micros = a.workMicros() > 0
                ? Math.pow(10, Math.log10(a.workMicros()) + f * (Math.log10(b.workMicros()) - Math.log10(a.workMicros())))
                : a.workMicros() + f * (b.workMicros() - a.workMicros());
        return Optional.of(new Crossing(Where.INTERPOLATED, micros));
    }

    /** Where the overhead falls under the limit: see {@link #crossing}. */
    public record Crossing(Where where, double micros) {
    }

    /**
     * The per-iteration calibration values of a row: the secondary metric's samples, else its
     * score (an EVENTS counter is summed over iterations, so the samples are what to read).
     */
    static Optional<List<Double>> calibration(BenchmarkResult r) {
        for (Map.Entry<String, Metric> m : r.secondary().entrySet()) {
            String name = m.getKey().startsWith("·") ? m.getKey().substring(1) : m.getKey();
            if (name.equals(CALIBRATION)) {
                List<Double> samples = m.getValue().samples().stream().filter(v -> v > 0).toList();
                return Optional.of(samples.isEmpty() && m.getValue().score() > 0
                        && r.run().measurementIterations() <= 1 && r.run().forks() <= 1
                        ? List.of(m.getValue().score()) : samples);
            }
        }
        return Optional.empty();
    }

    private static List<BreakEven> breakEvens(List<Entry> entries) {
        List<BreakEven> out = new ArrayList<>();
        // label -> setting -> strategy -> work -> seconds
        Map<String, Map<SortedMap<String, String>, Map<String, TreeMap<Double, Estimate>>>> table = new LinkedHashMap<>();
        for (Entry e : entries) {
            table.computeIfAbsent(e.label(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(e.setting(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(e.strategy(), k -> new TreeMap<>())
                    .putIfAbsent(e.workMicros(), e.measured());
        }
        table.forEach((label, bySetting) -> bySetting.forEach((setting, byStrategy) -> byStrategy.keySet().stream()
                .filter(Strategies::isPerTask).sorted(Strategies.COMPARATOR).forEach(perTask -> {
                    String pooled = Strategies.pooledCounterpart(perTask).orElseThrow();
                    TreeMap<Double, Estimate> pool = byStrategy.get(pooled);
                    if (pool == null) {
                        return;
                    }
                    List<OverheadPoint> points = new ArrayList<>();
                    byStrategy.get(perTask).forEach((work, seconds) -> {
                        Estimate p = pool.get(work);
                        if (p != null && p.value() > 0) {
                            Estimate ratio = seconds.dividedBy(p);
                            points.add(new OverheadPoint(work, overhead(seconds.value(), p.value()),
                                    ratio.low() - 1, ratio.high() - 1));
                        }
                    });
                    crossing(points, OVERHEAD_LIMIT).ifPresent(c ->
                            out.add(new BreakEven(label, perTask, pooled, setting, c.where(), c.micros(), List.copyOf(points))));
                })));
        return out;
    }
}
