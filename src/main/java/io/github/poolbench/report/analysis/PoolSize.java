package io.github.poolbench.report.analysis;

import io.github.poolbench.report.model.BenchmarkResult;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Which pool size is right? {@code PoolSizeBenchmark} maps a batch through pools of several
 * sizes ({@code workers}: a number, {@code cores}, {@code 2xcores}, ...) for each kind of
 * {@code work}: trivial tasks want about as many workers as cores, sleeping (I/O-like) tasks
 * want many more, since a sleeping worker uses no CPU. Symbolic sizes are resolved with the
 * run's cores.
 */
public final class PoolSize {
    public static final String CLASS = "PoolSizeBenchmark";
    static final String WORKERS = "workers";
    static final String WORK = "work";

    private final List<String> labels;
    private final List<Series> series;

    /** One pool size: {@code size} as written, {@code workers} resolved (0 when it cannot be). */
    public record Point(String size, int workers, Estimate seconds, BenchmarkResult result) {
    }

    /**
     * One kind of work through one strategy, over pool sizes.
     *
     * @param extra  other params of the rows ({@code tasks=100})
     * @param points resolved sizes ascending, unresolved ones last
     */
    public record Series(String label, String work, String strategy, SortedMap<String, String> extra, Cores cores,
                         List<Point> points) {
        /** The fastest size measured. */
        public Optional<Point> best() {
            return points.stream().filter(p -> p.seconds().isFinite()).min(Comparator.comparingDouble(p -> p.seconds().value()));
        }

        /** The sizes whose interval overlaps the fastest one's (the fastest included). */
        public List<Point> tiedWithBest() {
            Optional<Point> best = best();
            if (best.isEmpty()) {
                return List.of();
            }
            return points.stream().filter(p -> p.seconds().isFinite() && !Spread.separated(p.seconds(), best.get().seconds()))
                    .toList();
        }

        /** True when the fastest size's interval is clear of every other size's: only then is it "the fastest". */
        public boolean clearlyBest() {
            return best().isPresent() && tiedWithBest().size() == 1;
        }

        /** "sleep1ms · FIXED_THREAD_POOL". */
        public String name() {
            return (work.isEmpty() ? "" : work + " · ") + strategy;
        }
    }

    private PoolSize(List<String> labels, List<Series> series) {
        this.labels = List.copyOf(labels);
        this.series = List.copyOf(series);
    }

    public static boolean isPoolSizeRow(BenchmarkResult r) {
        return BenchmarkNames.inClass(r, CLASS) && r.param(WORKERS) != null && Units.secondsPerOp(r.primary()).isPresent();
    }

    public static PoolSize of(List<Row> rows, Map<String, Cores> cores, int assumedCores) {
        Map<List<Object>, List<Point>> grouped = new LinkedHashMap<>();
        Map<List<Object>, Cores> coresOf = new LinkedHashMap<>();
        List<String> labels = new ArrayList<>();
        for (Row row : rows) {
            BenchmarkResult r = row.result();
            if (!isPoolSizeRow(r)) {
                continue;
            }
            if (!labels.contains(row.label())) {
                labels.add(row.label());
            }
            Cores c = cores.getOrDefault(row.label(), new Cores(assumedCores, false));
            SortedMap<String, String> extra = new TreeMap<>(r.params());
            extra.remove(WORKERS);
            extra.remove(WORK);
            extra.remove(Strategies.PARAM);
            List<Object> key = List.of(row.label(), Objects.requireNonNullElse(r.param(WORK), ""),
                    Objects.requireNonNullElse(r.param(Strategies.PARAM), ""), extra);
            grouped.computeIfAbsent(key, k -> new ArrayList<>()).add(new Point(r.param(WORKERS),
                    c.resolve(r.param(WORKERS)).orElse(0), Units.secondsPerOp(r.primary()).orElseThrow(), r));
            coresOf.put(key, c);
        }
        List<Series> out = new ArrayList<>();
        grouped.forEach((key, points) -> {
            List<Point> sorted = new ArrayList<>(points);
            sorted.sort(Comparator.<Point>comparingInt(p -> p.workers() > 0 ? p.workers() : Integer.MAX_VALUE)
                    .thenComparing(Point::size));
            @SuppressWarnings("unchecked")
            SortedMap<String, String> extra = (SortedMap<String, String>) key.get(3);
            out.add(new Series((String) key.get(0), (String) key.get(1), (String) key.get(2), extra, coresOf.get(key),
                    List.copyOf(sorted)));
        });
        out.sort(Comparator.<Series>comparingInt(s -> labels.indexOf(s.label()))
                .thenComparing(Series::work)
                .thenComparing(Series::strategy, Strategies.COMPARATOR)
                .thenComparing(Series::extra, Params.mapOrder(List.of())));
        return new PoolSize(labels, out);
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
}
