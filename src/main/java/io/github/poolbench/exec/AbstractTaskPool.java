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
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Everything the document's Pool API needs on top of one primitive, {@link #submitChunk}:
 * ordered {@code map} over chunks, {@code apply}, {@code applyAsync} with a single
 * result-handler thread for callbacks, {@code join}, and {@code close}. A strategy only says
 * how a chunk of inputs gets run (inline, on a pool thread, on a new thread, in a child
 * process) and how its threads or processes are released.
 *
 * <h2>No user code on the threads that run or collect tasks</h2>
 * A chunk reports to its {@link ChunkSink} on whatever thread finished it (a process pool's
 * reader thread, which must keep reading). The sinks of {@code map} and {@code apply} are our
 * own few lines (copy the values, count down, wake the one waiting caller), so those two paths
 * cost no extra hand-off. Everything a user supplies—{@code applyAsync} callbacks <em>and</em>
 * the dependents of the futures it returns ({@code thenRun}, {@code thenApply}, ...), which
 * {@link CompletableFuture} runs on the completing thread—runs on the single result-handler
 * thread instead: {@code applyAsync} futures are completed there, never on a pool thread. That
 * costs one hand-off per {@code applyAsync} (a queue offer and, when that thread sleeps, one
 * wake-up), and it is the only thread user code can block. So the calls that would wait for that
 * very thread are refused on it with an {@link IllegalStateException} saying why: {@code join()},
 * {@code close()}, and {@code get()}/{@code join()} on a not-yet-done future of this pool
 * (CPython's pool likewise raises instead of deadlocking). {@code map} and {@code apply} from a
 * callback work: they do not need the result-handler thread.
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
    private int releaseState; // 0 not yet, 1 releasing, 2 released; guarded by lock
    private volatile Thread handlerThread;
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

    /**
     * Submits the chunks of one map: chunk {@code k} is {@code inputs[k*size, min(n, (k+1)*size))}
     * and reports to {@code sinks[k]}. By default one {@link #submitChunk} each; a strategy may
     * take them all at once (one lock, one dispatch). If it throws, it must have submitted none:
     * every sink is then failed with that exception.
     */
    protected void submitAll(Job job, int[] inputs, int size, ChunkSink[] sinks) {
        for (int k = 0; k < sinks.length; k++) {
            submitSafely(job, inputs, Chunking.chunkFrom(k, size), Chunking.chunkTo(k, size, inputs.length), sinks[k]);
        }
    }

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
        // A chunk larger than the input is the whole input: clamping first keeps every sum below in range.
        int size = perTask() ? 1 : Math.min(chunksize, Math.max(1, n));
        int chunks = Chunking.chunkCount(n, size);
        if (n == 0) {
            begin(0);
            return List.of();
        }
        // Everything is allocated before the work is counted: a failure here (out of memory)
        // leaves nothing pending, so close() cannot wait for chunks that were never submitted.
        Object[] out = new Object[n];
        Batch batch = new Batch(chunks);
        ChunkSink[] sinks = new ChunkSink[chunks];
        for (int k = 0; k < chunks; k++) {
            final int f = Chunking.chunkFrom(k, size);
            final int t = Chunking.chunkTo(k, size, n);
            sinks[k] = new ChunkSink() {
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
            };
        }
        begin(chunks);
        try {
            submitAll(job, inputs, size, sinks);
        } catch (RuntimeException | Error e) {
            for (ChunkSink sink : sinks) {
                sink.failed(e);
            }
        }
        Throwable error = batch.await();
        if (error != null) {
            throw new TaskFailedException(job + " failed in " + name + ": " + error, error);
        }
        return Collections.unmodifiableList(Arrays.asList(out));
    }

    /**
     * One task, and the caller waits on a sink of its own: the thread that finishes the task
     * wakes the caller directly (no result-handler hop), and no user code is involved.
     */
    @Override
    public Object apply(Job job, int input) {
        Objects.requireNonNull(job, "job must not be null");
        begin(1);
        Batch one = new Batch(1);
        Object[] value = new Object[1];
        submitSafely(job, new int[] {input}, 0, 1, new ChunkSink() {
            @Override
            public void completed(Object[] results) {
                value[0] = results[0];
                finish();
                one.done(null);
            }

            @Override
            public void failed(Throwable error) {
                finish();
                one.done(error);
            }
        });
        Throwable error = one.await();
        if (error != null) {
            throw new TaskFailedException(job + " failed in " + name + ": " + error, error);
        }
        return value[0];
    }

    @Override
    public CompletableFuture<Object> applyAsync(Job job, int input, Consumer<Object> callback) {
        Objects.requireNonNull(job, "job must not be null");
        PoolFuture<Object> future = new PoolFuture<>();
        begin(1);
        ExecutorService handler = resultHandler();
        submitSafely(job, new int[] {input}, 0, 1, new ChunkSink() {
            @Override
            public void completed(Object[] results) {
                Object value = results[0];
                // As in CPython: the callback runs first, on the result-handler thread, then
                // the result becomes visible to get(); join() waits for the callback too. The
                // future is completed there as well, so its dependents run there, not here.
                handler.execute(() -> {
                    try {
                        if (callback != null) {
                            callback.accept(value);
                        }
                    } catch (Throwable t) {
                        callbackFailures.incrementAndGet();
                        System.err.println("poolbench: callback for " + job + " on input " + input
                                + " failed: " + t);
                    } finally {
                        try {
                            future.complete(value);
                        } finally {
                            finish();
                        }
                    }
                });
            }

            @Override
            public void failed(Throwable error) {
                handler.execute(() -> {
                    try {
                        future.completeExceptionally(error);
                    } finally {
                        finish();
                    }
                });
            }
        });
        return future;
    }

    @Override
    public void join() {
        refuseOnResultHandler("join()");
        synchronized (lock) {
            awaitOnLock(() -> pending == 0);
        }
    }

    /** Waits on {@code lock} (held by the caller) until {@code done}; an interrupt is kept for later, not lost. */
    private void awaitOnLock(java.util.function.BooleanSupplier done) {
        boolean interrupted = false;
        while (!done.getAsBoolean()) {
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

    /**
     * Refuses new work, waits for what was submitted, releases everything. Idempotent; a
     * second caller, concurrent or later, returns only once the first has released everything.
     */
    @Override
    public void close() {
        refuseOnResultHandler("close()");
        synchronized (lock) {
            closed = true;
        }
        join();
        synchronized (lock) {
            if (releaseState != 0) {
                awaitOnLock(() -> releaseState == 2);
                return;
            }
            releaseState = 1;
        }
        try {
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
        } finally {
            synchronized (lock) {
                releaseState = 2;
                lock.notifyAll();
            }
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
                            handlerThread = t;
                            return resultHandlerThread.track(t);
                        });
            }
            return resultHandler;
        }
    }

    /** True on this pool's result-handler thread, where callbacks and future dependents run. */
    final boolean onResultHandler() {
        return Thread.currentThread() == handlerThread;
    }

    private void refuseOnResultHandler(String call) {
        if (onResultHandler()) {
            throw new IllegalStateException(call + " of " + name + " was called on its result-handler thread (from a "
                    + "callback or a future's dependent): it would wait for that very thread; call it from another thread");
        }
    }

    /**
     * The future {@code applyAsync} returns, and every future derived from it
     * ({@code thenApply}, {@code thenCompose}, {@code copy}, {@code whenComplete}, ...: they
     * are made by {@link #newIncompleteFuture}, so they are guarded too): a blocking wait for
     * one on the result-handler thread, which alone can complete it, is refused instead of
     * hanging. (Not reachable this way: the plain future the static
     * {@code CompletableFuture.allOf/anyOf} build; waiting for one of those on the
     * result-handler thread still hangs.)
     */
    private final class PoolFuture<T> extends CompletableFuture<T> {
        @Override
        public <U> CompletableFuture<U> newIncompleteFuture() {
            return new PoolFuture<>();
        }

        @Override
        public T get() throws InterruptedException, ExecutionException {
            refuseWait();
            return super.get();
        }

        @Override
        public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException,
                java.util.concurrent.TimeoutException {
            refuseWait();
            return super.get(timeout, unit);
        }

        @Override
        public T join() {
            refuseWait();
            return super.join();
        }

        private void refuseWait() {
            if (!isDone() && onResultHandler()) {
                throw new IllegalStateException("waiting for an unfinished applyAsync result of " + name
                        + " on its result-handler thread (in a callback or a future's dependent) would wait for that "
                        + "very thread; use thenApply/thenAccept, or wait from another thread");
            }
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
}
