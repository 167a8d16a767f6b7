package io.github.poolbench.exec;

import io.github.poolbench.workload.Job;
import io.github.poolbench.workload.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 20 SIGKILLs of random workers (replacements still starting included) and one garbage frame
 * during maps of 100k increments, chunk 1 and auto: every task returns its right result
 * exactly once or its map fails with an error naming what happened; no task runs twice
 * (the workers log every task they run); the pool is whole afterwards; nothing is left after
 * close (no child, no thread, no pipe).
 */
class ProcessPoolSoakTest {
    private static final int WORKERS = 4;
    private static final int TASKS = 100_000;
    private static final int KILLS = 20;
    private static final int GARBAGE = -424_242;
    private static final Pattern NAMED = Pattern.compile("worker pid \\d+ (died with exit status 137 \\(killed by SIGKILL\\)"
            + "|broke the protocol \\(bad frame length \\d+ \\(expected 0\\.\\.67108864\\)\\) and was killed by the pool)"
            + "( while running | before answering ).*"
            + "|FIXED_PROCESS_POOL has no live worker left for .*");

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void killsAndGarbageDuringLongMapsLoseNothingSilentlyRunNothingTwiceAndLeaveNothingBehind(@TempDir Path logs)
            throws Exception {
        long pipesBefore = pipes();
        Set<Thread> threadsBefore = poolbenchThreads();
        ProcessPool pool = ProcessPoolMisbehaviourTest.faulty(PoolConfig.ofWorkers(WORKERS),
                "garbage-after-input=" + GARBAGE + ",log=" + logs);
        Random random = new Random(13);
        CountDownLatch garbageDone = new CountDownLatch(1);
        AtomicInteger kills = new AtomicInteger();
        AtomicInteger startingKilled = new AtomicInteger();
        Thread killer = new Thread(() -> {
            try {
                while (kills.get() < KILLS) {
                    if (kills.get() == KILLS / 2) {
                        garbageDone.await(60, TimeUnit.SECONDS); // the garbage map runs without kills
                    }
                    Thread.sleep(80 + random.nextInt(200));
                    List<Long> starting = pool.startingPids();
                    List<Long> candidates = ProcessPoolMisbehaviourTest.pids(pool);
                    if (candidates.isEmpty()) {
                        continue;
                    }
                    long victim = candidates.get(random.nextInt(candidates.size()));
                    if (ProcessHandle.of(victim).map(ProcessHandle::destroyForcibly).orElse(false)) {
                        kills.incrementAndGet();
                        if (starting.contains(victim)) {
                            startingKilled.incrementAndGet();
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "soak-killer");
        killer.start();

        int maps = 0;
        int failed = 0;
        boolean garbageSeen = false;
        List<String> failures = new ArrayList<>();
        try {
            while (killer.isAlive() || garbageDone.getCount() > 0) {
                maps++;
                boolean garbageMap = garbageDone.getCount() > 0 && kills.get() >= KILLS / 2;
                int chunksize = garbageMap || maps % 2 == 0 ? 1 : Chunking.defaultChunksize(TASKS, WORKERS);
                Job job = Task.INCREMENT.with(maps); // the param tells the maps apart in the workers' logs
                int[] inputs = new int[TASKS];
                for (int i = 0; i < TASKS; i++) {
                    inputs[i] = i;
                }
                if (garbageMap) {
                    inputs[1_000] = GARBAGE;
                }
                try {
                    List<Object> results = pool.map(job, inputs, chunksize);
                    for (int i = 0; i < TASKS; i++) {
                        assertEquals(inputs[i] + 1, results.get(i), "map " + maps + ", input " + inputs[i]);
                    }
                    assertTrue(!garbageMap, "the map with the garbage frame failed");
                } catch (TaskFailedException e) {
                    failed++;
                    String m = e.getCause().getMessage();
                    failures.add(m);
                    assertTrue(NAMED.matcher(m).matches(), "the error names what happened: " + m);
                    garbageSeen |= garbageMap && m.contains("broke the protocol");
                } finally {
                    if (garbageMap) {
                        garbageDone.countDown();
                    }
                }
            }
            killer.join(60_000);
            assertEquals(KILLS, kills.get());
            assertTrue(garbageSeen, "the garbage frame was named: " + failures);
            assertTrue(Children.await(() -> pool.liveWorkers() == WORKERS, 60_000), "the pool is whole: " + pool.workerPids());
            int[] inputs = new int[TASKS];
            for (int i = 0; i < TASKS; i++) {
                inputs[i] = i;
            }
            List<Object> last = pool.map(Task.INCREMENT.with(0), inputs, 1);
            for (int i = 0; i < TASKS; i++) {
                assertEquals(i + 1, last.get(i));
            }
        } finally {
            killer.interrupt();
            pool.close();
        }
        Map<Long, Integer> runs = ProcessPoolMisbehaviourTest.runs(logs);
        List<Long> twice = runs.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).limit(5)
                .collect(Collectors.toList());
        assertEquals(List.of(), twice, "(map << 32 | input) of tasks run more than once");
        assertTrue(failed < maps, maps + " maps, " + failed + " failed: " + failures);
        System.err.println("soak: " + maps + " maps, " + failed + " failed, " + kills + " kills (" + startingKilled
                + " of starting replacements), " + runs.size() + " tasks run");

        assertEquals(List.of(), Children.ours(), "no child left");
        assertTrue(Children.await(() -> {
            Set<Thread> left = poolbenchThreads();
            left.removeAll(threadsBefore);
            return left.isEmpty();
        }, 10_000), "threads left: " + poolbenchThreads());
        assertTrue(pipes() <= pipesBefore, "pipes left open: " + pipes() + " now, " + pipesBefore + " before");
    }

    private static long pipes() throws IOException {
        try (Stream<Path> fds = Files.list(Paths.get("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().startsWith("pipe:");
                } catch (IOException e) {
                    return false; // the directory's own fd, gone already
                }
            }).count();
        }
    }

    private static Set<Thread> poolbenchThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("poolbench-") && t.isAlive())
                .collect(Collectors.toCollection(HashSet::new));
    }
}
