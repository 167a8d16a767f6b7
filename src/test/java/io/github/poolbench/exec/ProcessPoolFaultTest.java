package io.github.poolbench.exec;

import io.github.poolbench.worker.WorkerMain;
import io.github.poolbench.workload.Job;
import io.github.poolbench.workload.Task;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What FIXED_PROCESS_POOL does when workers die, hang, cannot start, or lose their parent. */
class ProcessPoolFaultTest {
    private static final Job INCREMENT = Task.INCREMENT.with(0);

    static ProcessPool pool(PoolConfig config) {
        return new ProcessPool(config, ChildJvm.forFlags("default"), WorkerMain.class.getName());
    }

    @Test
    void aWorkerKilledMidMapFailsTheMapNamingItsPidAndExitStatusThenIsReplaced() throws Exception {
        ProcessPool pool = pool(PoolConfig.ofWorkers(2));
        try {
            long victim = pool.workerPids().get(0);
            CompletableFuture<Object> map = CompletableFuture.supplyAsync(
                    () -> pool.map(Task.SLEEP_SQUARE.with(1500), new int[] {0, 1, 2, 3}, 1));
            assertTrue(Children.await(() -> pool.chunksHeldBy(victim) > 0, 60_000), "the map reached the first worker");
            Thread.sleep(200); // let it start the chunk (if it has not, the chunk still fails: the worker held it)
            assertTrue(ProcessHandle.of(victim).orElseThrow().destroyForcibly());

            ExecutionException e = assertThrows(ExecutionException.class, () -> map.get(60, TimeUnit.SECONDS));
            TaskFailedException failed = assertInstanceOf(TaskFailedException.class, e.getCause());
            WorkerDiedException died = assertInstanceOf(WorkerDiedException.class, failed.getCause());
            assertEquals("worker pid " + victim + " died with exit status 137 (killed by SIGKILL) while running "
                    + "SLEEP_SQUARE(param=1500) on input 0", died.getMessage());
            assertEquals(victim, died.pid());
            assertEquals(137, died.exitStatus());

            assertTrue(Children.await(() -> pool.workerPids().size() == 2 && !pool.workerPids().contains(victim), 60_000),
                    "a fresh worker took the dead one's place: " + pool.workerPids());
            int[] inputs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
            assertEquals(List.of(2, 3, 4, 5, 6, 7, 8, 9, 10, 11), pool.map(INCREMENT, inputs, 1));
        } finally {
            pool.close();
        }
        assertEquals(List.of(), Children.ours());
    }

    @Test
    void chunksWrittenToAKilledWorkerFailAndOnlyChunksItNeverReceivedRunElsewhere() throws Exception {
        ProcessPool pool = pool(PoolConfig.ofWorkers(2));
        try {
            long victim = pool.workerPids().get(0);
            List<CompletableFuture<Object>> futures = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                // Windows of 2: the first worker runs input 0 with input 2 written behind it;
                // inputs 4 and 5 wait in the pool's queue and reach no worker yet.
                futures.add(pool.applyAsync(Task.SLEEP_SQUARE.with(1000), i));
            }
            Thread.sleep(300);
            assertTrue(ProcessHandle.of(victim).orElseThrow().destroyForcibly());

            ExecutionException e = assertThrows(ExecutionException.class, () -> futures.get(0).get(60, TimeUnit.SECONDS));
            assertEquals("worker pid " + victim + " died with exit status 137 (killed by SIGKILL) while running "
                    + "SLEEP_SQUARE(param=1000) on input 0", e.getCause().getMessage());
            e = assertThrows(ExecutionException.class, () -> futures.get(2).get(60, TimeUnit.SECONDS));
            assertEquals("worker pid " + victim + " died with exit status 137 (killed by SIGKILL) before answering "
                    + "SLEEP_SQUARE(param=1000) on input 2, which had been sent to it (it may have run, so it is not sent again)",
                    e.getCause().getMessage(), "the worker held input 2 in its pipe: it is not run a second time");
            assertEquals(1, futures.get(1).get(60, TimeUnit.SECONDS));
            assertEquals(9, futures.get(3).get(60, TimeUnit.SECONDS));
            assertEquals(16, futures.get(4).get(60, TimeUnit.SECONDS), "never sent, so it ran elsewhere");
            assertEquals(25, futures.get(5).get(60, TimeUnit.SECONDS));
        } finally {
            pool.close();
        }
    }

    @Test
    void aTaskOverItsTimeLimitFailsWithTimeoutExceptionAndItsWorkerIsReplaced() throws Exception {
        ProcessPool pool = pool(PoolConfig.ofWorkers(1).withTaskTimeoutMillis(400));
        try {
            long first = pool.workerPids().get(0);
            CompletableFuture<Object> slow = pool.applyAsync(Task.SLEEP_SQUARE.with(30_000), 3);
            ExecutionException e = assertThrows(ExecutionException.class, () -> slow.get(60, TimeUnit.SECONDS));
            TimeoutException timeout = assertInstanceOf(TimeoutException.class, e.getCause());
            assertEquals("SLEEP_SQUARE(param=30000) on input 3 ran longer than the 400 ms per-task limit; worker pid "
                    + first + " was killed and replaced", timeout.getMessage());

            assertEquals(2, pool.apply(INCREMENT, 1), "the replacement serves later calls");
            long second = pool.workerPids().get(0);
            assertNotEquals(first, second);
            assertFalse(Children.running(first));

            TaskFailedException mapFailure = assertThrows(TaskFailedException.class,
                    () -> pool.map(Task.SLEEP_SQUARE.with(30_000), new int[] {1, 2}, 2));
            assertInstanceOf(TimeoutException.class, mapFailure.getCause());
            assertTrue(mapFailure.getCause().getMessage().startsWith(
                    "SLEEP_SQUARE(param=30000) on inputs [1, 2] (2 tasks) ran longer than the 400 ms per-task limit (x 2 tasks)"),
                    mapFailure.getCause().getMessage());
        } finally {
            pool.close();
        }
        assertEquals(List.of(), Children.ours());
    }

    @Test
    void aJavaThatDoesNotExistGivesOneErrorNamingTheCommand() {
        ChildJvm missing = new ChildJvm("/nonexistent/bin/java", ChildJvm.classPath(), List.of(), "default", "test");
        WorkerStartException e = assertThrows(WorkerStartException.class,
                () -> new ProcessPool(PoolConfig.ofWorkers(2), missing, WorkerMain.class.getName()));
        assertTrue(e.getMessage().startsWith("could not start a worker: /nonexistent/bin/java -XX:+DisplayVMOutputToStderr"),
                e.getMessage());
        assertTrue(e.getMessage().contains("io.github.poolbench.worker.WorkerMain serve: Cannot run program \"/nonexistent/bin/java\""),
                e.getMessage());
        assertEquals(List.of(), Children.ours());
    }

    @Test
    void aMissingMainClassGivesOneErrorWithTheCommandTheExitStatusAndTheJvmsOwnWords() {
        WorkerStartException e = assertThrows(WorkerStartException.class,
                () -> new ProcessPool(PoolConfig.ofWorkers(2), ChildJvm.forFlags("default"), "no.such.Main"));
        assertTrue(e.getMessage().startsWith("worker ended (exit status 1) before it was ready: "), e.getMessage());
        assertTrue(e.getMessage().contains(" no.such.Main serve; its stderr: Error: Could not find or load main class no.such.Main"),
                e.getMessage());
        assertEquals(List.of(), Children.ours());
    }

    @Test
    void workersExitByThemselvesWithinFiveSecondsWhenTheirParentIsKilled() throws Exception {
        workersExitWithinFiveSecondsOfTheirParentsKill("idle");
    }

    @Test
    void busyWorkersExitWithinFiveSecondsWhenTheirParentIsKilled() throws Exception {
        workersExitWithinFiveSecondsOfTheirParentsKill("busy");
    }

    /** Starts an {@link OrphanParentMain} ({@code idle} or {@code busy}), SIGKILLs it, and waits for its workers to go. */
    private static void workersExitWithinFiveSecondsOfTheirParentsKill(String mode) throws Exception {
        Path log = Files.createTempFile("orphan-parent", ".log");
        List<String> argv = List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), OrphanParentMain.class.getName(), mode);
        Process parent = new ProcessBuilder(argv).redirectError(log.toFile()).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8));
            String line = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (java.io.IOException ex) {
                    return null;
                }
            }).get(120, TimeUnit.SECONDS);
            assertTrue(line != null && line.startsWith("pids "), "parent said " + line + "; its stderr: " + Files.readString(log));
            List<Long> workers = Arrays.stream(line.substring(5).split(" ")).map(Long::valueOf).collect(Collectors.toList());
            assertEquals(2, workers.size());
            for (long pid : workers) {
                assertTrue(Children.running(pid));
            }

            parent.destroyForcibly(); // SIGKILL: no shutdown hook, no close()
            assertTrue(parent.waitFor(30, TimeUnit.SECONDS));
            assertTrue(Children.await(() -> workers.stream().noneMatch(Children::running), 5_000),
                    mode + " workers still running 5 s after their parent was killed: " + workers.stream()
                            .filter(Children::running).map(String::valueOf).collect(Collectors.joining(", ")));
        } finally {
            parent.destroyForcibly();
            parent.waitFor(30, TimeUnit.SECONDS);
            Files.deleteIfExists(log);
        }
        assertTrue(new File("/proc").isDirectory(), "this check reads /proc: Linux only");
    }
}
