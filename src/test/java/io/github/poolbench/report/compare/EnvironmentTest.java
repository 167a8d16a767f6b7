package io.github.poolbench.report.compare;

import io.github.poolbench.report.model.BenchmarkResult;
import io.github.poolbench.report.model.Metric;
import io.github.poolbench.report.model.ResultFile;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static io.github.poolbench.report.compare.Synthetic.around;
import static io.github.poolbench.report.compare.Synthetic.avgt;
import static io.github.poolbench.report.compare.Synthetic.env;
import static io.github.poolbench.report.compare.Synthetic.file;
import static io.github.poolbench.report.compare.Synthetic.linux2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnvironmentTest {

    @Test
    void theKeyNamesOsArchCoresAndJdkMajor() {
        assertEquals(Optional.of("linux-amd64-2cpu-jdk17"), Environment.of(file("f", avgt("A", 1))).key());
        assertEquals(Optional.of("mac-os-x-aarch64-10cpu-jdk25"),
                Environment.of(file("f", env("Mac OS X", "aarch64", 10, 25), avgt("A", 1))).key());
    }

    @Test
    void theForkedJdkWinsOverTheJdkThatLaunchedJmh() {
        Map<String, Object> env = new java.util.LinkedHashMap<>(linux2());
        env.put("forkJdkMajor", 25);
        assertEquals(Optional.of("linux-amd64-2cpu-jdk25"), Environment.of(file("f", env, avgt("A", 1))).key());
    }

    @Test
    void withoutARecordTheJdkComesFromJmhsRowsAndThereIsNoKey() {
        BenchmarkResult r = new BenchmarkResult(Synthetic.BENCH, "avgt", new TreeMap<>(),
                Metric.ofOneFork(1, 0, "us/op", List.of()), null, Synthetic.runSettings("1.8.0_292"));
        Environment e = Environment.of(new ResultFile(Path.of("f"), "f", List.of(r), Map.of()));
        assertEquals(8, e.jdkMajor());
        assertTrue(e.lacksRecord());
        assertEquals(Optional.empty(), e.key());
    }

    @Test
    void jdkVersionsOfEveryShapeGiveTheirMajor() {
        assertEquals(17, Environment.major("17.0.15"));
        assertEquals(25, Environment.major("25"));
        assertEquals(21, Environment.major("21-ea"));
        assertEquals(8, Environment.major("1.8.0_292"));
        assertEquals(null, Environment.major("unknown"));
    }

    @Test
    void differentCoresAndJdkAreNotComparableAndBothAreNamed() throws Exception {
        Comparison c = Comparison.of(file("base", avgt("A", around(100, 1, 5))),
                List.of(file("cur", env("Linux", "amd64", 4, 25), avgt("A", around(100, 1, 5)))),
                CompareSettings.defaults());
        assertFalse(c.comparable());
        assertEquals(List.of("cores 2 (baseline) vs 4 (current)", "JDK major version 17 (baseline) vs 25 (current)"),
                c.differences());
        assertEquals(3, c.exitCode());
        assertEquals("not comparable: cores 2 (baseline) vs 4 (current); JDK major version 17 (baseline) vs 25 (current)"
                + " (--force compares anyway); exit 3", c.summary());
    }

    @Test
    void forceComparesDifferentEnvironmentsWithAWarning() throws Exception {
        Comparison c = Comparison.of(file("base", avgt("A", around(100, 1, 5))),
                List.of(file("cur", env("Windows 11", "amd64", 2, 17), avgt("A", around(300, 1, 5)))),
                new CompareSettings(0.2, 0.01, false, true));
        assertEquals(List.of("OS linux (baseline) vs windows 11 (current)"), c.differences());
        assertEquals(1, c.exitCode());
        assertTrue(c.warnings().get(c.warnings().size() - 1).contains("compared anyway because of --force"),
                c.warnings().toString());
    }

    @Test
    void osNamesDifferingOnlyInCaseAreTheSame() {
        Environment a = Environment.of(file("a", env("Linux", "amd64", 2, 17), avgt("A", 1)));
        Environment b = Environment.of(file("b", env("LINUX", "amd64", 2, 17), avgt("A", 1)));
        assertTrue(Environment.check(a, b).comparable());
    }

    @Test
    void aFileWithoutEnvironmentRecordIsNotComparableUnlessForced() throws Exception {
        Comparison c = Comparison.of(file("base", avgt("A", around(100, 1, 5))),
                List.of(file("cur.json", Map.of(), avgt("A", around(100, 1, 5)))), CompareSettings.defaults());
        assertFalse(c.comparable());
        assertEquals(3, c.exitCode());
        assertEquals(List.of("cur.json has no environment record (env.json beside it): the machines cannot be compared"),
                c.differences());
        Comparison forced = Comparison.of(file("base", avgt("A", around(100, 1, 5))),
                List.of(file("cur.json", Map.of(), avgt("A", around(100, 1, 5)))),
                new CompareSettings(0.2, 0.01, false, true));
        assertEquals(0, forced.exitCode());
    }

    @Test
    void coresWrittenAsTextAreRead() {
        Map<String, Object> env = new java.util.LinkedHashMap<>(linux2());
        env.put("cores", "8");
        assertEquals(8, Environment.of(file("f", env, avgt("A", 1))).cores());
    }
}
