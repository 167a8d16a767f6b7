package io.github.poolbench.report.analysis;

import io.github.poolbench.report.model.BenchmarkResult;
import io.github.poolbench.report.model.Metric;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The document's chat server (§5): how long the k-th client waits for its first reply. The
 * echo benchmark records, per iteration, the sum over its exchanges of each rank's wait
 * ({@code firstReplyMsRankK}, ms) and the number of exchanges ({@code exchanges}); the mean
 * wait of rank k is their quotient. With 4 workers and 6 clients, ranks 5 and 6 wait for a
 * worker to be free.
 *
 * <p>Rows are found by those secondary metrics, whatever their class: the series is named by
 * the {@code handler} param (or {@code strategy}).
 */
public final class EchoWaits {
    public static final String EXCHANGES = "exchanges";
    static final Pattern RANK = Pattern.compile("firstReplyMsRank(\\d+)");
    static final String HANDLER = "handler";
    static final String CLIENTS = "clients";
    static final String WORKERS = "workers";
    /** Iterations needed for an interval. */
    static final int MIN_ITERATIONS = 3;

    private final List<String> labels;
    private final List<Entry> entries;

    /** Rank k's mean wait, in seconds. */
    public record Wait(int rank, Estimate seconds) {
    }

    /**
     * One handler's waits.
     *
     * @param params   the row's params other than the handler
     * @param clients  the {@code clients} param, 0 when absent
     * @param capacity clients served at once by the handler's model (see {@link #capacity}), 0 when unknown
     * @param waits    by rank, 1 to {@code clients} (or every rank recorded when clients is unknown)
     */
    public record Entry(String label, String handler, SortedMap<String, String> params, BenchmarkResult result,
                        int clients, int capacity, List<Wait> waits) {
        /** Clients the model says wait for a free worker: {@code clients − capacity}, or 0. */
        public int expectedWaiting() {
            return clients > 0 && capacity > 0 ? Math.max(0, clients - capacity) : 0;
        }

        /** Mean wait of the ranks up to {@code capacity} (served at once) and of the rest (waiting). */
        public double[] servedAndWaitingMeans() {
            int split = clients - expectedWaiting();
            double[] served = waits.stream().filter(w -> w.rank() <= split).mapToDouble(w -> w.seconds().value()).toArray();
            double[] waiting = waits.stream().filter(w -> w.rank() > split).mapToDouble(w -> w.seconds().value()).toArray();
            return new double[] {Samples.mean(served), Samples.mean(waiting)};
        }
    }

    private EchoWaits(List<String> labels, List<Entry> entries) {
        this.labels = List.copyOf(labels);
        this.entries = List.copyOf(entries);
    }

    /** True when the row has the counters: exchanges and at least one rank. */
    public static boolean isEchoRow(BenchmarkResult r) {
        return metric(r, EXCHANGES) != null && r.secondary().keySet().stream().anyMatch(k -> RANK.matcher(bare(k)).matches());
    }

    public static EchoWaits of(List<Row> rows) {
        List<String> labels = new ArrayList<>();
        List<Entry> entries = new ArrayList<>();
        for (Row row : rows) {
            BenchmarkResult r = row.result();
            if (!isEchoRow(r)) {
                continue;
            }
            String seriesParam = r.param(HANDLER) != null ? HANDLER : Strategies.PARAM;
            String handler = Objects.requireNonNullElse(r.param(seriesParam), r.method());
            TreeMap<String, String> params = new TreeMap<>(r.params());
            params.remove(seriesParam);
            int clients = ApplyModel.intParam(r, CLIENTS).orElse(0);
            int capacity = capacity(handler, ApplyModel.intParam(r, WORKERS), clients).orElse(0);
            Metric exchanges = metric(r, EXCHANGES);
            if (!(exchanges.score() > 0)) {
                continue; // no exchange measured: no wait to divide out
            }
            TreeMap<Integer, Metric> ranks = new TreeMap<>();
            for (Map.Entry<String, Metric> m : r.secondary().entrySet()) {
                Matcher matcher = RANK.matcher(bare(m.getKey()));
                if (matcher.matches()) {
                    int k = Integer.parseInt(matcher.group(1));
                    if (k >= 1 && (clients == 0 || k <= clients)) {
                        ranks.put(k, m.getValue());
                    }
                }
            }
            List<Wait> waits = new ArrayList<>();
            // ranks above the clients stay 0; with no clients param, an all-zero rank is unused
            ranks.forEach((k, sum) -> {
                if (clients > 0 || sum.score() > 0) {
                    waits.add(new Wait(k, meanWait(sum, exchanges).times(1e-3)));
                }
            });
            if (waits.isEmpty()) {
                continue;
            }
            if (!labels.contains(row.label())) {
                labels.add(row.label());
            }
            entries.add(new Entry(row.label(), handler, params, r, clients, capacity, List.copyOf(waits)));
        }
        entries.sort(Comparator.<Entry>comparingInt(e -> labels.indexOf(e.label()))
                .thenComparing(Entry::handler, EchoWaits::compareHandlers)
                .thenComparing(Entry::params, Params.mapOrder(List.of(WORKERS, CLIENTS))));
        return new EchoWaits(labels, entries);
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

    /** The highest rank of any entry. */
    public int maxRank() {
        return entries.stream().flatMap(e -> e.waits().stream()).mapToInt(Wait::rank).max().orElse(0);
    }

    // ---- pure

    /**
     * Rank k's mean wait in the counters' unit: the sum of its waits over the sum of the
     * exchanges. The interval comes from the per-iteration quotients (JMH's 99.9% rule) when
     * both metrics have the same number of iterations, at least {@value #MIN_ITERATIONS}, each
     * with exchanges (with two, Student's t of 637 makes the interval say nothing), cut at zero
     * since a wait is never negative; otherwise there is none. NaN when there were no exchanges.
     */
    public static Estimate meanWait(Metric rankSum, Metric exchanges) {
        if (!(exchanges.score() > 0) || !Double.isFinite(rankSum.score())) {
            return Estimate.exact(Double.NaN);
        }
        double value = rankSum.score() / exchanges.score();
        List<Double> a = rankSum.samples();
        List<Double> b = exchanges.samples();
        if (a.size() != b.size() || a.size() < MIN_ITERATIONS || b.stream().anyMatch(x -> !(x > 0))) {
            return Estimate.exact(value);
        }
        double[] quotients = new double[a.size()];
        for (int i = 0; i < quotients.length; i++) {
            quotients[i] = a.get(i) / b.get(i);
        }
        Estimate e = Estimate.of(value, Samples.halfWidth(quotients));
        return new Estimate(e.value(), Math.max(0, e.low()), e.high());
    }

    /**
     * Clients a handler serves at once: a pool's workers, one for {@code SYNC}, every client
     * for a thread per connection. Empty for a handler the report does not know.
     */
    public static OptionalInt capacity(String handler, OptionalInt workers, int clients) {
        if (handler.endsWith("_POOL")) {
            return workers;
        }
        if (handler.equals("SYNC")) {
            return OptionalInt.of(1);
        }
        if (handler.endsWith("_PER_CONNECTION") && clients > 0) {
            return OptionalInt.of(clients);
        }
        return OptionalInt.empty();
    }

    private static Metric metric(BenchmarkResult r, String name) {
        for (Map.Entry<String, Metric> m : r.secondary().entrySet()) {
            if (bare(m.getKey()).equals(name)) {
                return m.getValue();
            }
        }
        return null;
    }

    /** JMH before 1.30 prefixed secondary metric names with "·". */
    private static String bare(String name) {
        return name.startsWith("·") ? name.substring(1) : name;
    }

    /** Pool first, then per-connection handlers, then SYNC: the document's order. */
    private static int compareHandlers(String a, String b) {
        List<String> order = List.of("FIXED_THREAD_POOL", "FIXED_PROCESS_POOL", "THREAD_PER_CONNECTION",
                "VIRTUAL_THREAD_PER_CONNECTION", "SYNC");
        int ia = order.contains(a) ? order.indexOf(a) : order.size();
        int ib = order.contains(b) ? order.indexOf(b) : order.size();
        return ia != ib ? Integer.compare(ia, ib) : a.compareTo(b);
    }
}
