package io.github.poolbench.exec;

import io.github.poolbench.workload.Job;
import io.github.poolbench.workload.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pool contract of {@link TaskPool}, for FIXED_PROCESS_POOL: one pool of 2 worker JVMs serves every test here. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FixedProcessPoolContractTest {
    private static final Job INCREMENT = Task.INCREMENT.with(0);
    private TaskPool pool;

    @BeforeAll
    void startPool() {
        pool = Strategy.FIXED_PROCESS_POOL.create(PoolConfig.ofWorkers(2));
    }

    @AfterAll
    void closePool() {
        pool.close();
        assertEquals(List.of(), Children.ours(), "no worker left after close");
    }

    @ParameterizedTest(name = "{0} inputs, chunksize {1}")
    @CsvSource({"0,1", "0,3", "0,auto", "1,1", "1,3", "1,auto", "7,1", "7,3", "7,auto", "1000,1", "1000,3", "1000,auto"})
    void mapReturnsEveryResultInInputOrder(int n, String chunksize) {
        int[] inputs = new int[n];
        List<Object> expected = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            inputs[i] = n - i; // descending, so order mistakes show
            expected.add(n - i + 1);
        }
        List<Object> results = "auto".equals(chunksize) ? pool.map(INCREMENT, inputs)
                : pool.map(INCREMENT, inputs, Integer.parseInt(chunksize));
        assertEquals(expected, results);
    }

    @Test
    void chunksAndAnswersLargerThanAPipeFlowWithoutDeadlock() {
        int[] inputs = new int[300_000];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = i;
        }
        List<Object> results = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> pool.map(INCREMENT, inputs, 50_000));
        assertEquals(300_000, results.size());
        assertEquals(300_000, results.get(299_999));
        int[] long_ = new int[400];
        Arrays.fill(long_, 20_000); // 400 answers of 20 kB each, 8 MB in all
        List<Object> stars = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> pool.map(Task.STARS.with(0), long_, 100));
        assertEquals("*".repeat(20_000), stars.get(399));
    }

    @Test
    void stringResultsCrossTheProcessBoundaryAsStrings() {
        assertEquals(List.of("", "*", "***"), pool.map(Task.STARS.with(0), new int[] {0, 1, 3}, 2));
    }

    @Test
    void applyBlocksUntilTheValueIsThere() {
        assertEquals(25, pool.apply(Task.SLEEP_SQUARE.with(50), 5));
    }

    @Test
    void callbacksRunInThisProcessOnOneResultHandlerThreadOneAtATime() throws Exception {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        List<Object> seen = new ArrayList<>();
        List<CompletableFuture<Object>> futures = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            futures.add(pool.applyAsync(Task.STARS.with(0), i, value -> {
                mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                threads.add(Thread.currentThread().getName());
                synchronized (seen) {
                    seen.add(value);
                }
                running.decrementAndGet();
            }));
        }
        pool.join();
        assertEquals(Set.of("poolbench-result-handler"), threads);
        assertEquals(1, mostAtOnce.get());
        assertEquals(10, seen.size(), "join waits for the callbacks too");
        for (int i = 0; i < 10; i++) {
            assertEquals("*".repeat(i), futures.get(i).get(0, TimeUnit.SECONDS));
        }
    }

    @Test
    void aTaskThatThrowsFailsTheMapWithItsMessageAndTheWorkersPid() {
        int[] inputs = {1, 2, 3};
        TaskFailedException e = assertThrows(TaskFailedException.class, () -> pool.map(Task.RAISE.with(0), inputs, 1));
        RemoteTaskException cause = assertInstanceOf(RemoteTaskException.class, e.getCause());
        assertTrue(cause.getMessage().matches("java\\.lang\\.IllegalStateException: task RAISE failed on input [123] "
                + "\\(in child pid \\d+\\)"), cause.getMessage());
        assertEquals(2, pool.apply(INCREMENT, 1), "the pool goes on after a task's exception");
    }

    @Test
    void applyAsyncOfATaskThatThrowsCompletesExceptionally() {
        CompletableFuture<Object> f = pool.applyAsync(Task.RAISE.with(0), 7);
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(60, TimeUnit.SECONDS));
        assertInstanceOf(RemoteTaskException.class, e.getCause());
        assertTrue(e.getCause().getMessage().startsWith("java.lang.IllegalStateException: task RAISE failed on input 7"));
    }
}
