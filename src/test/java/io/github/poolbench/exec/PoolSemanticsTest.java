package io.github.poolbench.exec;

import io.github.poolbench.workload.Job;
import io.github.poolbench.workload.Task;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The document's Pool semantics (§3, §4, §6, §7) as every strategy must keep them: apply
 * blocks, apply_async hands back a future, callbacks run in this (the parent) process on one
 * thread, one at a time, receiving only the return value; a throwing callback is reported and
 * the pool goes on; get on a failed task raises the task's error; close refuses new work, lets
 * submitted work finish and leaves nothing behind.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PoolSemanticsTest {

    /**
     * Every strategy these tests hold to the contract (the only place to change);
     * VIRTUAL_THREAD_PER_TASK is skipped on JDK 17 and runs on 21+.
     */
    static Stream<Strategy> strategies() {
        return Stream.of(
                Strategy.FIXED_THREAD_POOL,
                Strategy.FORK_JOIN_POOL,
                Strategy.CALLER_THREAD,
                Strategy.THREAD_PER_TASK,
                Strategy.VIRTUAL_THREAD_PER_TASK,
                Strategy.FIXED_PROCESS_POOL,
                Strategy.PROCESS_PER_TASK);
    }

    private static TaskPool open(Strategy strategy, int workers) {
        assumeTrue(strategy.isAvailable(), strategy.unavailableReason());
        return strategy.create(PoolConfig.ofWorkers(workers));
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void applyReturnsTheTasksValue(Strategy strategy) {
        try (TaskPool pool = open(strategy, 3)) {
            assertEquals(49, pool.apply(Task.SLEEP_SQUARE.with(1), 7));
        }
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void applyBlocksSoTasksRunOneAfterAnotherWhateverThePoolSize(Strategy strategy) {
        Job job = Task.SLEEP_SQUARE.with(25);
        try (TaskPool pool = open(strategy, 3)) {
            long start = System.nanoTime();
            for (int i = 0; i < 4; i++) {
                assertEquals(i * i, pool.apply(job, i));
            }
            long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            // A lower bound only: each apply returns after its 25 ms sleep, so four take at least 100 ms.
            assertTrue(elapsedMillis >= 100, "4 blocking applies of 25 ms took only " + elapsedMillis + " ms");
        }
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void applyAsyncReturnsAHandleWhoseGetGivesTheValue(Strategy strategy) throws Exception {
        Job job = Task.SLEEP_SQUARE.with(5);
        try (TaskPool pool = open(strategy, 3)) {
            List<CompletableFuture<Object>> handles = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                handles.add(pool.applyAsync(job, i));
            }
            for (int i = 0; i < 10; i++) {
                assertEquals(i * i, handles.get(i).get(30, TimeUnit.SECONDS));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void aPoolRunsAtMostItsWorkersAtOnce(Strategy strategy) throws Exception {
        assumeTrue(strategy != Strategy.THREAD_PER_TASK && strategy != Strategy.VIRTUAL_THREAD_PER_TASK,
                "a new thread per task has no bound");
        Job job = Task.SLEEP_SQUARE.with(40);
        try (TaskPool pool = open(strategy, 3)) {
            long start = System.nanoTime();
            List<CompletableFuture<Object>> handles = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                handles.add(pool.applyAsync(job, i));
            }
            for (CompletableFuture<Object> h : handles) {
                h.get(30, TimeUnit.SECONDS);
            }
            long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            // With at most 3 at once, 10 tasks of 40 ms need at least ceil(10/3) = 4 rounds.
            assertTrue(elapsedMillis >= 160, "10 tasks of 40 ms on 3 workers took only " + elapsedMillis + " ms");
        }
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void callbacksRunInThisProcessOnOneThreadOneAtATimeAndReceiveOnlyTheValue(Strategy strategy) {
        Set<Thread> callbackThreads = ConcurrentHashMap.newKeySet();
        Set<Long> callbackPids = ConcurrentHashMap.newKeySet();
        ConcurrentLinkedQueue<Object> received = new ConcurrentLinkedQueue<>();
        AtomicInteger inCallback = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        try (TaskPool pool = open(strategy, 5)) {
            for (int i = 0; i < 10; i++) {
                pool.applyAsync(Task.STARS.with(0), i, value -> {
                    mostAtOnce.accumulateAndGet(inCallback.incrementAndGet(), Math::max);
                    callbackThreads.add(Thread.currentThread());
                    callbackPids.add(ProcessHandle.current().pid());
                    received.add(value);
                    sleep(5); // widens the window in which a second callback could overlap
                    inCallback.decrementAndGet();
                });
            }
            pool.join();
        }
        assertEquals(Set.of(ProcessHandle.current().pid()), callbackPids, "callbacks run in the parent process");
        assertEquals(1, callbackThreads.size(), "callbacks run on one thread, got " + callbackThreads);
        assertNotEquals(Thread.currentThread(), callbackThreads.iterator().next(), "not on the submitting thread");
        assertEquals(1, mostAtOnce.get(), "callbacks run one at a time");
        // The callback example's func returns i * '*': the callback receives exactly that string.
        Set<Object> expected = IntStream.range(0, 10).mapToObj("*"::repeat).collect(Collectors.toSet());
        assertEquals(10, received.size());
        assertEquals(expected, new HashSet<>(received));
        received.forEach(v -> assertInstanceOf(String.class, v));
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void theCallbackHasRunBeforeGetReturnsAndJoinWaitsForEveryCallback(Strategy strategy) throws Exception {
        AtomicInteger callbacks = new AtomicInteger();
        AtomicBoolean ranBeforeGet = new AtomicBoolean();
        try (TaskPool pool = open(strategy, 3)) {
            CompletableFuture<Object> first = pool.applyAsync(Task.STARS.with(0), 3, v -> {
                sleep(20);
                ranBeforeGet.set(true);
                callbacks.incrementAndGet();
            });
            assertEquals("***", first.get(30, TimeUnit.SECONDS));
            assertTrue(ranBeforeGet.get(), "get returned before the callback had run");
            for (int i = 0; i < 5; i++) {
                pool.applyAsync(Task.SLEEP_SQUARE.with(5), i, v -> callbacks.incrementAndGet());
            }
            pool.join();
            assertEquals(6, callbacks.get(), "join returned before every callback had run");
        }
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void aCallbackThatThrowsIsReportedAndCountedAndThePoolGoesOn(Strategy strategy) throws Exception {
        ConcurrentLinkedQueue<Object> received = new ConcurrentLinkedQueue<>();
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream originalErr = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try (TaskPool pool = open(strategy, 3)) {
            List<CompletableFuture<Object>> handles = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                handles.add(pool.applyAsync(Task.STARS.with(0), i, value -> {
                    if ("***".equals(value)) {
                        throw new IllegalStateException("boom from the callback");
                    }
                    received.add(value);
                }));
            }
            pool.join();
            assertEquals(1, pool.callbackFailures());
            assertEquals(5, received.size(), "the other callbacks still ran: " + received);
            assertEquals("***", handles.get(3).get(30, TimeUnit.SECONDS), "the task itself succeeded");
            assertEquals(16, pool.apply(Task.SLEEP_SQUARE.with(0), 4), "the pool still takes work");
        } finally {
            System.setErr(originalErr);
        }
        assertTrue(captured.toString(StandardCharsets.UTF_8).contains(
                        "poolbench: callback for STARS(param=0) on input 3 failed: "
                                + "java.lang.IllegalStateException: boom from the callback"),
                "stderr was: " + captured.toString(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void aFuturesDependentThatClosesThePoolIsRefusedWithAClearErrorInsteadOfDeadlocking(Strategy strategy) throws Exception {
        assumeTrue(strategy != Strategy.CALLER_THREAD,
                "runs the task inline, so its future may be done before the dependent is added (it then runs here)");
        TaskPool pool = open(strategy, 1);
        try {
            AtomicReference<String> ranOn = new AtomicReference<>();
            CompletableFuture<Void> closing = pool.applyAsync(Task.SLEEP_SQUARE.with(300), 3).thenRun(() -> {
                ranOn.set(Thread.currentThread().getName());
                pool.close();
            });
            ExecutionException e = assertThrows(ExecutionException.class, () -> closing.get(30, TimeUnit.SECONDS));
            assertInstanceOf(IllegalStateException.class, e.getCause());
            assertEquals("close() of " + strategy.name() + " was called on its result-handler thread (from a callback or a "
                    + "future's dependent): it would wait for that very thread; call it from another thread",
                    e.getCause().getMessage());
            assertEquals("poolbench-result-handler", ranOn.get(), "user code runs on the result-handler thread only");
        } finally {
            pool.close();
        }
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void aFuturesDependentMayApplyAgainEvenOnAPoolOfOne(Strategy strategy) throws Exception {
        try (TaskPool pool = open(strategy, 1)) {
            CompletableFuture<Object> next = pool.applyAsync(Task.SLEEP_SQUARE.with(300), 3)
                    .thenApply(v -> pool.apply(Task.INCREMENT.with(0), (Integer) v));
            assertEquals(10, next.get(30, TimeUnit.SECONDS));
        }
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void aCallbackThatJoinsThePoolIsReportedAsAFailedCallbackAndNothingHangs(Strategy strategy) throws Exception {
        try (TaskPool pool = open(strategy, 1)) {
            CompletableFuture<Object> f = pool.applyAsync(Task.INCREMENT.with(0), 1, v -> pool.join());
            assertEquals(2, f.get(30, TimeUnit.SECONDS));
            assertEquals(1, pool.callbackFailures());
        }
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void getOnAFailedTaskRaisesTheTasksError(Strategy strategy) {
        try (TaskPool pool = open(strategy, 3)) {
            CompletableFuture<Object> handle = pool.applyAsync(Task.RAISE.with(0), 4);
            ExecutionException e = assertThrows(ExecutionException.class, () -> handle.get(30, TimeUnit.SECONDS));
            assertTrue(String.valueOf(e.getCause().getMessage()).contains("task RAISE failed on input 4"),
                    "cause was " + e.getCause());
        }
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void applyOnAFailedTaskThrowsWithTheTasksErrorAndThePoolGoesOn(Strategy strategy) {
        try (TaskPool pool = open(strategy, 3)) {
            TaskFailedException e = assertThrows(TaskFailedException.class, () -> pool.apply(Task.RAISE.with(0), 4));
            assertTrue(e.getMessage().startsWith("RAISE(param=0) failed in "), e.getMessage());
            assertTrue(e.getMessage().contains("task RAISE failed on input 4"), e.getMessage());
            assertTrue(String.valueOf(e.getCause().getMessage()).contains("task RAISE failed on input 4"),
                    "cause was " + e.getCause());
            assertEquals(9, pool.apply(Task.SLEEP_SQUARE.with(0), 3));
        }
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void afterCloseNewWorkIsRefused(Strategy strategy) {
        TaskPool pool = open(strategy, 3);
        pool.close();
        String expected = strategy.name() + " is closed: it accepts no new work after close()";
        Job job = Task.SLEEP_SQUARE.with(0);
        assertEquals(expected, assertThrows(IllegalStateException.class, () -> pool.apply(job, 1)).getMessage());
        assertEquals(expected, assertThrows(IllegalStateException.class, () -> pool.applyAsync(job, 1)).getMessage());
        assertEquals(expected, assertThrows(IllegalStateException.class,
                () -> pool.applyAsync(job, 1, v -> { })).getMessage());
        assertEquals(expected, assertThrows(IllegalStateException.class,
                () -> pool.map(job, new int[] {1, 2})).getMessage());
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void closeLetsSubmittedWorkFinishSoResultsCanBeCollectedAfterJoin(Strategy strategy) throws Exception {
        Job job = Task.SLEEP_SQUARE.with(30);
        TaskPool pool = open(strategy, 3);
        List<CompletableFuture<Object>> handles = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            handles.add(pool.applyAsync(job, i));
        }
        pool.close();
        pool.join();
        pool.close(); // idempotent
        List<Object> results = new ArrayList<>();
        for (CompletableFuture<Object> h : handles) {
            assertTrue(h.isDone(), "close returned before a submitted task had finished");
            results.add(h.get());
        }
        assertEquals(List.of(0, 1, 4, 9, 16, 25, 36), results);
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void closeLeavesNoThreadOrChildProcessBehind(Strategy strategy) throws Exception {
        assumeTrue(strategy.isAvailable(), strategy.unavailableReason());
        Set<Thread> before = poolbenchThreads();
        long childrenBefore = ProcessHandle.current().descendants().count();
        TaskPool pool = open(strategy, 3);
        for (int i = 0; i < 6; i++) {
            pool.applyAsync(Task.STARS.with(0), i, v -> { });
        }
        pool.map(Task.INCREMENT.with(0), new int[] {1, 2, 3, 4}, 1);
        pool.close();
        // close() joins the strategy's threads and processes; the result-handler thread may take
        // a moment to leave after its executor reports termination, hence the wait (not a speed check).
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Set<Thread> left;
        long children;
        do {
            left = poolbenchThreads();
            left.removeAll(before);
            children = ProcessHandle.current().descendants().count();
            if (left.isEmpty() && children <= childrenBefore) {
                break;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        assertEquals(Set.of(), left, "threads left after close");
        assertTrue(children <= childrenBefore, "child processes left after close: " + children);
    }

    private static Set<Thread> poolbenchThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("poolbench-") && t.isAlive())
                .collect(Collectors.toCollection(HashSet::new));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
