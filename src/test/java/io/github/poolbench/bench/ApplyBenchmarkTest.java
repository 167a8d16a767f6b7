package io.github.poolbench.bench;

import io.github.poolbench.exec.Strategy;
import io.github.poolbench.exec.TaskPool;
import io.github.poolbench.workload.Task;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** One operation of every method, run by hand as JMH would, with the document's values checked. */
class ApplyBenchmarkTest {
    private static final List<Object> SQUARES = List.of(0, 1, 4, 9, 16, 25, 36, 49, 64, 81);

    @ParameterizedTest
    @EnumSource(value = Strategy.class, names = {"FIXED_THREAD_POOL", "THREAD_PER_TASK", "VIRTUAL_THREAD_PER_TASK"})
    void everyMethodReturnsTheTenSquares(Strategy strategy) {
        assumeTrue(strategy.isAvailable(), strategy.unavailableReason());
        ApplyBenchmark b = new ApplyBenchmark();
        b.strategy = strategy;
        b.workers = 3;
        b.tasks = 10;
        b.sleepMillis = 1;
        b.setUp();
        ApplyBenchmark.TrialPool trial = new ApplyBenchmark.TrialPool();
        trial.setUp(b);
        try {
            assertEquals(SQUARES, Arrays.asList(b.apply(trial)));
            assertEquals(SQUARES, b.applyAsync(trial));
            assertEquals(SQUARES, b.applyAsyncCallback(trial));
        } finally {
            trial.tearDown();
        }
        ApplyBenchmark.FreshPool fresh = new ApplyBenchmark.FreshPool();
        fresh.setUp(b);
        assertEquals(SQUARES, b.closeJoinGet(fresh));
        TaskPool closed = fresh.pool;
        fresh.tearDown();
        assertThrows(IllegalStateException.class, () -> closed.apply(Task.SLEEP_SQUARE.with(0), 1));
    }
}
