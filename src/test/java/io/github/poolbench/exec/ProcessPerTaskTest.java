package io.github.poolbench.exec;

import io.github.poolbench.workload.Job;
import io.github.poolbench.workload.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PROCESS_PER_TASK: a child JVM per task, with either spawner. */
class ProcessPerTaskTest {
    private static final Job INCREMENT = Task.INCREMENT.with(0);

    @ParameterizedTest(name = "spawner {0}")
    @ValueSource(strings = {"posix_spawn", "processbuilder", "nuprocess"})
    void mapGivesOrderedResultsWithNeverMoreThanMaxChildrenAlive(String spawner) throws Exception {
        TaskPool pool = Strategy.PROCESS_PER_TASK.create(PoolConfig.ofWorkers(5).withMaxChildren(2).withSpawner(spawner));
        try {
            assertEquals(2, pool.workers());
            assertEquals(List.of(), pool.map(INCREMENT, new int[0]));
            assertEquals(List.of(10), pool.map(INCREMENT, new int[] {9}));
            AtomicBoolean done = new AtomicBoolean();
            AtomicLong most = new AtomicLong();
            Thread sampler = new Thread(() -> {
                while (!done.get()) {
                    most.accumulateAndGet(Children.ours().size(), Math::max);
                }
            });
            sampler.start();
            List<Object> results = pool.map(INCREMENT, new int[] {7, 6, 5, 4, 3, 2, 1}, 3);
            done.set(true);
            sampler.join();
            assertEquals(List.of(8, 7, 6, 5, 4, 3, 2), results);
            assertTrue(most.get() <= 2, "at most 2 children at once, saw " + most.get());
            assertEquals(List.of("***"), pool.map(Task.STARS.with(0), new int[] {3}));
        } finally {
            pool.close();
        }
        assertEquals(List.of(), Children.ours());
    }

    @Test
    void aTaskThatThrowsInItsChildFailsWithTheChildsMessage() {
        try (TaskPool pool = Strategy.PROCESS_PER_TASK.create(PoolConfig.ofWorkers(1))) {
            CompletableFuture<Object> f = pool.applyAsync(Task.RAISE.with(0), 4);
            ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(60, TimeUnit.SECONDS));
            assertInstanceOf(RemoteTaskException.class, e.getCause());
            assertTrue(e.getCause().getMessage().matches(
                    "java\\.lang\\.IllegalStateException: task RAISE failed on input 4 \\(in child pid \\d+\\)"), e.getCause().getMessage());
        }
    }

    @Test
    void theTunedFlagSetRunsTheSameTasksAndSaysHowItWasBuilt() {
        ChildJvm tuned = ChildJvm.forFlags("tuned");
        assertTrue(tuned.flags().containsAll(ChildJvm.tunedFlags()), tuned.toString());
        assertTrue(tuned.note().startsWith("AOT cache ") || tuned.note().startsWith("AppCDS archive ")
                || tuned.note().startsWith("no class archive: "), tuned.note());
        assertTrue(ChildJvm.forFlags("tuned") == tuned, "the archive is built once per JVM");
        try (TaskPool pool = Strategy.PROCESS_PER_TASK.create(PoolConfig.ofWorkers(2).withJvmFlags("tuned"))) {
            assertEquals(List.of(1, 2), pool.map(INCREMENT, new int[] {0, 1}));
        }
    }

    @ParameterizedTest(name = "spawner {0}")
    @ValueSource(strings = {"posix_spawn", "processbuilder", "nuprocess"})
    void aChildOverItsTimeLimitIsKilledAndFailsWithTimeoutException(String spawner) {
        try (TaskPool pool = Strategy.PROCESS_PER_TASK.create(
                PoolConfig.ofWorkers(1).withSpawner(spawner).withTaskTimeoutMillis(1500))) {
            TaskFailedException e = assertThrows(TaskFailedException.class,
                    () -> pool.map(Task.SLEEP_SQUARE.with(60_000), new int[] {2}));
            assertInstanceOf(TimeoutException.class, e.getCause());
            assertTrue(e.getCause().getMessage().matches(
                    "SLEEP_SQUARE\\(param=60000\\) on input 2 ran longer than the 1500 ms limit; its child pid \\d+ was killed"),
                    e.getCause().getMessage());
        }
        assertEquals(List.of(), Children.ours());
    }

    @ParameterizedTest(name = "spawner {0}")
    @ValueSource(strings = {"posix_spawn", "processbuilder", "nuprocess"})
    void aJavaThatDoesNotExistFailsTheTaskWithOneErrorNamingTheCommand(String spawner) {
        ChildJvm missing = new ChildJvm("/nonexistent/bin/java", ChildJvm.classPath(), List.of(), "default", "test");
        try (TaskPool pool = new ProcessPerTaskPool(PoolConfig.ofWorkers(1).withSpawner(spawner), missing)) {
            TaskFailedException e = assertThrows(TaskFailedException.class, () -> pool.apply(INCREMENT, 1));
            WorkerStartException cause = assertInstanceOf(WorkerStartException.class, e.getCause());
            assertTrue(cause.getMessage().startsWith("could not start /nonexistent/bin/java -XX:+DisplayVMOutputToStderr"),
                    cause.getMessage());
            if (spawner.equals("nuprocess")) {
                assertTrue(cause.getMessage().endsWith(": no executable file at /nonexistent/bin/java"), cause.getMessage());
            } else if (spawner.equals("posix_spawn")) {
                assertTrue(cause.getMessage().endsWith(": No such file or directory (posix_spawn error 2)"), cause.getMessage());
            } else {
                // The JDK's own words vary by release ("error=2, No such file..." on 17, "Exec failed, error: 2 (No such...)" on 25).
                assertTrue(cause.getMessage().contains(": Cannot run program \"/nonexistent/bin/java\": "), cause.getMessage());
                assertTrue(cause.getMessage().endsWith("No such file or directory)")
                        || cause.getMessage().endsWith("No such file or directory"), cause.getMessage());
            }
        }
    }

    @Test
    void aChildThatCannotFindItsMainClassFailsWithItsExitStatusAndStderr() {
        ChildJvm noClasses = new ChildJvm(ChildJvm.javaExecutable(), "/nonexistent", List.of(), "default", "test");
        try (TaskPool pool = new ProcessPerTaskPool(PoolConfig.ofWorkers(1), noClasses)) {
            TaskFailedException e = assertThrows(TaskFailedException.class, () -> pool.apply(INCREMENT, 1));
            WorkerDiedException cause = assertInstanceOf(WorkerDiedException.class, e.getCause());
            assertEquals(1, cause.exitStatus());
            assertTrue(cause.getMessage().contains("ended with exit status 1 and no result for INCREMENT(param=0) on input 1: "),
                    cause.getMessage());
            assertTrue(cause.getMessage().contains("-cp /nonexistent io.github.poolbench.worker.WorkerMain once 1 0 1; its stderr: "
                    + "Error: Could not find or load main class io.github.poolbench.worker.WorkerMain"), cause.getMessage());
        }
    }

    @Test
    void unknownFlagSetAndSpawnerNamesAreRefusedWithTheValidNames() {
        IllegalArgumentException flags = assertThrows(IllegalArgumentException.class,
                () -> Strategy.PROCESS_PER_TASK.create(PoolConfig.ofWorkers(1).withJvmFlags("fast")));
        assertEquals("unknown jvmFlags 'fast'; expected default or tuned", flags.getMessage());
        IllegalArgumentException spawner = assertThrows(IllegalArgumentException.class,
                () -> Strategy.PROCESS_PER_TASK.create(PoolConfig.ofWorkers(1).withSpawner("fork")));
        assertEquals("unknown spawner 'fork'; expected posix_spawn, processbuilder or nuprocess", spawner.getMessage());
    }

    @Test
    void closeRefusesNewWorkAndLeavesNoSpawningThread() {
        ProcessPerTaskPool pool = (ProcessPerTaskPool) Strategy.PROCESS_PER_TASK.create(PoolConfig.ofWorkers(2));
        pool.close();
        assertEquals(0, pool.aliveThreads());
        assertThrows(IllegalStateException.class, () -> pool.apply(INCREMENT, 1));
        assertFalse(Children.ours().iterator().hasNext());
    }
}
