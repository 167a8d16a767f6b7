package io.github.poolbench.exec;

import io.github.poolbench.workload.Task;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Edge cases of the shared Pool API that every strategy must survive: odd chunk sizes, waits for derived futures. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PoolEdgeTest {

    static Stream<Strategy> strategies() {
        return PoolSemanticsTest.strategies();
    }

    private static TaskPool open(Strategy strategy, int workers) {
        assumeTrue(strategy.isAvailable(), strategy.unavailableReason());
        return strategy.create(PoolConfig.ofWorkers(workers));
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void aChunksizeNearIntMaxIsOneChunkAndCloseReturnsAfterwards(Strategy strategy) {
        TaskPool pool = open(strategy, 2);
        assertEquals(List.of(2, 3), pool.map(Task.INCREMENT.with(0), new int[] {1, 2}, Integer.MAX_VALUE));
        assertEquals(List.of(2, 3, 4), pool.map(Task.INCREMENT.with(0), new int[] {1, 2, 3}, Integer.MAX_VALUE - 1));
        assertEquals(List.of(2, 3, 4), pool.map(Task.INCREMENT.with(0), new int[] {1, 2, 3}, 2));
        CompletableFuture<Void> closed = CompletableFuture.runAsync(pool::close);
        closed.orTimeout(30, TimeUnit.SECONDS).join();
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void waitingForAFutureDerivedFromAPoolFutureOnTheResultHandlerIsRefused(Strategy strategy) throws Exception {
        assumeTrue(strategy != Strategy.CALLER_THREAD,
                "runs the task inline, so its future may be done before the dependent is added (it then runs here)");
        List<Function<CompletableFuture<Object>, Object>> waits = List.of(
                inner -> inner.thenApply(x -> x).join(),
                inner -> {
                    try {
                        return inner.copy().get();
                    } catch (InterruptedException | ExecutionException e) {
                        throw new AssertionError(e);
                    }
                },
                inner -> inner.thenCompose(CompletableFuture::completedFuture).whenComplete((v, e) -> { }).join());
        TaskPool pool = open(strategy, 1);
        try {
            for (Function<CompletableFuture<Object>, Object> wait : waits) {
                CompletableFuture<Object> outer = pool.applyAsync(Task.SLEEP_SQUARE.with(300), 1)
                        .thenApply(v -> wait.apply(pool.applyAsync(Task.SLEEP_SQUARE.with(100), 3)));
                ExecutionException e = assertThrows(ExecutionException.class, () -> outer.get(30, TimeUnit.SECONDS));
                assertInstanceOf(IllegalStateException.class, e.getCause());
                assertTrue(e.getCause().getMessage().contains("on its result-handler thread"), e.getCause().getMessage());
            }
        } finally {
            CompletableFuture.runAsync(pool::close).orTimeout(30, TimeUnit.SECONDS).join();
        }
    }
}
