package io.github.poolbench.history;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The store's contract, run against SQLite ({@link SqliteStoreTest}) and a real PostgreSQL
 * ({@link PostgresStoreTest}): the same tests, the same SQL.
 */
abstract class StoreContractTest {
    static final String MAP = "io.github.poolbench.bench.IncrementBenchmark.map";
    static final Instant T0 = Instant.parse("2026-11-01T04:17:00Z");

    @TempDir
    Path tmp;

    /** A fresh, empty store's URL. */
    abstract String newStore() throws Exception;

    Path run(int i, String commit, Runs.Env env, double... forkMeans) throws Exception {
        return Runs.write(tmp.resolve("run-" + i), T0.plusSeconds(3600L * 24 * i), commit, env,
                List.of(Runs.RowSpec.of(MAP, "FIXED_THREAD_POOL", forkMeans),
                        Runs.RowSpec.of(MAP, "THREAD_PER_TASK", forkMeans[0] * 20, forkMeans[1] * 20)));
    }

    /**
     * Adds {@code count} runs (commits c0, c1, ...) whose level goes from 10 to {@code after} at
     * run {@code stepAt}, 2% fork noise, and the JDK 25.0.1 from run {@code jdkAt} on.
     */
    void addSeries(String db, long seed, int count, int stepAt, double after, int jdkAt) throws Exception {
        Random rnd = new Random(seed);
        List<String> args = new ArrayList<>(List.of("add"));
        for (int i = 0; i < count; i++) {
            double level = i >= stepAt ? after : 10;
            Runs.Env env = i >= jdkAt ? Runs.env().withJdk("25.0.1") : Runs.env();
            args.add(run(i, "c" + i, env, level * (1 + 0.02 * rnd.nextGaussian()), level * (1 + 0.02 * rnd.nextGaussian()),
                    level * (1 + 0.02 * rnd.nextGaussian())).toString());
        }
        args.addAll(List.of("--db", db));
        Runs.Result res = Runs.cli(args.toArray(String[]::new));
        assertEquals(0, res.status(), res.err());
    }

    @Test
    void addStoresEveryRowWithItsForksIterationsAndEnvironment() throws Exception {
        String db = newStore();
        Path r = run(0, "abc123", Runs.env(), 10, 11, 12);
        Runs.Result res = Runs.cli("add", r.toString(), "--db", db);
        assertEquals(0, res.status(), res.err());
        assertTrue(res.out().contains("added " + r), res.out());
        try (Store s = Store.open(db, false)) {
            List<Series> all = s.series(x -> true);
            assertEquals(2, all.size());
            Series pool = all.stream().filter(x -> x.params().get("strategy").equals("FIXED_THREAD_POOL")).findFirst().orElseThrow();
            assertEquals(1, pool.points().size());
            double[] means = pool.points().get(0).forkMeans();
            assertEquals(3, means.length);
            assertEquals(10.0, means[0], 1e-9);
            assertEquals(12.0, means[2], 1e-9);
            assertEquals("abc123", pool.points().get(0).gitCommit());
            assertEquals("17.0.15", pool.points().get(0).env().jdkVersion());
            assertEquals("AMD EPYC", pool.machine().cpuModel());
            assertEquals("family 26 model 2 stepping 1", pool.machine().cpuSignature());
            assertEquals(2, pool.machine().cores());
            try (Statement st = s.connection().createStatement();
                 ResultSet rs = st.executeQuery("SELECT iterations FROM fork WHERE fork_no = 1 ORDER BY row_no")) {
                assertTrue(rs.next());
                assertEquals("10.89 11.0 11.11", rs.getString(1));
            }
            try (Statement st = s.connection().createStatement();
                 ResultSet rs = st.executeQuery("SELECT score, unit, params FROM result WHERE row_no = 0")) {
                assertTrue(rs.next());
                assertEquals(11.0, rs.getDouble(1), 1e-9);
                assertEquals("us/op", rs.getString(2));
                assertEquals("{\"strategy\":\"FIXED_THREAD_POOL\",\"tasks\":\"100\"}", rs.getString(3));
            }
            assertTrue(s.incompleteRuns().isEmpty());
        }
    }

    @Test
    void aRunAddedTwiceIsStoredOnce() throws Exception {
        String db = newStore();
        Path r = run(0, "abc123", Runs.env(), 10, 11, 12);
        assertEquals(0, Runs.cli("add", r.toString(), "--db", db).status());
        Runs.Result again = Runs.cli("add", r.toString(), r.toString(), "--db", db);
        assertEquals(0, again.status(), again.err());
        assertTrue(again.out().contains("already stored " + r), again.out());
        assertTrue(again.out().contains("history: 1 runs in"), again.out());
    }

    @Test
    void aStoreOfANewerSchemaIsRefusedInOneLine() throws Exception {
        String db = newStore();
        assertEquals(0, Runs.cli("add", run(0, "a", Runs.env(), 1, 1, 1).toString(), "--db", db).status());
        try (Store s = Store.open(db, false)) {
            s.setSchemaVersion(Store.SCHEMA_VERSION + 1);
        }
        Runs.Result res = Runs.cli("detect", "--db", db);
        assertEquals(3, res.status());
        assertEquals(1, res.err().lines().count(), res.err());
        assertTrue(res.err().contains("has schema version " + (Store.SCHEMA_VERSION + 1) + "; this poolbench reads up to "
                + Store.SCHEMA_VERSION), res.err());
        Runs.Result add = Runs.cli("add", run(1, "b", Runs.env(), 1, 1, 1).toString(), "--db", db);
        assertEquals(3, add.status());
    }

    /** 14 runs, a +30% step from the 8th, a JDK change at the 11th: one change, named by its commit. */
    @Test
    void detectNamesTheCommitOfAStepAndTheEnvironmentAcrossIt() throws Exception {
        String db = newStore();
        addSeries(db, 7, 14, 7, 13, 10);
        Runs.Result res = Runs.cli("detect", "--db", db, "--benchmark", "FIXED_THREAD_POOL");
        assertEquals(0, res.status(), res.out() + res.err());
        List<String> changes = res.out().lines().filter(l -> l.startsWith("change") || l.startsWith("NEW")).toList();
        assertEquals(1, changes.size(), res.out());
        assertTrue(changes.get(0).contains("commit c7 "), changes.get(0));
        assertTrue(changes.get(0).contains("after c6"), changes.get(0));
        assertTrue(changes.get(0).contains("slower"), changes.get(0));
        assertTrue(changes.get(0).contains("environment unchanged"), changes.get(0));
        // with a wider window of recent runs the same change is new: exit 1
        assertEquals(1, Runs.cli("detect", "--db", db, "--recent", "7").status());
    }

    @Test
    void aStepAtAJdkChangeNamesTheJdk() throws Exception {
        String db = newStore();
        addSeries(db, 3, 12, 6, 8, 6);
        Runs.Result res = Runs.cli("detect", "--db", db, "--benchmark", "FIXED_THREAD_POOL", "--recent", "6");
        assertEquals(1, res.status(), res.out());
        assertTrue(res.out().contains("JDK Eclipse Adoptium 17.0.15 -> Eclipse Adoptium 25.0.1"), res.out());
        assertTrue(res.out().contains("faster"), res.out());
    }

    @Test
    void anotherCpuIsAnotherSeries() throws Exception {
        String db = newStore();
        assertEquals(0, Runs.cli("add", run(0, "a", Runs.env(), 10, 10, 10).toString(),
                run(1, "b", Runs.env().withCpu("Intel Xeon"), 20, 20, 20).toString(), "--db", db).status());
        try (Store s = Store.open(db, false)) {
            List<Series> all = s.series(x -> true);
            assertEquals(4, all.size());
            assertTrue(all.stream().allMatch(x -> x.points().size() == 1));
        }
    }

    @Test
    void exportWritesCsvAndBencherMetricFormat() throws Exception {
        String db = newStore();
        assertEquals(0, Runs.cli("add", run(0, "a", Runs.env(), 10, 11, 12).toString(), "--db", db).status());
        Runs.Result csv = Runs.cli("export", "--format", "csv", "--db", db, "--benchmark", "FIXED");
        assertEquals(0, csv.status(), csv.err());
        List<String> lines = csv.out().lines().toList();
        assertEquals(4, lines.size(), csv.out());
        assertTrue(lines.get(0).startsWith("machine,machine_label,benchmark,mode,params,unit,run,git_commit,recorded_at,fork,value"));
        assertTrue(lines.get(1).endsWith(",a,2026-11-01T04:17:00Z,0,10.0"), lines.get(1));
        Path out = tmp.resolve("out.json");
        Runs.Result bmf = Runs.cli("export", "--format", "bmf", "--db", db, "-o", out.toString());
        assertEquals(0, bmf.status(), bmf.err());
        var tree = Runs.JSON.readTree(out.toFile());
        assertEquals(1, tree.size());
        var measure = tree.get(0).get("bmf").get(MAP + " avgt strategy=FIXED_THREAD_POOL tasks=100").get("latency");
        assertEquals(11.0, measure.get("value").asDouble(), 1e-9);
        assertEquals(10.89, measure.get("lower_value").asDouble(), 1e-9);
        Runs.Result again = Runs.cli("export", "--format", "bmf", "--db", db, "-o", out.toString());
        assertEquals(2, again.status());
        assertTrue(again.err().contains("exists already"), again.err());
    }

    @Test
    void pruneKeepsTheLatestRunsOfEachMachine() throws Exception {
        String db = newStore();
        List<String> args = new ArrayList<>(List.of("add"));
        for (int i = 0; i < 6; i++) {
            args.add(run(i, "c" + i, Runs.env(), 10, 10, 10).toString());
        }
        args.add(run(9, "other", Runs.env().withCpu("Intel Xeon"), 10, 10, 10).toString());
        args.addAll(List.of("--db", db));
        assertEquals(0, Runs.cli(args.toArray(String[]::new)).status());
        Runs.Result res = Runs.cli("prune", "--keep-last", "2", "--db", db);
        assertEquals(0, res.status(), res.err());
        assertTrue(res.out().contains("pruned 4 runs; 3 left"), res.out());
        try (Store s = Store.open(db, false)) {
            List<String> commits = s.series(x -> x.machine().cpuModel().equals("AMD EPYC")).get(0).points().stream()
                    .map(Series.Point::gitCommit).toList();
            assertEquals(List.of("c4", "c5"), commits);
            assertTrue(s.incompleteRuns().isEmpty());
        }
    }

    @Test
    void aRunWithoutEnvironmentRecordIsRefusedAndNothingIsWritten() throws Exception {
        String db = newStore();
        Path good = run(0, "a", Runs.env(), 10, 10, 10);
        Path bad = run(1, "b", Runs.env(), 10, 10, 10);
        Files.delete(bad.resolve("env.json"));
        Runs.Result res = Runs.cli("add", good.toString(), bad.toString(), "--db", db);
        assertEquals(2, res.status());
        assertEquals(1, res.err().lines().count(), res.err());
        assertTrue(res.err().contains("has no environment record"), res.err());
        assertFalse(res.err().contains("Exception"), res.err());
        Runs.Result detect = Runs.cli("export", "--format", "csv", "--db", db);
        // nothing of either run is in the store
        assertTrue(detect.status() == 3 || detect.out().lines().count() == 1, detect.out() + detect.err());
    }

    @Test
    void reportWritesAChartPerSeriesAndATableOfChanges() throws Exception {
        String db = newStore();
        addSeries(db, 11, 12, 6, 12, 9);
        Path dir = tmp.resolve("trend");
        Runs.Result res = Runs.cli("report", "-o", dir.toString(), "--db", db);
        assertEquals(0, res.status(), res.err());
        assertTrue(Files.size(dir.resolve("trend-001.png")) > 1000);
        assertTrue(Files.size(dir.resolve("trend-002.png")) > 1000);
        String html = Files.readString(dir.resolve("index.html"));
        assertTrue(html.contains("<td>c6</td>"), html);
        assertTrue(html.contains("trend-002.png"), html);
        // again into the folder it wrote: fine; into a user's folder: refused
        assertEquals(0, Runs.cli("report", "-o", dir.toString(), "--db", db).status());
        Path user = Files.createDirectories(tmp.resolve("mine"));
        Files.writeString(user.resolve("notes.txt"), "keep");
        Runs.Result refused = Runs.cli("report", "-o", user.toString(), "--db", db);
        assertEquals(2, refused.status());
        assertTrue(refused.err().contains("is not empty and was not written by history report"), refused.err());
        assertEquals(List.of(user.resolve("notes.txt")), Files.list(user).toList());
    }
}
