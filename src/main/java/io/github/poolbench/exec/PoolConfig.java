package io.github.poolbench.exec;

/**
 * The knobs a strategy is built with. Benchmarks fill it from their {@code @Param}s so every
 * knob lands in the JMH JSON.
 *
 * @param workers pool size (threads or worker processes); per-task strategies ignore it,
 *                except process-per-task which keeps at most {@code maxChildren} children alive
 * @param maxChildren most child processes alive at once for process-per-task strategies;
 *                    0 means "same as workers"
 * @param jvmFlags    child JVM flag set for process strategies: {@code default} or {@code tuned}
 * @param spawner     how per-task processes are started: {@code posix_spawn}, {@code processbuilder} or {@code nuprocess}
 * @param taskTimeoutMillis per-task time limit for process strategies; 0 means none
 * @param launchMechanism the JDK's launch mechanism for {@code processbuilder} (see {@link LaunchMechanisms}):
 *                    {@code default}, {@code POSIX_SPAWN}, {@code VFORK} or {@code FORK}
 */
public record PoolConfig(int workers, int maxChildren, String jvmFlags, String spawner, long taskTimeoutMillis,
                         String launchMechanism) {
    /** The document's {@code Pool(5)}. */
    public static final int DEFAULT_WORKERS = 5;

    public PoolConfig {
        if (workers < 1) {
            throw new IllegalArgumentException("pool size must be at least 1, was " + workers);
        }
        if (maxChildren < 0) {
            throw new IllegalArgumentException("maxChildren must be 0 (same as workers) or more, was " + maxChildren);
        }
        if (taskTimeoutMillis < 0) {
            throw new IllegalArgumentException("task timeout must be 0 (none) or more, was " + taskTimeoutMillis);
        }
        jvmFlags = jvmFlags == null ? "default" : jvmFlags;
        spawner = spawner == null ? "processbuilder" : spawner;
        launchMechanism = launchMechanism == null ? LaunchMechanisms.DEFAULT : launchMechanism;
    }

    public static PoolConfig ofWorkers(int workers) {
        return new PoolConfig(workers, 0, "default", "processbuilder", 0, LaunchMechanisms.DEFAULT);
    }

    public static PoolConfig defaults() {
        return ofWorkers(DEFAULT_WORKERS);
    }

    public PoolConfig withMaxChildren(int k) {
        return new PoolConfig(workers, k, jvmFlags, spawner, taskTimeoutMillis, launchMechanism);
    }

    public PoolConfig withJvmFlags(String flags) {
        return new PoolConfig(workers, maxChildren, flags, spawner, taskTimeoutMillis, launchMechanism);
    }

    public PoolConfig withSpawner(String s) {
        return new PoolConfig(workers, maxChildren, jvmFlags, s, taskTimeoutMillis, launchMechanism);
    }

    public PoolConfig withTaskTimeoutMillis(long millis) {
        return new PoolConfig(workers, maxChildren, jvmFlags, spawner, millis, launchMechanism);
    }

    public PoolConfig withLaunchMechanism(String mechanism) {
        return new PoolConfig(workers, maxChildren, jvmFlags, spawner, taskTimeoutMillis, mechanism);
    }

    /** Children alive at once for process-per-task strategies. */
    public int effectiveMaxChildren() {
        return maxChildren == 0 ? workers : maxChildren;
    }
}
