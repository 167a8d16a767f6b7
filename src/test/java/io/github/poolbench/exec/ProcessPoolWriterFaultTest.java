package io.github.poolbench.exec;

import io.github.poolbench.workload.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Faults on the writing side of the worker-process pool: it fails the work it could not send, never hangs. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ProcessPoolWriterFaultTest {

    @Test
    void anOutOfMemoryErrorWhileEncodingFailsThatMapAndTheRestOfTheOutboxIsStillSent() {
        ProcessPool pool = new ProcessPool(PoolConfig.ofWorkers(1));
        try {
            AtomicBoolean thrown = new AtomicBoolean();
            pool.encodeHook = () -> {
                if (thrown.compareAndSet(false, true)) {
                    throw new OutOfMemoryError("injected while encoding");
                }
            };
            // Two chunks of 300k inputs (1.2 MB each): one batch each, both in the worker's outbox at once.
            int[] inputs = IntStream.range(0, 600_000).toArray();
            CompletableFuture<List<Object>> mapped = CompletableFuture.supplyAsync(
                    () -> pool.map(Task.INCREMENT.with(0), inputs, 300_000));
            Throwable e = assertThrows(Throwable.class, () -> mapped.get(60, TimeUnit.SECONDS)).getCause();
            assertInstanceOf(TaskFailedException.class, e);
            assertInstanceOf(OutOfMemoryError.class, e.getCause());
            assertEquals(List.of(2, 3), pool.map(Task.INCREMENT.with(0), new int[] {1, 2}));
        } finally {
            pool.encodeHook = null;
            CompletableFuture.runAsync(pool::close).orTimeout(30, TimeUnit.SECONDS).join();
        }
    }

    @Test
    void aWorkerThatStopsReadingDoesNotKeepTheOthersFromTheirChunks() throws Exception {
        // Six chunks of 100k inputs (400 KB each, more than a pipe and a reader buffer hold) on three workers, two
        // each; the worker with input 0 pauses 5 s before its first chunk. The others must
        // get and answer theirs meanwhile, not after the first worker reads again.
        ProcessPool pool = ProcessPoolMisbehaviourTest.faulty(PoolConfig.ofWorkers(3), "pause-on-input=0");
        try {
            List<Long> pids = pool.workerPids();
            int[] inputs = IntStream.range(0, 600_000).toArray();
            CompletableFuture<List<Object>> mapped = CompletableFuture.supplyAsync(
                    () -> pool.map(Task.INCREMENT.with(0), inputs, 100_000));
            Thread.sleep(200); // dispatched
            boolean othersDone = Children.await(() -> pids.stream().filter(p -> pool.chunksHeldBy(p) == 0).count() == 2, 3_000);
            assertTrue(othersDone, "chunks held while one worker paused: "
                    + pids.stream().map(p -> p + "=" + pool.chunksHeldBy(p)).toList());
            assertEquals(600_000, mapped.get(60, TimeUnit.SECONDS).size());
        } finally {
            CompletableFuture.runAsync(pool::close).orTimeout(30, TimeUnit.SECONDS).join();
        }
    }
}
