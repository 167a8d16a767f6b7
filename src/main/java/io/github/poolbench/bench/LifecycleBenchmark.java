package io.github.poolbench.bench;

import io.github.poolbench.exec.PoolConfig;
import io.github.poolbench.exec.Strategy;
import io.github.poolbench.exec.TaskPool;
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
import org.openjdk.jmh.annotations.Warmup;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * What a pool costs before and after it does any work (§1: "creating a process costs time, and
 * so does destroying it"): one operation creates a pool of {@code size} workers, then closes
 * it and waits until every worker is gone. The report sets this against the per-task cost
 * measured elsewhere to find the break-even: after how many tasks a pool has paid for itself.
 *
 * <p>Creation is inside the measured method by design (JMHSample_38): it is the cost under
 * study, not a setup to keep out. Sizes are 1, 2, 5 (the document's {@code Pool(5)}), the
 * number of cores and twice that; {@code cores} is resolved in the benchmark's own JVM from
 * {@code availableProcessors()} (the run's env.json records the same number).
 *
 * <p>Run: {@code java -jar target/benchmarks.jar LifecycleBenchmark}
 * (one size: {@code -p size=cores}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 300, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 4, time = 300, timeUnit = TimeUnit.MILLISECONDS)
@Fork(3) // forks are the samples: run-to-run spread (JIT, thread placement) lives between JVMs
@State(Scope.Benchmark)
public class LifecycleBenchmark {

    /** The pools of this scenario. */
    @Param({"FIXED_THREAD_POOL", "FIXED_PROCESS_POOL"})
    public Strategy strategy;

    /** Workers in the pool: a number, {@code cores}, or {@code 2xcores}. */
    @Param({"1", "2", "5", "cores", "2xcores"})
    public String size;

    private PoolConfig config;

    @Setup(Level.Trial)
    public void setUp() {
        config = PoolConfig.ofWorkers(resolveSize(size, Runtime.getRuntime().availableProcessors()));
    }

    /** Create a pool, then close it and wait until all its workers have ended. */
    @Benchmark
    public TaskPool createAndClose() {
        TaskPool pool = strategy.create(config);
        pool.close();
        return pool;
    }

    /**
     * {@code "5"} is 5, {@code "cores"} is {@code cores}, {@code "2xcores"} is twice that
     * (also {@code "3xcores"} and so on).
     *
     * @throws IllegalArgumentException naming what was expected, if the value is none of these
     */
    static int resolveSize(String size, int cores) {
        String s = size == null ? "" : size.trim().toLowerCase(Locale.ROOT);
        try {
            int factor;
            if (s.equals("cores")) {
                factor = 1;
            } else if (s.endsWith("xcores")) {
                factor = Integer.parseInt(s.substring(0, s.length() - "xcores".length()));
            } else {
                int n = Integer.parseInt(s);
                if (n >= 1) {
                    return n;
                }
                throw new NumberFormatException();
            }
            if (factor >= 1) {
                return Math.multiplyExact(factor, cores);
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // falls through to the one message below
        }
        throw new IllegalArgumentException("size must be a whole number of at least 1, 'cores' or 'Nxcores' "
                + "(e.g. 2xcores), was '" + size + "'");
    }
}
