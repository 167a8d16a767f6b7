package io.github.poolbench.exec;

import io.github.poolbench.workload.Job;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Everything the document's Pool API needs on top of one primitive, {@link #submitChunk}:
 * ordered {@code map} over chunks, {@code apply}, {@code applyAsync} with a single
 * result-handler thread for callbacks, {@code join}, and {@code close}. A strategy only says
 * how a chunk of inputs gets run (inline, on a pool thread, on a new thread, in a child
 * process) and how its threads or processes are released.
 */
public abstract class AbstractTaskPool implements TaskPool {

    /** Where a chunk reports back, exactly once: all results in order, or the first error. */
    public interface ChunkSink {
        void completed(Object[] results);

        void failed(Throwable error);
    }

    private final String name;
    private final int workers;
    private final Object lock = new Object();
    private long pending; // chunks and callbacks submitted and not yet finished; guarded by lock
    private boolean closed; // guarded by lock
    private ExecutorService resultHandler; // created on first callback; guarded by lock
    private final ThreadTracker resultHandlerThread = new ThreadTracker();
    private final AtomicBoolean released = new AtomicBoolean();
    private final AtomicLong callbackFailures = new AtomicLong();

    protected AbstractTaskPool(String name, int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("pool size must be at least 1, was " + workers);
        }
        this.name = name;
        this.workers = workers;
    }

    /**
     * Runs {@code job} on {@code inputs[from..to)} and reports to {@code sink} exactly once,
     * from any thread. Must not throw for a task's failure (report it to the sink instead).
     */
    protected abstract void submitChunk(Job job, int[] inputs, int from, int to, ChunkSink sink);

    /** Releases every thread and process of the strategy and waits until they are gone. */
    protected abstract void release();

    /** Per-task strategies give every input its own thread or process: chunk size 1. */
    protected boolean perTask() {
        return false;
    }

    /** Runs a chunk on the calling thread: the body every in-process strategy shares. */
    protected static void runChunkHere(Job job, int[] inputs, int from, int to, ChunkSink sink) {
        Object[] results = new Object[to - from];
        try {
            for (int i = from; i < to; i++) {
                results[i - from] = job.run(inputs[i]);
            }
        } catch (Throwable t) {
            sink.failed(t);
            return;
        }
        sink.completed(results);
    }

    @Override
    public final int workers() {
        return workers;
    }

    @Override
    public final long callbackFailures() {
        return callbackFailures.get();
    }

    @Override
    public List<Object> map(Job job, int[] inputs, int chunksize) {
        Objects.requireNonNull(job, "job must not be null");
        Objects.requireNonNull(inputs, "inputs must not be null");
        Chunking.checkChunksize(chunksize);
        int n = inputs.length;
        int size = perTask() ? 1 : chunksize;
        int chunks = n == 0 ? 0 : (n + size - 1) / size;
        begin(chunks);
        if (n == 0) {
            return List.of();
        }
        Object[] out = new Object[n];
        Batch batch = new Batch(chunks);
        for (int from = 0; from < n; from += size) {
            final int f = from;
            final int t = Math.min(n, from + size);
            submitSafely(job, inputs, f, t, new ChunkSink() {
                @Override
                public void completed(Object[] results) {
                    System.arraycopy(results, 0, out, f, t - f);
                    finish();
                    batch.done(null);
                }

                @Override
                public void failed(Throwable error) {
                    finish();
                    batch.done(error);
                }
            });
        }
        Throwable error = batch.await();
        if (error != null) {
            throw new TaskFailedException(job + " failed in " + name + ": " + error, error);
        }
        return Collections.unmodifiableList(Arrays.asList(out));
    }

    @Override
    public Object apply(Job job, int input) {
        try {
            return applyAsync(job, input).get();
        } catch (ExecutionException e) {
            throw new TaskFailedException(job + " failed in " + name + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + job, e);
        }
    }

    @Override
    public CompletableFuture<Object> applyAsync(Job job, int input, Consumer<Object> callback) {
        Objects.requireNonNull(job, "job must not be null");
        CompletableFuture<Object> future = new CompletableFuture<>();
        begin(1);
        submitSafely(job, new int[] {input}, 0, 1, new ChunkSink() {
            @Override
            public void completed(Object[] results) {
                Object value = results[0];
                if (callback == null) {
                    future.complete(value);
                    finish();
                    return;
                }
                // As in CPython: the callback runs first, on the result-handler thread, then
                // the result becomes visible to get(); join() waits for the callback too.
                resultHandler().execute(() -> {
                    try {
                        callback.accept(value);
                    } catch (Throwable t) {
                        callbackFailures.incrementAndGet();
                        System.err.println("poolbench: callback for " + job + " on input " + input
                                + " failed: " + t);
                    } finally {
                        future.complete(value);
                        finish();
                    }
                });
            }

            @Override
            public void failed(Throwable error) {
                future.completeExceptionally(error);
                finish();
            }
        });
        return future;
    }

    @Override
    public void join() {
        synchronized (lock) {
            boolean interrupted = false;
            while (pending > 0) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
        }
        join();
        if (!released.compareAndSet(false, true)) {
            return;
        }
        release();
        ExecutorService handler;
        synchronized (lock) {
            handler = resultHandler;
        }
        if (handler != null) {
            handler.shutdown();
            awaitQuietly(handler);
            resultHandlerThread.joinAll();
        }
    }

    /** True once {@link #close()} has been called. */
    protected final boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }

    public final String name() {
        return name;
    }

    @Override
    public String toString() {
        return name + "(workers=" + workers + ")";
    }

    private void submitSafely(Job job, int[] inputs, int from, int to, ChunkSink sink) {
        try {
            submitChunk(job, inputs, from, to, sink);
        } catch (RuntimeException | Error e) {
            sink.failed(e);
        }
    }

    private void begin(long units) {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException(name + " is closed: it accepts no new work after close()");
            }
            pending += units;
        }
    }

    private void finish() {
        synchronized (lock) {
            if (--pending == 0) {
                lock.notifyAll();
            }
        }
    }

    private ExecutorService resultHandler() {
        synchronized (lock) {
            if (resultHandler == null) {
                resultHandler = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                        r -> {
                            Thread t = new Thread(r, "poolbench-result-handler");
                            t.setDaemon(true);
                            return resultHandlerThread.track(t);
                        });
            }
            return resultHandler;
        }
    }

    /** Waits up to 30 s for an executor to end, then interrupts what is left. */
    static void awaitQuietly(ExecutorService executor) {
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** Counts down the chunks of one map call and keeps the first error. */
    private static final class Batch {
        private int remaining;
        private Throwable error;

        Batch(int chunks) {
            this.remaining = chunks;
        }

        synchronized void done(Throwable failure) {
            if (failure != null && error == null) {
                error = failure;
            }
            if (--remaining == 0) {
                notifyAll();
            }
        }

        synchronized Throwable await() {
            boolean interrupted = false;
            while (remaining > 0) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return error;
        }
    }
}
