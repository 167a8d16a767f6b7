package io.github.poolbench.bench;

import io.github.poolbench.exec.PoolConfig;
import io.github.poolbench.exec.Strategy;
import io.github.poolbench.exec.TaskPool;
import io.github.poolbench.workload.Job;
import io.github.poolbench.workload.Task;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * How heavy must a task be before a new thread per task stops mattering?
 *
 * <p>One operation maps {@code tasks} CPU-bound tasks of about {@code workMicros} µs each and
 * waits for all of them. The CPU work ({@link Task#CPU_BURN}, the same dependent arithmetic as
 * JMH's {@code Blackhole.consumeCPU}) is calibrated once per trial to units per µs on the fork's
 * own JIT; the calibration is recorded in the JSON as the secondary metric
 * {@code calibratedUnitsPerMicro}. The report computes efficiency = ideal time
 * (tasks × work ÷ usable cores) ÷ measured time, and the break-even task size where each
 * per-task strategy's overhead falls under 10%.
 *
 * <p>Run: {@code java -jar target/benchmarks.jar TaskWeightBenchmark}
 * (the full sweep adds {@code -p workMicros=0,1,10,100,1000}: see scripts/run-sweeps.sh).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class TaskWeightBenchmark {

    @Param({"CALLER_THREAD", "FIXED_THREAD_POOL", "THREAD_PER_TASK", "VIRTUAL_THREAD_PER_TASK", "FIXED_PROCESS_POOL"})
    public Strategy strategy;

    /** Approximate CPU time of one task, in µs (calibrated at trial setup). */
    @Param({"0", "10", "1000"})
    public int workMicros;

    @Param("100")
    public int tasks;

    @Param("5")
    public int workers;

    private TaskPool pool;
    private int[] inputs;
    private Job job;
    private double unitsPerMicro;

    /** The calibration, written into the JSON as a secondary metric. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Calibration {
        public double calibratedUnitsPerMicro;
    }

    @Setup(Level.Trial)
    public void setUp() {
        unitsPerMicro = CpuCalibration.unitsPerMicro();
        job = Task.CPU_BURN.with((int) Math.min(Integer.MAX_VALUE, Math.round(workMicros * unitsPerMicro)));
        pool = strategy.create(PoolConfig.ofWorkers(workers));
        inputs = Checks.range(tasks);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.close();
    }

    @Benchmark
    public List<Object> map(Calibration calibration) {
        // JMH zeroes aux counters when an iteration starts, so the value is set on every op.
        calibration.calibratedUnitsPerMicro = unitsPerMicro;
        return Checks.expectAll(pool.map(job, inputs), job, inputs);
    }
}
