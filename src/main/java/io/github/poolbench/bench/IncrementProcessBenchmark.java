package io.github.poolbench.bench;

import io.github.poolbench.exec.Chunking;
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
 * The document's headline (§2), out-of-process half: 1000 increments through a pool of 5
 * worker processes ({@code Pool(5).map}) versus a new process per task ({@code Process()} in a
 * loop), with the same method ({@code map}) and param names as {@link IncrementBenchmark}
 * ({@code strategy}, {@code tasks}, {@code workers}, {@code chunksize}) so the rows line up.
 *
 * <p>One operation is the whole batch: {@code tasks} increments submitted <em>and completed</em>,
 * every result checked. Pools are built at trial level (their 5 JVMs start outside the timer,
 * as the document's pool creation is outside its timer); a per-task strategy starts every
 * child inside the measured method, because that is the cost being compared (JMHSample_38).
 *
 * <h2>Why three small classes</h2>
 * JMH runs the full cross product of a class's params, and the knobs here only make sense for
 * some strategies: {@code chunksize} only for the pool, {@code jvmFlags} only for JVM
 * children, {@code spawner} only for per-task children. One class would run 24 rows of which
 * 8 mean something; the expensive pointless ones (a JVM per task with the other spawner, a
 * native child with JVM flags) would take minutes each. So the shared body ({@link #map()},
 * setup, checks) lives here and three nested classes (JMHSample_24's inheritance) each
 * declare only their own params and the measurement shape that suits their cost:
 * <ul>
 *   <li>{@link Pool} FIXED_PROCESS_POOL, {@code chunksize} auto (Python's 50) and 1: an op
 *       takes about a millisecond, so average time over 1 s iterations, as IncrementBenchmark.</li>
 *   <li>{@link JvmPerTask} PROCESS_PER_TASK, {@code jvmFlags} default and tuned: 1000 JVMs,
 *       at most {@code maxChildren} = 5 alive at once (1000 concurrent JVMs would need tens
 *       of GB; the document's loop starts them all), take tens of seconds per op, so single
 *       shots with one warm-up op. {@code spawner} defaults to {@code processbuilder} only:
 *       the spawn is ~1 ms of a ~30-100 ms JVM start, and each extra row costs minutes; add
 *       {@code -p spawner=processbuilder,nuprocess} to see it. {@code tasks} is 100 (see
 *       {@link JvmPerTask#tasks}).</li>
 *   <li>{@link NativePerTask} NATIVE_PROCESS_PER_TASK ({@code expr N + 1}) with all three
 *       spawners (posix_spawn called directly, ProcessBuilder, NuProcess), where the spawn
 *       <em>is</em> the cost: ~0.5-2 s per op, single shots.</li>
 * </ul>
 * Every class runs 3 forks, because a fork is the unit of evidence (the report's figures are
 * medians of fork means with the range of the fork means). Time of the default run on this
 * project's 2-core machine, estimated from per-task costs: Pool ~0.6 min; NativePerTask ~1.2 min
 * (3 spawners × 3 forks × 5 ops of ~0.5-1.5 s); JvmPerTask ~1.2 min (2 flag sets × 3 forks × 3 ops
 * of 100 JVMs at ~30 ms each).
 *
 * <p>Run: {@code java -jar target/benchmarks.jar IncrementProcessBenchmark} (all three), or
 * one of {@code IncrementProcessBenchmark.Pool}, {@code .JvmPerTask}, {@code .NativePerTask}.
 */
@State(Scope.Benchmark)
public abstract class IncrementProcessBenchmark {

    /**
     * NuProcess calls native code through JNA; from JDK 22 the JVM warns on stderr unless
     * native access is granted. JDK 17 accepts the flag too.
     */
    static final String NUPROCESS_NATIVE_ACCESS = "--enable-native-access=ALL-UNNAMED";

    /** Pool size: the document's {@code Pool(5)}; per-task strategies use {@code maxChildren}. */
    @Param("5")
    public int workers;

    private final Job job = Task.INCREMENT.with(0);
    private TaskPool pool;
    private int[] inputs;
    private int chunk;

    protected abstract Strategy strategy();

    protected abstract String chunksize();

    /** Tasks per operation: a {@code @Param} of each class (the document's 1000, or fewer where one op takes long). */
    protected abstract int tasks();

    protected abstract PoolConfig config(PoolConfig base);

    @Setup(Level.Trial)
    public void setUp() {
        pool = strategy().create(config(PoolConfig.ofWorkers(workers)));
        inputs = Checks.range(tasks());
        chunk = Chunking.resolve(chunksize(), tasks(), workers);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.close();
    }

    @Benchmark
    public List<Object> map() {
        return Checks.expectAll(pool.map(job, inputs, chunk), job, inputs);
    }

    /** FIXED_PROCESS_POOL: 5 worker JVMs started at trial level, fed chunks over pipes. */
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Warmup(iterations = 4, time = 500, timeUnit = TimeUnit.MILLISECONDS)
    @Measurement(iterations = 4, time = 500, timeUnit = TimeUnit.MILLISECONDS)
    @Fork(3)
    public static class Pool extends IncrementProcessBenchmark {
        @Param("FIXED_PROCESS_POOL")
        public Strategy strategy;

        /** The document's 1000 increments per op. */
        @Param("1000")
        public int tasks;

        /** {@code auto} is Python's rule, ceil(tasks / (4 * workers)) = 50 here; {@code 1} sends tasks one by one. */
        @Param({"auto", "1"})
        public String chunksize;

        /** Flag set of the worker JVMs; their start-up is outside the timer, so only the default is run. */
        @Param("default")
        public String jvmFlags;

        @Override
        protected Strategy strategy() {
            return strategy;
        }

        @Override
        protected String chunksize() {
            return chunksize;
        }

        @Override
        protected int tasks() {
            return tasks;
        }

        @Override
        protected PoolConfig config(PoolConfig base) {
            return base.withJvmFlags(jvmFlags);
        }
    }

    /** PROCESS_PER_TASK: a new JVM per increment, at most {@code maxChildren} at once. */
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 1)
    @Measurement(iterations = 2)
    @Fork(value = 3, jvmArgsAppend = {NUPROCESS_NATIVE_ACCESS, LaunchMechanisms.ADD_OPENS})
    public static class JvmPerTask extends IncrementProcessBenchmark {
        @Param("PROCESS_PER_TASK")
        public Strategy strategy;

        /**
         * 100 JVMs per op, not the document's 1000: a fork is the unit of evidence, and three
         * forks of 1000 JVMs would take ~10 minutes. The per-task cost hardly depends on the
         * batch size (at most {@code maxChildren} are alive, 20 waves of 5; the last wave's tail
         * adds about 2-3%), the runtime floor ({@code FloorBenchmark.startBareJvm}) has the same
         * shape, and the report scales every batch to 1000 tasks. {@code -p tasks=1000} runs the
         * document's batch.
         */
        @Param("100")
        public int tasks;

        /** Ignored by per-task strategies (every input gets its own process); here so rows line up. */
        @Param("auto")
        public String chunksize;

        /** {@code default}: no flags; {@code tuned}: class archive, C1 only, no perf data (see ChildJvm). */
        @Param({"default", "tuned"})
        public String jvmFlags;

        /** Any spawner runs it ({@code -p spawner=posix_spawn,processbuilder,nuprocess}); the default run keeps one. */
        @Param("processbuilder")
        public String spawner;

        /** The JDK's launch mechanism for {@code processbuilder}: {@code -p launchMechanism=POSIX_SPAWN,VFORK,FORK}. */
        @Param("default")
        public String launchMechanism;

        /** Children alive at once: the pool size, so both sides use the same parallelism. */
        @Param("5")
        public int maxChildren;

        @Override
        protected Strategy strategy() {
            return strategy;
        }

        @Override
        protected String chunksize() {
            return chunksize;
        }

        @Override
        protected int tasks() {
            return tasks;
        }

        @Override
        protected PoolConfig config(PoolConfig base) {
            return base.withJvmFlags(jvmFlags).withSpawner(spawner).withLaunchMechanism(launchMechanism)
                    .withMaxChildren(maxChildren);
        }
    }

    /** NATIVE_PROCESS_PER_TASK: {@code expr N + 1} per increment, at most {@code maxChildren} at once. */
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 1)
    @Measurement(iterations = 4)
    @Fork(value = 3, jvmArgsAppend = {NUPROCESS_NATIVE_ACCESS, LaunchMechanisms.ADD_OPENS})
    public static class NativePerTask extends IncrementProcessBenchmark {
        @Param("NATIVE_PROCESS_PER_TASK")
        public Strategy strategy;

        /** The document's 1000 increments per op (~1 s of children). */
        @Param("1000")
        public int tasks;

        /** Ignored by per-task strategies; here so rows line up. */
        @Param("auto")
        public String chunksize;

        /** {@code posix_spawn}: libc directly, the OS's own cost; the two Java libraries beside it. */
        @Param({"posix_spawn", "processbuilder", "nuprocess"})
        public String spawner;

        /**
         * The JDK's launch mechanism, for {@code processbuilder} only (with another spawner a
         * mechanism other than default fails the trial): add
         * {@code -p spawner=processbuilder -p launchMechanism=POSIX_SPAWN,VFORK,FORK}.
         */
        @Param("default")
        public String launchMechanism;

        @Param("5")
        public int maxChildren;

        @Override
        protected Strategy strategy() {
            return strategy;
        }

        @Override
        protected String chunksize() {
            return chunksize;
        }

        @Override
        protected int tasks() {
            return tasks;
        }

        @Override
        protected PoolConfig config(PoolConfig base) {
            return base.withSpawner(spawner).withLaunchMechanism(launchMechanism).withMaxChildren(maxChildren);
        }
    }
}
