package io.github.poolbench.exec;

import io.github.poolbench.worker.WorkerMain;
import io.github.poolbench.workload.Task;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** close(), join() and what is left afterwards, for FIXED_PROCESS_POOL. */
class ProcessPoolLifecycleTest {

    @Test
    void closeLetsSubmittedWorkFinishThenLeavesNoChildAndNoThread() throws Exception {
        ProcessPool pool = new ProcessPool(PoolConfig.ofWorkers(2), ChildJvm.forFlags("default"), WorkerMain.class.getName());
        List<Long> pids = pool.workerPids();
        assertEquals(2, pids.size());
        var future = pool.applyAsync(Task.SLEEP_SQUARE.with(300), 4);
        pool.close();
        assertEquals(16, future.getNow(null), "close waited for the submitted task");
        for (long pid : pids) {
            assertFalse(Children.running(pid), "worker " + pid + " still running");
        }
        assertEquals(List.of(), Children.ours());
        assertEquals(0, pool.aliveThreads());
    }

    @Test
    void afterCloseNewWorkIsRefusedAndCloseAgainDoesNothing() {
        TaskPool pool = Strategy.FIXED_PROCESS_POOL.create(PoolConfig.ofWorkers(1));
        pool.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> pool.apply(Task.INCREMENT.with(0), 1));
        assertEquals("FIXED_PROCESS_POOL is closed: it accepts no new work after close()", e.getMessage());
        pool.close();
    }

    @Test
    void aWorkerThatIgnoresTheEndOfItsInputIsKilledAfterTheGracePeriod() throws Exception {
        ProcessPool pool = new ProcessPool(PoolConfig.ofWorkers(1), ChildJvm.forFlags("default"),
                StubbornWorkerMain.class.getName());
        long pid = pool.workerPids().get(0);
        long start = System.nanoTime();
        pool.close();
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(tookMillis >= ProcessPool.GRACE_MILLIS - 50, "killed only after the grace period, took " + tookMillis);
        assertFalse(Children.running(pid));
        assertEquals(List.of(), Children.ours());
        assertEquals(0, pool.aliveThreads());
    }

    @Test
    void aSecondConcurrentCloseReturnsOnlyOnceEverythingIsReleased() throws Exception {
        ProcessPool pool = new ProcessPool(PoolConfig.ofWorkers(1), ChildJvm.forFlags("default"),
                StubbornWorkerMain.class.getName());
        long pid = pool.workerPids().get(0);
        Thread first = new Thread(pool::close, "first-close");
        first.start();
        Thread.sleep(300); // the first close is now in its grace period, waiting for the stubborn worker
        pool.close();
        assertFalse(Children.running(pid), "the second close returned while the worker still ran");
        assertEquals(0, pool.aliveThreads());
        first.join(30_000);
        assertFalse(first.isAlive());
    }
}
