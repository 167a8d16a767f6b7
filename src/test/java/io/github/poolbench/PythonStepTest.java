package io.github.poolbench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The document's Python as a step of the run: the scripts packaged with the suite, run once per
 * pass (a real python3, tiny counts), the passes joined so each row holds one fork per pass; and
 * without python3 on PATH one notice, the run going on without it.
 */
class PythonStepTest {
    @TempDir
    Path scratch;

    @Test
    @Timeout(120)
    void eachPassIsOneForkOfBothRowsAndThePassesJoinIntoOneFile() throws Exception {
        PythonStep.Found found = PythonStep.find();
        assumeTrue(found.python() != null, () -> "no python3 3.8+ on PATH: " + found.why());
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        Path merged;
        try (RunGuard guard = new RunGuard(errStream)) {
            PythonStep step = new PythonStep(found.python(), new PythonStep.Settings(10, 3, 1, 1), errStream);
            step.prepare(scratch, guard);
            step.run(0, 2);
            step.run(1, 2);
            merged = step.merged(errStream);
        }
        assertTrue(merged != null && Files.isRegularFile(merged), err.toString(StandardCharsets.UTF_8));
        JsonNode rows = new ObjectMapper().readTree(merged.toFile());
        assertEquals(2, rows.size(), rows.toString());
        for (JsonNode row : rows) {
            assertEquals(2, row.get("forks").asInt(), row.toString());
            assertEquals(2, row.get("primaryMetric").get("rawData").size(), "one fork per pass: " + row);
        }
        assertTrue(Files.isRegularFile(io.github.poolbench.report.RunFiles.envFileFor(merged)), "the record beside it");
        assertFalse(err.toString(StandardCharsets.UTF_8).contains("results in"), "the passes' own files are not named");
    }

    @Test
    @Timeout(120)
    void withoutPython3OnPathTheRunSaysSoOnceAndGoesOn(@TempDir Path results) throws Exception {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Djmh.ignoreLock=true", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "IncrementBenchmark.map", "-p", "strategy=CALLER_THREAD", "-p", "chunksize=1",
                "-f", "0", "-wi", "0", "-i", "1", "-r", "50ms", "--python"));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(results.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(results.resolve("err.txt").toFile());
        pb.environment().put("PATH", results.resolve("no-such-bin").toString());
        Process p = pb.start();
        assertTrue(p.waitFor(100, TimeUnit.SECONDS));
        String err = Files.readString(results.resolve("err.txt"));
        assertEquals(0, p.exitValue(), err);
        List<String> notices = err.lines().filter(l -> l.contains("python")).toList();
        assertEquals(List.of("poolbench: no python3 on PATH; the document's Python is left out of this run (with python3"
                + " 3.8+ on PATH the default run measures it; scripts/python-reference.sh alone)"), notices, err);
    }
}
