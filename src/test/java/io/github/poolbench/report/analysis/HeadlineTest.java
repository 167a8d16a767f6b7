package io.github.poolbench.report.analysis;

import io.github.poolbench.report.model.BenchmarkResult;
import io.github.poolbench.report.model.Metric;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeadlineTest {
    private static final BenchmarkResult.RunSettings RUN = new BenchmarkResult.RunSettings(
            "1.37", null, List.of(), null, null, null, 3, 1, 1, "1 s", 3, "1 s");

    /** A 1000-increment row whose forks measured these means (µs per batch), two iterations each. */
    private static Row row(String label, String cls, String strategy, double... forkMeans) {
        List<List<Double>> forks = java.util.Arrays.stream(forkMeans).mapToObj(m -> List.of(m, m)).toList();
        return new Row(label, new BenchmarkResult(cls + ".map", "avgt",
                new TreeMap<>(Map.of("strategy", strategy, "tasks", "1000", "workers", "5", "chunksize", "auto")),
                new Metric(forkMeans[0], Double.NaN, "us/op", forks), new TreeMap<>(), RUN));
    }

    private static final String JAVA = "io.github.poolbench.bench.IncrementBenchmark";

    @Test
    void theLeadIsAProcessPerTaskAgainstTheProcessPoolWithTheRangeOfTheForks() {
        OverheadGap gap = OverheadGap.of(List.of(
                row("jdk17", JAVA, "PROCESS_PER_TASK", 40e6, 41e6, 44e6),
                row("jdk17", JAVA, "FIXED_PROCESS_POOL", 400, 410, 380),
                row("jdk17", JAVA, "THREAD_PER_TASK", 200e3, 210e3, 190e3),
                row("jdk17", JAVA, "FIXED_THREAD_POOL", 50, 60, 55),
                row("python", "python.IncrementBenchmark", "PROCESS_PER_TASK", 1.9e6, 1.9e6),
                row("python", "python.IncrementBenchmark", "FIXED_PROCESS_POOL", 1e4, 1e4)));
        assertEquals("On this machine (jdk17), a new JVM per task costs 103,000× the time of the process pool "
                        + "(97,600× – 116,000×; min–max of 3 fork means each): 1000 increments take 41.0 s against 400 µs. "
                        + "The document measured 284× in Python; Python measured here: 190× (python).",
                Headline.lead(gap, true).orElseThrow());
        assertEquals("On this machine (jdk17), a new platform thread per task costs 3,640× the time of the thread pool "
                        + "(3,170× – 4,200×; min–max of 3 fork means each): 1000 increments take 200 ms against 55.0 µs.",
                Headline.second(gap, true).orElseThrow());
    }

    @Test
    void pythonMeasuredHereCarriesTheRangeOfItsForksAndWithoutItTheLeadSaysHowToAddIt() {
        OverheadGap withPython = OverheadGap.of(List.of(
                row("Java", JAVA, "PROCESS_PER_TASK", 40e6, 41e6, 44e6),
                row("Java", JAVA, "FIXED_PROCESS_POOL", 400, 410, 380),
                row("Python", "python.IncrementBenchmark", "PROCESS_PER_TASK", 2.0e6, 1.9e6, 1.8e6),
                row("Python", "python.IncrementBenchmark", "FIXED_PROCESS_POOL", 1e4, 1.1e4, 0.9e4)));
        assertTrue(Headline.lead(withPython, true).orElseThrow().endsWith("The document measured 284× in Python; Python"
                + " measured here: 190× (164× – 222×; min–max of 3 fork means each; Python)."),
                Headline.lead(withPython, true).orElseThrow());
        OverheadGap javaOnly = OverheadGap.of(List.of(
                row("Java", JAVA, "PROCESS_PER_TASK", 40e6, 41e6, 44e6),
                row("Java", JAVA, "FIXED_PROCESS_POOL", 400, 410, 380)));
        String lead = Headline.lead(javaOnly, false).orElseThrow();
        assertTrue(lead.endsWith("Python was not measured here (with python3 3.8+ on PATH the default run measures it;"
                + " or run scripts/python-reference.sh and give its jmh.json to the report)."), lead);
        assertFalse(lead.contains("published"), "never a file from another machine: " + lead);
    }

    @Test
    void withoutTheProcessPairTheThreadPairLeadsAndPythonIsNotInvented() {
        OverheadGap gap = OverheadGap.of(List.of(
                row("a", JAVA, "THREAD_PER_TASK", 200e3, 200e3),
                row("a", JAVA, "FIXED_THREAD_POOL", 50, 50)));
        assertEquals("On this machine, a new thread per task costs 4,000× the time of the thread pool: "
                + "1000 increments take 200 ms against 50.0 µs.", Headline.lead(gap, false).orElseThrow());
        assertTrue(Headline.second(gap, false).isEmpty());
    }

    @Test
    void oneForkSaysItsIntervalIsNotFromForks() {
        OverheadGap gap = OverheadGap.of(List.of(
                new Row("a", TestRows.row("IncrementBenchmark.map",
                        Map.of("strategy", "THREAD_PER_TASK", "tasks", "1000"),
                        Metric.ofOneFork(200, 20, "us/op", List.of(180.0, 220.0)), Map.of())),
                new Row("a", TestRows.row("IncrementBenchmark.map",
                        Map.of("strategy", "FIXED_THREAD_POOL", "tasks", "1000"),
                        Metric.ofOneFork(2, 0.5, "us/op", List.of(1.5, 2.5)), Map.of()))));
        Headline.Gap g = Headline.gap(gap, "a", Headline.THREAD).orElseThrow();
        assertEquals(1, g.forks());
        assertEquals("72.0× – 147×; 1 fork: JMH's interval over iterations, not forks", g.intervalText());
        assertEquals("72.0×–147× (1 fork)", g.shortInterval());
    }

    @Test
    void theTableHasOneRowPerFileAndACellPerPair() {
        OverheadGap gap = OverheadGap.of(List.of(
                row("a", JAVA, "THREAD_PER_TASK", 200e3, 200e3),
                row("a", JAVA, "FIXED_THREAD_POOL", 50, 50),
                row("b", JAVA, "VIRTUAL_THREAD_PER_TASK", 500, 500),
                row("b", JAVA, "FIXED_THREAD_POOL", 50, 50)));
        List<List<java.util.Optional<Headline.Gap>>> table = Headline.table(gap);
        assertEquals(3, table.size(), "a, b and the document");
        assertEquals("4,000×", table.get(0).get(1).orElseThrow().ratioText());
        assertTrue(table.get(0).get(3).isEmpty());
        assertEquals("10.0×", table.get(1).get(3).orElseThrow().ratioText());
        assertEquals("284×", table.get(2).get(0).orElseThrow().ratioText());
        assertEquals("2 forks", table.get(0).get(1).orElseThrow().shortInterval(), "equal fork means: no range to show");
    }
}
