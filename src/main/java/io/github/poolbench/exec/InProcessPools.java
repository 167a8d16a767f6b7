package io.github.poolbench.exec;

import io.github.poolbench.workload.Job;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The strategies that run tasks inside this JVM, each a few lines over {@link AbstractTaskPool}. */
final class InProcessPools {
    private InProcessPools() {
    }

    /** The baseline: every chunk runs inline on the calling thread; what the work itself costs. */
    static final class CallerThread extends AbstractTaskPool {
        CallerThread(PoolConfig config) {
            super("CALLER_THREAD", config.workers());
        }

        @Override
        protected void submitChunk(Job job, int[] inputs, int from, int to, ChunkSink sink) {
            runChunkHere(job, inputs, from, to, sink);
        }

        @Override
        protected void release() {
        }
    }

    /** N reused platform threads, all started when the pool is created. */
    static final class FixedThreadPool extends AbstractTaskPool {
        private final ThreadTracker tracker = new ThreadTracker();
        private final ThreadPoolExecutor executor;

        FixedThreadPool(PoolConfig config) {
            super("FIXED_THREAD_POOL", config.workers());
            AtomicInteger ids = new AtomicInteger();
            executor = new ThreadPoolExecutor(config.workers(), config.workers(), 0, TimeUnit.MILLISECONDS,
                    new LinkedBlockingQueue<>(),
                    r -> tracker.track(daemon(new Thread(r, "poolbench-fixed-" + ids.incrementAndGet()))));
            executor.prestartAllCoreThreads();
        }

        @Override
        protected void submitChunk(Job job, int[] inputs, int from, int to, ChunkSink sink) {
            executor.execute(() -> runChunkHere(job, inputs, from, to, sink));
        }

        @Override
        protected void release() {
            shutdownAndJoin(executor, tracker);
        }
    }

    /**
     * A work-stealing {@link ForkJoinPool} of N threads. Chunks are submitted from outside the
     * pool with {@code execute}, so they always run on pool threads, never inline in the caller.
     */
    static final class WorkStealingPool extends AbstractTaskPool {
        private final ThreadTracker tracker = new ThreadTracker();
        private final ForkJoinPool pool;

        WorkStealingPool(PoolConfig config) {
            super("FORK_JOIN_POOL", config.workers());
            AtomicInteger ids = new AtomicInteger();
            pool = new ForkJoinPool(config.workers(), p -> {
                ForkJoinWorkerThread t = new ForkJoinWorkerThread(p) {
                };
                t.setName("poolbench-forkjoin-" + ids.incrementAndGet());
                return (ForkJoinWorkerThread) tracker.track(t);
            }, null, false);
        }

        @Override
        protected void submitChunk(Job job, int[] inputs, int from, int to, ChunkSink sink) {
            pool.execute(() -> runChunkHere(job, inputs, from, to, sink));
        }

        @Override
        protected void release() {
            shutdownAndJoin(pool, tracker);
        }
    }

    /**
     * A new platform thread per task, as the document's {@code Process()} loop: every input of
     * a map gets its own thread, all are started, then all are waited for.
     */
    static final class ThreadPerTask extends AbstractTaskPool {
        private final ThreadTracker tracker = new ThreadTracker();
        private final AtomicInteger ids = new AtomicInteger();

        ThreadPerTask(PoolConfig config) {
            super("THREAD_PER_TASK", config.workers());
        }

        @Override
        protected boolean perTask() {
            return true;
        }

        @Override
        protected void submitChunk(Job job, int[] inputs, int from, int to, ChunkSink sink) {
            Thread t = new Thread(() -> runChunkHere(job, inputs, from, to, sink),
                    "poolbench-task-" + ids.incrementAndGet());
            tracker.track(daemon(t)).start();
        }

        @Override
        protected void release() {
            tracker.joinAll();
        }

        int aliveThreads() {
            return tracker.alive();
        }

        int threadsStarted() {
            return ids.get();
        }
    }

    /** A new virtual thread per task (JDK 21+; see {@link VirtualThreads}). */
    static final class VirtualThreadPerTask extends AbstractTaskPool {
        private final ThreadTracker tracker = new ThreadTracker();

        VirtualThreadPerTask(PoolConfig config) {
            super("VIRTUAL_THREAD_PER_TASK", config.workers());
            VirtualThreads.require();
        }

        @Override
        protected boolean perTask() {
            return true;
        }

        @Override
        protected void submitChunk(Job job, int[] inputs, int from, int to, ChunkSink sink) {
            tracker.track(VirtualThreads.start(() -> runChunkHere(job, inputs, from, to, sink)));
        }

        @Override
        protected void release() {
            tracker.joinAll();
        }

        int aliveThreads() {
            return tracker.alive();
        }
    }

    private static Thread daemon(Thread t) {
        t.setDaemon(true);
        return t;
    }

    private static void shutdownAndJoin(ExecutorService executor, ThreadTracker tracker) {
        executor.shutdown();
        AbstractTaskPool.awaitQuietly(executor);
        tracker.joinAll();
    }
}
