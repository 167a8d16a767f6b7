package io.github.poolbench.history;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two real processes adding into one SQLite file, a killed add, and stores that cannot be used.
 */
class StoreFailureTest {
    @TempDir
    Path tmp;

    private List<String> runs(String prefix, int count, int rows) throws IOException {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<Runs.RowSpec> specs = new ArrayList<>();
            for (int r = 0; r < rows; r++) {
                specs.add(Runs.RowSpec.of(StoreContractTest.MAP, "S" + r, 10 + i, 11 + i, 12 + i));
            }
            out.add(Runs.write(tmp.resolve(prefix + i), Instant.parse("2026-11-01T00:00:00Z").plusSeconds(60L * i)
                    .plusMillis(prefix.hashCode() & 0xff), prefix + i, Runs.env(), specs).toString());
        }
        return out;
    }

    private Process start(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), AddMain.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    private static String finish(Process p) throws Exception {
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child did not finish");
        return new String(p.getInputStream().readAllBytes());
    }

    @Test
    void twoProcessesAddingIntoOneSqliteFileBothLand() throws Exception {
        String db = "jdbc:sqlite:" + tmp.resolve("h.db");
        List<String> a = new ArrayList<>(List.of("add"));
        a.addAll(runs("a", 25, 4));
        a.addAll(List.of("--db", db));
        List<String> b = new ArrayList<>(List.of("add"));
        b.addAll(runs("b", 25, 4));
        b.addAll(List.of("--db", db));
        Process pa = start(a.toArray(String[]::new));
        Process pb = start(b.toArray(String[]::new));
        String outA = finish(pa);
        String outB = finish(pb);
        assertEquals(0, pa.exitValue(), outA);
        assertEquals(0, pb.exitValue(), outB);
        try (Store s = Store.open(db, false)) {
            assertEquals(50, s.runCount());
            assertTrue(s.incompleteRuns().isEmpty());
        }
    }

    @Test
    void aKilledAddLeavesWholeRunsOnlyAndTheNextAddCompletes() throws Exception {
        Path file = tmp.resolve("h.db");
        String db = "jdbc:sqlite:" + file;
        List<String> runs = runs("k", 150, 40);
        List<String> args = new ArrayList<>(List.of("add"));
        args.addAll(runs);
        args.addAll(List.of("--db", db));
        Process p = start(args.toArray(String[]::new));
        // wait (bounded) until the first runs have landed, then kill it mid-way
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        int seen = 0;
        while (System.nanoTime() < deadline && seen < 3) {
            Thread.sleep(20);
            if (Files.exists(file)) {
                try (Store s = Store.open(db, false)) {
                    seen = s.runCount();
                } catch (HistoryException notYet) {
                    seen = 0;
                }
            }
        }
        p.destroyForcibly();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        int landed;
        try (Store s = Store.open(db, false)) {
            landed = s.runCount();
            assertTrue(s.incompleteRuns().isEmpty(), "half-written runs: " + s.incompleteRuns());
        }
        assertTrue(landed >= 3, "landed " + landed);
        assertTrue(landed < 150, "the add finished before it was killed; landed " + landed);
        Runs.Result again = Runs.cli(args.toArray(String[]::new));
        assertEquals(0, again.status(), again.err());
        assertTrue(again.out().contains("history: 150 runs in"), again.out());
        try (Store s = Store.open(db, false)) {
            assertTrue(s.incompleteRuns().isEmpty());
        }
    }

    @Test
    void aUrlThatDoesNotConnectIsOneLineAndExitThree() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Runs.Result res = Runs.cli("detect", "--db", "jdbc:postgresql://127.0.0.1:" + port + "/history?user=x&password=secret");
        assertEquals(3, res.status());
        assertEquals(1, res.err().lines().count(), res.err());
        assertTrue(res.err().startsWith("history: cannot connect to the history store jdbc:postgresql://127.0.0.1:" + port),
                res.err());
        assertFalse(res.err().contains("secret"), res.err());
        List<String> add = new ArrayList<>(List.of("add"));
        add.addAll(runs("u", 1, 1));
        add.addAll(List.of("--db", "jdbc:postgresql://127.0.0.1:" + port + "/history"));
        assertEquals(3, Runs.cli(add.toArray(String[]::new)).status());
    }

    @Test
    void aMissingStoreIsNotCreatedByAReadingCommand() {
        Path file = tmp.resolve("none.db");
        Runs.Result res = Runs.cli("detect", "--db", "jdbc:sqlite:" + file);
        assertEquals(3, res.status());
        assertTrue(res.err().contains("no history store at " + file), res.err());
        assertFalse(Files.exists(file));
    }

    @Test
    void aFileThatIsNotAStoreIsRefused() throws Exception {
        Path file = Files.writeString(tmp.resolve("notes.db"), "not a database, just text that a user keeps\n");
        Runs.Result res = Runs.cli("detect", "--db", "jdbc:sqlite:" + file);
        assertEquals(3, res.status());
        assertEquals(1, res.err().lines().count(), res.err());
        assertEquals("not a database, just text that a user keeps\n", Files.readString(file));
    }

    @Test
    void badOptionsAreOneLineAndExitTwo() {
        for (String[] args : List.of(new String[] {"detect", "--recent", "x"}, new String[] {"detect", "--bogus"},
                new String[] {"export", "--format", "xml"}, new String[] {"frobnicate"}, new String[] {"add"},
                new String[] {"detect", "--benchmark", "("}, new String[] {"detect", "--db", "mysql://x"},
                new String[] {"report"})) {
            Runs.Result res = Runs.cli(args);
            assertEquals(2, res.status(), String.join(" ", args) + ": " + res.err());
            assertEquals(1, res.err().lines().count(), res.err());
        }
    }
}
