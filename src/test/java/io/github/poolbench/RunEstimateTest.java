package io.github.poolbench;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.util.List;
import java.util.SortedSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunEstimateTest {
    private static RunEstimate estimate(String... args) throws Exception {
        CommandLineOptions o = new CommandLineOptions(args);
        SortedSet<BenchmarkListEntry> entries = BenchmarkList.defaultList().find(
                OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT), o.getIncludes(), o.getExcludes());
        RunPlan plan = RunPlan.of(entries, o, RunPlan.paramNames(args), java.util.Map.of(), 1, notice -> { });
        return RunEstimate.of(plan, o, 0);
    }

    @Test
    void eachParamCombinationCostsItsForksTimesItsIterationsPlusTheStartOfTheFork() throws Exception {
        RunEstimate e = estimate("IncrementBenchmark.map", "-p", "strategy=CALLER_THREAD,FIXED_THREAD_POOL", "-p",
                "chunksize=1", "-f", "2", "-wi", "3", "-w", "1s", "-i", "10", "-r", "2s");
        assertEquals(2, e.runs);
        assertEquals(2 * 2 * (3 * 1 + 10 * 2 + RunEstimate.PER_FORK_SECONDS), e.seconds, 1e-9);
    }

    @Test
    void aSingleShotClassCostsItsOwnMeasuredIterationTime() throws Exception {
        RunEstimate e = estimate("ApplyBenchmark.apply$", "-p", "sleepMillis=10", "-f", "1", "-wi", "1", "-i", "4");
        assertEquals(1, e.benchmarks);
        assertEquals(e.runs * (5 * RunEstimate.SINGLE_SHOT_SECONDS.get("ApplyBenchmark") + RunEstimate.PER_FORK_SECONDS),
                e.seconds, 1e-9);
    }

    @Test
    void theDurationReadsInSecondsMinutesOrHours() {
        assertEquals("about 17 s", RunEstimate.duration(16.5));
        assertEquals("about 12 min", RunEstimate.duration(725));
        assertEquals("about 2 h 5 min", RunEstimate.duration(7500));
        assertTrue(RunEstimate.duration(0.2).equals("about 1 s"));
    }

    @Test
    void nestedClassesAreNamedWithTheirOuterClass() {
        assertEquals("FloorBenchmark.Spawn", RunEstimate.simpleName("io.github.poolbench.bench.FloorBenchmark.Spawn"));
        assertEquals(List.of("IncrementBenchmark"), List.of(RunEstimate.simpleName("io.github.poolbench.bench.IncrementBenchmark")));
    }
}
