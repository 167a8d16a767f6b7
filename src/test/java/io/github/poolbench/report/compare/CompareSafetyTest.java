package io.github.poolbench.report.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.poolbench.report.CompareCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.github.poolbench.report.compare.CompareCliTest.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** compare never destroys a user's file and is never green on data it cannot judge (issue 15). */
class CompareSafetyTest {
    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        return CompareCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }

    /** A copy of a fixture and its env record in the temp folder. */
    private Path copy(String name) throws Exception {
        Path json = tmp.resolve(name);
        Files.copy(Path.of(fixture(name)), json);
        String env = name.replace(".json", ".env.json");
        Files.copy(Path.of(fixture(env)), tmp.resolve(env));
        return json;
    }

    /** A fixture with every score and sample replaced by {@code value}, beside a copy of base's env record. */
    private Path withScores(String name, String value) throws Exception {
        String json = Files.readString(Path.of(fixture("base.json")))
                .replaceAll("(\"score\"\\s*:\\s*)[-0-9.eE]+", "$1" + value)
                .replaceAll("(\"rawData\"\\s*:\\s*)\\[\\[[^]]*]]", "$1[[" + value + ", " + value + "]]");
        Path file = tmp.resolve(name + ".json");
        Files.writeString(file, json);
        Files.copy(Path.of(fixture("base.env.json")), tmp.resolve(name + ".env.json"));
        return file;
    }

    @Test
    void markdownOrARerunPlanNamingAnInputIsRefusedAndTheInputIsUntouched() throws Exception {
        Path base = copy("base.json");
        Path cur = copy("slower.json");
        byte[] before = Files.readAllBytes(cur);
        assertEquals(2, run(base.toString(), cur.toString(), "--markdown", cur.toString()));
        assertEquals("poolbench compare: " + cur + " is an input of this comparison; compare never writes over an input"
                + " (choose another output name)\n", err());
        assertEquals(2, run(base.toString(), cur.toString(), "--markdown", base.toString()));
        assertEquals(2, run(base.toString(), cur.toString(), "--rerun-plan", tmp.resolve("./slower.json").toString()));
        assertEquals(2, run(base.toString(), cur.toString(), "--markdown", tmp.resolve("slower.env.json").toString()));
        assertTrue(err().contains("is an input of this comparison"), err());
        assertEquals(new String(before, StandardCharsets.UTF_8), Files.readString(cur));
    }

    @Test
    void outputIntoAUsersFolderIsRefusedAndTheirFilesStay() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("mine"));
        Files.writeString(dir.resolve("compare.md"), "my notes");
        assertEquals(2, run(fixture("base.json"), fixture("same.json"), "-o", dir.toString()));
        assertEquals("poolbench compare: " + dir.toAbsolutePath() + " holds files that are not from a poolbench report (compare.md);"
                + " nothing was written: give -o a new or empty folder\n", err());
        assertEquals("my notes", Files.readString(dir.resolve("compare.md")));
        assertEquals("", out());
    }

    @Test
    void aFolderCompareWroteEarlierOrAnEmptyOneIsWrittenAgain() throws Exception {
        Path dir = tmp.resolve("out");
        assertEquals(0, run(fixture("base.json"), fixture("same.json"), "-o", dir.toString()), err());
        assertTrue(Files.isRegularFile(dir.resolve(io.github.poolbench.report.OutputFolder.MARKER)));
        assertEquals(1, run(fixture("base.json"), fixture("slower.json"), "-o", dir.toString()), err());
        assertTrue(Files.readString(dir.resolve("compare.txt")).contains("1 slower"));
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertEquals(0, run(fixture("base.json"), fixture("same.json"), "-o", empty.toString()), err());
        assertTrue(Files.isRegularFile(empty.resolve("compare.md")));
    }

    @Test
    void mergeRefusesAnExistingOutputAndLeavesItAsItWas() throws Exception {
        Path existing = Files.writeString(tmp.resolve("existing.json"), "keep me");
        assertEquals(2, run("--merge", existing.toString(), fixture("partial.json")));
        assertEquals("poolbench compare: " + existing + " exists; a merge writes a new file only (remove it or choose"
                + " another name)\n", err());
        assertEquals(2, run("--merge-forks", existing.toString(), fixture("base.json"), fixture("same.json")));
        assertEquals("keep me", Files.readString(existing));
        assertEquals(2, run("--merge", fixture("partial.json"), fixture("partial.json")));
        assertTrue(err().contains("is an input of this comparison"), err());
    }

    /**
     * Exit 2 either way: compare's own check names the rows it cannot judge, or the parser refuses
     * the file first in one line naming it (the parser may validate scores itself).
     */
    private void assertNoPass(int rc, Path file, String rowNote) {
        assertEquals(2, rc, out() + err());
        if (err().isEmpty()) {
            assertTrue(out().contains("rows the gate cannot judge: bad data, no pass); exit 2"), out());
            assertTrue(out().contains(rowNote), out());
        } else {
            assertEquals(1, err().lines().count(), err());
            assertTrue(err().contains(file.toString()), err());
        }
    }

    @Test
    void everyScoreNegativeIsNotAPassButExitTwo() throws Exception {
        Path file = withScores("negative", "-5");
        assertNoPass(run(fixture("base.json"), file.toString()), file,
                "the current score is -5: a time or a rate must be a positive number");
    }

    @Test
    void theMarkdownOfDataTheGateCannotJudgeSaysSoInItsStatusLine() throws Exception {
        Path md = tmp.resolve("s.md");
        Path file = withScores("neg", "-5");
        int rc = run(fixture("base.json"), file.toString(), "--markdown", md.toString());
        assertNoPass(rc, file, "the current score is -5");
        if (err().isEmpty()) {
            assertTrue(Files.readString(md).startsWith("### poolbench performance comparison: ❌ rows the gate cannot"
                    + " judge\n"), Files.readString(md));
        }
    }

    @Test
    void anAaRunNamesFlaggedRowsFalseAlarmsAndExitsZero() {
        assertEquals(0, run(fixture("base.json"), fixture("slower.json"), "--aa"), err());
        assertTrue(out().contains("FALSE ALARM: SLOWER  IncrementBenchmark.map"), out());
        assertTrue(out().contains("A/A: largest |change| 100.5%"), out());
    }

    @Test
    void everyScoreZeroIsNotAnImprovementButExitTwo() throws Exception {
        Path file = withScores("zero", "0");
        assertNoPass(run(fixture("base.json"), file.toString()), file,
                "the current score is 0: a time or a rate must be a positive number");
        assertFalse(out().contains("improvement"), out());
    }

    @Test
    void nanAndInfiniteScoresAreExitTwo() throws Exception {
        Path nan = withScores("nan", "\"NaN\"");
        assertNoPass(run(fixture("base.json"), nan.toString()), nan, "the current score is NaN");
        Path inf = withScores("inf", "\"Infinity\"");
        assertNoPass(run(fixture("base.json"), inf.toString()), inf, "the current score is Infinity");
    }

    @Test
    void anUnknownUnitIsExitTwo() throws Exception {
        String json = Files.readString(Path.of(fixture("same.json"))).replace("us/op", "furlongs");
        Path file = Files.writeString(tmp.resolve("odd.json"), json);
        Files.copy(Path.of(fixture("same.env.json")), tmp.resolve("odd.env.json"));
        int rc = run(fixture("base.json"), file.toString());
        if (rc != 2 || !out().contains("unit furlongs is not a JMH time unit")) {
            // The parser may refuse the unit itself: that is exit 2 in one line as well.
            assertEquals(2, rc, out() + err());
            assertEquals(1, err().lines().count(), err());
        }
    }

    @Test
    void noRowInCommonIsNotComparableWithOrWithoutAllowMissing() throws Exception {
        String json = Files.readString(Path.of(fixture("same.json"))).replace("IncrementBenchmark.map", "OtherBenchmark.run");
        Path file = Files.writeString(tmp.resolve("other.json"), json);
        Files.copy(Path.of(fixture("same.env.json")), tmp.resolve("other.env.json"));
        assertEquals(3, run(fixture("base.json"), file.toString()));
        assertTrue(out().contains("not comparable: no benchmark row in common"), out());
        assertEquals(3, run(fixture("base.json"), file.toString(), "--allow-missing"));
    }

    @Test
    void aThresholdTooLargeForANumberSaysSoInPlainWords() {
        assertEquals(2, run("a.json", "b.json", "--threshold", "1e309"));
        assertEquals("poolbench compare: --threshold 1e309 is too large: the change that matters is a fraction such as"
                + " 0.1 or 10% (see compare --help)\n", err());
        err.reset();
        assertEquals(2, run("a.json", "b.json", "--alpha", "1e999"));
        assertTrue(err().contains("--alpha must be above 0 and at most 0.5 (e.g. 0.05), not 1e999"), err());
    }

    @Test
    void aWriteFailureIsOneLineWithoutJavaExceptionNames() throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        assertEquals(2, run(fixture("base.json"), fixture("same.json"), "--markdown", file.resolve("s.md").toString()));
        assertEquals(1, err().lines().count(), err());
        assertEquals("poolbench compare: cannot write " + file.resolve("s.md") + " (" + file + " is a file, not a folder)\n",
                err());
        assertFalse(err().contains("Exception"), err());
    }

    @Test
    void markdownShowsLinksImagesAndHtmlInBenchmarkNamesAsTextNeverAsMarkup() throws Exception {
        String evil = "x.Bench.map![t](https://e.example/i.png)[c](https://e.example)<img src=https://e.example/j.png>"
                + "\u202Ewww.e.example";
        String json = Files.readString(Path.of(fixture("same.json"))).replace("io.github.poolbench.bench.IncrementBenchmark.map",
                evil.replace("\"", "\\\"").replace("\u202E", "\\u202E"));
        Path base = Files.writeString(tmp.resolve("b.json"), json);
        Files.copy(Path.of(fixture("same.env.json")), tmp.resolve("b.env.json"));
        Path md = tmp.resolve("s.md");
        int rc = run(base.toString(), base.toString().replace("b.json", "./b.json"), "--markdown", md.toString());
        if (rc == 2 && err().contains(base.toString())) {
            return; // the parser refused the name: nothing reaches a summary at all
        }
        assertEquals(0, rc, out() + err());
        String text = Files.readString(md);
        // What Markdown still reads as markup: every character not behind a backslash.
        StringBuilder live = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\\') {
                i++;
            } else {
                live.append(text.charAt(i));
            }
        }
        assertTrue(text.contains("\\!\\[t\\]\\(https\\:\\/\\/e\\.example"), text);
        assertFalse(live.toString().contains("["), live.toString());
        assertFalse(live.toString().contains("<"), live.toString());
        assertFalse(live.toString().contains("!"), live.toString());
        assertFalse(text.contains("://"), text);
        assertFalse(text.contains("www."), text);
        assertFalse(text.contains("\u202E"), text);
        assertTrue(text.contains("\\<U\\+202E\\>"), text);
        assertFalse(out().contains("\u202E"), "the terminal shows bidi overrides visibly");
    }

    @Test
    void mergeForksJoinsTheForksOfEachRowAndRecomputesTheScore() throws Exception {
        Path merged = tmp.resolve("m/head.json");
        assertEquals(0, run("--merge-forks", merged.toString(), fixture("base.json"), fixture("same.json"),
                fixture("base.json")), err());
        JsonNode rows = new ObjectMapper().readTree(merged.toFile());
        assertEquals(3, rows.size());
        JsonNode m = rows.get(0).get("primaryMetric");
        assertEquals(3, m.get("rawData").size());
        assertEquals(3, rows.get(0).get("forks").asInt());
        // JMH's own statistics over every iteration of every fork: what JMH writes for -f 3.
        org.openjdk.jmh.util.ListStatistics jmh = new org.openjdk.jmh.util.ListStatistics();
        for (JsonNode fork : m.get("rawData")) {
            for (JsonNode v : fork) {
                jmh.addValue(v.asDouble());
            }
        }
        assertEquals(jmh.getMean(), m.get("score").asDouble(), 1e-9);
        assertEquals(jmh.getMeanErrorAt(0.999), m.get("scoreError").asDouble(), 1e-9);
        assertEquals(jmh.getPercentile(50), m.get("scorePercentiles").get("50.0").asDouble(), 1e-9);
        assertTrue(Files.isRegularFile(tmp.resolve("m/head.env.json")), "the first input's env record is copied");
        // Three forks a side: compare now judges forks, not iterations.
        Path again = tmp.resolve("m/base.json");
        assertEquals(0, run("--merge-forks", again.toString(), fixture("same.json"), fixture("base.json"),
                fixture("same.json")), err());
        assertEquals(0, run(again.toString(), merged.toString()), err());
        assertTrue(out().contains("3 forks a side"), out());
    }
}
