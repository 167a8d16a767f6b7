package io.github.poolbench.report.compare;

import io.github.poolbench.report.CompareCli;
import io.github.poolbench.report.model.BenchmarkResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gate's holes found while trying it (issue 20): forks from two machines, settings that differ. */
class MergeAndSettingsTest {
    @TempDir
    Path tmp;

    static final Path FIXTURES = Path.of("src/test/resources/compare");

    record Result(int code, String err) {
    }

    static Result run(String... args) {
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int rc = CompareCli.run(args, new java.io.PrintStream(new java.io.ByteArrayOutputStream()),
                new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        return new Result(rc, err.toString(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void mergeForksRefusesRoundsMeasuredOnDifferentMachinesAndWritesNothing() throws Exception {
        Path a = Files.copy(FIXTURES.resolve("base.json"), tmp.resolve("a.json"));
        Files.copy(FIXTURES.resolve("base.env.json"), tmp.resolve("a.env.json"));
        Path b = Files.copy(FIXTURES.resolve("base.json"), tmp.resolve("b.json"));
        String env = Files.readString(FIXTURES.resolve("base.env.json"));
        Files.writeString(tmp.resolve("b.env.json"), env.replace("\"fixture CPU\"", "\"another CPU\""));
        Path out = tmp.resolve("merged.json");
        Result r = run("--merge-forks", out.toString(), a.toString(), b.toString());
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().startsWith("poolbench compare: not comparable: the inputs were measured on different machines: "),
                r.err());
        assertTrue(r.err().contains("CPU model fixture CPU (first) vs another CPU (b.json)"), r.err());
        assertFalse(Files.exists(out));
        // a round without a record among rounds with one is refused too
        Files.delete(tmp.resolve("b.env.json"));
        r = run("--merge-forks", out.toString(), a.toString(), b.toString());
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains(b + " has no environment record"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void rowsMeasuredWithOtherThreadsWarmupOrMeasurementSettingsAreOneWarningEach() {
        BenchmarkResult.RunSettings base = new BenchmarkResult.RunSettings("1.37", "java", List.of(), "17", "vm", "17",
                5, 1, 2, "300 ms", 4, "300 ms");
        BenchmarkResult.RunSettings cur = new BenchmarkResult.RunSettings("1.37", "java", List.of(), "17", "vm", "17",
                5, 2, 3, "300 ms", 4, "1 s");
        assertEquals(List.of("measured with other settings: threads 1 (baseline) vs 2 (current)",
                "measured with other settings: warm-up iterations 2 (baseline) vs 3 (current)",
                "measured with other settings: measurement time 300 ms (baseline) vs 1 s (current)"),
                RunSettingsCheck.of(base, cur));
        assertEquals(List.of(), RunSettingsCheck.of(base, base));
    }
}
