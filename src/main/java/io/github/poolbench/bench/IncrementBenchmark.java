package io.github.poolbench.bench;

import io.github.poolbench.exec.Chunking;
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

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The document's headline (§2), in-process half: 1000 increments through a reused pool of 5
 * versus a new thread per task.
 *
 * <p>One operation is the whole batch: {@code tasks} increments submitted <em>and completed</em>
 * through {@code pool.map}, every result checked (a wrong one fails the run). A per-task
 * strategy creates its 1000 threads inside the measured method, because that creation is
 * exactly the cost being compared (JMHSample_38); pools are built once per trial, and their
 * start-up is measured by a benchmark of its own. {@code CALLER_THREAD} does the same work
 * inline: the floor that shows what the increments themselves cost. Per-task strategies give
 * every input its own thread and ignore {@code chunksize}, so their two rows measure the same
 * thing twice.
 *
 * <p>Warm-up is 2 s a fork: after 1 s, the pools' first measured iteration on JDK 17 was still
 * 1.2-1.65× its last (the JIT had not settled), which moved the thread pair's ratio by 28%
 * between two default runs on this 2-core machine.
 *
 * <p>Run: {@code java -jar target/benchmarks.jar IncrementBenchmark}
 * (one strategy: {@code -p strategy=FIXED_THREAD_POOL}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 4, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(3) // forks are the samples: run-to-run spread (JIT, thread placement) lives between JVMs
@State(Scope.Benchmark)
public class IncrementBenchmark {

    @Param({"CALLER_THREAD", "FIXED_THREAD_POOL", "FORK_JOIN_POOL", "THREAD_PER_TASK", "VIRTUAL_THREAD_PER_TASK"})
    public Strategy strategy;

    /** Tasks per operation: the document's 1000. */
    @Param("1000")
    public int tasks;

    /** Pool size: the document's {@code Pool(5)}. */
    @Param("5")
    public int workers;

    /** {@code auto} is Python's rule, ceil(tasks / (4 * workers)) = 50 here; {@code 1} sends tasks one by one. */
    @Param({"auto", "1"})
    public String chunksize;

    private final Job job = Task.INCREMENT.with(0);
    private TaskPool pool;
    private int[] inputs;
    private int chunk;

    @Setup(Level.Trial)
    public void setUp() {
        pool = strategy.create(PoolConfig.ofWorkers(workers));
        inputs = Checks.range(tasks);
        chunk = Chunking.resolve(chunksize, tasks, workers);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.close();
    }

    @Benchmark
    public List<Object> map() {
        return Checks.expectAll(pool.map(job, inputs, chunk), job, inputs);
    }
}
