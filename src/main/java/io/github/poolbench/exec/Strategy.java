package io.github.poolbench.exec;

/**
 * The strategies under test, each building a {@link TaskPool} (Caffeine's {@code CacheType}
 * pattern): benchmarks take one as an enum {@code @Param} and never switch on it.
 */
public enum Strategy {
    /** Baseline: the work inline on the calling thread. */
    CALLER_THREAD {
        @Override
        public TaskPool create(PoolConfig config) {
            return new InProcessPools.CallerThread(config);
        }
    },
    /** N reused platform threads. */
    FIXED_THREAD_POOL {
        @Override
        public TaskPool create(PoolConfig config) {
            return new InProcessPools.FixedThreadPool(config);
        }
    },
    /** A work-stealing ForkJoinPool of N threads. */
    FORK_JOIN_POOL {
        @Override
        public TaskPool create(PoolConfig config) {
            return new InProcessPools.WorkStealingPool(config);
        }
    },
    /** A new platform thread per task. */
    THREAD_PER_TASK {
        @Override
        public TaskPool create(PoolConfig config) {
            return new InProcessPools.ThreadPerTask(config);
        }
    },
    /** A new virtual thread per task (JDK 21+). */
    VIRTUAL_THREAD_PER_TASK {
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
    PROCESS_PER_TASK {
        @Override
        public TaskPool create(PoolConfig config) {
            return new ProcessPerTaskPool(config);
        }
    },
    /** A new native process per task ({@code expr N + 1}, INCREMENT only): the operating system's share. */
    NATIVE_PROCESS_PER_TASK {
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
    FIXED_PROCESS_POOL {
        @Override
        public TaskPool create(PoolConfig config) {
            return new ProcessPool(config);
        }
    };

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
