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
    void theTimeLimitBlamesTheSlowChunkNotTheFastOneAnsweredBeforeIt() {
        // Input 1 is a few microseconds of work; 60,000,000 stars take far longer than 40 ms to
        // build, encode and send. Both are written at once (same job), so a worker that held
        // the first answer for the next would make the watchdog time and name input 1.
        ProcessPool pool = new ProcessPool(PoolConfig.ofWorkers(1).withTaskTimeoutMillis(40));
        try {
            // A loaded machine may stall any chunk past 40 ms, which rightly counts as over the
            // limit: so warm-up failures are ignored, and the check gets three tries. A worker
            // that held the first answer names input 1 every time.
            for (int i = 0; i < 20; i++) { // warm: a cold first chunk is slow enough to be answered at once anyway
                try {
                    pool.map(Task.STARS.with(0), java.util.stream.IntStream.range(0, 500).map(x -> 1).toArray(), 1);
                } catch (TaskFailedException stalled) {
                    // replaced; go on
                }
            }
            String last = null;
            for (int attempt = 0; attempt < 3; attempt++) {
                TaskFailedException e = assertThrows(TaskFailedException.class,
                        () -> pool.map(Task.STARS.with(0), new int[] {1, 60_000_000}, 1));
                Throwable cause = e.getCause();
                last = String.valueOf(cause);
                if (cause instanceof java.util.concurrent.TimeoutException
                        && cause.getMessage().startsWith("STARS(param=0) on input 60000000 ran longer than the 40 ms")) {
                    return;
                }
            }
            throw new AssertionError("three times the time limit did not name the slow chunk; last: " + last);
        } finally {
            CompletableFuture.runAsync(pool::close).orTimeout(60, TimeUnit.SECONDS).join();
        }
    }

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
