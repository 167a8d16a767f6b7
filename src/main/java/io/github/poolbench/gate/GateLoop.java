package io.github.poolbench.gate;

import io.github.poolbench.report.compare.CompareSettings;
import io.github.poolbench.report.compare.RowComparison;
import io.github.poolbench.report.compare.RowKey;
import io.github.poolbench.report.compare.Verdict;
import io.github.poolbench.report.model.BenchmarkResult;
import io.github.poolbench.report.model.Metric;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The sequential gate: which rows to run next, when to look, when to stop. Pure logic over a
 * {@link ForkSource} and a clock, so every rule is tested on seeded synthetic samples.
 *
 * <p>Round r runs one fork of every still-undecided row with one side's build, in ABBA order
 * ({@link Side#ofRound}); after each pair of rounds both sides have n forks. At each planned
 * look ({@link Looks}) every undecided row gets its interval at that look's share of alpha and
 * one of the answers of {@link Verdict}; a decided row (slower, faster, within) is not measured
 * again, so the remaining rows get the rounds. The gate stops when every row is decided, when
 * the most forks are in, or when the next pair of rounds would not end before the deadline (the
 * budget); that last look spends all the alpha left, and a row still undecided there is
 * "cannot tell", with its interval.
 *
 * <p>The first round of each side runs the profile's own selection and discovers the rows: a row
 * only the base has is missing from the head (a failure unless allowed), one only the head has is
 * new (listed, not judged, not measured again).
 */
public final class GateLoop {
    /** What the gate decided about one row. */
    public record Decision(RowKey key, Verdict verdict, double level, int forks, RowComparison row) {
    }

    /**
     * The outcome.
     *
     * @param decisions one per row measured on both sides, in the order the rows were discovered
     * @param missing   rows of the base the head did not run
     * @param added     rows only the head ran
     * @param rounds    rounds run
     * @param stop      why the loop stopped, in words
     */
    public record Result(List<Decision> decisions, List<RowKey> missing, List<RowKey> added, int rounds,
                         String stop) {
        public Map<RowKey, Double> levels() {
            Map<RowKey, Double> m = new LinkedHashMap<>();
            decisions.forEach(d -> m.put(d.key(), d.level()));
            return m;
        }
    }

    private final ForkSource source;
    private final CompareSettings settings;
    private final int maxForks;
    private final LongSupplier nanos;
    private final long deadline;
    private final Consumer<String> log;

    /**
     * @param maxForks forks a side at most (the last planned look)
     * @param nanos    the clock ({@code System::nanoTime}, or a test's)
     * @param deadline the clock's value by which the last round must have ended
     */
    public GateLoop(ForkSource source, CompareSettings settings, int maxForks, LongSupplier nanos, long deadline,
                    Consumer<String> log) {
        if (maxForks < 2) {
            throw new IllegalArgumentException("at least 2 forks a side, not " + maxForks);
        }
        this.source = source;
        this.settings = settings;
        this.maxForks = maxForks;
        this.nanos = nanos;
        this.deadline = deadline;
        this.log = log;
    }

    public Result run() throws GateException {
        Map<RowKey, List<ForkSource.Fork>> base = new LinkedHashMap<>();
        Map<RowKey, List<ForkSource.Fork>> head = new LinkedHashMap<>();
        long start = nanos.getAsLong();
        collect(source.run(Side.BASE, 0, null), base);
        collect(source.run(Side.HEAD, 1, null), head);
        long firstPair = nanos.getAsLong() - start;
        List<RowKey> rows = new ArrayList<>();
        List<RowKey> missing = new ArrayList<>();
        base.keySet().forEach(k -> (head.containsKey(k) ? rows : missing).add(k));
        List<RowKey> added = head.keySet().stream().filter(k -> !base.containsKey(k)).toList();
        List<Decision> decisions = new ArrayList<>();
        if (rows.isEmpty()) {
            return new Result(decisions, missing, added, 2, "no row in common");
        }
        Looks looks = Looks.upTo(maxForks, settings.alpha(), rows.size());
        List<RowKey> active = new ArrayList<>(rows);
        // seconds one row's fork takes on average (both sides), for the budget's prediction
        double perRowFork = firstPair / 2.0 / rows.size();
        int previousLook = 0;
        int n = 1;
        int round = 2;
        String stop;
        while (true) {
            boolean full = n >= maxForks;
            long pairCost = (long) (2 * perRowFork * active.size());
            boolean outOfTime = nanos.getAsLong() + pairCost > deadline;
            boolean last = full || outOfTime;
            if (last || looks.isLook(n)) {
                double level = looks.level(previousLook, n, last);
                previousLook = n;
                look(n, level, last, active, base, head, decisions);
            }
            if (last) {
                stop = full ? "the most forks (" + maxForks + " a side) are in" : "the budget is spent (the next pair of"
                        + " rounds would end " + seconds(nanos.getAsLong() + pairCost - deadline) + " s past it)";
                break;
            }
            if (active.isEmpty()) {
                stop = "every row decided by " + n + " forks a side";
                break;
            }
            long t0 = nanos.getAsLong();
            for (int i = 0; i < 2; i++, round++) {
                Side side = Side.ofRound(round);
                Map<RowKey, ForkSource.Fork> got = source.run(side, round, List.copyOf(active));
                for (RowKey k : active) {
                    ForkSource.Fork f = got.get(k);
                    if (f == null) {
                        throw new GateException("the " + name(side) + " run of round " + (round + 1) + " did not measure "
                                + k + " (a benchmark error?)");
                    }
                    (side == Side.BASE ? base : head).get(k).add(f);
                }
            }
            n++;
            perRowFork = (nanos.getAsLong() - t0) / 2.0 / active.size();
            log.accept("round " + round + ": " + n + " forks a side of " + active.size() + " undecided "
                    + (active.size() == 1 ? "row" : "rows") + "; " + seconds(nanos.getAsLong() - start) + " s measured, "
                    + seconds(Math.max(0, deadline - nanos.getAsLong())) + " s left");
        }
        log.accept("stopped: " + stop);
        decisions.sort(java.util.Comparator.comparingInt(d -> rows.indexOf(d.key())));
        return new Result(decisions, missing, added, round, stop);
    }

    private void look(int n, double level, boolean last, List<RowKey> active, Map<RowKey, List<ForkSource.Fork>> base,
                      Map<RowKey, List<ForkSource.Fork>> head, List<Decision> decisions) {
        log.accept("look at " + n + " forks a side" + (last ? " (the last)" : "") + ": each row's interval at "
                + String.format(java.util.Locale.ROOT, "%.3f%%", 100 * (1 - level)));
        for (RowKey k : List.copyOf(active)) {
            RowComparison row = RowComparison.judge(result(k, base.get(k)), result(k, head.get(k)), settings, level);
            String interval = row.interval() == null ? "no interval" : String.format(java.util.Locale.ROOT,
                    "%+.1f%% [%+.1f%%, %+.1f%%], would catch %.1f%%", 100 * row.change(), 100 * row.interval().low(),
                    100 * row.interval().high(), 100 * row.interval().catches());
            boolean decided = row.verdict().decided() || row.verdict() == Verdict.NOT_JUDGED;
            log.accept("  " + k.shortName() + " " + k.paramsText() + ": " + interval + ": "
                    + (decided || last ? row.verdict().words() : "undecided"));
            if (decided || last) {
                decisions.add(new Decision(k, row.verdict(), level, n, row));
                active.remove(k);
            }
        }
    }

    /** A row as JMH would have written it with these forks. */
    static BenchmarkResult result(RowKey key, List<ForkSource.Fork> forks) {
        List<List<Double>> raw = forks.stream().map(ForkSource.Fork::iterations).toList();
        double mean = raw.stream().flatMap(List::stream).mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        return new BenchmarkResult(key.benchmark(), key.mode(), key.params(),
                new Metric(mean, Double.NaN, forks.get(0).unit(), raw), null,
                new BenchmarkResult.RunSettings(null, null, null, null, null, null, forks.size(), 1, 0, null, 0, null));
    }

    private static void collect(Map<RowKey, ForkSource.Fork> got, Map<RowKey, List<ForkSource.Fork>> into) {
        got.forEach((k, f) -> into.computeIfAbsent(k, x -> new ArrayList<>()).add(f));
    }

    private static String name(Side side) {
        return side == Side.BASE ? "base" : "head";
    }

    private static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.0f", nanos / 1e9);
    }
}
