package io.github.poolbench.report.analysis;

import io.github.poolbench.report.model.BenchmarkResult;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a pool costs to create and close (§1: "creating a process costs time, and so does
 * destroying it"), and the break-even: after how many tasks a pool has paid for its own
 * start-up compared with creating a thread or process per task,
 * <pre>
 *   break-even tasks = lifecycle cost / (per-task cost of the per-task strategy − per-task cost of the pool)
 * </pre>
 * The per-task costs come from the increment workload of the same file ({@code IncrementBenchmark},
 * {@code IncrementProcessBenchmark} and its nested classes): batch time / tasks, the row that
 * matches the document's setting when a strategy has several.
 */
public final class Lifecycle {
    public static final String CLASS = "LifecycleBenchmark";
    static final String SIZE = "size";

    private final List<String> labels;
    private final List<Entry> entries;

    /**
     * One pool size.
     *
     * @param size       the {@code size} param as written ({@code "5"}, {@code "cores"}, ...)
     * @param workers    the size resolved with the run's cores, 0 when it cannot be
     * @param seconds    create + close + join, seconds per operation
     * @param breakEvens against each per-task strategy of the same file, in the suite's order
     */
    public record Entry(String label, String strategy, String size, int workers, Cores cores, BenchmarkResult result,
                        Estimate seconds, List<BreakEven> breakEvens) {
    }

    /**
     * A pool against one per-task strategy.
     *
     * @param perTask the per-task strategy's cost per task (seconds)
     * @param pooled  the pool's cost per task (seconds)
     * @param tasks   the break-even task count; NaN when the per-task strategy is not dearer
     */
    public record BreakEven(String perTaskStrategy, Estimate perTask, Estimate pooled, Estimate tasks,
                            BenchmarkResult perTaskRow, BenchmarkResult pooledRow) {
        public boolean paysOff() {
            return Double.isFinite(tasks.value()) && tasks.value() > 0;
        }
    }

    private Lifecycle(List<String> labels, List<Entry> entries) {
        this.labels = List.copyOf(labels);
        this.entries = List.copyOf(entries);
    }

    public static boolean isLifecycleRow(BenchmarkResult r) {
        return BenchmarkNames.inClass(r, CLASS) && r.param(SIZE) != null && Units.secondsPerOp(r.primary()).isPresent();
    }

    /**
     * @param cores each label's cores, to resolve symbolic sizes (a label missing from it
     *              leaves them unresolved)
     */
    public static Lifecycle of(List<Row> rows, Map<String, Cores> cores) {
        List<String> labels = new ArrayList<>();
        List<Entry> entries = new ArrayList<>();
        Map<String, Map<String, BenchmarkResult>> perTaskRows = perTaskRows(rows);
        for (Row row : rows) {
            BenchmarkResult r = row.result();
            if (!isLifecycleRow(r)) {
                continue;
            }
            if (!labels.contains(row.label())) {
                labels.add(row.label());
            }
            String strategy = Objects.requireNonNullElse(r.param(Strategies.PARAM), "");
            Cores c = cores.get(row.label());
            int workers = c == null ? ApplyModel.intParam(r, SIZE).orElse(0) : c.resolve(r.param(SIZE)).orElse(0);
            Estimate seconds = Units.secondsPerOp(r.primary()).orElseThrow();
            Map<String, BenchmarkResult> workload = perTaskRows.getOrDefault(row.label(), Map.of());
            List<BreakEven> breakEvens = new ArrayList<>();
            BenchmarkResult pooledRow = workload.get(strategy);
            if (pooledRow != null) {
                for (String perTask : counterparts(strategy)) {
                    BenchmarkResult perTaskRow = workload.get(perTask);
                    if (perTaskRow != null) {
                        Estimate a = perTaskCost(perTaskRow).orElseThrow();
                        Estimate b = perTaskCost(pooledRow).orElseThrow();
                        breakEvens.add(new BreakEven(perTask, a, b, breakEvenTasks(seconds, a, b), perTaskRow, pooledRow));
                    }
                }
            }
            entries.add(new Entry(row.label(), strategy, r.param(SIZE), workers, c, r, seconds, List.copyOf(breakEvens)));
        }
        entries.sort(Comparator.<Entry>comparingInt(e -> labels.indexOf(e.label()))
                .thenComparing(Entry::strategy, Strategies.COMPARATOR)
                .thenComparingInt(e -> e.workers() > 0 ? e.workers() : Integer.MAX_VALUE)
                .thenComparing(Entry::size));
        return new Lifecycle(labels, entries);
    }

    public List<String> labels() {
        return labels;
    }

    public List<Entry> entries() {
        return entries;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    // ---- pure

    /**
     * Tasks after which a pool's start-up is paid for: {@code lifecycle / (perTask − pooled)},
     * with the widest interval the three allow (unbounded when the difference may be zero).
     * NaN when the per-task strategy is not dearer per task than the pool.
     */
    public static Estimate breakEvenTasks(Estimate lifecycle, Estimate perTask, Estimate pooled) {
        Estimate saving = perTask.minus(pooled);
        if (!(saving.value() > 0)) {
            return Estimate.exact(Double.NaN);
        }
        return lifecycle.dividedBy(saving);
    }

    /** Seconds per task of a workload row: batch / tasks. */
    public static Optional<Estimate> perTaskCost(BenchmarkResult r) {
        OptionalInt tasks = OverheadGap.tasks(r);
        if (tasks.isEmpty()) {
            return Optional.empty();
        }
        return Units.secondsPerOp(r.primary()).map(s -> s.times(1.0 / tasks.getAsInt()));
    }

    /** The per-task strategies a pool is set against, in the suite's order. */
    static List<String> counterparts(String pooled) {
        return Strategies.ORDER.stream().filter(s -> pooled.equals(Strategies.POOLED_COUNTERPART.get(s))).toList();
    }

    /** Label -> strategy -> the workload row that stands for it (the document's setting first). */
    private static Map<String, Map<String, BenchmarkResult>> perTaskRows(List<Row> rows) {
        Map<String, Map<String, List<BenchmarkResult>>> candidates = new LinkedHashMap<>();
        for (Row row : rows) {
            BenchmarkResult r = row.result();
            if (BenchmarkNames.isIncrementWorkload(r) && OverheadGap.METHOD.equals(r.method())
                    && r.param(Strategies.PARAM) != null && perTaskCost(r).filter(Estimate::isFinite).isPresent()) {
                candidates.computeIfAbsent(row.label(), k -> new LinkedHashMap<>())
                        .computeIfAbsent(r.param(Strategies.PARAM), k -> new ArrayList<>()).add(r);
            }
        }
        Map<String, Map<String, BenchmarkResult>> out = new LinkedHashMap<>();
        candidates.forEach((label, byStrategy) -> byStrategy.forEach((strategy, list) ->
                out.computeIfAbsent(label, k -> new LinkedHashMap<>()).put(strategy, OverheadGap.preferred(list))));
        return out;
    }
}
