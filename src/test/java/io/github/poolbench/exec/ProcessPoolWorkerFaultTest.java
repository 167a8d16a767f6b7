package io.github.poolbench.exec;

import io.github.poolbench.workload.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Workers that misbehave on their own output: the pool reports what they did and its stderr copier lives on. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ProcessPoolWorkerFaultTest {

    @Test
    void aWorkerThatClosesItsStdoutIsReportedAsThatNotAsThePoolsOwnKill() {
        ProcessPool pool = ProcessPoolMisbehaviourTest.faulty(PoolConfig.ofWorkers(1), "close-stdout-on-input=5");
        try {
            long pid = pool.workerPids().get(0);
            TaskFailedException e = assertThrows(TaskFailedException.class, () -> pool.apply(Task.INCREMENT.with(0), 5));
            assertInstanceOf(WorkerDiedException.class, e.getCause());
            String message = e.getCause().getMessage();
            assertTrue(message.startsWith("worker pid " + pid + " closed its stdout while still running and was killed by the pool"),
                    message);
            assertFalse(message.contains("killed by SIGKILL"), message);
        } finally {
            CompletableFuture.runAsync(pool::close).orTimeout(60, TimeUnit.SECONDS).join();
        }
    }

    @Test
    void aStderrLineOf200MegabytesIsEchoedInPiecesAndLaterStderrStillArrives() {
        PrintStream saved = System.err;
        AtomicLong longestLine = new AtomicLong();
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        OutputStream counting = new OutputStream() {
            private long line;

            @Override
            public synchronized void write(int b) {
                if (b == '\n') {
                    line = 0;
                } else {
                    longestLine.accumulateAndGet(++line, Math::max);
                }
                if (kept.size() < (1 << 20)) {
                    kept.write(b);
                }
            }
        };
        System.setErr(new PrintStream(counting, true, StandardCharsets.UTF_8));
        ProcessPool pool = ProcessPoolMisbehaviourTest.faulty(PoolConfig.ofWorkers(1),
                "long-stderr-line-on-input=5,die-on-input=7");
        try {
            assertEquals(6, pool.apply(Task.INCREMENT.with(0), 5));
            TaskFailedException e = assertThrows(TaskFailedException.class, () -> pool.apply(Task.INCREMENT.with(0), 7));
            assertTrue(e.getCause().getMessage().contains("dying on input 7"), e.getCause().getMessage());
        } finally {
            CompletableFuture.runAsync(pool::close).orTimeout(60, TimeUnit.SECONDS).join();
            System.setErr(saved);
        }
        assertTrue(longestLine.get() < 9_000, "an echoed line of " + longestLine.get() + " chars");
    }
}
