package io.github.poolbench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Bad data a user can hand the report: each case gets one plain line, never a stack trace. */
class BadDataTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int report(String... args) {
        out.reset();
        err.reset();
        return ReportCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private int compare(String... args) {
        out.reset();
        err.reset();
        return CompareCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8).replace("\r", "");
    }

    /** increment-avgt.json with the second fork's first sample of its second row (FIXED_THREAD_POOL) set to {@code sample}. */
    private Path withSample(String name, Object sample) throws IOException {
        ArrayNode rows = (ArrayNode) JSON.readTree(Fixtures.path("increment-avgt.json").toFile());
        ArrayNode raw = (ArrayNode) rows.get(1).path("primaryMetric").path("rawData");
        ArrayNode fork = (ArrayNode) raw.get(0);
        if (sample instanceof Double d) {
            fork.set(1, JSON.getNodeFactory().numberNode(d));
        } else {
            fork.set(1, JSON.getNodeFactory().textNode((String) sample));
        }
        Path f = dir.resolve(name + ".json");
        JSON.writeValue(f.toFile(), rows);
        return f;
    }

    @Test
    void aRawDataSampleThatIsNotAPositiveNumberLeavesItsRowOutWithAWarningOnStderrAndThePage() throws IOException {
        assertEquals(0, report(Fixtures.path("increment-avgt.json").toString(), "-o", dir.resolve("clean").toString()));
        assertTrue(Files.readString(dir.resolve("clean/index.html")).contains("297 µs"), "the row as it is shown when it is good");
        Object[][] cases = {{"nan", "NaN", "NaN"}, {"inf", "+INF", "infinite"}, {"minf", "-INF", "minus infinity"},
                {"zero", 0.0, "0 us/op"}, {"negative", -3.5, "-3.5 us/op"}};
        for (Object[] c : cases) {
            Path f = withSample((String) c[0], c[1]);
            Path o = dir.resolve(c[0] + "-report");
            assertEquals(0, report(f.toString(), "-o", o.toString()), err());
            String line = f + ": io.github.poolbench.bench.IncrementBenchmark.map avgt chunksize=auto strategy=FIXED_THREAD_POOL"
                    + " tasks=1000 workers=5"
                    + ": the sample of fork 1, iteration 2 in its rawData is " + c[2]
                    + ", not a positive time; the row is left out of the report";
            assertEquals("poolbench report: warning: " + line + "\n", err(), (String) c[0]);
            String html = Files.readString(o.resolve("index.html"));
            assertTrue(html.contains("the sample of fork 1, iteration 2 in its rawData is " + c[2]), "on the page too");
            assertFalse(html.contains("297 µs"), "the row's score (296.9 us/op) is in no table or chart");

            // compare refuses to judge the same data: the two commands agree on what is bad
            assertEquals(2, compare(Fixtures.path("increment-avgt.json").toString(), f.toString(), "--force"), (String) c[0]);
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("has a sample of"), out.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void aFileWhoseEveryRowHasABadSampleIsRefused() throws IOException {
        ArrayNode rows = (ArrayNode) JSON.readTree(Fixtures.path("increment-avgt.json").toFile());
        rows.forEach(r -> ((ArrayNode) r.path("primaryMetric").path("rawData").get(0)).set(0,
                JSON.getNodeFactory().textNode("NaN")));
        Path f = dir.resolve("all.json");
        JSON.writeValue(f.toFile(), rows);
        assertEquals(2, report(f.toString(), "-o", dir.resolve("o").toString()));
        assertTrue(err().startsWith("poolbench report: " + f + ": none of its 8 results are usable: "), err());
        assertTrue(err().contains("in its rawData is NaN"), err());
        assertEquals(1, err().split("\n").length, err());
        assertFalse(Files.exists(dir.resolve("o")));
    }

    private void assertOneLine(int code, String expectedStart, String... contains) {
        String e = err();
        assertEquals(2, code, e);
        assertTrue(e.startsWith(expectedStart), e);
        assertEquals(1, e.split("\n").length, e);
        assertFalse(e.contains("Exception") || e.contains("\tat ") || e.contains("not valid JSON"), e);
        for (String c : contains) {
            assertTrue(e.contains(c), "'" + c + "' in " + e);
        }
    }

    @Test
    void aStringOverTheReadersLimitNamesTheLimitAndHowToRaiseIt() throws IOException {
        Path f = dir.resolve("long-string.json");
        try (Writer w = Files.newBufferedWriter(f)) {
            w.write("[{\"benchmark\": \"a.B.c\", \"mode\": \"avgt\", \"params\": {\"x\": \"");
            char[] chunk = new char[1 << 20];
            java.util.Arrays.fill(chunk, 'x');
            for (int i = 0; i < 25; i++) {
                w.write(chunk);
            }
            w.write("\"}, \"primaryMetric\": {\"score\": 1, \"scoreUnit\": \"us/op\"}}]");
        }
        int code = report(f.toString(), "-o", dir.resolve("o").toString());
        assertOneLine(code, "poolbench report: " + f + ": holds a string longer than the reader's limit of 20,000,000 characters",
                "-Dpoolbench.json.maxStringLength=N");
    }

    @Test
    void aNumberOverTheReadersLimitNamesTheLimitAndHowToRaiseIt() throws IOException {
        Path f = dir.resolve("long-number.json");
        Files.writeString(f, "[{\"benchmark\": \"a.B.c\", \"mode\": \"avgt\", \"primaryMetric\": {\"score\": 1"
                + "0".repeat(5000) + ", \"scoreUnit\": \"us/op\"}}]");
        int code = report(f.toString(), "-o", dir.resolve("o").toString());
        assertOneLine(code, "poolbench report: " + f + ": holds a number longer than the reader's limit of 1,000 digits",
                "-Dpoolbench.json.maxNumberLength=N");
    }

    @Test
    void nestingOverTheReadersLimitNamesTheLimitAndHowToRaiseIt() throws IOException {
        Path f = dir.resolve("deep.json");
        Files.writeString(f, "[".repeat(100_000) + "]".repeat(100_000));
        int code = report(f.toString(), "-o", dir.resolve("o").toString());
        assertOneLine(code, "poolbench report: " + f + ": nests arrays or objects deeper than the reader's limit of 1,000 levels",
                "-Dpoolbench.json.maxNestingDepth=N");
    }

    /** The suite's entry point in a JVM of its own, with {@code jvmArgs}; its stderr and exit code. */
    private static String[] child(List<String> jvmArgs, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("io.github.poolbench.Main");
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String e = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the child ended");
        return new String[] {String.valueOf(p.exitValue()), e.replace("\r", "")};
    }

    @Test
    void aRaisedLimitIsHonoured() throws Exception {
        Path f = dir.resolve("long-number.json");
        Files.writeString(f, "[{\"benchmark\": \"a.B.c\", \"mode\": \"avgt\", \"primaryMetric\": {\"score\": 0.1"
                + "0".repeat(1500) + "1, \"scoreUnit\": \"us/op\", \"rawData\": [[0.1, 0.1]]}}]");
        String[] r = child(List.of("-Xmx256m", "-Dpoolbench.json.maxNumberLength=5000"), "report", f.toString(),
                "-o", dir.resolve("o").toString());
        assertEquals("0", r[0], r[1]);
        assertTrue(Files.isRegularFile(dir.resolve("o/index.html")));
    }

    @Test
    void aFileTooLargeForTheMemoryIsOneLineNamingTheMemoryAndHowToRaiseIt() throws Exception {
        Path f = dir.resolve("big.json");
        try (Writer w = Files.newBufferedWriter(f)) {
            w.write("[");
            StringBuilder samples = new StringBuilder("[");
            for (int i = 0; i < 2000; i++) {
                samples.append(i == 0 ? "" : ",").append(1.0 + i * 1e-7);
            }
            samples.append("]");
            for (int i = 0; i < 2500; i++) {
                w.write((i == 0 ? "" : ",") + "{\"benchmark\": \"a.B.m" + i + "\", \"mode\": \"avgt\", \"primaryMetric\":"
                        + " {\"score\": 1, \"scoreUnit\": \"us/op\", \"rawData\": [" + samples + "]}}");
            }
            w.write("]");
        }
        assertTrue(Files.size(f) > 40_000_000, "a file of " + Files.size(f) + " bytes");
        String[] r = child(List.of("-Xmx48m"), "report", f.toString(), "-o", dir.resolve("o").toString());
        assertEquals("2", r[0], r[1]);
        assertTrue(r[1].startsWith("poolbench report: " + f + ": too large to read in the "), r[1]);
        assertTrue(r[1].contains("give java more with -Xmx"), r[1]);
        assertEquals(1, r[1].split("\n").length, r[1]);
        assertFalse(r[1].contains("OutOfMemoryError") || r[1].contains("\tat "), r[1]);
        assertFalse(Files.exists(dir.resolve("o")));
    }

    @Test
    void anEnvironmentRecordThatCannotBeReadIsAFailureToReadIt() throws IOException {
        // as root a mode of 000 does not stop a read; reading /proc/self/mem at offset 0 fails for anyone
        Path mem = Path.of("/proc/self/mem");
        assumeTrue(Files.isRegularFile(mem), "a Linux /proc");
        Path run = Files.createDirectories(dir.resolve("run"));
        Files.copy(Fixtures.path("stranger-sweep.json"), run.resolve("mine.json"));
        Path env = Files.createSymbolicLink(run.resolve("mine.env.json"), mem);
        Path o = dir.resolve("o");
        assertEquals(0, report(run.resolve("mine.json").toString(), "-o", o.toString()), err());
        assertTrue(err().startsWith("poolbench report: warning: " + env + ": cannot be read ("), err());
        assertTrue(err().endsWith("; mine.json is read without an environment record\n"), err());
        assertFalse(err().contains("write"), err());
        assertFalse(Files.exists(o.resolve("data/01-mine.env.json")), "no copy of a record that could not be read");
        Files.delete(env);
    }

    @Test
    void anOutputFolderHoldingOnlyAUsersCompareMdIsRefused() throws IOException {
        Path mine = Files.createDirectories(dir.resolve("mine"));
        Path md = Files.writeString(mine.resolve("compare.md"), "my notes");
        assertEquals(2, report(Fixtures.path("stranger-sweep.json").toString(), "-o", mine.toString()));
        assertEquals("poolbench report: " + mine.toAbsolutePath() + " holds files that are not from a poolbench report (compare.md);"
                + " nothing was written: give -o a new or empty folder\n", err());
        assertEquals("my notes", Files.readString(md));
        try (var listing = Files.list(mine)) {
            assertEquals(1, listing.count(), "nothing else was written");
        }
    }

    @Test
    void aFolderMadeWithNewFolderTakesAScriptsJsonAndItsReport() throws IOException {
        Path made = dir.resolve("runs/pinning-1");
        assertEquals(0, report("--new-folder", made.toString()), err());
        assertTrue(Files.isRegularFile(made.resolve(OutputFolder.MARKER)));
        Files.copy(Fixtures.path("increment-avgt.json"), made.resolve("unpinned.json"));
        assertEquals(0, report(made.resolve("unpinned.json").toString(), "-o", made.toString()), err());
        assertTrue(Files.isRegularFile(made.resolve("index.html")));
        assertEquals(2, report("--new-folder", made.toString()), "a folder with files in it is never taken");
        assertTrue(err().contains("exists and is not an empty folder"), err());
        Path empty = Files.createDirectories(dir.resolve("runs/empty"));
        assertEquals(0, report("--new-folder", empty.toString()), "an empty folder (a script's mkdir) is marked");
        assertTrue(OutputFolder.isMarked(empty));
    }

    @Test
    void aRunFolderHoldingOnlyItsJmhJsonAndEnvJsonIsTheReportsToWrite() throws IOException {
        Path run = Files.createDirectories(dir.resolve("run"));
        Files.copy(Fixtures.path("increment-avgt.json"), run.resolve("jmh.json"));
        Files.copy(Fixtures.path("increment-avgt.env.json"), run.resolve("env.json"));
        assertTrue(OutputFolder.owns(run));
        Files.writeString(run.resolve("compare.md"), "mine");
        assertFalse(OutputFolder.owns(run), "a file beside them that the run did not write");
    }
}
