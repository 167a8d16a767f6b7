package io.github.poolbench.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportCliTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return ReportCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aRunDirectoryGetsItsReportBesideItsJsonAndThePathIsPrinted() throws IOException {
        Path run = Files.createDirectories(dir.resolve("runs/20260101-120000"));
        Files.copy(Fixtures.path("increment-avgt.json"), run.resolve("jmh.json"));
        Files.copy(Fixtures.path("increment-avgt.env.json"), run.resolve("env.json"));

        assertEquals(0, run(run.resolve("jmh.json").toString(), "-o", run.toString()));

        assertTrue(Files.isRegularFile(run.resolve("index.html")));
        assertTrue(out().startsWith("poolbench report: " + run.toAbsolutePath().resolve("index.html") + "  (2 charts, "), out());
        assertEquals("", err());
        assertTrue(Files.readString(run.resolve("index.html")).contains("<title>poolbench report: 20260101-120000/jmh.json</title>"));
    }

    @Test
    void withoutOutputAFileInAUsersFolderGetsANewReportFolderBesideIt() throws IOException {
        Path f = Files.copy(Fixtures.path("stranger-sweep.json"), dir.resolve("sweep.json"));
        Files.writeString(dir.resolve("notes.txt"), "mine");
        assertEquals(0, run(f.toString()));
        assertTrue(Files.isRegularFile(dir.resolve("sweep-report/index.html")));
        assertFalse(Files.exists(dir.resolve("index.html")), "nothing among the user's files");
        assertFalse(Files.exists(dir.resolve("style.css")));
        assertTrue(out().startsWith("poolbench report: " + dir.toAbsolutePath().resolve("sweep-report/index.html")), out());
    }

    @Test
    void labelsNameTheFilesInOrder() throws IOException {
        Path o = dir.resolve("cmp");
        assertEquals(0, run(Fixtures.path("increment-avgt.json").toString(), Fixtures.path("increment-jdk25.json").toString(),
                "-o", o.toString(), "--label", "JDK 17", "--label", "JDK 25"));
        String html = Files.readString(o.resolve("index.html"), StandardCharsets.UTF_8);
        assertTrue(html.contains("<title>poolbench report: JDK 17 vs JDK 25</title>"), html);
    }

    @Test
    void filesOfTheSameNameAreToldApartByTheirDirectory() throws IOException {
        Path a = Files.createDirectories(dir.resolve("a"));
        Path b = Files.createDirectories(dir.resolve("b"));
        Files.copy(Fixtures.path("increment-avgt.json"), a.resolve("jmh.json"));
        Files.copy(Fixtures.path("increment-jdk25.json"), b.resolve("jmh.json"));
        Path o = dir.resolve("o");
        assertEquals(0, run(a.resolve("jmh.json").toString(), b.resolve("jmh.json").toString(), "-o", o.toString()));
        assertTrue(Files.readString(o.resolve("index.html")).contains("a/jmh.json vs b/jmh.json"));
    }

    @Test
    void helpShowsAWorkedExample() {
        assertEquals(0, run("--help"));
        assertTrue(out().startsWith("Usage: java -jar benchmarks.jar report FILE.json"), out());
        assertTrue(out().contains("report jdk17.json jdk25.json -o report --label \"JDK 17\" --label \"JDK 25\""), out());
        assertTrue(out().contains("Exit codes: 0 written (warnings, if any, on stderr and on the page); 2 bad usage or input"), out());
        assertTrue(out().contains("never an input nor a file it did not write"), out());
    }

    @Test
    void noFileIsAUsageError() {
        assertEquals(2, run());
        assertEquals("poolbench report: no result file given (see report --help)\n", err().replace("\r", ""));
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        assertEquals(2, run("x.json", "--colour"));
        assertEquals("poolbench report: unknown option --colour (see report --help)\n", err().replace("\r", ""));
    }

    @Test
    void anOptionWithoutItsValueIsAUsageError() {
        assertEquals(2, run("x.json", "-o"));
        assertEquals("poolbench report: -o needs a value (see report --help)\n", err().replace("\r", ""));
    }

    @Test
    void moreLabelsThanFilesIsAUsageError() {
        assertEquals(2, run("x.json", "--label", "a", "--label", "b"));
        assertEquals("poolbench report: 2 labels for 1 file (see report --help)\n", err().replace("\r", ""));
    }

    @Test
    void aMissingFileIsOneLineNamingItAndNothingIsWritten() {
        Path missing = dir.resolve("missing.json");
        assertEquals(2, run(missing.toString(), "-o", dir.resolve("o").toString()));
        assertEquals("poolbench report: " + missing + ": no such file\n", err().replace("\r", ""));
        assertFalse(Files.exists(dir.resolve("o")));
        assertEquals("", out());
    }

    @Test
    void badInputOfEveryKindExitsTwoWithOneLine() throws IOException {
        String[][] cases = {
                {"empty.json", ""},
                {"truncated.json", "[{\"benchmark\": \"a.B.c\", \"mode\": \"avgt\", \"primaryMetric\": {\"sco"},
                {"object.json", "{\"not\": \"jmh\"}"},
                {"none.json", "[]"},
                {"noprimary.json", "[{\"benchmark\": \"a.B.c\", \"mode\": \"avgt\"}]"},
                {"mode.json", "[{\"benchmark\": \"a.B.c\", \"mode\": \"warp\", \"primaryMetric\": {\"score\": 1, \"scoreUnit\": \"s/op\"}}]"},
        };
        for (String[] c : cases) {
            out.reset();
            err.reset();
            Path f = Files.writeString(dir.resolve(c[0]), c[1]);
            assertEquals(2, run(f.toString(), "-o", dir.resolve("o").toString()), c[0]);
            String e = err().replace("\r", "");
            assertTrue(e.startsWith("poolbench report: " + f + ": "), e);
            assertEquals(1, e.split("\n").length, e);
            assertFalse(e.contains("Exception"), e);
        }
    }

    @Test
    void anOutputThatIsAFileIsNamed() throws IOException {
        Path blocker = Files.writeString(dir.resolve("blocker"), "x");
        assertEquals(2, run(Fixtures.path("stranger-sweep.json").toString(), "-o", blocker.toString()));
        assertEquals("poolbench report: " + blocker.toAbsolutePath() + " is a file, not a folder; give -o a folder for the report\n",
                err().replace("\r", ""));
        assertEquals("x", Files.readString(blocker));
    }

    @Test
    void somebodyElsesIndexPageIsNeverOverwritten() throws IOException {
        Path site = Files.createDirectories(dir.resolve("site"));
        Path index = Files.writeString(site.resolve("index.html"), "<html>my own page</html>");
        assertEquals(2, run(Fixtures.path("stranger-sweep.json").toString(), "-o", site.toString()));
        assertEquals("poolbench report: " + site.toAbsolutePath() + " holds files that are not from a poolbench report"
                + " (index.html); nothing was written: give -o a new or empty folder\n", err().replace("\r", ""));
        assertEquals("<html>my own page</html>", Files.readString(index));
        try (var listing = Files.list(site)) {
            assertEquals(1, listing.count(), "nothing else was written");
        }
    }

    @Test
    void somebodyElsesDataDirectoryIsNeverReplaced() throws IOException {
        Path site = Files.createDirectories(dir.resolve("site"));
        Path mine = Files.writeString(Files.createDirectories(site.resolve("data")).resolve("precious.csv"), "1,2");
        assertEquals(2, run(Fixtures.path("stranger-sweep.json").toString(), "-o", site.toString()));
        assertTrue(err().contains("site holds files that are not from a poolbench report (data); nothing was written"), err());
        assertEquals("1,2", Files.readString(mine));
    }

    @Test
    void aReportIsReplacedByTheNextOne() throws IOException {
        Path o = dir.resolve("o");
        assertEquals(0, run(Fixtures.path("stranger-sweep.json").toString(), "-o", o.toString()));
        assertEquals(0, run(Fixtures.path("increment-avgt.json").toString(), "-o", o.toString()));
        assertTrue(Files.readString(o.resolve("index.html")).contains("increment-avgt.json"));
    }

    @Test
    void aBadEnvironmentRecordIsAWarningAndTheReportIsStillWritten() throws IOException {
        Path run = Files.createDirectories(dir.resolve("run"));
        Files.copy(Fixtures.path("stranger-sweep.json"), run.resolve("jmh.json"));
        Files.writeString(run.resolve("env.json"), "[1, 2");
        assertEquals(0, run(run.resolve("jmh.json").toString()));
        assertEquals("poolbench report: warning: " + run.resolve("env.json") + ": ends in the middle of the JSON at line 1,"
                + " column 6; jmh.json is read without an environment record\n", err().replace("\r", ""));
    }
}
