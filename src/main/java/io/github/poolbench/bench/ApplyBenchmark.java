package io.github.poolbench.bench;

import io.github.poolbench.exec.PoolConfig;
import io.github.poolbench.exec.Strategy;
import io.github.poolbench.exec.TaskPool;
import io.github.poolbench.workload.Job;
import io.github.poolbench.workload.Task;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The document's {@code apply} / {@code apply_async} examples (§3, §4, §6, §7): a pool of 3,
 * 10 tasks of "sleep d ms, return n²".
 *
 * <ul>
 *   <li>{@code apply} — one task after another, each call blocking until its value is there:
 *       model makespan {@code tasks · d}, however many workers there are.</li>
 *   <li>{@code applyAsync} — submit all, then {@code get} each: at most {@code workers} run at
 *       once, model makespan {@code ceil(tasks / workers) · d}.</li>
 *   <li>{@code applyAsyncCallback} — submit all with a callback that stores each value, then
 *       {@code join} (which waits for the callbacks too).</li>
 *   <li>{@code closeJoinGet} — submit all, {@code close}, {@code join}, then {@code get} every
 *       handle (§7). The pool is gone after one operation, so each operation gets a fresh one.</li>
 * </ul>
 * With 10 tasks on 3 workers the model ratio apply/applyAsync is 10 / ceil(10/3) = 2.5. The
 * report computes both model makespans from the params, which is why every knob is a param.
 * The thread-per-task strategies start one thread per task with no bound, so for them the
 * async methods approach a single {@code d}, not {@code ceil(tasks / workers) · d}.
 *
 * <p>{@code d} ({@code sleepMillis}) defaults to 10 ms, scaled down from the document's 3 s
 * so the in-process rows take well under a minute; the sleep dominates every operation either
 * way, which is what the model assumes. One operation is the whole batch submitted <em>and
 * completed</em>, every value checked; each sample is one batch ({@link Mode#SingleShotTime}),
 * like the document's single stopwatch reading.
 *
 * <p>{@code closeJoinGet} builds its pool in a {@link Level#Invocation} setup, outside the
 * timer, so it measures the same thing as the others plus the pool's shutdown, not its
 * start-up (LifecycleBenchmark measures that). JMH warns against {@code Level.Invocation} for
 * short operations because of the timestamps around each call; here an operation lasts at
 * least {@code d} = 10 ms, thousands of times that overhead.
 *
 * <p>Run: {@code java -jar target/benchmarks.jar ApplyBenchmark}
 * (one strategy: {@code -p strategy=FIXED_THREAD_POOL}; the document's timing: {@code -p sleepMillis=3000}).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(3) // forks are the samples: run-to-run spread (JIT, thread placement) lives between JVMs
@State(Scope.Benchmark)
public class ApplyBenchmark {

    /** The strategies of this scenario: the two pools, and the per-task strategies for contrast. */
    @Param({"FIXED_THREAD_POOL", "FIXED_PROCESS_POOL", "THREAD_PER_TASK", "VIRTUAL_THREAD_PER_TASK", "PROCESS_PER_TASK"})
    public Strategy strategy;

    /** Pool size: the document's {@code Pool(3)}. */
    @Param("3")
    public int workers;

    /** Tasks per operation: the document's 10. */
    @Param("10")
    public int tasks;

    /** d: how long each task sleeps, in ms (the document: 3000). */
    @Param("10")
    public int sleepMillis;

    Job job;
    int[] inputs;

    @Setup(Level.Trial)
    public void setUp() {
        job = Task.SLEEP_SQUARE.with(sleepMillis);
        inputs = Checks.range(tasks);
    }

    /** The pool the first three methods share, built once per trial. */
    @State(Scope.Benchmark)
    public static class TrialPool {
        TaskPool pool;

        @Setup(Level.Trial)
        public void setUp(ApplyBenchmark b) {
            pool = b.strategy.create(PoolConfig.ofWorkers(b.workers));
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            pool.close();
        }
    }

    /** A new pool before every {@code closeJoinGet} call, which closes it (see the class comment). */
    @State(Scope.Thread)
    public static class FreshPool {
        TaskPool pool;

        @Setup(Level.Invocation)
        public void setUp(ApplyBenchmark b) {
            pool = b.strategy.create(PoolConfig.ofWorkers(b.workers));
        }

        @TearDown(Level.Invocation)
        public void tearDown() {
            pool.close(); // already closed unless the operation failed; close is idempotent
        }
    }

    /** §3: each call blocks until its value is there. */
    @Benchmark
    public Object[] apply(TrialPool p) {
        Object[] results = new Object[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            results[i] = Checks.expectOne(p.pool.apply(job, inputs[i]), job, inputs[i]);
        }
        return results;
    }

    /** §4: submit every task, then get each result in order. */
    @Benchmark
    public List<Object> applyAsync(TrialPool p) {
        return getAll(submitAll(p.pool), job, inputs);
    }

    /**
     * §6: the values arrive at a callback on the pool's result-handler thread; {@code join}
     * returns once every task and every callback has finished.
     */
    @Benchmark
    public List<Object> applyAsyncCallback(TrialPool p) {
        Object[] received = new Object[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            final int slot = i;
            p.pool.applyAsync(job, inputs[i], value -> received[slot] = value);
        }
        p.pool.join(); // happens-after every callback, so the plain array writes are visible
        return Checks.expectAll(Arrays.asList(received), job, inputs);
    }

    /** §7: submit every task, close and join the pool, then collect every result. */
    @Benchmark
    public List<Object> closeJoinGet(FreshPool p) {
        List<CompletableFuture<Object>> handles = submitAll(p.pool);
        p.pool.close();
        p.pool.join();
        return getAll(handles, job, inputs);
    }

    private List<CompletableFuture<Object>> submitAll(TaskPool pool) {
        List<CompletableFuture<Object>> handles = new ArrayList<>(inputs.length);
        for (int input : inputs) {
            handles.add(pool.applyAsync(job, input));
        }
        return handles;
    }

    static List<Object> getAll(List<CompletableFuture<Object>> handles, Job job, int[] inputs) {
        List<Object> results = new ArrayList<>(handles.size());
        try {
            for (CompletableFuture<Object> h : handles) {
                results.add(h.get());
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException(job + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while collecting " + job, e);
        }
        return Checks.expectAll(results, job, inputs);
    }
}
