package io.github.poolbench.report.compare;

import io.github.poolbench.report.CompareCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line end to end over the JMH-shaped files in src/test/resources/compare. */
class CompareCliTest {
    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    static String fixture(String name) {
        try {
            return Path.of(CompareCliTest.class.getResource("/compare/" + name).toURI()).toString();
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalArgumentException("no fixture " + name, e);
        }
    }

    private int run(String... args) {
        return CompareCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** Exit 2 with exactly one line on stderr, nothing on stdout. */
    private void assertBadInput(int rc, String expectedLine) {
        assertEquals(2, rc, err());
        assertEquals(expectedLine + "\n", err().replace(System.lineSeparator(), "\n"));
        assertEquals("", out());
    }

    @Test
    void theSameMeasurementsAgainPassWithExitZero() {
        assertEquals(0, run(fixture("base.json"), fixture("same.json")), err());
        assertTrue(out().contains("result: 3 within ±20%; exit 0"), out());
        assertEquals("", err());
    }

    @Test
    void aTwiceAsSlowRowFailsWithExitOneAndTheTerminalMarkdownAndHtmlSayTheSame() throws Exception {
        Path md = tmp.resolve("summary.md");
        Path dir = tmp.resolve("out");
        int rc = run(fixture("base.json"), fixture("slower.json"), "--markdown", md.toString(), "-o", dir.toString());
        assertEquals(1, rc, err());
        assertTrue(out().contains("SLOWER       IncrementBenchmark.map  avgt  strategy=THREAD_PER_TASK"), out());
        String markdown = Files.readString(md);
        assertTrue(markdown.startsWith("### poolbench performance comparison: ❌ 1 row slower"), markdown);
        assertEquals(markdown, Files.readString(dir.resolve("compare.md")));
        String result = "result: 1 slower, 2 within ±20%; exit 1";
        assertTrue(Files.readString(dir.resolve("compare.txt")).contains(result));
        assertTrue(markdown.contains("Result: 1 slower\\, 2 within ±20\\%\\; exit 1"), markdown);
        String verdict = Files.readString(dir.resolve("verdict.html"));
        assertTrue(verdict.contains("<strong>Result:</strong> 1 slower, 2 within ±20%; exit 1"), verdict);
        assertTrue(verdict.contains("+95.7% … +105.4%"), verdict);
        assertTrue(markdown.contains("\\+95\\.7\\% … \\+105\\.4\\%"), markdown);
        assertTrue(out().contains("+95.7% … +105.4%"), out());
        String page = Files.readString(dir.resolve("index.html"));
        assertTrue(page.contains("baseline") && page.contains("current"), "the page shows both runs by their role");
        assertTrue(out().contains("compare: " + dir.resolve("compare.md")), out());
    }

    @Test
    void aMissingBaselineRowFailsUnlessAllowed() {
        assertEquals(1, run(fixture("base.json"), fixture("partial.json")));
        assertTrue(out().contains("missing from the current run (a failure; --allow-missing accepts it):"), out());
        out.reset();
        assertEquals(0, run(fixture("base.json"), fixture("partial.json"), "--allow-missing"));
    }

    @Test
    void anotherMachineIsNotComparableWithExitThreeUnlessForced() {
        assertEquals(3, run(fixture("base.json"), fixture("other-machine.json")));
        assertTrue(out().contains("NOT COMPARABLE: cores 2 (baseline) vs 4 (current); JDK major version 17 (baseline)"
                + " vs 21 (current)"), out());
        out.reset();
        assertEquals(0, run(fixture("base.json"), fixture("other-machine.json"), "--force"));
    }

    @Test
    void aStricterThresholdAndAlphaAreAccepted() {
        assertEquals(1, run(fixture("base.json"), fixture("slower.json"), "--threshold", "50%", "--alpha", "0.001"));
        assertTrue(out().contains("the whole interval lies inside ±50%"), out());
        assertTrue(out().contains("hold together at 99.9%"), out());
    }

    @Test
    void theEnvKeyNamesTheBaselineFile() {
        assertEquals(0, run("--env-key", fixture("base.json")));
        assertEquals("linux-amd64-2cpu-jdk17\n", out().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void aFileWithoutEnvironmentRecordHasNoEnvKey() throws Exception {
        Path lone = tmp.resolve("lone.json");
        Files.copy(Path.of(fixture("base.json")), lone);
        // The JDK still comes from JMH's rows, but OS, arch and cores are unknown.
        assertBadInput(run("--env-key", lone.toString()), "poolbench compare: " + lone + ": its environment record ("
                + tmp.resolve("lone.env.json") + ") does not name OS, CPU architecture, cores and JDK major"
                + " (found: ? ?, ? cores, JDK 17)");
    }

    @Test
    void aCurrentFileWithoutEnvironmentRecordIsRefusedUnlessForced() throws Exception {
        Path lone = tmp.resolve("lone.json");
        Files.copy(Path.of(fixture("same.json")), lone);
        assertEquals(3, run(fixture("base.json"), lone.toString()));
        assertTrue(out().contains("NOT COMPARABLE: " + lone + " has no environment record (env.json beside it): the"
                + " machines cannot be compared"), out());
        out.reset();
        assertEquals(0, run(fixture("base.json"), lone.toString(), "--force"));
        assertTrue(out().contains("compared anyway because of --force"), out());
    }

    @Test
    void aTruncatedFileIsBadInputInOneLine() {
        int rc = run(fixture("base.json"), fixture("malformed.json"));
        assertEquals(2, rc);
        String e = err();
        assertTrue(e.startsWith("poolbench compare: " + fixture("malformed.json") + ": "), e);
        assertEquals(1, e.lines().count(), e);
        assertEquals("", out());
    }

    @Test
    void aMissingFileIsBadInputInOneLine() {
        String nope = tmp.resolve("nope.json").toString();
        assertBadInput(run(fixture("base.json"), nope), "poolbench compare: " + nope + ": no such file");
    }

    @Test
    void badInputWritesNothing() {
        Path md = tmp.resolve("summary.md");
        assertEquals(2, run(fixture("base.json"), fixture("malformed.json"), "--markdown", md.toString()));
        assertFalse(Files.exists(md));
    }

    @Test
    void usageMistakesAreBadInputInOneLine() {
        assertBadInput(run(), "poolbench compare: needs BASE.json and CURRENT.json, got 0 files (see compare --help)");
        err.reset();
        assertBadInput(run("a.json", "b.json", "--frobnicate"),
                "poolbench compare: unknown option --frobnicate (see compare --help)");
        err.reset();
        assertBadInput(run("a.json", "b.json", "--threshold", "-5%"),
                "poolbench compare: --threshold needs a fraction (0.1) or a percentage (10%), not -5% (see compare --help)");
        err.reset();
        assertBadInput(run("a.json", "b.json", "--threshold", "0%"),
                "poolbench compare: --threshold must be above 0 (e.g. 0.1 or 10%), not 0% (see compare --help)");
        err.reset();
        assertBadInput(run("a.json", "b.json", "--threshold", "lots"),
                "poolbench compare: --threshold needs a fraction (0.1) or a percentage (10%), not lots (see compare --help)");
        err.reset();
        assertBadInput(run("a.json", "b.json", "--threshold", "10"),
                "poolbench compare: --threshold 10 would mean 1000%; write 10% for a percentage, or a fraction such as 0.1"
                        + " (see compare --help)");
        err.reset();
        assertBadInput(run("a.json", "b.json", "--alpha", "1"),
                "poolbench compare: --alpha must be above 0 and at most 0.5 (e.g. 0.05), not 1 (see compare --help)");
        err.reset();
        assertBadInput(run("a.json", "b.json", "--alpha", "0"),
                "poolbench compare: --alpha must be above 0 and at most 0.5 (e.g. 0.05), not 0 (see compare --help)");
        err.reset();
        assertBadInput(run("a.json", "b.json", "--alpha"), "poolbench compare: --alpha needs a value (see compare --help)");
    }

    @Test
    void helpDescribesTheExitCodes() {
        assertEquals(0, run("--help"));
        assertTrue(out().contains("exit codes: 0 every row decided (within or faster), none slower"), out());
        assertTrue(out().contains("4 no row is slower, but at least one cannot tell"), out());
        assertTrue(out().contains("2 bad input or usage, or a row the gate cannot judge"), out());
        assertTrue(out().contains("or the files share no row (nothing was judged)"), out());
        assertTrue(out().contains("--threshold T"), out());
    }

    @Test
    void severalCurrentFilesArePooled() throws Exception {
        List<String> args = new ArrayList<>(List.of(fixture("base.json"), fixture("partial.json")));
        // partial.json has two rows, slower.json has all three: the pooled rows collide.
        args.add(fixture("slower.json"));
        assertEquals(2, run(args.toArray(new String[0])));
        assertTrue(err().contains("more than once (across the current files)"), err());
    }

    @Test
    void mergeJoinsResultFilesAndCopiesTheFirstEnvironmentRecord() throws Exception {
        Path merged = tmp.resolve("run/jmh.json");
        Path rest = tmp.resolve("rest.json");
        // partial.json lacks the THREAD_PER_TASK row; the twice-as-slow one of slower.json fills it in.
        Files.writeString(rest, "[" + extractThreadPerTask(Files.readString(Path.of(fixture("slower.json")))) + "]");
        assertEquals(0, run("--merge", merged.toString(), fixture("partial.json"), rest.toString()), err());
        assertTrue(Files.isRegularFile(tmp.resolve("run/env.json")));
        out.reset();
        assertEquals(1, run(fixture("base.json"), merged.toString()), err());
        assertTrue(out().contains("result: 1 slower, 2 within ±20%; exit 1"), out());
    }

    @Test
    void mergeRefusesARowPresentTwice() {
        Path merged = tmp.resolve("m.json");
        assertBadInput(run("--merge", merged.toString(), fixture("same.json"), fixture("slower.json")),
                "poolbench compare: " + fixture("slower.json") + ": io.github.poolbench.bench.IncrementBenchmark.map avgt"
                        + " chunksize=auto strategy=CALLER_THREAD tasks=1000 workers=5 is already in " + fixture("same.json"));
        assertFalse(Files.exists(merged));
    }

    /** The THREAD_PER_TASK result object of a fixture, as JSON text. */
    private static String extractThreadPerTask(String json) throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper m = new com.fasterxml.jackson.databind.ObjectMapper();
        for (com.fasterxml.jackson.databind.JsonNode n : m.readTree(json)) {
            if ("THREAD_PER_TASK".equals(n.path("params").path("strategy").asText())) {
                return m.writeValueAsString(n);
            }
        }
        throw new AssertionError("no THREAD_PER_TASK row");
    }
}
