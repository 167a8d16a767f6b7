package io.github.poolbench.history;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Fills a store with N synthetic runs of the gate's profile (4 rows, 3 forks of 3 iterations,
 * fork CV 8%, a +20% step in one row every 1,000 runs) for measuring size and the speed of
 * {@code history detect}: {@code java -cp ... SyntheticStore URL N}. Not a test: it measures.
 */
public final class SyntheticStore {
    private SyntheticStore() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int n = Integer.parseInt(args[1]);
        Random rnd = new Random(1);
        Machine machine = new Machine("Linux", "amd64", "AMD EPYC", "family 26 model 2 stepping 1", 2, "none");
        String[][] rows = {{"io.github.poolbench.bench.IncrementBenchmark.map", "FIXED_THREAD_POOL", "9"},
                {"io.github.poolbench.bench.IncrementBenchmark.map", "THREAD_PER_TASK", "2900"},
                {"io.github.poolbench.bench.IncrementProcessBenchmark.Pool.map", "", "60"},
                {"io.github.poolbench.bench.IncrementProcessBenchmark.NativePerTask.map", "", "90000"}};
        String env = Files.readString(Path.of("results/published/jdk17.env.json"));
        long t0 = 1_700_000_000_000L;
        try (Store store = Store.open(url, true)) {
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                List<StoredRun.Row> rs = new ArrayList<>();
                for (int r = 0; r < rows.length; r++) {
                    double level = Double.parseDouble(rows[r][2]) * (r == 0 && (i / 1000) % 2 == 1 ? 1.2 : 1.0);
                    List<StoredRun.Fork> forks = new ArrayList<>();
                    double sum = 0;
                    for (int f = 0; f < 3; f++) {
                        double m = level * (1 + 0.08 * rnd.nextGaussian());
                        forks.add(new StoredRun.Fork(m, List.of(m * (1 + 0.01 * rnd.nextGaussian()), m,
                                m * (1 + 0.01 * rnd.nextGaussian()))));
                        sum += m;
                    }
                    Map<String, String> params = rows[r][1].isEmpty() ? Map.of("tasks", "100")
                            : Map.of("strategy", rows[r][1], "tasks", "100");
                    rs.add(new StoredRun.Row(rows[r][0], "avgt", new TreeMap<>(params), "us/op", sum / 3, 0.1 * sum / 3, forks));
                }
                String commit = String.format("%040x", i);
                store.add(new StoredRun(String.format("%064x", i), machine, t0 + 3_600_000L * i, commit,
                        new StoredRun.RunEnv("Debian", "17.0.15", "6.18.44", "default"), env, "synthetic-" + i, rs));
            }
            System.out.printf("added %d runs in %.1f s%n", n, (System.nanoTime() - start) / 1e9);
        }
    }
}
