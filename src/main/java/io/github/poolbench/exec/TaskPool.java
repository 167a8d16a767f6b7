package io.github.poolbench.exec;

import io.github.poolbench.workload.Job;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The document's {@code multiprocessing.Pool} API, as one small interface every strategy
 * implements (in-process threads, child processes, a pool of worker processes).
 *
 * <ul>
 *   <li>{@link #map} – results in input order; work is sent in chunks (Python's rule by
 *       default: {@code ceil(n / (4 * workers))}); per-task strategies give every input its own
 *       thread or process and ignore the chunk size.</li>
 *   <li>{@link #apply} – blocks until the value is there.</li>
 *   <li>{@link #applyAsync} – returns a future; an optional callback receives only the return
 *       value, in this (the parent) process, on one result-handler thread, one at a time.</li>
 *   <li>{@link #join} – waits until everything submitted so far (callbacks included) is done.</li>
 *   <li>{@link #close} – refuses new work, lets submitted work finish, then releases every
 *       thread and process of the pool before it returns (like JDK 19's
 *       {@code ExecutorService.close}). Idempotent.</li>
 * </ul>
 * Submitting after {@code close} throws {@link IllegalStateException}. A task's own exception
 * fails that task only: {@code map} and {@code apply} throw {@link TaskFailedException} with it
 * as the cause; the future of {@code applyAsync} completes exceptionally with it.
 */
public interface TaskPool extends AutoCloseable {

    /** Runs {@code job} on every input with Python's default chunk size; results in input order. */
    default List<Object> map(Job job, int[] inputs) {
        return map(job, inputs, Chunking.defaultChunksize(inputs == null ? 0 : inputs.length, workers()));
    }

    /** Runs {@code job} on every input, sent in chunks of {@code chunksize}; results in input order. */
    List<Object> map(Job job, int[] inputs, int chunksize);

    /** Runs one task and blocks until its value is there. */
    Object apply(Job job, int input);

    /** Submits one task; the future completes with its value or its exception. */
    default CompletableFuture<Object> applyAsync(Job job, int input) {
        return applyAsync(job, input, null);
    }

    /**
     * Submits one task; when it succeeds, {@code callback} (if not null) receives the value on
     * the pool's single result-handler thread. A callback that throws is reported on stderr
     * and counted ({@link #callbackFailures()}); the pool goes on.
     */
    CompletableFuture<Object> applyAsync(Job job, int input, Consumer<Object> callback);

    /** Waits until every task and callback submitted so far has finished. */
    void join();

    /** No new work; waits for submitted work, then releases all threads and processes. */
    @Override
    void close();

    /** Number of workers (threads or processes) the pool uses at most at once. */
    int workers();

    /** How many callbacks have thrown so far. */
    long callbackFailures();
}
