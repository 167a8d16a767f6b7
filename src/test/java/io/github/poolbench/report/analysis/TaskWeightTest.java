package io.github.poolbench.report.analysis;

import io.github.poolbench.report.model.Metric;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import static io.github.poolbench.report.analysis.TestRows.labelled;
import static io.github.poolbench.report.analysis.TestRows.metric;
import static io.github.poolbench.report.analysis.TestRows.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TaskWeightTest {
    private static TaskWeight.OverheadPoint p(double micros, double overhead) {
        return new TaskWeight.OverheadPoint(micros, overhead);
    }

    private static Row weight(String label, String strategy, int work, double micros) {
        return labelled(label, row("TaskWeightBenchmark.map", Map.of("strategy", strategy, "workMicros", String.valueOf(work),
                "tasks", "100", "workers", "5"), metric(micros, "us/op"),
                Map.of("calibratedUnitsPerMicro", metric(3000, "#", 1000.0, 990.0, 1010.0))));
    }

    @Test
    void usableCoresAreOneInlineTheSmallerOfWorkersAndCoresForAPoolAndAllForPerTask() {
        assertEquals(1, TaskWeight.usableCores("CALLER_THREAD", OptionalInt.of(5), 8));
        assertEquals(2, TaskWeight.usableCores("FIXED_THREAD_POOL", OptionalInt.of(5), 2));
        assertEquals(5, TaskWeight.usableCores("FIXED_THREAD_POOL", OptionalInt.of(5), 8));
        assertEquals(8, TaskWeight.usableCores("THREAD_PER_TASK", OptionalInt.of(5), 8));
        assertEquals(8, TaskWeight.usableCores("PROCESS_PER_TASK", OptionalInt.of(5), 8));
        assertEquals(8, TaskWeight.usableCores("SOMETHING", OptionalInt.empty(), 8));
    }

    @Test
    void theIdealTimeSharesTheWorkOverTheUsableCores() {
        assertEquals(100 * 10e-6 / 2, TaskWeight.idealSeconds(100, 10, 2), 1e-15);
        assertEquals(0, TaskWeight.idealSeconds(100, 0, 2), 0);
        assertEquals("usable cores must be at least 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> TaskWeight.idealSeconds(1, 1, 0)).getMessage());
    }

    @Test
    void efficiencyIsIdealOverMeasuredAndALongerTimeIsALowerEfficiency() {
        Estimate e = TaskWeight.efficiency(1.0, Estimate.of(2.0, 0.5));
        assertEquals(0.5, e.value(), 1e-12);
        assertEquals(1 / 2.5, e.low(), 1e-12);
        assertEquals(1 / 1.5, e.high(), 1e-12);
    }

    @Test
    void overheadIsTheExtraTimeOverThePools() {
        assertEquals(0.25, TaskWeight.overhead(125, 100), 1e-12);
        assertEquals(-0.1, TaskWeight.overhead(90, 100), 1e-12);
    }

    @Test
    void theBreakEvenIsInterpolatedInLogWorkBetweenTheSizesAroundIt() {
        // 50% at 1 µs, 0% at 100 µs: 10% is 80% of the way, at 10^1.6 µs
        TaskWeight.Crossing c = TaskWeight.crossing(List.of(p(100, 0.0), p(1, 0.5)), 0.10).orElseThrow();
        assertEquals(TaskWeight.Where.INTERPOLATED, c.where());
        assertEquals(Math.pow(10, 1.6), c.micros(), 1e-9);
    }

    @Test
    void fromZeroWorkTheInterpolationIsLinear() {
        TaskWeight.Crossing c = TaskWeight.crossing(List.of(p(0, 0.3), p(10, 0.0)), 0.10).orElseThrow();
        assertEquals(TaskWeight.Where.INTERPOLATED, c.where());
        assertEquals(10 * 2.0 / 3, c.micros(), 1e-9);
    }

    @Test
    void underTheLimitEverywhereIsAtOrBelowTheSmallestSize() {
        TaskWeight.Crossing c = TaskWeight.crossing(List.of(p(0, 0.05), p(10, 0.01)), 0.10).orElseThrow();
        assertEquals(TaskWeight.Where.AT_OR_BELOW_SMALLEST, c.where());
        assertEquals(0, c.micros(), 0);
    }

    @Test
    void overTheLimitEverywhereIsAboveTheLargestSize() {
        TaskWeight.Crossing c = TaskWeight.crossing(List.of(p(1, 9.0), p(1000, 0.5)), 0.10).orElseThrow();
        assertEquals(TaskWeight.Where.ABOVE_LARGEST, c.where());
        assertEquals(1000, c.micros(), 0);
    }

    @Test
    void aDipUnderTheLimitThatDoesNotLastIsNotTheBreakEven() {
        // noise: under 10% at 10 µs, over again at 100 µs, under from 1000 µs on
        TaskWeight.Crossing c = TaskWeight.crossing(List.of(p(1, 2.0), p(10, 0.05), p(100, 0.3), p(1000, 0.0)), 0.10)
                .orElseThrow();
        assertEquals(TaskWeight.Where.INTERPOLATED, c.where());
        assertTrue(c.micros() > 100 && c.micros() < 1000, "between 100 and 1000 µs: " + c.micros());
    }

    @Test
    void noFiniteOverheadMeansNoBreakEven() {
        assertTrue(TaskWeight.crossing(List.of(), 0.1).isEmpty());
        assertTrue(TaskWeight.crossing(List.of(p(1, Double.NaN)), 0.1).isEmpty());
    }

    @Test
    void aFileGivesEfficienciesBreakEvensAndItsCalibration() {
        List<Row> rows = new ArrayList<>();
        double[][] pool = {{0, 50}, {10, 600}, {100, 5100}};
        double[][] perTask = {{0, 5000}, {10, 5500}, {100, 5200}};
        for (double[] x : pool) {
            rows.add(weight("a", "FIXED_THREAD_POOL", (int) x[0], x[1]));
        }
        for (double[] x : perTask) {
            rows.add(weight("a", "THREAD_PER_TASK", (int) x[0], x[1]));
        }
        TaskWeight w = TaskWeight.of(rows, Map.of("a", new Cores(2, true)), 8);
        TaskWeight.Entry e = w.entries().stream().filter(x -> x.strategy().equals("FIXED_THREAD_POOL") && x.workMicros() == 100)
                .findFirst().orElseThrow();
        assertEquals(2, e.usable());
        assertEquals(100 * 100e-6 / 2, e.ideal(), 1e-12);
        assertEquals(e.ideal() / 5100e-6, e.efficiency().value(), 1e-12);

        TaskWeight.BreakEven b = w.breakEvens().get(0);
        assertEquals("THREAD_PER_TASK", b.perTaskStrategy());
        assertEquals("FIXED_THREAD_POOL", b.pooledStrategy());
        assertEquals(TaskWeight.Where.INTERPOLATED, b.where());
        // 5500/600 - 1 = 8.17 at 10 µs, 5200/5100 - 1 = 0.0196 at 100 µs
        double a = 5500.0 / 600 - 1;
        double c = 5200.0 / 5100 - 1;
        assertEquals(Math.pow(10, 1 + (a - 0.1) / (a - c)), b.micros(), 1e-9);

        TaskWeight.Calibration cal = w.calibrations().get(0);
        assertEquals(1000, cal.mean(), 1e-9, "the per-iteration values, not the summed score");
        assertEquals(990, cal.min(), 0);
        assertEquals(18, cal.samples(), "six rows of three iterations");
    }

    @Test
    void withoutAnEnvironmentRecordTheCoresAreAssumedAndSaidSo() {
        TaskWeight w = TaskWeight.of(List.of(weight("x", "THREAD_PER_TASK", 10, 100)), Map.of(), 3);
        assertEquals(3, w.entries().get(0).usable());
        assertFalse(w.entries().get(0).cores().recorded());
        assertTrue(w.breakEvens().isEmpty(), "no pool to compare with");
    }

    @Test
    void theHeadlineSaysFromWhichSizeANewThreadPerTaskIsFine() {
        Scenarios s = new Scenarios(Map.of(), ApplyModel.of(List.of()), EchoWaits.of(List.of()), Lifecycle.of(List.of(), Map.of()),
                TaskCountSweep.of(List.of()), TaskWeight.of(List.of(
                        weight("a", "FIXED_THREAD_POOL", 1, 100), weight("a", "FIXED_THREAD_POOL", 100, 10000),
                        weight("a", "THREAD_PER_TASK", 1, 150), weight("a", "THREAD_PER_TASK", 100, 10000),
                        weight("a", "VIRTUAL_THREAD_PER_TASK", 1, 101), weight("a", "VIRTUAL_THREAD_PER_TASK", 100, 10000),
                        weight("a", "PROCESS_PER_TASK", 1, 9000), weight("a", "PROCESS_PER_TASK", 100, 90000),
                        weight("a", "FIXED_PROCESS_POOL", 1, 100), weight("a", "FIXED_PROCESS_POOL", 100, 10000)),
                        Map.of("a", new Cores(2, true)), 2), PoolSize.of(List.of(), Map.of(), 2));
        assertEquals(List.of(
                "One new thread per task is fine from about 39.8 µs of work per task: from there on it costs under 10% "
                        + "more than a task on a pooled thread.",
                "One new virtual thread per task is fine from 1 µs of work per task or less (the smallest size measured): "
                        + "it costs under 10% more than a task on a pooled thread.",
                "One new JVM per task costs more than 10% over a task sent to a pooled JVM even at 100 µs of work per task, "
                        + "the largest size measured."), s.findings());
    }

    @Test
    void aStrangersMapIsNoTaskWeightRow() {
        Metric m = metric(1, "us/op");
        assertFalse(TaskWeight.isWeightRow(row("com.example.TaskWeightBenchmarkish.map", Map.of("strategy", "X", "workMicros", "1"), m, Map.of())));
    }

    @Test
    void aBreakEvenIsDecidedOnlyWhenNoIntervalStraddlesTheLimit() {
        List<TaskWeight.OverheadPoint> clear = List.of(new TaskWeight.OverheadPoint(0, 0.95, 0.6, 1.3),
                new TaskWeight.OverheadPoint(10, 0.02, -0.01, 0.05));
        assertTrue(TaskWeight.decided(clear, 0.10));
        List<TaskWeight.OverheadPoint> straddling = List.of(new TaskWeight.OverheadPoint(0, 0.95, 0.6, 1.3),
                new TaskWeight.OverheadPoint(10, -0.34, -0.6, 0.2));
        assertFalse(TaskWeight.decided(straddling, 0.10), "−60% … +20% may be over 10%");
        assertFalse(TaskWeight.decided(List.of(), 0.10), "nothing measured, nothing decided");
        List<TaskWeight.OverheadPoint> overAtTheLargest = List.of(new TaskWeight.OverheadPoint(1, 200, -1, 520),
                new TaskWeight.OverheadPoint(1000, 0.785, 0.524, 1.10));
        assertTrue(TaskWeight.decided(overAtTheLargest, 0.10), "still clearly over at 1 ms: a smaller size's doubt changes nothing");
    }
}
