package io.github.poolbench.bench;

import io.github.poolbench.exec.Floors;
import io.github.poolbench.exec.LaunchMechanisms;
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
 * The floors the process strategies of {@link IncrementProcessBenchmark} are held against,
 * measured in the same run so they share the machine's state:
 * <ul>
 *   <li>{@link #spawnTrue}: spawn + wait of {@code /bin/true} per input, per spawner. With
 *       {@code spawner=posix_spawn} (libc's posix_spawn and waitpid called directly, no helper
 *       exec, no thread per child) it is <b>the OS floor</b>: the least a new process costs on
 *       this machine, measured from inside the JVM (the floor of NATIVE_PROCESS_PER_TASK).
 *       {@code processbuilder} (the JDK's default mechanism) and {@code nuprocess} are the
 *       Java libraries' paths to the same thing, set against it.</li>
 *   <li>{@link #spawnTrueMechanism}: the same through {@code ProcessBuilder} with each launch
 *       mechanism the JDK has ({@code POSIX_SPAWN}: posix_spawn of jspawnhelper, which execs
 *       the program; {@code VFORK}; {@code FORK}), chosen in the fork before its first process
 *       and checked there (the trial fails when another one is in effect). A mechanism the
 *       forks' JDK or OS does not offer is left out of the run with one notice.</li>
 *   <li>{@link #startBareJvm}: a JVM with the same {@code java}, flags and jar running a main
 *       that returns at once, per input: what the runtime costs before any of our code runs
 *       (floor of PROCESS_PER_TASK), per flag set.</li>
 *   <li>{@link #roundTrip}: {@code apply} of one increment on a pool of one worker process:
 *       one int there and back over the pipes. A latency, not a per-task cost inside a batch,
 *       so the report shows it beside FIXED_PROCESS_POOL without dividing one by the other.</li>
 * </ul>
 * The spawn floors use the very same code path as the per-task strategies (K spawning
 * threads, the spawner, {@code map} of {@code tasks} inputs, at most {@code maxChildren}
 * alive) with only the child's command changed, so a strategy's per-task cost divided by its
 * floor's is what the strategy itself adds. The OS floor spawns 1000 children per op like the
 * strategies; the runtime floor starts 100 bare JVMs (as PROCESS_PER_TASK does) per op to keep the default run inside its
 * budget (the per-task cost does not depend on the batch size). Each method
 * takes only the state whose params it uses, so JMH does not cross the spawn floors' params
 * with the round trip's, nor a launch mechanism with a spawner that has none.
 *
 * <p>Time on this 2-core machine, from the per-child costs measured there (posix_spawn
 * ~0.39 ms, ProcessBuilder default ~0.87 ms, VFORK ~0.46 ms, FORK ~2.5 ms, NuProcess ~1.2 ms;
 * 3 forks of 5 ops of 1000 children each, plus ~1.5 s per fork): spawnTrue ~0.7 min,
 * spawnTrueMechanism ~1 min (FORK is most of it), startBareJvm ~1.2 min (2 flag sets × 3 forks
 * × 3 ops of 100 JVMs), roundTrip ~0.4 min. Three forks each, because a fork is the unit of
 * evidence: the report's figures are medians of fork means with the range of the fork means.
 * The parent-size sweep ({@link ParentSizeBenchmark}) is not part of the default run.
 *
 * <p>Run: {@code java -jar target/benchmarks.jar FloorBenchmark}; the C twin of the OS floor
 * is {@code scripts/spawn-floor.c}: its {@code pipes} mode does what {@code spawner=posix_spawn}
 * does per child (stdin from /dev/null, stdout and stderr to pipes read to the end with poll,
 * then waitpid) with the same shape as this pool, K threads each spawning one child and waiting
 * for it; {@code threads} is the same without the pipes; {@code loop} spawns from one thread.
 */
@Fork(value = 3, jvmArgsAppend = {IncrementProcessBenchmark.NUPROCESS_NATIVE_ACCESS, LaunchMechanisms.ADD_OPENS})
public class FloorBenchmark {
    private static final Job ANY = Task.INCREMENT.with(0);

    /**
     * What the spawn floors' states share: a pool of per-task children built at trial level from
     * the subclass's params, the inputs of one op, and the pool's release. The params stay in the
     * subclasses, so each method's rows carry only the params it uses.
     */
    @State(Scope.Benchmark)
    public abstract static class SpawnFloor {
        TaskPool pool;
        int[] inputs;

        abstract TaskPool create();

        abstract int tasks();

        @Setup(Level.Trial)
        public void setUp() {
            pool = create();
            inputs = Checks.range(tasks());
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            pool.close();
        }
    }

    /** Params and pool of the OS floor ({@code posix_spawn}) and of the Java spawners' default paths. */
    @State(Scope.Benchmark)
    public static class OsFloor extends SpawnFloor {
        @Param("1000")
        public int tasks;

        @Param("5")
        public int maxChildren;

        @Param({"posix_spawn", "processbuilder", "nuprocess"})
        public String spawner;

        @Override
        TaskPool create() {
            return Floors.osFloor(PoolConfig.ofWorkers(maxChildren).withSpawner(spawner));
        }

        @Override
        int tasks() {
            return tasks;
        }
    }

    /** ProcessBuilder with one launch mechanism, set and checked in this fork before its first process. */
    @State(Scope.Benchmark)
    public static class JdkMechanism extends SpawnFloor {
        @Param("1000")
        public int tasks;

        @Param("5")
        public int maxChildren;

        @Param("processbuilder")
        public String spawner;

        @Param({"POSIX_SPAWN", "VFORK", "FORK"})
        public String launchMechanism;

        @Override
        TaskPool create() {
            return Floors.osFloor(PoolConfig.ofWorkers(maxChildren).withSpawner(spawner).withLaunchMechanism(launchMechanism));
        }

        @Override
        int tasks() {
            return tasks;
        }
    }

    /** Params and pool of the runtime floor. */
    @State(Scope.Benchmark)
    public static class JvmFloor extends SpawnFloor {
        /** 100 bare JVMs per op, as JvmPerTask (not 1000): the per-task cost hardly depends on the batch
         *  size, and 1000 in three forks would add ~8 minutes to the default run. */
        @Param("100")
        public int tasks;

        @Param("5")
        public int maxChildren;

        @Param({"default", "tuned"})
        public String jvmFlags;

        @Param("processbuilder")
        public String spawner;

        @Override
        TaskPool create() {
            return Floors.jvmFloor(PoolConfig.ofWorkers(maxChildren).withJvmFlags(jvmFlags).withSpawner(spawner));
        }

        @Override
        int tasks() {
            return tasks;
        }
    }

    /** One pooled worker process. */
    @State(Scope.Benchmark)
    public static class PooledWorker {
        TaskPool pool;

        @Setup(Level.Trial)
        public void setUp() {
            pool = Strategy.FIXED_PROCESS_POOL.create(PoolConfig.ofWorkers(1));
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            pool.close();
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 1)
    @Measurement(iterations = 4)
    public List<Object> spawnTrue(OsFloor s) {
        return allZero(s.pool.map(ANY, s.inputs));
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 1)
    @Measurement(iterations = 4)
    public List<Object> spawnTrueMechanism(JdkMechanism s) {
        return allZero(s.pool.map(ANY, s.inputs));
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 1)
    @Measurement(iterations = 2)
    public List<Object> startBareJvm(JvmFloor s) {
        return allZero(s.pool.map(ANY, s.inputs));
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Warmup(iterations = 2, time = 500, timeUnit = TimeUnit.MILLISECONDS)
    @Measurement(iterations = 4, time = 500, timeUnit = TimeUnit.MILLISECONDS)
    @Fork(value = 3, jvmArgsAppend = IncrementProcessBenchmark.NUPROCESS_NATIVE_ACCESS)
    public Object roundTrip(PooledWorker s) {
        return Checks.expectOne(s.pool.apply(ANY, 41), ANY, 41);
    }

    static List<Object> allZero(List<Object> exitStatuses) {
        for (int i = 0; i < exitStatuses.size(); i++) {
            if (!Integer.valueOf(0).equals(exitStatuses.get(i))) {
                throw new IllegalStateException("floor child " + i + " returned " + exitStatuses.get(i));
            }
        }
        return exitStatuses;
    }
}
