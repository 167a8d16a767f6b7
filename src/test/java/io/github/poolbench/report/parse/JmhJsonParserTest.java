package io.github.poolbench.report.parse;

import io.github.poolbench.report.Fixtures;
import io.github.poolbench.report.model.BenchmarkResult;
import io.github.poolbench.report.model.Metric;
import io.github.poolbench.report.model.ResultFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JmhJsonParserTest {
    @TempDir
    Path dir;

    @Test
    void anAverageTimeRunOfOurSuiteReadsEveryRowWithItsParamsAndEnvironment() throws Exception {
        ResultFile file = JmhJsonParser.parse(Fixtures.path("increment-avgt.json"));

        assertEquals("increment-avgt.json", file.label());
        assertEquals(8, file.results().size());
        BenchmarkResult first = file.results().get(0);
        assertEquals("io.github.poolbench.bench.IncrementBenchmark.map", first.benchmark());
        assertEquals("IncrementBenchmark", first.simpleClassName());
        assertEquals("map", first.method());
        assertEquals("avgt", first.mode());
        assertEquals("CALLER_THREAD", first.param("strategy"));
        assertEquals(List.of("chunksize", "strategy", "tasks", "workers"), new ArrayList<>(first.params().keySet()));
        assertEquals("us/op", first.primary().unit());
        assertEquals(2, first.primary().samples().size());
        assertEquals("1.37", first.run().jmhVersion());
        assertEquals("17.0.15", first.run().jdkVersion());
        assertEquals(1, first.run().forks());
        assertEquals(2, first.run().measurementIterations());
        assertEquals("100 ms", first.run().measurementTime());
        assertEquals(2, ((Number) file.env().get("cores")).intValue());
    }

    @Test
    void theScoreIsTheMeanOfTheRawIterationsForAverageTime() throws Exception {
        Metric m = JmhJsonParser.parse(Fixtures.path("increment-avgt.json")).results().get(0).primary();
        double mean = m.samples().stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        assertEquals(m.score(), mean, 1e-9 * m.score());
    }

    @Test
    void gcProfilerSecondaryMetricsAreKeptByName() throws Exception {
        BenchmarkResult r = JmhJsonParser.parse(Fixtures.path("increment-avgt-gc.json")).results().get(0);
        assertTrue(r.secondary().containsKey("gc.alloc.rate.norm"), r.secondary().keySet().toString());
        Metric norm = r.secondary().get("gc.alloc.rate.norm");
        assertEquals("B/op", norm.unit());
        assertEquals(2, norm.samples().size());
        assertTrue(Double.isNaN(norm.scoreError()), "one fork of two iterations has no error");
    }

    @Test
    void sampleModeTakesOneSamplePerIterationFromTheHistogram() throws Exception {
        BenchmarkResult r = JmhJsonParser.parse(Fixtures.path("increment-sample.json")).results().get(0);
        assertEquals("sample", r.mode());
        assertEquals(2, r.primary().samples().size());
        assertTrue(r.primary().samples().stream().allMatch(v -> v > 0));
        assertTrue(r.secondary().containsKey("p0.99"));
    }

    @Test
    void throughputAndSingleShotRunsAreRead() throws Exception {
        BenchmarkResult thrpt = JmhJsonParser.parse(Fixtures.path("increment-thrpt.json")).results().get(0);
        assertEquals("thrpt", thrpt.mode());
        assertEquals("ops/us", thrpt.primary().unit());
        BenchmarkResult ss = JmhJsonParser.parse(Fixtures.path("increment-ss.json")).results().get(0);
        assertEquals("ss", ss.mode());
        assertEquals(6, ss.primary().samples().size(), "2 forks x 3 iterations");
        assertFalse(Double.isNaN(ss.primary().scoreError()));
    }

    @Test
    void nanAndInfinityStringsBecomeDoubles() throws Exception {
        ResultFile file = JmhJsonParser.parse(Fixtures.path("odd-values.json"));
        Metric alloc = file.results().get(0).secondary().get("·gc.alloc.rate");
        assertEquals(Double.POSITIVE_INFINITY, alloc.score());
        assertEquals(Double.NEGATIVE_INFINITY, alloc.scoreError());
        assertEquals(Double.POSITIVE_INFINITY, alloc.samples().get(0));
        assertTrue(Double.isNaN(alloc.samples().get(1)));
        assertTrue(Double.isNaN(file.results().get(1).primary().score()));
        assertEquals(Double.NEGATIVE_INFINITY, file.results().get(2).primary().score());
    }

    @Test
    void paramsWithQuotesBracketsBracesAndMarkupKeepTheirExactText() throws Exception {
        BenchmarkResult r = JmhJsonParser.parse(Fixtures.path("odd-values.json")).results().get(0);
        assertEquals("<script>alert(1)</script>", r.param("payload"));
        assertEquals("{\"a\": [1, 2]}", r.param("json"));
        assertEquals("[x, y]; z", r.param("list"));
        assertEquals("C:\\temp\\a&b", r.param("path"));
        assertEquals(List.of("-Xmx1g", "-Dname=\"quoted\""), r.run().jvmArgs());
    }

    @Test
    void missingOptionalFieldsLeaveEmptyOrNullValues() throws Exception {
        BenchmarkResult minimal = JmhJsonParser.parse(Fixtures.path("odd-values.json")).results().get(2);
        assertTrue(minimal.params().isEmpty());
        assertTrue(minimal.secondary().isEmpty());
        assertTrue(minimal.primary().samples().isEmpty());
        assertTrue(Double.isNaN(minimal.primary().scoreError()));
        assertNull(minimal.run().jmhVersion());
        assertNull(minimal.run().jvm());
        assertTrue(minimal.run().jvmArgs().isEmpty());
        assertEquals(0, minimal.run().forks());
    }

    @Test
    void jmh118OutputWithItsTidiedParamValuesIsRead() throws Exception {
        ResultFile file = JmhJsonParser.parse(Fixtures.path("legacy-jmh-1.18.json"));
        assertEquals(3, file.results().size());
        BenchmarkResult add = file.results().get(0);
        assertEquals("10,100", add.param("sizes"), "1.18 put a newline after the comma inside the value");
        assertNull(add.run().jmhVersion());
        assertNull(add.run().jdkVersion());
        assertEquals(4, add.primary().samples().size());
        BenchmarkResult get = file.results().get(2);
        assertEquals("sample", get.mode());
        assertEquals(List.of(0.05, 0.05, 0.05, 0.05), get.primary().samples().stream()
                .map(v -> Math.round(v * 1e6) / 1e6).toList());
        assertTrue(file.env().isEmpty());
    }

    @Test
    void longModeNamesAreAcceptedAsTheirShortLabels() throws Exception {
        Path f = write("long-mode.json", "[{\"benchmark\":\"a.B.c\",\"mode\":\"AverageTime\","
                + "\"primaryMetric\":{\"score\":1.0,\"scoreUnit\":\"ns/op\"}}]");
        assertEquals("avgt", JmhJsonParser.parse(f).results().get(0).mode());
    }

    @Test
    void aBadEnvironmentFileIsAWarningNotAFailure() throws Exception {
        Path f = write("jmh.json", "[{\"benchmark\":\"a.B.c\",\"mode\":\"avgt\","
                + "\"primaryMetric\":{\"score\":1.0,\"scoreUnit\":\"ns/op\"}}]");
        write("env.json", "{ this is not json");
        List<String> warnings = new ArrayList<>();
        ResultFile file = JmhJsonParser.parse(f, warnings::add);
        assertTrue(file.env().isEmpty());
        assertEquals(1, warnings.size());
        assertEquals(dir.resolve("env.json") + ": not valid JSON at line 1, column 3 (unexpected character 't');"
                + " jmh.json is read without an environment record", warnings.get(0));
    }

    // ---- bad input: one line naming the file and the problem

    @Test
    void aMissingFileIsNamed() {
        Path f = dir.resolve("nope.json");
        assertEquals(f + ": no such file", failure(f));
    }

    @Test
    void anEmptyFileIsNamed() throws IOException {
        Path f = write("empty.json", "");
        assertEquals(f + ": is empty (a run that stopped before writing its results?)", failure(f));
    }

    @Test
    void aDirectoryIsNotAResultFile() {
        assertEquals(dir + ": is a directory, not a JMH JSON file", failure(dir));
    }

    @Test
    void aTruncatedFileSaysWhereItEnds() throws IOException {
        String whole = Files.readString(Fixtures.path("increment-avgt.json"));
        Path f = write("truncated.json", whole.substring(0, whole.length() / 2));
        String message = failure(f);
        assertTrue(message.startsWith(f + ": ends in the middle of the JSON at line "), message);
        assertTrue(message.endsWith("(truncated? a run that was stopped?)"), message);
    }

    @Test
    void textThatIsNotJsonIsNamed() throws IOException {
        Path f = write("result.csv", "\"Benchmark\",\"Mode\",\"Threads\"\n\"a.B.c\",\"avgt\",1\n");
        String message = failure(f);
        assertTrue(message.startsWith(f + ": not valid JSON at line "), message);
    }

    @Test
    void aJsonObjectIsNotAResultFile() throws IOException {
        Path f = write("package.json", "{\"name\": \"x\"}");
        assertEquals(f + ": not a JMH result file: expected a JSON array of results, found an object", failure(f));
    }

    @Test
    void anEmptyArrayHoldsNoResults() throws IOException {
        Path f = write("none.json", "[\n]\n");
        assertEquals(f + ": holds no benchmark results (an empty array; did every benchmark fail?)", failure(f));
    }

    @Test
    void anArrayOfOtherObjectsIsNotJmh() throws IOException {
        Path f = write("other.json", "[{\"name\": \"x\", \"value\": 3}]");
        assertEquals(f + ": result 1 is not a JMH result: it has no \"benchmark\" field (fields found: name, value)", failure(f));
    }

    @Test
    void aResultWithoutPrimaryMetricIsNamed() throws IOException {
        Path f = write("noprimary.json", "[{\"benchmark\":\"a.B.c\",\"mode\":\"avgt\"}]");
        assertEquals(f + ": result 1 (a.B.c): has no primaryMetric", failure(f));
    }

    @Test
    void anUnknownModeIsNamedWithTheKnownOnes() throws IOException {
        Path f = write("mode.json", "[{\"benchmark\":\"a.B.c\",\"mode\":\"fast\","
                + "\"primaryMetric\":{\"score\":1.0,\"scoreUnit\":\"ns/op\"}}]");
        assertEquals(f + ": result 1 (a.B.c): unknown mode \"fast\"; expected one of thrpt, avgt, sample, ss", failure(f));
    }

    @Test
    void aScoreThatIsNotANumberIsNamed() throws IOException {
        Path f = write("score.json", "[{\"benchmark\":\"a.B.c\",\"mode\":\"avgt\","
                + "\"primaryMetric\":{\"score\":\"fast\",\"scoreUnit\":\"ns/op\"}}]");
        assertEquals(f + ": result 1 (a.B.c): primaryMetric.score is the string \"fast\", not a number", failure(f));
    }

    @Test
    void aPrimaryMetricWithoutUnitIsNamed() throws IOException {
        Path f = write("unit.json", "[{\"benchmark\":\"a.B.c\",\"mode\":\"avgt\",\"primaryMetric\":{\"score\":1}}]");
        assertEquals(f + ": result 1 (a.B.c): primaryMetric has no scoreUnit", failure(f));
    }

    @Test
    void contentAfterTheArrayIsRejected() throws IOException {
        Path f = write("twice.json", "[{\"benchmark\":\"a.B.c\",\"mode\":\"avgt\","
                + "\"primaryMetric\":{\"score\":1.0,\"scoreUnit\":\"ns/op\"}}] []");
        assertTrue(failure(f).startsWith(f + ": not valid JSON at line 1"), failure(f));
    }

    @Test
    void everyFailureMessageIsOneLine() throws IOException {
        for (String content : new String[] {"", "[", "{}", "[]", "[1]", "nonsense\nmore", "[{\"benchmark\":\"a\nb\"}]"}) {
            Path f = write("bad.json", content);
            String message = failure(f);
            assertFalse(message.contains("\n"), message);
            assertTrue(message.startsWith(f.toString()), message);
        }
    }

    private String failure(Path f) {
        return assertThrows(ReportInputException.class, () -> JmhJsonParser.parse(f, w -> { })).getMessage();
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }
}
