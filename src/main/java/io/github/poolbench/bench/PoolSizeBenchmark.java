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

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Which pool size is right? Trivial tasks want about as many workers as cores (more only add
 * hand-offs); sleeping (I/O-like) tasks want many more workers than cores, since a sleeping
 * worker uses no CPU.
 *
 * <p>One operation maps {@code tasks} tasks through a fixed pool of {@code workers} and waits
 * for all of them. {@code workers} is a number or {@code cores}, {@code 2xcores},
 * {@code 4xcores} (resolved from {@code availableProcessors()} in the fork, so the JSON keeps
 * the symbolic value and the report resolves it from the environment record).
 * {@code work}: {@code increment} (the article's task) or {@code sleep1ms} (a 1 ms sleep).
 *
 * <p>Run: {@code java -jar target/benchmarks.jar PoolSizeBenchmark}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class PoolSizeBenchmark {

    @Param({"FIXED_THREAD_POOL", "FIXED_PROCESS_POOL"})
    public Strategy strategy;

    @Param({"1", "2", "5", "cores", "2xcores", "4xcores"})
    public String workers;

    @Param({"increment", "sleep1ms"})
    public String work;

    @Param("100")
    public int tasks;

    private TaskPool pool;
    private int[] inputs;
    private Job job;

    @Setup(Level.Trial)
    public void setUp() {
        job = "increment".equals(work) ? Task.INCREMENT.with(0) : Task.SLEEP_SQUARE.with(1);
        if (!"increment".equals(work) && !"sleep1ms".equals(work)) {
            throw new IllegalArgumentException("work must be increment or sleep1ms, was " + work);
        }
        pool = strategy.create(PoolConfig.ofWorkers(resolveWorkers(workers, Runtime.getRuntime().availableProcessors())));
        inputs = Checks.range(tasks);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.close();
    }

    @Benchmark
    public List<Object> map() {
        return Checks.expectAll(pool.map(job, inputs), job, inputs);
    }

    /** "5" gives 5; "cores", "2xcores", "4xcores" multiply the core count. */
    static int resolveWorkers(String spec, int cores) {
        String s = spec.trim().toLowerCase(java.util.Locale.ROOT);
        if (s.equals("cores")) {
            return cores;
        }
        if (s.endsWith("xcores")) {
            return Integer.parseInt(s.substring(0, s.length() - "xcores".length())) * cores;
        }
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("workers must be a number, cores or NxCores, was '" + spec + "'");
        }
    }
}
