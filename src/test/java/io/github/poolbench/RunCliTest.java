package io.github.poolbench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The run's command line as a new user meets it: every bad input is refused before JMH starts,
 * in one line with exit 2, and nothing is written: no run folder, no result or environment file,
 * and the user's files (an earlier result and its record among them) stay byte for byte as they were.
 */
class RunCliTest {
    @TempDir
    Path results;
    @TempDir
    Path user;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), results);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The user's folder: an earlier result of theirs, its environment record, a file of their own. */
    private Map<Path, String> userFiles() throws IOException {
        Files.writeString(user.resolve("prev.json"), "[ {\"earlier\": \"result\"} ]\n");
        Files.writeString(user.resolve("prev.env.json"), "{\"recordedAt\": \"earlier\", \"commandLine\": []}\n");
        Files.writeString(user.resolve("notes.txt"), "mine\n");
        return MainTest.snapshot(user);
    }

    static Stream<Object[]> refusals() {
        return Stream.of(
                new Object[] {List.of("["), "'[' is not a valid benchmark pattern"},
                new Object[] {List.of("*Increment"), "'*Increment' is not a valid benchmark pattern"},
                new Object[] {List.of("-l", "["), "'[' is not a valid benchmark pattern"},
                new Object[] {List.of("-e", "(", "IncrementBenchmark"), "'(' is not a valid -e pattern"},
                new Object[] {List.of("-bm", "nope"), "Unable to parse benchmark mode: \"nope\""},
                new Object[] {List.of("IncrementBenchmark", "-jvm", "/nonexistent/java"), "-jvm /nonexistent/java does not exist"},
                new Object[] {List.of("IncrementBenchmark", "-jvm", "/bin/false"), "-jvm /bin/false did not answer '-version'"},
                new Object[] {List.of("IncrementBenchmark", "-p", "strategy=NOPE"), "-p strategy=NOPE is not one of [CALLER_THREAD"},
                new Object[] {List.of("IncrementBenchmark", "-p", "tasks=abc"), "-p tasks=abc is not a whole number"},
                new Object[] {List.of("IncrementBenchmark", "-p", "tasks=-5"), "-p tasks=-5 must be a whole number of 1 or more"},
                new Object[] {List.of("IncrementBenchmark", "-p", "chunksize=0"), "-p chunksize=0 must be a whole number of 1 or more"},
                new Object[] {List.of("IncrementBenchmark", "-p", "nope=1"), "-p nope: no selected benchmark has a param of that name"},
                new Object[] {List.of("IncrementBenchmark", "-rf", "json", "-rff", ""), "-rff needs a file name"},
                new Object[] {List.of("IncrementBenchmark", "-rf", "json", "-rff", "/dev/null"), "-rff /dev/null is not a regular file"},
                new Object[] {List.of("Compare", "a", "b"), "'Compare' is neither a subcommand nor a benchmark; did you mean compare?"},
                new Object[] {List.of("reprot", "x.json"), "'reprot' is neither a subcommand nor a benchmark; did you mean report?"},
                new Object[] {List.of("--no-python", "--python"), "--no-python and --python together"},
                new Object[] {List.of("IncrementBenchmark", "--history=mysql://x"), "--history: mysql://x is not a store URL"},
                new Object[] {List.of("IncrementBenchmark", "--history=jdbc:sqlite:/nonexistent/dir/h.db"),
                    "--history: cannot create the store /nonexistent/dir/h.db: its folder /nonexistent/dir does not exist"},
                new Object[] {List.of("IncrementBenchmark", "--history", "-rf", "csv", "-rff", "/tmp/poolbench-never.csv"),
                    "--history stores JMH JSON; this run writes CSV (add -rf json)"});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    @Timeout(60)
    void aBadInputIsOneLineExitTwoAndWritesNothing(List<String> args, String expected) throws IOException {
        Map<Path, String> before = userFiles();
        // a failing input after -rff must not empty or replace the user's earlier result either
        List<String> all = new ArrayList<>(args);
        if (!all.contains("-rff") && !all.contains("-l") && !all.get(0).equals("Compare") && !all.get(0).equals("reprot")) {
            all.addAll(List.of("-rf", "json", "-rff", user.resolve("prev.json").toString()));
        }
        assertEquals(2, run(all.toArray(new String[0])), err());
        String message = err().strip();
        assertFalse(message.contains("\n"), "one line: " + message);
        assertTrue(message.startsWith("poolbench: " + expected), message);
        assertEquals(before, MainTest.snapshot(user), "the user's files are as they were");
        assertEquals(List.of(), list(results), "no run folder");
    }

    @Test
    @Timeout(60)
    void aFolderAsResultFileIsRefused() throws IOException {
        Map<Path, String> before = userFiles();
        assertEquals(2, run("IncrementBenchmark", "-rf", "json", "-rff", user.toString()));
        assertTrue(err().strip().startsWith("poolbench: -rff " + user + " is a folder"), err());
        assertEquals(before, MainTest.snapshot(user));
    }

    @Test
    @Timeout(60)
    void anEnvironmentRecordBesideTheResultThatIsNotOursIsRefusedNotReplaced() throws IOException {
        Map<Path, String> before = userFiles();
        Files.writeString(user.resolve("x.env.json"), "my own settings\n");
        before = MainTest.snapshot(user);
        assertEquals(2, run("IncrementBenchmark", "-rf", "json", "-rff", user.resolve("x.json").toString()));
        assertTrue(err().strip().contains("x.env.json exists and is not an environment record of this suite"), err());
        assertEquals(before, MainTest.snapshot(user));
    }

    @Test
    @Timeout(120)
    void aRunWhoseForksFailKeepsTheUsersEarlierResultAndItsRecord() throws IOException {
        Map<Path, String> before = userFiles();
        // every fork fails to start: no results
        int rc = run("IncrementBenchmark.map", "-p", "strategy=CALLER_THREAD", "-p", "chunksize=1", "-f", "1", "-wi", "0",
                "-i", "1", "-r", "100ms", "-jvmArgsAppend", "-XX:+NoSuchOptionAnywhere",
                "-rf", "json", "-rff", user.resolve("prev.json").toString());
        assertEquals(1, rc, err());
        assertTrue(err().contains("poolbench: the run wrote no results"), err());
        assertEquals(before, MainTest.snapshot(user), "prev.json and prev.env.json are as they were");
    }

    @Test
    @Timeout(120)
    void aRunWithHistoryAddsItselfToTheStoreItNames() throws IOException {
        Path x = user.resolve("x.json");
        Path db = user.resolve("h.db");
        assertEquals(0, run("IncrementBenchmark.map", "-p", "strategy=CALLER_THREAD", "-p", "chunksize=1", "-p", "tasks=10",
                "-f", "2", "-wi", "0", "-i", "1", "-r", "50ms", "-rf", "json", "-rff", x.toString(),
                "--history=jdbc:sqlite:" + db), err());
        assertTrue(out().contains("history: 1 runs in"), out());
        // the store holds that run: adding it again stores nothing new
        java.io.ByteArrayOutputStream again = new java.io.ByteArrayOutputStream();
        assertEquals(0, io.github.poolbench.history.HistoryCli.run(new String[] {"add", x.toString(), "--db",
                "jdbc:sqlite:" + db}, new java.io.PrintStream(again, true), System.err));
        assertTrue(again.toString().startsWith("already stored "), again.toString());
    }

    @Test
    @Timeout(120)
    void aRunTakesItsForksInPassesAndEachRowHoldsAllItsForks() throws IOException {
        Path x = user.resolve("x.json");
        assertEquals(0, run("IncrementBenchmark.map", "-p", "strategy=CALLER_THREAD,FIXED_THREAD_POOL", "-p", "chunksize=1",
                "-p", "tasks=10", "-f", "2", "-wi", "0", "-i", "1", "-r", "50ms", "-rf", "json", "-rff", x.toString()), err());
        assertTrue(err().contains("poolbench: 2 passes, one fork of every row each"), err());
        String json = Files.readString(x);
        assertEquals(2, json.split("\"forks\" : 2", -1).length - 1, json);
        assertTrue(Files.isRegularFile(user.resolve("x.env.json")));
        assertTrue(Files.readString(user.resolve("x.env.json")).contains("\"forkPasses\""));
        try (Stream<Path> left = Files.list(user)) {
            List<String> names = left.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(List.of("x-report", "x.env.json", "x.json"), names, "no temporary file beside the result");
        }
    }

    /**
     * Ctrl-C in the middle of a fork: one line, exit 130, the user's earlier result untouched, and
     * no temporary file left in the run's temp folder (a private one here, so other runs do not count).
     */
    @Test
    @Timeout(180)
    void ctrlCPrintsOneLineAndLeavesNoTemporaryFileAndTheUsersResultAsItWas() throws Exception {
        Map<Path, String> before = userFiles();
        Path tmp = Files.createDirectory(user.resolve("tmp"));
        before = MainTest.snapshot(user);
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        // A terminal's Ctrl-C reaches a JVM whose SIGINT is at its default. Started from a background
        // job (nohup, `cmd &` in a script) the build inherits SIGINT ignored, the JVM then installs no
        // handler and the signal is lost; env --default-signal gives the run the terminal's setting.
        List<String> cmd = new ArrayList<>(List.of("env", "--default-signal=INT", java, "-Djava.io.tmpdir=" + tmp,
                "-Djmh.ignoreLock=true",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "IncrementBenchmark.map", "-p", "strategy=CALLER_THREAD", "-p", "chunksize=1", "-f", "3", "-wi", "0",
                "-i", "100", "-r", "200ms", "-rf", "json", "-rff", user.resolve("prev.json").toString()));
        Process p = new ProcessBuilder(cmd).redirectOutput(user.resolve("tmp-out.txt").toFile())
                .redirectError(user.resolve("tmp-err.txt").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            // mid-fork: the fork's JVM (a child of the run) is up; each fork measures for 20 s, so the
            // signal lands inside one however slowly a loaded machine prints JMH's output
            while (p.toHandle().children().noneMatch(c -> c.info().commandLine().orElse("").contains("ForkedMain"))
                    && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            Thread.sleep(1500);
            new ProcessBuilder("kill", "-INT", String.valueOf(p.pid())).start().waitFor(10, TimeUnit.SECONDS);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the run ends after Ctrl-C");
        } finally {
            p.destroyForcibly();
        }
        String errText = Files.readString(user.resolve("tmp-err.txt"));
        assertEquals(130, p.exitValue(), errText);
        // JDK 24 and later print four "WARNING:" lines of their own the first time JMH's Utils touches
        // sun.misc.Unsafe (JEP 498); they are the JVM's, not ours, so they are left out of the count.
        List<String> lines = Arrays.stream(errText.split("\n"))
                .filter(l -> !l.startsWith("poolbench: running") && !l.startsWith("WARNING: ")).toList();
        assertEquals(List.of("poolbench: 3 passes, one fork of every row each, the rows shuffled in passes 2 and later"),
                lines.subList(0, 1).stream().map(l -> l.replaceAll(" \\(seed \\d+\\)", "")).toList(), errText);
        assertEquals(List.of("poolbench: interrupted; no results written, temporary files removed"), lines.subList(1, lines.size()),
                errText);
        assertFalse(errText.contains("Exception"), errText);
        assertEquals(List.of(), list(tmp), "no temporary file survives Ctrl-C");
        Files.delete(user.resolve("tmp-out.txt"));
        Files.delete(user.resolve("tmp-err.txt"));
        assertEquals(before, MainTest.snapshot(user), "the user's earlier result and its record are as they were");
    }

    private static List<String> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }
}
