package io.github.poolbench.report.analysis;

import io.github.poolbench.report.model.BenchmarkResult;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The document's {@code apply} and {@code apply_async} examples (§3, §4, §6, §7) measured
 * against their model makespans. {@code n} tasks that each sleep {@code d}:
 * <ul>
 *   <li>{@code apply} blocks on every call, so the tasks run one after another: {@code n·d},
 *       however many workers there are;</li>
 *   <li>the asynchronous methods ({@code applyAsync}, {@code applyAsyncCallback},
 *       {@code closeJoinGet}) run at most {@code p} at once: {@code ceil(n/p)·d}, where
 *       {@code p} is the pool's workers; {@code n} for a thread per task, which has no bound;
 *       for a process per task the suite's bound on live children, {@code maxChildren}, which
 *       is the workers when the row has no such param; 1 on the caller's thread.</li>
 * </ul>
 * With the document's 10 tasks on 3 workers the model's apply/applyAsync ratio is
 * 10 / ceil(10/3) = 2.5.
 */
public final class ApplyModel {
    public static final String CLASS = "ApplyBenchmark";
    public static final String SYNC = "apply";
    public static final String ASYNC = "applyAsync";
    /** The methods of the scenario, in the document's order. */
    public static final List<String> METHODS = List.of(SYNC, ASYNC, "applyAsyncCallback", "closeJoinGet");
    /** The params the model reads. */
    static final String TASKS = "tasks";
    static final String WORKERS = "workers";
    static final String SLEEP_MILLIS = "sleepMillis";
    static final String MAX_CHILDREN = "maxChildren";

    private final List<String> labels;
    private final List<Entry> entries;

    /**
     * One measured method beside its model.
     *
     * @param params      the row's params other than strategy
     * @param measured    seconds for one operation (the whole batch)
     * @param parallelism {@code p} of the model, 0 when the row does not say enough
     * @param model       the model makespan in seconds; NaN when the row lacks a param it needs
     * @param ratio       measured / model
     */
    public record Entry(String label, String strategy, String method, SortedMap<String, String> params,
                        BenchmarkResult result, Estimate measured, int parallelism, double model, Estimate ratio) {
        public boolean synchronous() {
            return SYNC.equals(method);
        }

        /** "n·d" or "ceil(n/p)·d" with the numbers: "10 × 5 ms", "ceil(10/3) × 5 ms". */
        public String formula() {
            OptionalInt n = intParam(result, TASKS);
            double d = sleepSeconds(result);
            if (n.isEmpty() || !Double.isFinite(d)) {
                return "";
            }
            return synchronous() ? n.getAsInt() + " × " + Units.formatSeconds(d)
                    : parallelism > 0 ? "ceil(" + n.getAsInt() + "/" + parallelism + ") × " + Units.formatSeconds(d) : "";
        }
    }

    /** {@code apply} over {@code applyAsync} for one strategy, measured and modelled. */
    public record Speedup(String label, String strategy, SortedMap<String, String> params, Estimate measured,
                          double model) {
    }

    private ApplyModel(List<String> labels, List<Entry> entries) {
        this.labels = List.copyOf(labels);
        this.entries = List.copyOf(entries);
    }

    public static boolean isApplyRow(BenchmarkResult r) {
        return BenchmarkNames.inClass(r, CLASS) && METHODS.contains(r.method())
                && Units.secondsPerOp(r.primary()).isPresent();
    }

    /** Every row of the scenario, in label, strategy, params and method order. */
    public static ApplyModel of(List<Row> rows) {
        List<Entry> entries = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (Row row : rows) {
            BenchmarkResult r = row.result();
            if (!isApplyRow(r)) {
                continue;
            }
            if (!labels.contains(row.label())) {
                labels.add(row.label());
            }
            String strategy = Objects.requireNonNullElse(r.param(Strategies.PARAM), "");
            TreeMap<String, String> params = new TreeMap<>(r.params());
            params.remove(Strategies.PARAM);
            Estimate measured = Units.secondsPerOp(r.primary()).orElseThrow();
            int p = parallelism(strategy, Strategies.isProcess(strategy, row.facts()), intParam(r, WORKERS), intParam(r, TASKS),
                    intParam(r, MAX_CHILDREN)).orElse(0);
            double model = model(r, p);
            Estimate ratio = Double.isFinite(model) && model > 0 ? measured.times(1 / model) : Estimate.exact(Double.NaN);
            entries.add(new Entry(row.label(), strategy, r.method(), params, r, measured, p, model, ratio));
        }
        entries.sort(Comparator.<Entry>comparingInt(e -> labels.indexOf(e.label()))
                .thenComparing(Entry::strategy, Strategies.COMPARATOR)
                .thenComparing(e -> e.params(), Params.mapOrder(List.of(TASKS, WORKERS, SLEEP_MILLIS)))
                .thenComparingInt(e -> METHODS.indexOf(e.method())));
        return new ApplyModel(labels, entries);
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

    /** apply / applyAsync for every strategy (and param combination) that has both. */
    public List<Speedup> speedups() {
        List<Speedup> out = new ArrayList<>();
        for (Entry sync : entries) {
            if (!sync.synchronous()) {
                continue;
            }
            Optional<Entry> async = entries.stream().filter(e -> e.method().equals(ASYNC) && e.label().equals(sync.label())
                    && e.strategy().equals(sync.strategy()) && e.params().equals(sync.params())).findFirst();
            async.ifPresent(a -> {
                OptionalInt n = intParam(sync.result(), TASKS);
                double model = n.isPresent() && a.parallelism() > 0 ? modelRatio(n.getAsInt(), a.parallelism()) : Double.NaN;
                out.add(new Speedup(sync.label(), sync.strategy(), sync.params(), sync.measured().dividedBy(a.measured()), model));
            });
        }
        return out;
    }

    // ---- the model, pure

    /** {@code apply}: {@code n·d}. */
    public static double syncMakespan(int tasks, double d) {
        requirePositive(tasks, "tasks");
        return tasks * d;
    }

    /** The asynchronous methods: {@code ceil(n/p)·d}. */
    public static double asyncMakespan(int tasks, int parallelism, double d) {
        requirePositive(tasks, "tasks");
        requirePositive(parallelism, "parallelism");
        return Math.ceil((double) tasks / parallelism) * d;
    }

    /** The model's apply/applyAsync ratio: {@code n / ceil(n/p)}; 2.5 for 10 tasks on 3 workers. */
    public static double modelRatio(int tasks, int parallelism) {
        return syncMakespan(tasks, 1) / asyncMakespan(tasks, parallelism, 1);
    }

    /**
     * How many tasks run at once: 1 on the caller's thread; for a per-task strategy {@code n},
     * at most {@code maxChildren} when the row has it, and at most the workers for a process
     * per task without it (the suite's process-per-task strategies keep no more children alive
     * than {@code maxChildren}, which defaults to the workers); the workers for a pool, and for
     * a strategy the report does not know. Empty when a number it needs is missing.
     */
    public static OptionalInt parallelism(String strategy, boolean inProcesses, OptionalInt workers, OptionalInt tasks,
                                          OptionalInt maxChildren) {
        if (Strategies.BASELINE.equals(strategy)) {
            return OptionalInt.of(1);
        }
        if (Strategies.isPerTask(strategy)) {
            if (tasks.isEmpty()) {
                return OptionalInt.empty();
            }
            OptionalInt bound = maxChildren.isPresent() ? maxChildren
                    : inProcesses ? workers : OptionalInt.of(tasks.getAsInt());
            return bound.isPresent() ? OptionalInt.of(Math.min(tasks.getAsInt(), bound.getAsInt())) : OptionalInt.empty();
        }
        return workers;
    }

    private static double model(BenchmarkResult r, int parallelism) {
        OptionalInt n = intParam(r, TASKS);
        double d = sleepSeconds(r);
        if (n.isEmpty() || !Double.isFinite(d)) {
            return Double.NaN;
        }
        if (SYNC.equals(r.method())) {
            return syncMakespan(n.getAsInt(), d);
        }
        return parallelism > 0 ? asyncMakespan(n.getAsInt(), parallelism, d) : Double.NaN;
    }

    private static double sleepSeconds(BenchmarkResult r) {
        return Params.number(r.param(SLEEP_MILLIS)).stream().filter(v -> v >= 0).map(v -> v / 1000).findFirst().orElse(Double.NaN);
    }

    static OptionalInt intParam(BenchmarkResult r, String name) {
        var v = Params.number(r.param(name));
        if (v.isEmpty() || v.getAsDouble() < 1 || v.getAsDouble() != Math.rint(v.getAsDouble()) || v.getAsDouble() > Integer.MAX_VALUE) {
            return OptionalInt.empty();
        }
        return OptionalInt.of((int) v.getAsDouble());
    }

    private static void requirePositive(int n, String what) {
        if (n < 1) {
            throw new IllegalArgumentException(what + " must be at least 1, got " + n);
        }
    }
}
