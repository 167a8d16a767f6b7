package io.github.poolbench.gate;

import io.github.poolbench.report.compare.RowKey;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Seeded synthetic forks: each fork's mean is log-normal around the row's true time (the head's
 * true time is the base's times 1 + effect), with the given CV between forks and a small spread
 * between the iterations of one fork, as JMH's forks behave on the 2-core VM. Every fork costs one
 * second of a fake clock, so budgets are counted in forks.
 *
 * <p>With {@code drift}, the machine itself wanders: every round multiplies all rows of both sides
 * by a factor that follows a random walk on the log scale (this step's standard deviation per
 * round), as a neighbour coming and going on a shared VM does.
 */
final class Synthetic implements ForkSource {
    static final String BENCH = "io.github.poolbench.bench.IncrementBenchmark.map";

    final Map<RowKey, Double> effects = new LinkedHashMap<>();
    final Map<RowKey, Integer> forksRun = new HashMap<>();
    final Random random;
    final double cv;
    final double drift;
    double machine;
    long clock;
    int rounds;

    Synthetic(long seed, double cv, double... effects) {
        this(seed, cv, 0, effects);
    }

    static Synthetic drifting(long seed, double cv, double drift, double... effects) {
        return new Synthetic(seed, cv, drift, effects);
    }

    private Synthetic(long seed, double cv, double drift, double[] effects) {
        this.random = new Random(seed);
        this.cv = cv;
        this.drift = drift;
        for (int i = 0; i < effects.length; i++) {
            this.effects.put(row("S" + i), effects[i]);
        }
    }

    static RowKey row(String strategy) {
        TreeMap<String, String> p = new TreeMap<>();
        p.put("strategy", strategy);
        p.put("tasks", "100");
        return new RowKey(BENCH, "avgt", p);
    }

    @Override
    public Map<RowKey, Fork> run(Side side, int round, List<RowKey> rows) {
        rounds++;
        machine += drift * random.nextGaussian();
        Map<RowKey, Fork> out = new LinkedHashMap<>();
        for (RowKey k : rows == null ? List.copyOf(effects.keySet()) : rows) {
            double mean = 100 * (side == Side.HEAD ? 1 + effects.get(k) : 1)
                    * Math.exp(machine + random.nextGaussian() * Math.sqrt(Math.log1p(cv * cv)));
            List<Double> it = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                it.add(mean * (1 + 0.005 * random.nextGaussian()));
            }
            out.put(k, new Fork("us/op", it));
            forksRun.merge(k, 1, Integer::sum);
            clock += 1_000_000_000L;
        }
        return out;
    }

    long now() {
        return clock;
    }
}
