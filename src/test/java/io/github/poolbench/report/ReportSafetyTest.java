package io.github.poolbench.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.IIOException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The report writes only what it creates (or a report folder it wrote before), never an input
 * or a user's file; bad data is refused with one line or left out with a warning on stderr and
 * on the page, never silently changing the headline.
 */
class ReportSafetyTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        return ReportCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8).replace("\r", "");
    }

    /** Every file and folder under {@code root}: size, modification time and a hash of the content. */
    static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> state = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.toList()) {
                String key = root.relativize(p).toString();
                state.put(key, Files.isDirectory(p) ? "dir"
                        : Files.size(p) + " " + Files.getLastModifiedTime(p).toMillis() + " "
                        + java.util.Arrays.hashCode(Files.readAllBytes(p)));
            }
        }
        return state;
    }

    /** One JMH row of IncrementBenchmark.map with {@code strategy}, score and unit as given. */
    private static String row(String strategy, String mode, Object score, String unit) {
        return "{\"jmhVersion\":\"1.37\",\"benchmark\":\"io.github.poolbench.bench.IncrementBenchmark.map\",\"mode\":\"" + mode
                + "\",\"params\":{\"chunksize\":\"auto\",\"strategy\":\"" + strategy + "\",\"tasks\":\"1000\",\"workers\":\"5\"},"
                + "\"primaryMetric\":{\"score\":" + score + ",\"scoreError\":1.0,\"scoreUnit\":\"" + unit + "\",\"rawData\":[[" + score
                + "]]}}";
    }

    private static final String CALLER = row("CALLER_THREAD", "avgt", 40, "us/op");
    private static final String POOL = row("FIXED_THREAD_POOL", "avgt", 300, "us/op");
    private static final String THREAD = row("THREAD_PER_TASK", "avgt", 470000, "us/op");

    private Path write(String name, String... rows) throws IOException {
        return Files.writeString(dir.resolve(name), "[" + String.join(",", rows) + "]");
    }

    // item 2

    @Test
    void reRenderingAReportFromItsOwnCopiedDataKeepsThatDataAndItsLinks() throws IOException {
        Path in = write("inc.json", CALLER, POOL, THREAD);
        Path rep = dir.resolve("rep");
        assertEquals(0, run(in.toString(), "-o", rep.toString()));
        Path copy = rep.resolve("data/01-inc.json");
        assertTrue(Files.isRegularFile(copy));

        assertEquals(0, run(copy.toString(), "-o", rep.toString()), err());

        assertTrue(Files.isRegularFile(copy), "the input is still there");
        assertEquals(Files.readString(in), Files.readString(copy));
        assertTrue(Files.readString(rep.resolve("index.html")).contains("href=\"data/01-inc.json\""));
    }

    // item 3

    @Test
    void aFolderWithTheUsersOwnFilesIsRefusedAndLeftExactlyAsItWas() throws IOException {
        Path in = write("inc.json", CALLER, POOL, THREAD);
        Path site = Files.createDirectories(dir.resolve("site"));
        Files.writeString(site.resolve("style.css"), "body { color: red }");
        Files.setLastModifiedTime(site.resolve("style.css"), FileTime.fromMillis(1_000_000_000_000L));
        Map<String, String> before = snapshot(site);

        assertEquals(2, run(in.toString(), "-o", site.toString()));

        assertEquals("poolbench report: " + site.toAbsolutePath() + " holds files that are not from a poolbench report"
                + " (style.css); nothing was written: give -o a new or empty folder\n", err());
        assertEquals(before, snapshot(site));
    }

    @Test
    void anEmptyFolderNameIsAUsageError() throws IOException {
        Path in = write("inc.json", CALLER, POOL, THREAD);
        assertEquals(2, run(in.toString(), "-o", ""));
        assertEquals("poolbench report: -o needs a folder name, not an empty string (see report --help)\n", err());
    }

    @Test
    void anEmptyFolderIsWrittenAndMarkedSoTheNextReportMayReplaceIt() throws IOException {
        Path in = write("inc.json", CALLER, POOL, THREAD);
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertEquals(0, run(in.toString(), "-o", empty.toString()));
        assertTrue(Files.readString(empty.resolve(".poolbench-report")).contains("written by poolbench"));
        Files.writeString(empty.resolve("notes.txt"), "the user's, beside the report");
        assertEquals(0, run(in.toString(), "-o", empty.toString()), err());
        assertEquals("the user's, beside the report", Files.readString(empty.resolve("notes.txt")));
    }

    @Test
    void noInputAndNoFileBesideItIsModifiedWhateverTheOutput() throws IOException {
        Path in = write("inc.json", CALLER, POOL, THREAD);
        Files.writeString(dir.resolve("inc.env.json"), "{\"cores\": 2}");
        Files.writeString(dir.resolve("style.css"), "mine");
        Map<String, String> before = snapshot(dir);

        assertEquals(0, run(in.toString()), err());
        assertEquals(2, run(in.toString(), "-o", dir.toString()));
        assertEquals(0, run(in.toString(), "-o", dir.resolve("inc-report").toString()));

        Map<String, String> after = snapshot(dir);
        before.forEach((file, state) -> assertEquals(state, after.get(file), file + " was changed"));
        assertTrue(Files.isRegularFile(dir.resolve("inc-report/index.html")));
    }

    // item 7

    @Test
    void aTempFolderLeftByAKilledRunIsRemovedByTheNextRun() throws IOException {
        Path in = write("inc.json", CALLER, POOL, THREAD);
        Path rep = dir.resolve("rep");
        assertEquals(0, run(in.toString(), "-o", rep.toString()));
        Path stale = Files.createDirectories(rep.resolve(".report-tmp-123456/charts"));
        Files.writeString(stale.resolve("half.png"), "x");

        assertEquals(0, run(in.toString(), "-o", rep.toString()));

        try (Stream<Path> left = Files.list(rep)) {
            assertEquals(List.of(), left.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".report-tmp-")).toList());
        }
    }

    // item 8

    @Test
    void aPipeAsInputIsRefusedAtOnceInsteadOfBlocking() throws Exception {
        Path fifo = dir.resolve("fifo.json");
        Process mk;
        try {
            mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        } catch (IOException e) {
            assumeTrue(false, "no mkfifo here");
            return;
        }
        assumeTrue(mk.waitFor(10, TimeUnit.SECONDS) && mk.exitValue() == 0, "mkfifo failed");
        int rc = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> run(fifo.toString(), "-o", dir.resolve("o").toString()));
        assertEquals(2, rc);
        assertEquals("poolbench report: " + fifo + ": is not a regular file (a pipe, device or socket); give the JSON file itself\n",
                err());
    }

    // item 5

    @Test
    void aNegativeScoreIsLeftOutWithAWarningOnStderrAndOnThePageAndTheHeadlineUsesOnlyGoodRows() throws IOException {
        Path in = write("neg.json", CALLER, POOL, THREAD, row("THREAD_PER_TASK", "avgt", -640000, "us/op")
                .replace("\"auto\"", "\"1\""));
        Path rep = dir.resolve("rep");
        assertEquals(0, run(in.toString(), "-o", rep.toString()));
        String warning = in + ": io.github.poolbench.bench.IncrementBenchmark.map avgt chunksize=1 strategy=THREAD_PER_TASK"
                + " tasks=1000 workers=5: its score -640000 us/op is not a positive time; the row is left out of the report";
        assertEquals("poolbench report: warning: " + warning + "\n", err());
        String page = Files.readString(rep.resolve("index.html"));
        assertTrue(page.contains("<div class=\"warnings\""), page);
        assertTrue(page.contains("is not a positive time; the row is left out of the report"), page);
        assertTrue(page.contains("1,570×"), "the headline is the good rows' gap, 470 ms / 300 µs");
    }

    @Test
    void everyKindOfUnusableRowIsOneWarningNamingIt() throws IOException {
        Path in = write("bad.json", CALLER, POOL, THREAD,
                row("FORK_JOIN_POOL", "avgt", 0, "us/op"),
                row("FORK_JOIN_POOL", "thrpt", 5, "us/op"),
                row("FORK_JOIN_POOL", "sample", 5, "ops/s"),
                row("FORK_JOIN_POOL", "ss", 5, "furlongs/op"),
                row("FORK_JOIN_POOL", "avgt", "\"NaN\"", "us/op").replace("\"auto\"", "\"1\""));
        assertEquals(0, run(in.toString(), "-o", dir.resolve("o").toString()));
        List<String> lines = err().lines().toList();
        assertEquals(5, lines.size(), err());
        assertTrue(lines.get(0).endsWith("its score 0 us/op is not a positive time; the row is left out of the report"), lines.get(0));
        assertTrue(lines.get(1).endsWith("thrpt is operations per time, but its unit is us/op; the row is left out of the report"));
        assertTrue(lines.get(2).endsWith("sample is a time per operation, but its unit is ops/s; the row is left out of the report"));
        assertTrue(lines.get(3).endsWith("its unit \"furlongs/op\" is not one JMH writes for ss (a time per operation, such as"
                + " us/op); the row is left out of the report"), lines.get(3));
        assertTrue(lines.get(4).endsWith("its score is NaN, not a measurement; the row is left out of the report"));
    }

    @Test
    void aFileWithNoUsableRowIsRefused() throws IOException {
        Path in = write("neg.json", row("CALLER_THREAD", "avgt", -40, "us/op"), row("THREAD_PER_TASK", "avgt", -470000, "us/op"));
        assertEquals(2, run(in.toString(), "-o", dir.resolve("o").toString()));
        assertEquals("poolbench report: " + in + ": none of its 2 results are usable: io.github.poolbench.bench.IncrementBenchmark.map"
                + " avgt chunksize=auto strategy=CALLER_THREAD tasks=1000 workers=5: its score -40 us/op is not a positive time"
                + " (and 1 more)\n", err());
        assertFalse(Files.exists(dir.resolve("o")));
    }

    @Test
    void aRowPresentTwiceIsRefusedAsCompareRefusesIt() throws IOException {
        Path in = write("dup.json", CALLER, POOL, THREAD, CALLER);
        assertEquals(2, run(in.toString(), "-o", dir.resolve("o").toString()));
        assertEquals("poolbench report: " + in + ": holds io.github.poolbench.bench.IncrementBenchmark.map avgt chunksize=auto"
                + " strategy=CALLER_THREAD tasks=1000 workers=5 more than once\n", err());
    }

    @Test
    void paramsThatAreNotNameToValueAreRefusedRatherThanReadAsNoParams() throws IOException {
        Path array = write("array.json", CALLER, THREAD.replaceFirst("\"params\":\\{[^}]*}", "\"params\":[\"THREAD_PER_TASK\"]"));
        assertEquals(2, run(array.toString(), "-o", dir.resolve("o").toString()));
        assertEquals("poolbench report: " + array + ": result 2 (io.github.poolbench.bench.IncrementBenchmark.map): params is"
                + " an array, not an object of name → value as JMH writes it\n", err());

        Path object = write("object.json", CALLER, THREAD.replace("\"THREAD_PER_TASK\"", "{\"x\":1}"));
        assertEquals(2, run(object.toString(), "-o", dir.resolve("o").toString()));
        assertEquals("poolbench report: " + object + ": result 2 (io.github.poolbench.bench.IncrementBenchmark.map): param"
                + " strategy is an object, not a value as JMH writes it (a string)\n", err());
    }

    // item 6

    @Test
    void anEmptyBenchmarkNameSaysSo() throws IOException {
        Path in = write("empty-name.json", CALLER.replace("io.github.poolbench.bench.IncrementBenchmark.map", ""));
        assertEquals(2, run(in.toString()));
        assertEquals("poolbench report: " + in + ": result 1 has an empty benchmark name\n", err());
    }

    @Test
    void fileSystemFailuresAreInPlainWordsWithoutJavaExceptionNames() {
        assertEquals("/r/charts: permission denied", IoWords.withFile(new AccessDeniedException("/r/charts")));
        assertEquals("/r/x: no such file or folder", IoWords.withFile(new NoSuchFileException("/r/x")));
        assertEquals("/nowhere/r: already exists and is not a folder", IoWords.withFile(new FileAlreadyExistsException("/nowhere/r")));
        assertEquals("/r/style.css: is a folder that is not empty", IoWords.withFile(new DirectoryNotEmptyException("/r/style.css")));
        assertEquals("a file is not UTF-8 text", IoWords.withFile(new IOException(new MalformedInputException(1))));
        assertEquals("the disk is full (no space left on the device)", IoWords.withFile(
                new IIOException("I/O error writing PNG file!", new IOException("No space left on device"))));
        assertEquals("the file system is read-only", IoWords.withFile(
                new java.nio.file.FileSystemException("/r/index.html", null, "Read-only file system")));
    }

    @Test
    void badJsonIsDescribedWithoutTheParsersInternals() throws IOException {
        String[][] cases = {
                {"joined.json", "[" + CALLER + "][" + CALLER + "]", "more data after the end of the JSON value: two files joined?"},
                {"word.json", "nope", "unexpected text 'nope'"},
                {"char.json", "[{\"benchmark\": x}]", "unexpected text 'x'"},
                {"close.json", "[{\"benchmark\": \"a\"]", "unexpected ']'"},
        };
        for (String[] c : cases) {
            Path f = Files.writeString(dir.resolve(c[0]), c[1]);
            assertEquals(2, run(f.toString(), "-o", dir.resolve("o").toString()), c[0]);
            String e = err();
            assertTrue(e.startsWith("poolbench report: " + f + ": not valid JSON at line 1, column "), e);
            assertTrue(e.endsWith("(" + c[2] + ")\n"), e);
            assertFalse(e.contains("Exception") || e.contains("token") || e.contains("`") || e.contains("com.fasterxml"), e);
        }
        Path utf = Files.write(dir.resolve("latin1.json"), "[{\"benchmark\": \"caf\u00e9\"}]".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(2, run(utf.toString()));
        assertTrue(err().endsWith("(not UTF-8 text)\n"), err());
    }

    @Test
    void aMalformedEnvironmentRecordIsOneLineSayingWhatHappens() throws IOException {
        Path in = write("inc.json", CALLER, POOL, THREAD);
        Files.writeString(dir.resolve("inc.env.json"), "{\"cores\": 2,");
        assertEquals(0, run(in.toString(), "-o", dir.resolve("o").toString()));
        assertEquals("poolbench report: warning: " + dir.resolve("inc.env.json") + ": not valid JSON at line 1, column 13"
                + " (it ends too early: truncated?); inc.json is read without an environment record\n", err());
    }

    // item 10

    @Test
    void controlAndTextDirectionCharactersInNamesAreShownAsTags() throws IOException {
        Path in = write("bidi.json", CALLER, POOL, THREAD.replace("IncrementBenchmark.map", "IncrementBenchmark.map\u202Egnp.exe"),
                row("FORK_\u0007JOIN_POOL", "avgt", 600, "us/op"));
        Path o = dir.resolve("o");
        assertEquals(0, run(in.toString(), "-o", o.toString()));
        assertEquals("poolbench report: warning: " + in + ": results 3, 4 have invisible control or text-direction"
                + " characters in a name or param; they are shown as <U+XXXX>\n", err());
        String page = Files.readString(o.resolve("index.html"));
        assertFalse(page.contains("\u202E") || page.contains("\u0007"), "no raw control character on the page");
        assertTrue(page.contains("map&lt;U+202E&gt;gnp.exe"), page);
        assertTrue(page.contains("FORK_&lt;U+0007&gt;JOIN_POOL"), page);
    }

    @Test
    void aNameNoInstalledFontCanDrawIsAQuestionMarkInThePngsAndOneWarningWhileThePageKeepsIt() throws IOException {
        // U+0378 is unassigned: no font has it, on any machine
        Path in = write("glyph.json", CALLER, POOL, THREAD, row("FORK_JOIN_POOL\u0378", "avgt", 600, "us/op"));
        Path o = dir.resolve("o");
        assertEquals(0, run(in.toString(), "-o", o.toString()));
        assertEquals("poolbench report: warning: charts: no installed font has the characters \u0378 of some names;"
                + " the PNGs draw them as ? (the tables on this page show them)\n", err());
        String page = Files.readString(o.resolve("index.html"));
        assertTrue(page.contains("FORK_JOIN_POOL\u0378"), "the page shows the name as written");
        assertTrue(page.contains("charts: no installed font has the characters"), "the warning is on the page too");
    }

    // item 11

    @Test
    void anEnvironmentRecordThatIsAFolderIsOneWarning() throws IOException {
        Path in = write("inc.json", CALLER, POOL, THREAD);
        Files.createDirectories(dir.resolve("inc.env.json"));
        assertEquals(0, run(in.toString(), "-o", dir.resolve("o").toString()));
        assertEquals("poolbench report: warning: " + dir.resolve("inc.env.json") + ": is a folder, not an environment record;"
                + " inc.json is read without an environment record\n", err());
    }

    @Test
    void aCoreCountThatIsNotANumberIsOneWarningAndThePageDoesNotShowItBesideTheAssumedCount() throws IOException {
        Path run = Files.createDirectories(dir.resolve("run"));
        Files.copy(Fixtures.path("scenarios-jdk17.json"), run.resolve("jmh.json"));
        String env = Files.readString(Fixtures.path("scenarios-jdk17.env.json")).replaceFirst("\"cores\"\\s*:\\s*\\d+", "\"cores\": \"two\"");
        assertTrue(env.contains("\"two\""), env);
        Files.writeString(run.resolve("env.json"), env);

        assertEquals(0, run(run.resolve("jmh.json").toString()));

        assertEquals("poolbench report: warning: " + run.resolve("env.json") + ": cores is the string \"two\", not a number of"
                + " cores; it is left out and the report treats the core count as unknown\n", err());
        String page = Files.readString(run.resolve("index.html"));
        assertFalse(page.contains(">two<"), "the raw value is not shown as the cores");
        assertTrue(page.contains("cores two") == false, page);
    }
}
