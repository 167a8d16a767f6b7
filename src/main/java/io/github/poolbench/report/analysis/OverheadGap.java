package io.github.poolbench.report.analysis;

import io.github.poolbench.report.model.BenchmarkResult;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The document's headline, measured: the 1000-increment {@code map} of every strategy
 * ({@code IncrementBenchmark} in-process, {@code IncrementProcessBenchmark} out of process, and
 * the Python reference when its file is given), side by side with the document's own figures.
 *
 * <p>All the arithmetic is here, as pure functions over parsed results: the time for the
 * batch, the per-task overhead over the {@code CALLER_THREAD} baseline, the gap of each
 * per-task strategy to its pooled counterpart.
 */
public final class OverheadGap {
    /** The document's figures (§2): 1000 increments through {@code Pool(5)}, and a new process per task. */
    public static final double DOCUMENTED_POOL_SECONDS = 0.35544490814208984;
    public static final double DOCUMENTED_PROCESS_PER_TASK_SECONDS = 101.00088691711426;
    public static final int DOCUMENTED_TASKS = 1000;
    public static final String DOCUMENTED_LABEL = "documented (Python)";

    /** The benchmark method of the headline workload. */
    public static final String METHOD = "map";

    /**
     * When a strategy has several rows (other chunk sizes, JVM flags, spawners...), the one
     * that matches the document's setting is shown: the most of these values wins.
     */
    static final Map<String, String> PREFERRED = Map.of(
            "chunksize", "auto", "tasks", "1000", "workers", "5", "jvmFlags", "default", "spawner", "processbuilder",
            "start_method", "fork");

    private final List<String> labels;
    private final List<Entry> entries;

    /**
     * One bar of the gap chart.
     *
     * @param label         the file's label, or {@link #DOCUMENTED_LABEL}
     * @param strategy      the strategy
     * @param result        the row it comes from (null for the documented figures)
     * @param tasks         tasks in one operation (0 when the row does not say)
     * @param batch         seconds for one operation: the whole batch
     * @param perThousand   seconds for 1000 tasks: {@code batch} scaled when {@code tasks} is not 1000
     * @param perTask       seconds per task, all in: {@code batch / tasks}
     * @param overhead      seconds per task above the CALLER_THREAD baseline, or null when there is no baseline
     */
    public record Entry(String label, String strategy, BenchmarkResult result, int tasks, Estimate batch,
                        Estimate perThousand, Estimate perTask, Estimate overhead) {
        public boolean documented() {
            return result == null;
        }
    }

    /** A per-task strategy against its pooled counterpart, in one file. */
    public record Ratio(String label, String perTask, String pooled, Estimate ratio) {
    }

    private OverheadGap(List<String> labels, List<Entry> entries) {
        this.labels = List.copyOf(labels);
        this.entries = List.copyOf(entries);
    }

    /** Is this row part of the headline workload? */
    public static boolean isGapRow(BenchmarkResult r) {
        // any segment of the class: IncrementProcessBenchmark's rows come from nested classes (….Pool.map)
        return METHOD.equals(r.method()) && BenchmarkNames.isIncrementWorkload(r)
                && r.param(Strategies.PARAM) != null && Units.kind(r.primary().unit()) != Units.Kind.OTHER;
    }

    /** Builds the analysis from labelled rows; empty entries when no row is of the workload. */
    public static OverheadGap of(List<Row> rows) {
        Map<String, Map<String, List<BenchmarkResult>>> byLabel = new LinkedHashMap<>();
        for (Row row : rows) {
            if (isGapRow(row.result())) {
                byLabel.computeIfAbsent(row.label(), k -> new LinkedHashMap<>())
                        .computeIfAbsent(row.result().param(Strategies.PARAM), k -> new ArrayList<>()).add(row.result());
            }
        }
        List<Entry> entries = new ArrayList<>();
        Set<String> labels = new LinkedHashSet<>(byLabel.keySet());
        byLabel.forEach((label, byStrategy) -> {
            List<BenchmarkResult> baselines = byStrategy.getOrDefault(Strategies.BASELINE, List.of());
            byStrategy.keySet().stream().sorted(Strategies.COMPARATOR).forEach(strategy -> {
                BenchmarkResult chosen = preferred(byStrategy.get(strategy));
                Optional<BenchmarkResult> baseline = Strategies.BASELINE.equals(strategy)
                        ? Optional.empty() : baselineFor(chosen, baselines);
                entries.add(entry(label, strategy, chosen, baseline.orElse(null)));
            });
        });
        if (!entries.isEmpty()) {
            labels.add(DOCUMENTED_LABEL);
            entries.add(documented("FIXED_PROCESS_POOL", DOCUMENTED_POOL_SECONDS));
            entries.add(documented("PROCESS_PER_TASK", DOCUMENTED_PROCESS_PER_TASK_SECONDS));
        }
        return new OverheadGap(List.copyOf(labels), entries);
    }

    /** The labels with entries, in file order, {@link #DOCUMENTED_LABEL} last. */
    public List<String> labels() {
        return labels;
    }

    public List<Entry> entries() {
        return entries;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The strategies present, in the suite's order. */
    public List<String> strategies() {
        return entries.stream().map(Entry::strategy).distinct().sorted(Strategies.COMPARATOR).toList();
    }

    public Optional<Entry> entry(String label, String strategy) {
        return entries.stream().filter(e -> e.label().equals(label) && e.strategy().equals(strategy)).findFirst();
    }

    /** Every per-task strategy against its pooled counterpart, label by label (documented last). */
    public List<Ratio> ratios() {
        List<Ratio> out = new ArrayList<>();
        for (String label : labels) {
            for (String strategy : strategies()) {
                Optional<String> pooled = Strategies.pooledCounterpart(strategy);
                Optional<Entry> slow = entry(label, strategy);
                Optional<Entry> fast = pooled.flatMap(p -> entry(label, p));
                if (slow.isPresent() && fast.isPresent()) {
                    out.add(new Ratio(label, strategy, pooled.get(),
                            gapRatio(slow.get().perThousand(), fast.get().perThousand())));
                }
            }
        }
        return out;
    }

    /** The document's own gap: 101.0 s / 0.355 s, about 284×. */
    public static double documentedGap() {
        return DOCUMENTED_PROCESS_PER_TASK_SECONDS / DOCUMENTED_POOL_SECONDS;
    }

    // ---- the pure arithmetic

    /** Seconds for one operation (the whole batch) from a time-per-op or throughput metric. */
    public static Optional<Estimate> batchSeconds(BenchmarkResult r) {
        return Units.secondsPerOp(r.primary());
    }

    /** Per-task overhead above the baseline: {@code (batch − baseline) / tasks}. */
    public static Estimate perTaskOverhead(Estimate batch, Estimate baseline, int tasks) {
        if (tasks <= 0) {
            throw new IllegalArgumentException("tasks must be positive, got " + tasks);
        }
        return batch.minus(baseline).times(1.0 / tasks);
    }

    /** How many times slower the per-task strategy is than its pooled counterpart. */
    public static Estimate gapRatio(Estimate perTask, Estimate pooled) {
        return perTask.dividedBy(pooled);
    }

    /** The {@code tasks} param as a positive int, if the row has one. */
    public static OptionalInt tasks(BenchmarkResult r) {
        return Params.number(r.param("tasks")).stream().mapToInt(d -> (int) d)
                .filter(n -> n > 0).findFirst();
    }

    // ---- building

    static BenchmarkResult preferred(List<BenchmarkResult> candidates) {
        return candidates.stream()
                .max(Comparator.<BenchmarkResult>comparingInt(OverheadGap::preferenceScore)
                        .thenComparing(r -> r.params().toString(), Comparator.reverseOrder()))
                .orElseThrow();
    }

    private static int preferenceScore(BenchmarkResult r) {
        int score = 0;
        for (Map.Entry<String, String> p : PREFERRED.entrySet()) {
            if (Params.matches(r.params(), p.getKey(), p.getValue())) {
                score++;
            }
        }
        return score;
    }

    /**
     * The CALLER_THREAD row to subtract: the one whose other params are the same as the row's
     * (same class first), else the preferred one with the same task count.
     */
    static Optional<BenchmarkResult> baselineFor(BenchmarkResult row, List<BenchmarkResult> baselines) {
        Map<String, String> wanted = new LinkedHashMap<>(row.params());
        wanted.remove(Strategies.PARAM);
        for (BenchmarkResult b : baselines) {
            Map<String, String> other = new LinkedHashMap<>(b.params());
            other.remove(Strategies.PARAM);
            if (other.equals(wanted) && b.mode().equals(row.mode())) {
                return Optional.of(b);
            }
        }
        OptionalInt tasks = tasks(row);
        List<BenchmarkResult> sameTasks = baselines.stream().filter(b -> tasks(b).equals(tasks)).toList();
        return sameTasks.isEmpty() ? Optional.empty() : Optional.of(preferred(sameTasks));
    }

    private static Entry entry(String label, String strategy, BenchmarkResult r, BenchmarkResult baseline) {
        Estimate batch = batchSeconds(r).orElseThrow();
        OptionalInt tasks = tasks(r);
        int n = tasks.orElse(0);
        Estimate perTask = n > 0 ? batch.times(1.0 / n) : Estimate.exact(Double.NaN);
        Estimate perThousand = n > 0 ? batch.times((double) DOCUMENTED_TASKS / n) : batch;
        Estimate overhead = null;
        if (baseline != null && n > 0) {
            Optional<Estimate> base = batchSeconds(baseline);
            OptionalInt baseTasks = tasks(baseline);
            if (base.isPresent() && baseTasks.isPresent()) {
                // scale the baseline to this row's task count before subtracting
                Estimate scaledBase = base.get().times((double) n / baseTasks.getAsInt());
                overhead = perTaskOverhead(batch, scaledBase, n);
            }
        }
        return new Entry(label, strategy, r, n, batch, perThousand, perTask, overhead);
    }

    private static Entry documented(String strategy, double seconds) {
        Estimate batch = Estimate.exact(seconds);
        return new Entry(DOCUMENTED_LABEL, strategy, null, DOCUMENTED_TASKS, batch, batch,
                batch.times(1.0 / DOCUMENTED_TASKS), null);
    }
}
