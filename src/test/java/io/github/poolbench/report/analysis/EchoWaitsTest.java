package io.github.poolbench.report.analysis;

import io.github.poolbench.report.model.Metric;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import static io.github.poolbench.report.analysis.TestRows.labelled;
import static io.github.poolbench.report.analysis.TestRows.metric;
import static io.github.poolbench.report.analysis.TestRows.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EchoWaitsTest {
    /** An echo row whose rank k waited {@code waitsMs[k-1]} ms on each of {@code exchanges} exchanges; ranks up to 12 recorded. */
    private static Row echo(String handler, int clients, long exchanges, double... waitsMs) {
        Map<String, Metric> secondary = new LinkedHashMap<>();
        secondary.put("exchanges", metric(exchanges, "#"));
        for (int k = 1; k <= 12; k++) {
            double w = k <= waitsMs.length ? waitsMs[k - 1] : 0;
            secondary.put(String.format("firstReplyMsRank%02d", k), metric(w * exchanges, "#"));
        }
        return labelled("a", row("EchoServerBenchmark.exchange", Map.of("handler", handler, "workers", "4",
                "clients", String.valueOf(clients), "roundTrips", "1000"), metric(20, "ms/op"), secondary));
    }

    @Test
    void aRanksMeanWaitIsItsSumOverTheExchanges() {
        Estimate e = EchoWaits.meanWait(metric(300, "#"), metric(60, "#"));
        assertEquals(5.0, e.value(), 1e-12);
        assertEquals(e.low(), e.high(), "no iterations, no interval");
    }

    @Test
    void theIntervalComesFromThePerIterationQuotients() {
        // three iterations: 4, 5 and 6 ms per exchange
        Estimate e = EchoWaits.meanWait(metric(150, "#", 40.0, 50.0, 60.0), metric(30, "#", 10.0, 10.0, 10.0));
        assertEquals(5.0, e.value(), 1e-12);
        double half = Samples.halfWidth(new double[] {4, 5, 6});
        assertEquals(Math.max(0, 5.0 - half), e.low(), 1e-9, "cut at zero: a wait is never negative");
        assertEquals(5.0 + half, e.high(), 1e-9);
        assertTrue(half > 1, "the 99.9% interval of three samples is wide: " + half);
    }

    @Test
    void twoIterationsGiveNoIntervalBecauseStudentsTWouldMakeItMeaningless() {
        Estimate e = EchoWaits.meanWait(metric(90, "#", 40.0, 50.0), metric(20, "#", 10.0, 10.0));
        assertEquals(4.5, e.value(), 1e-12);
        assertEquals(e.value(), e.high(), 0);
    }

    @Test
    void noExchangesMeansNoWait() {
        assertTrue(Double.isNaN(EchoWaits.meanWait(metric(0, "#"), metric(0, "#")).value()));
    }

    @Test
    void aRowThatMeasuredNoExchangeHasNoWaits() {
        assertTrue(EchoWaits.of(List.of(echo("FIXED_THREAD_POOL", 6, 0, 1, 2, 3))).isEmpty());
    }

    @Test
    void aPoolServesItsWorkersSyncServesOneAndAThreadPerConnectionServesEveryone() {
        assertEquals(OptionalInt.of(4), EchoWaits.capacity("FIXED_THREAD_POOL", OptionalInt.of(4), 6));
        assertEquals(OptionalInt.of(1), EchoWaits.capacity("SYNC", OptionalInt.of(4), 6));
        assertEquals(OptionalInt.of(6), EchoWaits.capacity("THREAD_PER_CONNECTION", OptionalInt.of(4), 6));
        assertEquals(OptionalInt.of(6), EchoWaits.capacity("VIRTUAL_THREAD_PER_CONNECTION", OptionalInt.of(4), 6));
        assertEquals(OptionalInt.empty(), EchoWaits.capacity("NGINX", OptionalInt.of(4), 6));
    }

    @Test
    void withFourWorkersAndSixClientsTwoWait() {
        EchoWaits w = EchoWaits.of(List.of(echo("FIXED_THREAD_POOL", 6, 50, 1, 1.2, 1.1, 1.3, 9, 10)));
        EchoWaits.Entry e = w.entries().get(0);
        assertEquals(6, e.waits().size(), "ranks above the clients are left out");
        assertEquals(2, e.expectedWaiting());
        assertEquals(0.010, e.waits().get(5).seconds().value(), 1e-12, "rank 6 in seconds");
        double[] means = e.servedAndWaitingMeans();
        assertEquals((1 + 1.2 + 1.1 + 1.3) / 4 / 1000, means[0], 1e-12);
        assertEquals(9.5 / 1000, means[1], 1e-12);
        assertEquals(6, w.maxRank());
    }

    @Test
    void aThreadPerConnectionMakesNobodyWaitInTheModel() {
        EchoWaits.Entry e = EchoWaits.of(List.of(echo("THREAD_PER_CONNECTION", 6, 50, 1, 1, 1, 1, 1, 1))).entries().get(0);
        assertEquals(0, e.expectedWaiting());
        assertEquals(6, e.capacity());
    }

    @Test
    void handlersComeInTheDocumentsOrderAndRowsWithoutTheCountersAreNotEchoRows() {
        EchoWaits w = EchoWaits.of(List.of(echo("SYNC", 6, 10, 1), echo("THREAD_PER_CONNECTION", 6, 10, 1),
                echo("FIXED_THREAD_POOL", 6, 10, 1),
                labelled("a", row("EchoServerBenchmark.exchange", Map.of("handler", "FIXED_THREAD_POOL"), 20, "ms/op"))));
        assertEquals(List.of("FIXED_THREAD_POOL", "THREAD_PER_CONNECTION", "SYNC"),
                w.entries().stream().map(EchoWaits.Entry::handler).toList());
    }

    @Test
    void oldJmhNamesWithADotPrefixAreRead() {
        Map<String, Metric> secondary = Map.of("·exchanges", metric(10, "#"), "·firstReplyMsRank01", metric(20, "#"));
        EchoWaits w = EchoWaits.of(List.of(labelled("a", row("EchoServerBenchmark.exchange", Map.of("handler", "SYNC"),
                metric(1, "ms/op"), secondary))));
        assertEquals(0.002, w.entries().get(0).waits().get(0).seconds().value(), 1e-12);
    }
}
