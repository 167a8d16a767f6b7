package io.github.poolbench.bench;

import io.github.poolbench.exec.Floors;
import io.github.poolbench.exec.LaunchMechanisms;
import io.github.poolbench.exec.PoolConfig;
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
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Does a big parent make each new process dearer? {@code fork} copies the parent's page
 * tables (and marks every page copy-on-write), so its cost grows with the memory the parent
 * has touched; {@code vfork} and {@code posix_spawn} (glibc: {@code clone(CLONE_VM|CLONE_VFORK)})
 * share the parent's memory until the exec and should not grow. Here the spawning JVM first
 * touches {@code parentHeapMb} MB of Java heap (0, 1 GB, 4 GB: arrays kept alive for the
 * trial, zeroed by the JVM and so really in memory), then spawns {@code /bin/true} per input,
 * through ProcessBuilder with each launch mechanism ({@link #spawnTrue}) and through libc's
 * posix_spawn directly ({@link #spawnTrueDirect}, the OS floor).
 *
 * <p>The forks run with {@code -Xmx5g} and 4 MB G1 regions, so every array of just under 8 MB
 * is a humongous object placed straight into two regions: touching the heap copies nothing.
 * Transparent huge pages change the result (2 MB pages mean 512× fewer page-table entries to
 * copy): read {@code /sys/kernel/mm/transparent_hugepage/enabled} beside the numbers.
 *
 * <p>A sweep, left out of the default run: {@code scripts/run-sweeps.sh}, or
 * {@code java -jar target/benchmarks.jar ParentSizeBenchmark}. It needs ~5 GB of free memory.
 * Time on this 2-core machine, estimated from per-child costs (0.4-1 ms for every path but
 * FORK; FORK ~2.5 ms at 0 MB, ~50 ms at 512 MB and ~330 ms at 4 GB in smoke runs): 12 trials of
 * 5 ops of 50 children plus ~4 s per fork to start and touch the heap; about 2.5 minutes, half
 * of it FORK at 4 GB.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 4)
@Fork(value = 1, jvmArgsAppend = {IncrementProcessBenchmark.NUPROCESS_NATIVE_ACCESS, LaunchMechanisms.ADD_OPENS,
        "-Xmx5g", "-XX:+UseG1GC", "-XX:G1HeapRegionSize=4m"})
public class ParentSizeBenchmark {
    private static final Job ANY = Task.INCREMENT.with(0);
    /** Just under two 4 MB regions, so each array is one humongous object with no copying. */
    private static final int CHUNK_LONGS = (8 * 1024 * 1024 - 64) / Long.BYTES;

    /** What every row shares: the heap the parent has touched, the batch, the bound on children. */
    @State(Scope.Benchmark)
    public abstract static class Parent {
        /** MB of Java heap allocated and kept alive by the spawning JVM before it spawns. */
        @Param({"0", "1024", "4096"})
        public int parentHeapMb;

        /** 50 children per op: FORK from a 4 GB parent takes ~0.3 s each (children start one after another). */
        @Param("50")
        public int tasks;

        @Param("5")
        public int maxChildren;

        TaskPool pool;
        int[] inputs;
        private List<long[]> ballast;

        abstract PoolConfig config(PoolConfig base);

        @Setup(Level.Trial)
        public void setUp() {
            ballast = touch(parentHeapMb);
            pool = Floors.osFloor(config(PoolConfig.ofWorkers(maxChildren)));
            inputs = Checks.range(tasks);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            pool.close();
            ballast = null;
        }
    }

    /** ProcessBuilder, with the launch mechanism chosen and checked in this fork. */
    public static class Mechanism extends Parent {
        @Param("processbuilder")
        public String spawner;

        @Param({"POSIX_SPAWN", "VFORK", "FORK"})
        public String launchMechanism;

        @Override
        PoolConfig config(PoolConfig base) {
            return base.withSpawner(spawner).withLaunchMechanism(launchMechanism);
        }
    }

    /** libc's posix_spawn called directly: the OS floor at each parent size. */
    public static class Direct extends Parent {
        @Param("posix_spawn")
        public String spawner;

        @Override
        PoolConfig config(PoolConfig base) {
            return base.withSpawner(spawner);
        }
    }

    @Benchmark
    public List<Object> spawnTrue(Mechanism s) {
        return FloorBenchmark.allZero(s.pool.map(ANY, s.inputs));
    }

    @Benchmark
    public List<Object> spawnTrueDirect(Direct s) {
        return FloorBenchmark.allZero(s.pool.map(ANY, s.inputs));
    }

    /** {@code mb} MB of heap in arrays the JVM zeroes on allocation, so every page is really there. */
    static List<long[]> touch(int mb) {
        if (mb < 0) {
            throw new IllegalArgumentException("parentHeapMb must be 0 or more, was " + mb);
        }
        long bytes = (long) mb * 1024 * 1024;
        long chunkBytes = (long) CHUNK_LONGS * Long.BYTES;
        List<long[]> out = new ArrayList<>();
        for (long done = 0; done < bytes; done += chunkBytes) {
            long[] a = new long[(int) Math.min(CHUNK_LONGS, (bytes - done + Long.BYTES - 1) / Long.BYTES)];
            for (int i = 0; i < a.length; i += 512) {
                a[i] = i; // write one long per 4 KB page as well, in case zeroing was lazy
            }
            out.add(a);
        }
        return out;
    }
}
