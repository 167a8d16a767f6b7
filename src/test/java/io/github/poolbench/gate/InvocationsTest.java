package io.github.poolbench.gate;

import io.github.poolbench.report.compare.RowKey;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

class InvocationsTest {
    static final String INC = "io.github.poolbench.bench.IncrementBenchmark.map";
    static final String POOL = "io.github.poolbench.bench.IncrementProcessBenchmark.Pool.map";
    static final String NATIVE = "io.github.poolbench.bench.IncrementProcessBenchmark.NativePerTask.map";

    static RowKey key(String bench, String... kv) {
        TreeMap<String, String> p = new TreeMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            p.put(kv[i], kv[i + 1]);
        }
        return new RowKey(bench, "avgt", p);
    }

    @Test
    void theProfilesFourRowsNeedOneRunSinceEachBenchmarkTakesOnlyTheParamsItDeclares() {
        List<RowKey> rows = List.of(
                key(INC, "chunksize", "auto", "strategy", "FIXED_THREAD_POOL", "tasks", "100"),
                key(INC, "chunksize", "auto", "strategy", "THREAD_PER_TASK", "tasks", "100"),
                key(POOL, "chunksize", "auto", "tasks", "100"),
                key(NATIVE, "spawner", "processbuilder", "tasks", "100"));
        List<List<String>> runs = Invocations.of(rows);
        assertEquals(List.of(List.of("^(\\Q" + INC + "\\E|\\Q" + POOL + "\\E|\\Q" + NATIVE + "\\E)$", "-bm", "avgt",
                "-p", "chunksize=auto", "-p", "strategy=FIXED_THREAD_POOL,THREAD_PER_TASK", "-p", "tasks=100", "-p",
                "spawner=processbuilder")), runs);
    }

    @Test
    void rowsWhoseCombinationsWouldRunMoreThanAskedRunApart() {
        // strategy {A,B} x tasks {1,2} would make 4 rows for 2 asked
        List<RowKey> rows = List.of(key(INC, "strategy", "A", "tasks", "1"), key(INC, "strategy", "B", "tasks", "2"));
        assertEquals(List.of(rows.get(0).jmhArgs(), rows.get(1).jmhArgs()), Invocations.of(rows));
    }

    @Test
    void oneRowIsOneRunOfExactlyThatRow() {
        RowKey r = key(POOL, "chunksize", "1", "tasks", "100");
        assertEquals(List.of(List.of("^(\\Q" + POOL + "\\E)$", "-bm", "avgt", "-p", "chunksize=1", "-p", "tasks=100")),
                Invocations.of(List.of(r)));
    }
}
