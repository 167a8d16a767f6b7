package io.github.poolbench.scripts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.poolbench.report.model.BenchmarkResult;
import io.github.poolbench.report.model.ResultFile;
import io.github.poolbench.report.parse.JmhJsonParser;
import io.github.poolbench.report.parse.ReportInputException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.apache.commons.math3.distribution.TDistribution;
import org.openjdk.jmh.util.ListStatistics;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * scripts/python-reference.sh and the script behind it: a tiny real run (every start method the
 * platform offers, 10 tasks, 2 runs a row, 1 ms sleeps) checked for JMH's shape and JMH's own
 * statistics, and the wrapper's one-line refusals. The real run is skipped, with the reason, when
 * no python3 (3.8+) is found; the wrapper's refusals need only bash.
 */
class PythonReferenceTest {
    private static final Path WRAPPER = Paths.get("scripts", "python-reference.sh").toAbsolutePath();
    private static final Path SAMPLE = Paths.get("src", "test", "resources", "python", "python-quick.json");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Every field JMH 1.37 writes for a result entry. */
    private static final List<String> JMH_FIELDS = List.of("jmhVersion", "benchmark", "mode", "threads", "forks", "jvm",
            "jvmArgs", "jdkVersion", "vmName", "vmVersion", "warmupIterations", "warmupTime", "warmupBatchSize",
            "measurementIterations", "measurementTime", "measurementBatchSize", "params", "primaryMetric",
            "secondaryMetrics");
    private static final List<String> METRIC_FIELDS = List.of("score", "scoreError", "scoreConfidence",
            "scorePercentiles", "scoreUnit", "rawData");

    @TempDir
    static Path runDir;
    private static Path resultFile;
    private static Run quickRun;
    private static String noPython;
    /** The interpreter the wrapper would pick, when there is one. */
    private static String python;

    @BeforeAll
    static void runTheScriptOnceWithTinyCounts() throws Exception {
        noPython = whyNoPython();
        if (noPython != null) {
            return;
        }
        resultFile = runDir.resolve("python.json");
        quickRun = run(Map.of(), "--quick", "--tasks", "10", "--repeat", "2", "--sleep-ms", "1",
                "-o", resultFile.toString());
    }

    private static void assumePython() {
        assumeTrue(noPython == null, () -> "no Python 3.8+ to run scripts/python-reference.py: " + noPython);
    }

    @Test
    void aQuickRunSucceedsAndNamesItsFiles() {
        assumePython();
        assertEquals(0, quickRun.exitCode, quickRun::describe);
        assertTrue(quickRun.stdout.contains("results in " + resultFile), quickRun::describe);
        assertTrue(quickRun.stdout.contains("gap, fork: process per task"), quickRun::describe);
        assertTrue(quickRun.stderr.contains("IncrementBenchmark.map strategy=PROCESS_PER_TASK"),
                "progress goes to stderr: " + quickRun.describe());
    }

    @Test
    void everyEntryHasJmhsFieldsAndAMeasuredScore() throws IOException {
        assumePython();
        assertJmhShaped(resultFile);
    }

    /** The committed sample (a --quick run) is read by report tests that must not need Python. */
    @Test
    void theCommittedSampleIsJmhShapedToo() throws IOException {
        assertJmhShaped(SAMPLE);
        assertStatisticsAgreeWithJmh(SAMPLE);
        assertTrue(Files.exists(SAMPLE.resolveSibling("python-quick.env.json")), "the sample's env record");
    }

    @Test
    void theDocumentsExamplesRunUnderEveryStartMethodTheEnvRecordLists() throws IOException {
        assumePython();
        JsonNode env = JSON.readTree(runDir.resolve("python.env.json").toFile());
        for (String key : List.of("recordedAt", "osName", "osVersion", "osArch", "cpuModel", "cores", "memoryBytes",
                "hostname", "commandLine", "pythonVersion", "startMethods")) {
            assertTrue(env.has(key), "env record lacks " + key + ": " + env);
        }
        Set<String> methods = new TreeSet<>();
        env.get("startMethods").forEach(m -> methods.add(m.asText()));
        assertFalse(methods.isEmpty(), env.toString());

        Set<String> seen = new HashSet<>();
        for (JsonNode e : JSON.readTree(resultFile.toFile())) {
            JsonNode p = e.get("params");
            seen.add(simpleName(e.get("benchmark").asText()) + " " + p.get("strategy").asText() + " "
                    + p.get("start_method").asText());
        }
        for (String m : methods) {
            for (String row : List.of("IncrementBenchmark.map FIXED_PROCESS_POOL", "IncrementBenchmark.map PROCESS_PER_TASK",
                    "ApplyBenchmark.apply FIXED_PROCESS_POOL", "ApplyBenchmark.applyAsync FIXED_PROCESS_POOL",
                    "ApplyBenchmark.applyAsyncCallback FIXED_PROCESS_POOL",
                    "CallbackBenchmark.applyAsyncCallback FIXED_PROCESS_POOL")) {
                assertTrue(seen.contains(row + " " + m), "missing " + row + " under " + m + "; have " + seen);
            }
        }
    }

    @Test
    void paramsMatchTheJavaSuitesNames() throws IOException {
        assumePython();
        for (JsonNode e : JSON.readTree(resultFile.toFile())) {
            String name = simpleName(e.get("benchmark").asText());
            Set<String> keys = new TreeSet<>();
            e.get("params").fieldNames().forEachRemaining(keys::add);
            Set<String> expected = name.startsWith("IncrementBenchmark")
                    ? Set.of("chunksize", "start_method", "strategy", "tasks", "workers")
                    : name.startsWith("ApplyBenchmark")
                    ? Set.of("sleepMillis", "start_method", "strategy", "tasks", "workers")
                    : Set.of("start_method", "strategy", "tasks", "workers");
            assertEquals(new TreeSet<>(expected), keys, name);
            if (name.startsWith("IncrementBenchmark")) {
                assertEquals("10", e.get("params").get("tasks").asText());
                assertEquals("5", e.get("params").get("workers").asText());
            } else if (name.startsWith("ApplyBenchmark")) {
                assertEquals("3", e.get("params").get("workers").asText());
                assertEquals("1", e.get("params").get("sleepMillis").asText());
            }
        }
    }

    /** score, scoreError (99.9%, Student's t) and percentiles are what JMH itself computes from rawData. */
    @Test
    void statisticsAgreeWithJmhsOwnFromTheSameSamples() throws IOException {
        assumePython();
        assertStatisticsAgreeWithJmh(resultFile);
    }

    /** The standard library has no t distribution; the script's own quantile must match commons-math's. */
    @Test
    void theScriptsStudentTQuantileMatchesCommonsMath() throws Exception {
        assumePython();
        int[] dofs = {1, 2, 3, 4, 5, 7, 9, 10, 19, 29, 30, 49, 99, 200, 1000, 5000};
        StringBuilder code = new StringBuilder("import sys; sys.path.insert(0, 'scripts'); import python_reference_lib as L\n");
        for (int dof : dofs) {
            code.append("print(repr(L.t_quantile(0.999, ").append(dof).append(")))\n");
        }
        Process p = new ProcessBuilder(python, "-B", "-c", code.toString()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "python did not finish");
        assertEquals(0, p.exitValue(), out);
        List<String> lines = out.lines().collect(java.util.stream.Collectors.toList());
        assertEquals(dofs.length, lines.size(), out);
        for (int i = 0; i < dofs.length; i++) {
            double expected = new TDistribution(dofs[i]).inverseCumulativeProbability(1 - 0.001 / 2);
            double actual = Double.parseDouble(lines.get(i));
            assertEquals(expected, actual, 1e-6 * expected, "t quantile at " + dofs[i] + " degrees of freedom");
        }
    }

    @Test
    void noProcessOfTheRunOutlivesIt() {
        assumePython();
        // Fork children carry the parent's command line, which holds this run's unique output path.
        List<String> left = new ArrayList<>();
        ProcessHandle.allProcesses().forEach(ph -> ph.info().commandLine()
                .filter(c -> c.contains(resultFile.toString())).ifPresent(left::add));
        assertTrue(left.isEmpty(), "still running: " + left);
    }

    /** Activates once the report's parser is built: until then it says so and is skipped. */
    @Test
    void theSuitesParserReadsTheFileAndTheEnvRecordBesideIt() throws IOException {
        List<Path> files = new ArrayList<>(List.of(SAMPLE));
        if (noPython == null) {
            files.add(resultFile);
        }
        for (Path file : files) {
            ResultFile parsed;
            try {
                parsed = JmhJsonParser.parse(file);
            } catch (ReportInputException e) {
                throw new AssertionError("the parser refused " + file + ": " + e.getMessage(), e);
            }
            assertEquals(JSON.readTree(file.toFile()).size(), parsed.results().size(), file.toString());
            for (BenchmarkResult r : parsed.results()) {
                assertTrue(List.of("IncrementBenchmark", "ApplyBenchmark", "CallbackBenchmark")
                        .contains(r.simpleClassName()), r.benchmark());
                assertTrue(r.param("start_method") != null, r.benchmark());
                assertEquals("ms/op", r.primary().unit(), r.benchmark());
            }
            assertTrue(parsed.env().containsKey("pythonVersion"), file + ": " + parsed.env());
        }
    }

    @Test
    void aBadOptionGetsOneLineAndExitCode2() throws Exception {
        assumePython();
        Run r = run(Map.of(), "--repeat", "0");
        assertEquals(2, r.exitCode, r::describe);
        assertEquals(List.of("python-reference: argument --repeat: must be at least 1, got 0 (see --help)"),
                r.stderrLines(), r::describe);
    }

    @Test
    void aStartMethodThePlatformLacksIsRefusedByName() throws Exception {
        assumePython();
        Run r = run(Map.of(), "--start-methods", "fork,threads");
        assertEquals(2, r.exitCode, r::describe);
        assertEquals(1, r.stderrLines().size(), r::describe);
        assertTrue(r.stderr.startsWith("python-reference: --start-methods: threads not offered here (available: "),
                r::describe);
    }

    @Test
    void anUnwritableOutputIsRefusedBeforeAnythingIsMeasured(@TempDir Path dir) throws Exception {
        assumePython();
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        Run r = run(Map.of(), "-o", file.resolve("python.json").toString());
        assertEquals(2, r.exitCode, r::describe);
        assertEquals(1, r.stderrLines().size(), r::describe);
        assertTrue(r.stderr.startsWith("python-reference: cannot write results to " + file.resolve("python.json")),
                r::describe);
    }

    @Test
    void aTargetThatIsNoNewOrRegularFileIsRefusedUpFrontAndLeftAsItWas(@TempDir Path dir) throws Exception {
        assumePython();
        Path mine = Files.writeString(dir.resolve("mine.json"), "my own file\n");
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), mine);
        Path folder = Files.createDirectory(dir.resolve("folder.json"));
        Path fifo = dir.resolve("fifo.json");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        Map<String, String> expected = Map.of(
                "", "-o '': the file name is empty",
                link.toString(), "it is a symbolic link",
                folder.toString(), "it is a folder",
                fifo.toString(), "it is not a regular file");
        for (Map.Entry<String, String> c : expected.entrySet()) {
            Run r = run(Map.of(), "--quick", "-o", c.getKey());
            assertEquals(2, r.exitCode, r::describe);
            assertEquals(1, r.stderrLines().size(), r::describe);
            assertTrue(r.stderr.contains(c.getValue()), r::describe);
        }
        assertTrue(Files.isSymbolicLink(link), "the link is still a link");
        assertEquals("my own file\n", Files.readString(mine));
        assertTrue(Files.isDirectory(folder) && Files.list(folder).findAny().isEmpty());
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(Set.of("mine.json", "link.json", "folder.json", "fifo.json"),
                    left.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet()),
                    "nothing written beside them");
        }
    }

    @Test
    void theHeadlineModeMeasuresSectionTwoWithTheReusedPoolAsTheScore(@TempDir Path dir) throws Exception {
        assumePython();
        Path out = dir.resolve("h.json");
        Run r = run(Map.of(), "--headline", "--start-methods", "fork", "--tasks", "10", "--repeat", "3",
                "--per-task-budget", "0", "-o", out.toString());
        assertEquals(0, r.exitCode, r::describe);
        JsonNode rows = JSON.readTree(out.toFile());
        assertEquals(2, rows.size(), rows.toString());
        Set<String> strategies = new TreeSet<>();
        for (JsonNode e : rows) {
            assertEquals("python.IncrementBenchmark.map", e.get("benchmark").asText());
            assertEquals("auto", e.get("params").get("chunksize").asText());
            strategies.add(e.get("params").get("strategy").asText());
            if (e.get("params").get("strategy").asText().equals("FIXED_PROCESS_POOL")) {
                assertEquals(3, e.get("primaryMetric").get("rawData").get(0).size(), "3 maps of the reused pool");
                assertEquals(0, e.get("secondaryMetrics").size(), "no timer of the document's own: " + e);
            } else {
                assertEquals(2, e.get("primaryMetric").get("rawData").get(0).size(), "2 runs of a Process per task");
            }
        }
        assertEquals(Set.of("FIXED_PROCESS_POOL", "PROCESS_PER_TASK"), strategies);
    }

    /** Ctrl-C reaches the whole process group, as from a terminal: one line, exit 130, no folder, no traceback. */
    @Test
    void ctrlCLeavesNoRunFolderAndNoTraceback(@TempDir Path cwd) throws Exception {
        assumePython();
        Path err = cwd.getParent().resolve(cwd.getFileName() + "-err.txt");
        Path result = cwd.resolve("runs").resolve("python.json"); // a folder the script would make; unique in its children's command line
        Process p = new ProcessBuilder("setsid", bash().toString(), WRAPPER.toString(), "--quick", "--tasks", "200",
                "--repeat", "200", "-o", result.toString()).directory(cwd.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(err).contains("run 1/") && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(0, new ProcessBuilder("kill", "-INT", "--", "-" + p.pid()).start().waitFor());
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the script ends after Ctrl-C");
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        String text = Files.readString(err);
        Files.delete(err);
        assertEquals(130, p.exitValue(), text);
        assertFalse(text.contains("Traceback"), text);
        assertTrue(text.strip().endsWith("python-reference: interrupted, nothing written"), text);
        try (Stream<Path> left = Files.list(cwd)) {
            assertEquals(List.of(), left.toList(), "no folder made");
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<String> alive = new ArrayList<>();
        do {
            alive.clear();
            ProcessHandle.allProcesses().forEach(ph -> ph.info().commandLine()
                    .filter(c -> c.contains(result.toString())).ifPresent(alive::add));
        } while (!alive.isEmpty() && System.nanoTime() < deadline && sleep(100));
        assertEquals(List.of(), alive, "no worker or child outlives the interrupted run");
    }

    private static boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void helpSaysWhatTheDefaultRunCosts() throws Exception {
        assumePython();
        Run r = run(Map.of(), "--help");
        assertEquals(0, r.exitCode, r::describe);
        assertTrue(r.stdout.contains("what it costs") && r.stdout.contains("minutes on a quiet machine"), r::describe);
        assertTrue(r.stdout.contains("--start-methods"), r::describe);
    }

    @Test
    void theWrapperSaysPlainlyWhenPython3IsMissing(@TempDir Path emptyBin) throws Exception {
        Run r = run(Map.of("PATH", emptyBin.toString()));
        assertEquals(2, r.exitCode, r::describe);
        assertEquals(List.of("python-reference: python3 (3.8 or later) is missing: it is not on PATH; "
                + "install it or set PYTHON=/path/to/python3"), r.stderrLines(), r::describe);
        assertEquals("", r.stdout, r::describe);
    }

    @Test
    void theWrapperRefusesAPythonVariableThatIsNotAnExecutable() throws Exception {
        Run r = run(Map.of("PYTHON", "/nonexistent/python3"));
        assertEquals(2, r.exitCode, r::describe);
        assertEquals(List.of("python-reference: PYTHON=/nonexistent/python3 is not an executable Python; unset it "
                + "or point it at python3 (3.8 or later)"), r.stderrLines(), r::describe);
    }

    @Test
    void theWrapperRefusesAPythonOlderThan38(@TempDir Path bin) throws Exception {
        Path fake = bin.resolve("python3");
        Files.writeString(fake, "#!/bin/sh\necho 3.6\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        Run r = run(Map.of("PATH", bin.toString()));
        assertEquals(2, r.exitCode, r::describe);
        assertEquals(List.of("python-reference: " + fake + " is Python 3.6; 3.8 or later is needed "
                + "(set PYTHON=/path/to/python3)"), r.stderrLines(), r::describe);
    }

    // -- helpers ---------------------------------------------------------------------------

    private static void assertJmhShaped(Path file) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        assertTrue(root.isArray() && root.size() > 0, "a non-empty array: " + root);
        for (JsonNode e : root) {
            for (String field : JMH_FIELDS) {
                assertTrue(e.has(field), "entry lacks " + field + ": " + e);
            }
            assertTrue(e.get("benchmark").asText().startsWith("python."), e.get("benchmark").asText());
            assertEquals("ss", e.get("mode").asText());
            assertTrue(e.get("params").isObject() && e.get("params").has("start_method"), e.toString());
            List<JsonNode> metrics = new ArrayList<>(List.of(e.get("primaryMetric")));
            e.get("secondaryMetrics").forEach(metrics::add);
            for (JsonNode m : metrics) {
                for (String field : METRIC_FIELDS) {
                    assertTrue(m.has(field), "metric lacks " + field + ": " + e);
                }
                assertTrue(m.get("score").isNumber() && m.get("score").asDouble() > 0, m.toString());
                assertEquals("ms/op", m.get("scoreUnit").asText());
                assertEquals(1, m.get("rawData").size(), "one fork: " + m);
                assertEquals(e.get("measurementIterations").asInt(), m.get("rawData").get(0).size(), e.toString());
            }
        }
    }

    private static void assertStatisticsAgreeWithJmh(Path file) throws IOException {
        for (JsonNode e : JSON.readTree(file.toFile())) {
            List<JsonNode> metrics = new ArrayList<>();
            metrics.add(e.get("primaryMetric"));
            e.get("secondaryMetrics").forEach(metrics::add);
            for (JsonNode m : metrics) {
                JsonNode raw = m.get("rawData").get(0);
                double[] samples = new double[raw.size()];
                for (int i = 0; i < samples.length; i++) {
                    samples[i] = raw.get(i).asDouble();
                }
                ListStatistics jmh = new ListStatistics(samples);
                String where = e.get("benchmark").asText() + " " + e.get("params");
                assertClose(jmh.getMean(), m.get("score").asDouble(), where + " score");
                if (samples.length > 1) {
                    assertClose(jmh.getMeanErrorAt(0.999), m.get("scoreError").asDouble(), where + " scoreError");
                    assertClose(jmh.getMean() - jmh.getMeanErrorAt(0.999), m.get("scoreConfidence").get(0).asDouble(),
                            where + " scoreConfidence");
                } else {
                    assertEquals("NaN", m.get("scoreError").asText(), where + ": JMH writes NaN as a string");
                }
                for (String p : List.of("0.0", "50.0", "90.0", "99.9999", "100.0")) {
                    assertClose(jmh.getPercentile(Double.parseDouble(p)), m.get("scorePercentiles").get(p).asDouble(),
                            where + " percentile " + p);
                }
            }
        }
    }

    private static String simpleName(String benchmark) {
        String[] parts = benchmark.split("\\.");
        return parts[parts.length - 2] + "." + parts[parts.length - 1];
    }

    private static void assertClose(double expected, double actual, String what) {
        double tolerance = 1e-9 * Math.max(1.0, Math.abs(expected));
        if (Math.abs(expected - actual) > tolerance) {
            fail(what + ": JMH computes " + expected + ", the script wrote " + actual);
        }
    }

    /** Null when a python3 of 3.8+ is there (the wrapper's own rule: $PYTHON, else python3 on PATH). */
    private static String whyNoPython() throws Exception {
        String chosen = System.getenv("PYTHON");
        if (chosen == null || chosen.isEmpty()) {
            chosen = null;
            for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                Path candidate = Paths.get(dir.isEmpty() ? "." : dir, "python3");
                if (Files.isExecutable(candidate)) {
                    chosen = candidate.toString();
                    break;
                }
            }
            if (chosen == null) {
                return "python3 is not on PATH";
            }
        }
        Process p;
        try {
            p = new ProcessBuilder(chosen, "-c", "import sys; sys.exit(0 if sys.version_info >= (3, 8) else 3)")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            return chosen + " cannot be run: " + e.getMessage();
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return chosen + " did not answer within 60 s";
        }
        if (p.exitValue() != 0) {
            return chosen + " is not Python 3.8 or later";
        }
        python = chosen;
        return null;
    }

    private static Path bash() {
        for (String candidate : List.of("/bin/bash", "/usr/bin/bash", "/usr/local/bin/bash")) {
            if (Files.isExecutable(Paths.get(candidate))) {
                return Paths.get(candidate);
            }
        }
        throw new AssertionError("no bash found in /bin, /usr/bin or /usr/local/bin");
    }

    /** Runs the wrapper through bash by absolute path, so a PATH without python3 still finds bash. */
    private static Run run(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(bash().toString(), WRAPPER.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("python-reference-out", ".txt");
        Path err = Files.createTempFile("python-reference-err", ".txt");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            Map<String, String> environment = pb.environment();
            if (env.containsKey("PATH") && !env.containsKey("PYTHON")) {
                environment.remove("PYTHON"); // the test chose PATH to decide which python3 is found
            }
            environment.putAll(env);
            Process p = pb.start();
            p.getOutputStream().close();
            if (!p.waitFor(180, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                fail("the script did not finish within 180 s: " + String.join(" ", command));
            }
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static final class Run {
        final int exitCode;
        final String stdout;
        final String stderr;

        Run(int exitCode, String stdout, String stderr) {
            this.exitCode = exitCode;
            this.stdout = stdout;
            this.stderr = stderr;
        }

        List<String> stderrLines() {
            return stderr.lines().collect(java.util.stream.Collectors.toList());
        }

        String describe() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }
}
