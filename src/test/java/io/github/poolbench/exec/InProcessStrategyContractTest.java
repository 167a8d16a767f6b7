package io.github.poolbench.exec;

import io.github.poolbench.workload.Job;
import io.github.poolbench.workload.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The Pool contract, checked for every in-process strategy. */
class InProcessStrategyContractTest {
    private static final Job INCREMENT = Task.INCREMENT.with(0);

    static Stream<Strategy> strategies() {
        return Stream.of(Strategy.CALLER_THREAD, Strategy.FIXED_THREAD_POOL, Strategy.FORK_JOIN_POOL,
                Strategy.THREAD_PER_TASK, Strategy.VIRTUAL_THREAD_PER_TASK);
    }

    static Stream<Arguments> strategiesSizesAndChunks() {
        List<Arguments> cases = new ArrayList<>();
        strategies().forEach(s -> {
            for (int n : new int[] {0, 1, 7, 1000}) {
                for (int chunk : new int[] {1, 3, -1}) {
                    cases.add(Arguments.of(s, n, chunk));
                }
            }
        });
        return cases.stream();
    }

    private static TaskPool open(Strategy s) {
        assumeTrue(s.isAvailable(), s.unavailableReason());
        return s.create(PoolConfig.defaults());
    }

    private static int[] range(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    @ParameterizedTest(name = "{0} maps {1} inputs in chunks of {2} (-1 = auto) in input order")
    @MethodSource("strategiesSizesAndChunks")
    void mapReturnsEveryResultInInputOrder(Strategy s, int n, int chunk) {
        try (TaskPool pool = open(s)) {
            int[] inputs = range(n);
            List<Object> results = chunk < 0 ? pool.map(INCREMENT, inputs) : pool.map(INCREMENT, inputs, chunk);
            assertEquals(n, results.size());
            for (int i = 0; i < n; i++) {
                assertEquals(i + 1, results.get(i), "result " + i);
            }
        }
    }

    @ParameterizedTest(name = "{0} rejects a chunksize of 0 or less with a clear message")
    @MethodSource("strategies")
    void nonPositiveChunksizeIsRejected(Strategy s) {
        try (TaskPool pool = open(s)) {
            IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                    () -> pool.map(INCREMENT, range(3), 0));
            assertEquals("chunksize must be at least 1, was 0", zero.getMessage());
            IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                    () -> pool.map(INCREMENT, range(3), -2));
            assertEquals("chunksize must be at least 1, was -2", negative.getMessage());
        }
    }

    @ParameterizedTest(name = "{0} rejects a null job and null inputs by name")
    @MethodSource("strategies")
    void nullJobOrInputsAreRejected(Strategy s) {
        try (TaskPool pool = open(s)) {
            NullPointerException job = assertThrows(NullPointerException.class, () -> pool.map(null, range(3), 1));
            assertEquals("job must not be null", job.getMessage());
            NullPointerException inputs = assertThrows(NullPointerException.class, () -> pool.map(INCREMENT, null, 1));
            assertEquals("inputs must not be null", inputs.getMessage());
            assertThrows(NullPointerException.class, () -> pool.apply(null, 1));
        }
    }

    @ParameterizedTest(name = "{0}: apply blocks and returns the value; applyAsync returns a future")
    @MethodSource("strategies")
    void applyAndApplyAsyncReturnTheValue(Strategy s) throws Exception {
        try (TaskPool pool = open(s)) {
            assertEquals(16, pool.apply(Task.SLEEP_SQUARE.with(1), 4));
            List<CompletableFuture<Object>> futures = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                futures.add(pool.applyAsync(Task.SLEEP_SQUARE.with(2), i));
            }
            for (int i = 0; i < 10; i++) {
                assertEquals(i * i, futures.get(i).get(30, TimeUnit.SECONDS));
            }
        }
    }

    @ParameterizedTest(name = "{0}: a failing task raises its own error, and the pool goes on")
    @MethodSource("strategies")
    void aFailingTaskRaisesItsErrorAndThePoolGoesOn(Strategy s) throws Exception {
        try (TaskPool pool = open(s)) {
            TaskFailedException mapped = assertThrows(TaskFailedException.class,
                    () -> pool.map(Task.RAISE.with(0), range(5), 2));
            assertInstanceOf(IllegalStateException.class, mapped.getCause());
            assertTrue(mapped.getCause().getMessage().startsWith("task RAISE failed on input"), mapped.getMessage());

            ExecutionException async = assertThrows(ExecutionException.class,
                    () -> pool.applyAsync(Task.RAISE.with(0), 3).get(30, TimeUnit.SECONDS));
            assertEquals("task RAISE failed on input 3", async.getCause().getMessage());

            assertEquals(List.of(1, 2, 3), pool.map(INCREMENT, range(3), 1));
        }
    }

    @ParameterizedTest(name = "{0}: join waits for every submitted task and callback")
    @MethodSource("strategies")
    void joinWaitsForSubmittedWorkAndCallbacks(Strategy s) {
        try (TaskPool pool = open(s)) {
            List<Object> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
            List<CompletableFuture<Object>> futures = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                futures.add(pool.applyAsync(Task.SLEEP_SQUARE.with(5), i, seen::add));
            }
            pool.join();
            assertEquals(6, seen.size(), "every callback ran before join returned");
            assertTrue(futures.stream().allMatch(CompletableFuture::isDone));
        }
    }

    @ParameterizedTest(name = "{0}: after close, new work is refused with a clear message")
    @MethodSource("strategies")
    void closedPoolRefusesNewWork(Strategy s) {
        TaskPool pool = open(s);
        CompletableFuture<Object> before = pool.applyAsync(Task.SLEEP_SQUARE.with(20), 3);
        pool.close();
        assertTrue(before.isDone(), "close waits for submitted work");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> pool.map(INCREMENT, range(2), 1));
        assertTrue(e.getMessage().endsWith("is closed: it accepts no new work after close()"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> pool.apply(INCREMENT, 1));
        assertThrows(IllegalStateException.class, () -> pool.applyAsync(INCREMENT, 1));
        pool.close(); // idempotent
    }

    @ParameterizedTest(name = "{0} leaves no thread of its own alive after close")
    @MethodSource("strategies")
    void noThreadIsLeftAfterClose(Strategy s) {
        TaskPool pool = open(s);
        pool.map(INCREMENT, range(200), 1);
        pool.applyAsync(Task.SLEEP_SQUARE.with(10), 2, v -> { });
        pool.close();
        assertEquals(List.of(), liveThreadsNamedPoolbench(), "threads of the strategy alive after close");
        if (pool instanceof InProcessPools.ThreadPerTask) {
            assertEquals(0, ((InProcessPools.ThreadPerTask) pool).aliveThreads());
        }
        if (pool instanceof InProcessPools.VirtualThreadPerTask) {
            assertEquals(0, ((InProcessPools.VirtualThreadPerTask) pool).aliveThreads());
        }
    }

    @Test
    void threadPerTaskStartsOneThreadPerInputWhateverTheChunksize() {
        InProcessPools.ThreadPerTask pool = (InProcessPools.ThreadPerTask) Strategy.THREAD_PER_TASK.create(PoolConfig.defaults());
        try {
            pool.map(INCREMENT, range(20), 10);
            assertEquals(20, pool.threadsStarted());
            pool.apply(INCREMENT, 1);
            assertEquals(21, pool.threadsStarted());
        } finally {
            pool.close();
        }
    }

    @ParameterizedTest(name = "{0} names its pool size")
    @EnumSource(value = Strategy.class, names = {"CALLER_THREAD", "FIXED_THREAD_POOL", "FORK_JOIN_POOL", "THREAD_PER_TASK"})
    void workersIsThePoolSize(Strategy s) {
        try (TaskPool pool = s.create(PoolConfig.ofWorkers(3))) {
            assertEquals(3, pool.workers());
        }
    }

    static List<String> liveThreadsNamedPoolbench() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<String> names;
        do {
            names = new ArrayList<>();
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.isAlive() && t.getName().startsWith("poolbench-")) {
                    names.add(t.getName());
                }
            }
            if (names.isEmpty()) {
                return names;
            }
            Thread.onSpinWait();
        } while (System.nanoTime() < deadline);
        return names;
    }
}
