package io.github.poolbench.exec;

/**
 * The strategies under test, each building a {@link TaskPool} (Caffeine's {@code CacheType}
 * pattern): benchmarks take one as an enum {@code @Param} and never switch on it.
 */
public enum Strategy {
    /** Baseline: the work inline on the calling thread. */
    CALLER_THREAD(RunsIn.CALLER, null, "the work inline on the calling thread") {
        @Override
        public TaskPool create(PoolConfig config) {
            return new InProcessPools.CallerThread(config);
        }
    },
    /** N reused platform threads. */
    FIXED_THREAD_POOL(RunsIn.THREAD, null, "a task on a pooled thread") {
        @Override
        public TaskPool create(PoolConfig config) {
            return new InProcessPools.FixedThreadPool(config);
        }
    },
    /** A work-stealing ForkJoinPool of N threads. */
    FORK_JOIN_POOL(RunsIn.THREAD, null, "a task on a fork-join pool") {
        @Override
        public TaskPool create(PoolConfig config) {
            return new InProcessPools.WorkStealingPool(config);
        }
    },
    /** A new platform thread per task. */
    THREAD_PER_TASK(RunsIn.THREAD, "FIXED_THREAD_POOL", "one new thread per task") {
        @Override
        public TaskPool create(PoolConfig config) {
            return new InProcessPools.ThreadPerTask(config);
        }
    },
    /** A new virtual thread per task (JDK 21+). */
    VIRTUAL_THREAD_PER_TASK(RunsIn.THREAD, "FIXED_THREAD_POOL", "one new virtual thread per task") {
        @Override
        public TaskPool create(PoolConfig config) {
            return new InProcessPools.VirtualThreadPerTask(config);
        }

        @Override
        public String unavailableReason() {
            return VirtualThreads.unavailableReason();
        }
    },
    /**
     * A new child JVM per task (same java, same jar), at most {@code maxChildren} alive at once;
     * {@code jvmFlags} and {@code spawner} choose how it is started.
     */
    PROCESS_PER_TASK(RunsIn.PROCESS, "FIXED_PROCESS_POOL", "one new JVM per task") {
        @Override
        public TaskPool create(PoolConfig config) {
            return new ProcessPerTaskPool(config);
        }
    },
    /** A new native process per task ({@code expr N + 1}, INCREMENT only): the operating system's share. */
    NATIVE_PROCESS_PER_TASK(RunsIn.PROCESS, "FIXED_PROCESS_POOL", "one new native process per task") {
        @Override
        public TaskPool create(PoolConfig config) {
            return new NativeProcessPerTaskPool(config);
        }

        @Override
        public String unavailableReason() {
            return NativeProcessPerTaskPool.unavailableReason();
        }
    },
    /** N reused worker JVMs fed over pipes: the document's {@code Pool(N)}. */
    FIXED_PROCESS_POOL(RunsIn.PROCESS, null, "a task sent to a pooled JVM") {
        @Override
        public TaskPool create(PoolConfig config) {
            return new ProcessPool(config);
        }
    };

    /** Where a strategy runs its tasks: the facts the report reads from the run's record. */
    public enum RunsIn {
        /** Inline, on the thread that submits. */
        CALLER,
        /** On threads of this JVM. */
        THREAD,
        /** In other processes. */
        PROCESS
    }

    private final RunsIn runsIn;
    private final String pooledCounterpart;
    private final String description;

    Strategy(RunsIn runsIn, String pooledCounterpart, String description) {
        this.runsIn = runsIn;
        this.pooledCounterpart = pooledCounterpart;
        this.description = description;
    }

    /**
     * What each strategy is, as data for the run's environment record (field {@code strategies}):
     * name → {@code runsIn} (caller, thread or process), {@code perTask} (a new thread or process
     * per task, measured against its pooled counterpart), {@code pooledCounterpart} (the pooled
     * strategy of the same kind, for a per-task one), {@code description} (words for a reader),
     * in this enum's order. The report reads these instead of guessing from names.
     */
    public static java.util.Map<String, java.util.Map<String, Object>> facts() {
        java.util.Map<String, java.util.Map<String, Object>> all = new java.util.LinkedHashMap<>();
        for (Strategy s : values()) {
            java.util.Map<String, Object> f = new java.util.LinkedHashMap<>();
            f.put("runsIn", s.runsIn.name().toLowerCase(java.util.Locale.ROOT));
            f.put("perTask", s.pooledCounterpart != null);
            if (s.pooledCounterpart != null) {
                f.put("pooledCounterpart", s.pooledCounterpart);
            }
            f.put("description", s.description);
            all.put(s.name(), f);
        }
        return all;
    }

    /** Builds the pool; throws {@link StrategyUnavailableException} when {@link #isAvailable()} is false. */
    public abstract TaskPool create(PoolConfig config);

    /** Why this JVM or OS cannot run the strategy; empty when it can. */
    public String unavailableReason() {
        return "";
    }

    public final boolean isAvailable() {
        return unavailableReason().isEmpty();
    }
}
