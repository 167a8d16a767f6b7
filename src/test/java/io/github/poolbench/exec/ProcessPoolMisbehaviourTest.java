package io.github.poolbench.exec;

import io.github.poolbench.worker.Protocol;
import io.github.poolbench.worker.WorkerMain;
import io.github.poolbench.workload.Job;
import io.github.poolbench.workload.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * FIXED_PROCESS_POOL against workers that misbehave on cue ({@link FaultyWorkerMain}): every
 * task runs at most once, and every failure names what happened. One test per finding of
 * issue 13.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ProcessPoolMisbehaviourTest {
    private static final Job INCREMENT = Task.INCREMENT.with(0);

    static ProcessPool faulty(PoolConfig config, String fault) {
        ChildJvm jvm = new ChildJvm(ChildJvm.javaExecutable(), ChildJvm.classPath(),
                List.of("-Dpoolbench.fault=" + fault, "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData"), "default", "test");
        return new ProcessPool(config, jvm, FaultyWorkerMain.class.getName());
    }

    /** (param, input) pairs the workers logged as run, with how often each ran. */
    static Map<Long, Integer> runs(Path logDir) throws IOException {
        Map<Long, Integer> runs = new HashMap<>();
        try (Stream<Path> files = Files.list(logDir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f));
                while (b.remaining() >= 8) {
                    runs.merge(((long) b.getInt() << 32) | (b.getInt() & 0xFFFFFFFFL), 1, Integer::sum);
                }
            }
        }
        return runs;
    }

    private static Object cause(CompletableFuture<Object> f) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(60, TimeUnit.SECONDS));
        return e.getCause();
    }

    // 1
    @Test
    void garbageMidStreamFailsWhatTheWorkerHeldSaysSoAndRunsNothingTwice(@TempDir Path logs) throws Exception {
        ProcessPool pool = faulty(PoolConfig.ofWorkers(1), "garbage-before-input=100,log=" + logs);
        try {
            long pid = pool.workerPids().get(0);
            Job slow = Task.SLEEP_SQUARE.with(200);
            // Window of 2: 100 runs with 101 written behind it; 102 waits in the pool's queue.
            // The worker runs 100, then writes "oops" before its answer.
            CompletableFuture<Object> a = pool.applyAsync(slow, 100);
            CompletableFuture<Object> b = pool.applyAsync(slow, 101);
            CompletableFuture<Object> c = pool.applyAsync(slow, 102);
            String protocol = "worker pid " + pid + " broke the protocol (bad frame length 1869574259 (expected 0..67108864)) "
                    + "and was killed by the pool";
            assertEquals(protocol + " while running SLEEP_SQUARE(param=200) on input 100",
                    assertInstanceOf(WorkerDiedException.class, cause(a)).getMessage(), "not \"killed by SIGKILL\"");
            assertEquals(protocol + " before answering SLEEP_SQUARE(param=200) on input 101, which had been sent to it "
                    + "(it may have run, so it is not sent again)", assertInstanceOf(WorkerDiedException.class, cause(b)).getMessage());
            assertEquals(10_404, c.get(60, TimeUnit.SECONDS), "never sent to the bad worker: run by its replacement");
        } finally {
            pool.close();
        }
        Map<Long, Integer> runs = runs(logs);
        assertEquals(1, runs.get((200L << 32) | 100), "ran once, then its answer was lost in the garbage: " + runs);
        assertTrue(runs.getOrDefault((200L << 32) | 101, 0) <= 1, "at most once: " + runs);
        assertEquals(1, runs.get((200L << 32) | 102), "exactly once: " + runs);
        assertEquals(List.of(), Children.ours());
    }

    @Test
    void aGoodAnswerBeforeTheGarbageStillCounts() throws Exception {
        ProcessPool pool = faulty(PoolConfig.ofWorkers(1), "garbage-after-input=100");
        try {
            long pid = pool.workerPids().get(0);
            CompletableFuture<Object> a = pool.applyAsync(Task.SLEEP_SQUARE.with(200), 100);
            CompletableFuture<Object> b = pool.applyAsync(Task.SLEEP_SQUARE.with(200), 101);
            assertEquals(10_000, a.get(60, TimeUnit.SECONDS), "answered before the garbage: a good result");
            assertEquals("worker pid " + pid + " broke the protocol (bad frame length 1869574259 (expected 0..67108864)) "
                    + "and was killed by the pool while running SLEEP_SQUARE(param=200) on input 101",
                    assertInstanceOf(WorkerDiedException.class, cause(b)).getMessage());
        } finally {
            pool.close();
        }
    }

    // 3
    @Test
    void aReplacementKilledWhileItStartsIsRetriedUntilThePoolIsWhole() throws Exception {
        ProcessPool pool = ProcessPoolFaultTest.pool(PoolConfig.ofWorkers(2));
        try {
            long victim = pool.workerPids().get(0);
            assertTrue(ProcessHandle.of(victim).orElseThrow().destroyForcibly());
            assertTrue(Children.await(() -> !pool.startingPids().isEmpty(), 30_000), "a replacement starts");
            long replacement = pool.startingPids().get(0);
            assertTrue(ProcessHandle.of(replacement).orElseThrow().destroyForcibly(), "killed while it starts");
            assertTrue(Children.await(() -> pool.liveWorkers() == 2, 60_000),
                    "the pool is whole again: " + pool.workerPids());
            assertFalse(pool.workerPids().contains(victim));
            assertFalse(pool.workerPids().contains(replacement));
            assertEquals(List.of(2, 3, 4, 5), pool.map(INCREMENT, new int[] {1, 2, 3, 4}, 1));
        } finally {
            pool.close();
        }
        assertEquals(List.of(), Children.ours());
    }

    @Test
    void whenNoReplacementCanStartTheNextCallFailsSayingThePoolIsShortOfWorkers(@TempDir Path dir) throws Exception {
        Path marker = dir.resolve("started");
        ProcessPool pool = faulty(PoolConfig.ofWorkers(1), "fail-start-if-exists=" + marker);
        try {
            long pid = pool.workerPids().get(0);
            assertTrue(ProcessHandle.of(pid).orElseThrow().destroyForcibly());
            assertTrue(Children.await(() -> pool.startingPids().isEmpty() && pool.liveWorkers() == 0
                    && shortOfWorkers(pool), 60_000), "the pool says it cannot be made whole");
            TaskFailedException failed = assertThrows(TaskFailedException.class, () -> pool.map(INCREMENT, new int[] {1, 2}, 1));
            WorkerStartException e = assertInstanceOf(WorkerStartException.class, failed.getCause());
            assertTrue(e.getMessage().startsWith("FIXED_PROCESS_POOL is short of workers (0 of 1 alive): could not start a "
                    + "replacement for worker pid " + pid + " in " + ProcessPool.START_ATTEMPTS + " attempts: worker ended "
                    + "(exit status 1) before it was ready: "), e.getMessage());
            assertTrue(e.getMessage().endsWith("; its stderr: refusing to start: " + marker + " exists"), e.getMessage());
        } finally {
            pool.close();
        }
        assertEquals(List.of(), Children.ours());
    }

    // 4
    @Test
    void aResultOverTheFrameCapFailsThatTaskAndTheWorkerLivesOn() {
        ProcessPool pool = ProcessPoolFaultTest.pool(PoolConfig.ofWorkers(1));
        try {
            long pid = pool.workerPids().get(0);
            TaskFailedException e = assertThrows(TaskFailedException.class,
                    () -> pool.apply(Task.STARS.with(0), Protocol.MAX_FRAME + 10));
            assertEquals("a String result of 67108874 chars does not fit the protocol's cap of 67108864 bytes per frame "
                    + "(in child pid " + pid + ")", e.getCause().getMessage());
            assertEquals(2, pool.apply(INCREMENT, 1));
            assertEquals(List.of(pid), pool.workerPids(), "the same worker, not killed");
        } finally {
            pool.close();
        }
    }

    @Test
    void aChunkOverTheFrameCapFailsBeforeAnythingIsSent() {
        ProcessPool pool = ProcessPoolFaultTest.pool(PoolConfig.ofWorkers(1));
        try {
            List<Long> pids = pool.workerPids();
            int[] inputs = new int[Protocol.MAX_REQUEST_INPUTS + 1];
            TaskFailedException e = assertThrows(TaskFailedException.class, () -> pool.map(INCREMENT, inputs, inputs.length));
            assertEquals(Protocol.tooLargeRequest(inputs.length), e.getCause().getMessage());
            assertEquals(pids, pool.workerPids());
            assertEquals(2, pool.apply(INCREMENT, 1));
        } finally {
            pool.close();
        }
    }

    // 5
    @Test
    void aWriteThatFindsABrokenPipeMarksTheWorkerDeadAndSendsTheChunkToAnother(@TempDir Path dir) throws Exception {
        ProcessPool pool = faulty(PoolConfig.ofWorkers(2), "close-stdin-once=" + dir.resolve("closed"));
        try {
            int[] inputs = {1, 2, 3, 4, 5, 6, 7, 8};
            // One of the two workers closed its stdin and never reads: every write to it breaks.
            assertEquals(List.of(2, 3, 4, 5, 6, 7, 8, 9), pool.map(INCREMENT, inputs, 1));
            assertTrue(Children.await(() -> pool.liveWorkers() == 2, 60_000), "replaced: " + pool.workerPids());
        } finally {
            pool.close();
        }
        assertEquals(List.of(), Children.ours());
    }

    // 6
    @Test
    void anErrorOnAReaderThreadFailsItsChunksAndNothingHangs() throws Exception {
        ProcessPool pool = ProcessPoolFaultTest.pool(PoolConfig.ofWorkers(1));
        try {
            long pid = pool.workerPids().get(0);
            AtomicBoolean thrown = new AtomicBoolean();
            pool.answerHook = () -> {
                if (thrown.compareAndSet(false, true)) {
                    throw new OutOfMemoryError("injected");
                }
            };
            TaskFailedException e = assertThrows(TaskFailedException.class,
                    () -> pool.map(Task.SLEEP_SQUARE.with(100), new int[] {1, 2, 3}, 1));
            assertTrue(e.getCause().getMessage().startsWith("worker pid " + pid + " was killed by the pool because its "
                    + "reader thread failed: java.lang.OutOfMemoryError: injected"), e.getCause().getMessage());
            assertTrue(Children.await(() -> pool.liveWorkers() == 1, 60_000));
            assertEquals(List.of(2, 3), pool.map(INCREMENT, new int[] {1, 2}, 1));
        } finally {
            pool.close();
        }
        assertEquals(0, pool.aliveThreads());
    }

    // 7
    @Test
    void aTimeLimitNearLongMaxValueMeansNoLimitRatherThanKillingEveryWorker() {
        ProcessPool pool = ProcessPoolFaultTest.pool(PoolConfig.ofWorkers(1).withTaskTimeoutMillis(Long.MAX_VALUE));
        try {
            long pid = pool.workerPids().get(0);
            // Chunks of 2: the limit times the chunk size once overflowed to a negative limit.
            assertEquals(List.of(1, 4, 9, 16), pool.map(Task.SLEEP_SQUARE.with(150), new int[] {1, 2, 3, 4}, 2));
            assertEquals(List.of(pid), pool.workerPids());
        } finally {
            pool.close();
        }
    }

    // 10
    @Test
    void aFrameCutShortIsAProtocolErrorNotANormalEnd() {
        ProcessPool pool = faulty(PoolConfig.ofWorkers(1), "truncate-on-input=7");
        try {
            long pid = pool.workerPids().get(0);
            TaskFailedException e = assertThrows(TaskFailedException.class, () -> pool.apply(INCREMENT, 7));
            assertEquals("worker pid " + pid + " broke the protocol (the stream ended inside a frame: 4 of 13 bytes) and was "
                    + "killed by the pool while running INCREMENT(param=0) on input 7", e.getCause().getMessage());
        } finally {
            pool.close();
        }
    }

    @Test
    void aDeathMessageCarriesOnlyTheStderrPrintedSinceItsChunkWasSent() throws InterruptedException {
        ProcessPool pool = faulty(PoolConfig.ofWorkers(1), "startup-stderr,die-on-input=-7");
        try {
            long pid = pool.workerPids().get(0);
            assertEquals(2, pool.apply(INCREMENT, 1));
            Thread.sleep(300); // the start-up lines, printed before the hello, reach the pool's copier first
            TaskFailedException e = assertThrows(TaskFailedException.class, () -> pool.apply(INCREMENT, -7));
            assertEquals("worker pid " + pid + " died with exit status 4 while running INCREMENT(param=0) on input -7; "
                    + "its stderr since then: dying on input -7", e.getCause().getMessage());
        } finally {
            pool.close();
        }
    }

    @Test
    void aWorkerThatFloodsStderrBeforeDyingGivesABoundedMessageWithTheLastLines() {
        ProcessPool pool = faulty(PoolConfig.ofWorkers(1), "flood-stderr=300,die-on-input=-7");
        try {
            TaskFailedException e = assertThrows(TaskFailedException.class, () -> pool.apply(INCREMENT, -7));
            String m = e.getCause().getMessage();
            assertTrue(m.length() < 8_000, "bounded: " + m.length() + " chars");
            assertTrue(m.contains("; its stderr since then: (281 earlier lines left out) flood line 281 "), m);
            assertTrue(m.endsWith(" | dying on input -7"), m);
        } finally {
            pool.close();
        }
    }

    @Test
    void theChunkQueuedBehindATimedOutOneFailsSayingThePoolKilledTheWorkerNotSigkill() throws Exception {
        ProcessPool pool = ProcessPoolFaultTest.pool(PoolConfig.ofWorkers(1).withTaskTimeoutMillis(300));
        try {
            long pid = pool.workerPids().get(0);
            CompletableFuture<Object> first = pool.applyAsync(Task.SLEEP_SQUARE.with(5_000), 1);
            CompletableFuture<Object> second = pool.applyAsync(Task.SLEEP_SQUARE.with(5_000), 2);
            TimeoutException timeout = assertInstanceOf(TimeoutException.class, cause(first));
            assertEquals("SLEEP_SQUARE(param=5000) on input 1 ran longer than the 300 ms per-task limit; worker pid " + pid
                    + " was killed and replaced", timeout.getMessage());
            WorkerDiedException died = assertInstanceOf(WorkerDiedException.class, cause(second));
            assertEquals("worker pid " + pid + " was killed by the pool because SLEEP_SQUARE(param=5000) on input 1 ran "
                    + "longer than the 300 ms per-task limit before answering SLEEP_SQUARE(param=5000) on input 2, which had "
                    + "been sent to it (it may have run, so it is not sent again)", died.getMessage());
        } finally {
            pool.close();
        }
    }

    @Test
    void aLibraryPrintingToSystemOutInAWorkerDoesNotCorruptTheStream() {
        ProcessPool pool = faulty(PoolConfig.ofWorkers(1), "stdout-noise");
        try {
            assertEquals(List.of(2, 3, 4), pool.map(INCREMENT, new int[] {1, 2, 3}, 1));
        } finally {
            pool.close();
        }
    }

    private static boolean shortOfWorkers(ProcessPool pool) {
        try {
            pool.apply(INCREMENT, 1);
            return false;
        } catch (TaskFailedException e) {
            return String.valueOf(e.getCause().getMessage()).startsWith("FIXED_PROCESS_POOL is short of workers");
        }
    }

    static List<Long> pids(ProcessPool pool) {
        List<Long> all = new ArrayList<>(pool.workerPids());
        all.addAll(pool.startingPids());
        return all;
    }

    static String mainName() {
        return WorkerMain.class.getName();
    }
}
