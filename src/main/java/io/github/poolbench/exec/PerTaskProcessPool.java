package io.github.poolbench.exec;

import io.github.poolbench.workload.Job;

import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the two process-per-task strategies share: every input gets a new child process, and
 * at most K of them are alive at once.
 *
 * <p>The document's loop starts all 1000 processes at once; 1000 concurrent JVMs would need
 * tens of GB of memory here, so children are bounded: K spawning threads each start one child,
 * wait for it to exit, and take the next input. The threads are the pool's plumbing, not the
 * thing measured: every task still pays for a whole new process.
 */
abstract class PerTaskProcessPool extends AbstractTaskPool {
    private final ThreadTracker tracker = new ThreadTracker();
    private final ThreadPoolExecutor spawners;
    private final Spawner spawner;
    private final long timeoutMillis;

    PerTaskProcessPool(String name, PoolConfig config, Spawner spawner) {
        super(name, config.effectiveMaxChildren());
        try {
            selectLaunchMechanism(config);
        } catch (RuntimeException e) {
            spawner.close();
            throw e;
        }
        this.spawner = spawner;
        this.timeoutMillis = config.taskTimeoutMillis();
        int k = config.effectiveMaxChildren();
        AtomicInteger ids = new AtomicInteger();
        spawners = new ThreadPoolExecutor(k, k, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "poolbench-spawn-" + ids.incrementAndGet());
            t.setDaemon(true);
            return tracker.track(t);
        });
        spawners.prestartAllCoreThreads();
    }

    /**
     * The JDK's launch mechanism is a setting of the whole JVM, taken when it starts its first
     * process: chosen (and checked) here, before this pool starts any. It means something only
     * for the {@code processbuilder} spawner; asking for one with another spawner is refused,
     * so no row claims a mechanism it did not use.
     */
    private static void selectLaunchMechanism(PoolConfig config) {
        String mechanism = LaunchMechanisms.normalise(config.launchMechanism());
        boolean processBuilder = Spawner.PROCESS_BUILDER.equals(config.spawner().trim());
        if (LaunchMechanisms.DEFAULT.equals(mechanism)) {
            if (processBuilder) {
                LaunchMechanisms.use(mechanism); // refuses a -D property that would make "default" a lie
            }
            return;
        }
        if (!processBuilder) {
            throw new IllegalArgumentException("launchMechanism=" + mechanism + " applies to spawner=" + Spawner.PROCESS_BUILDER
                    + " only, not to spawner=" + config.spawner());
        }
        LaunchMechanisms.use(mechanism);
    }

    @Override
    protected final boolean perTask() {
        return true;
    }

    /** The child's argv for one task, or an exception when this strategy cannot run the job. */
    protected abstract List<String> command(Job job, int input);

    /** The task's value from a child that ran to its end and was not timed out; throws if there is none. */
    protected abstract Object result(Job job, int input, List<String> argv, Spawner.Outcome outcome) throws Exception;

    /** Fails fast, before any process is started, for jobs the strategy cannot run. */
    protected void check(Job job) {
    }

    @Override
    protected void submitChunk(Job job, int[] inputs, int from, int to, ChunkSink sink) {
        check(job);
        int input = inputs[from];
        spawners.execute(() -> runOne(job, input, sink));
    }

    private void runOne(Job job, int input, ChunkSink sink) {
        Object value;
        try {
            List<String> argv = command(job, input);
            Spawner.Outcome outcome = spawner.run(argv, timeoutMillis);
            if (outcome.timedOut()) {
                sink.failed(new TimeoutException(job + " on input " + input + " ran longer than the " + timeoutMillis
                        + " ms limit; its child pid " + outcome.pid() + " was killed"));
                return;
            }
            value = result(job, input, argv, outcome);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sink.failed(e);
            return;
        } catch (Throwable t) {
            sink.failed(t);
            return;
        }
        sink.completed(new Object[] {value});
    }

    @Override
    protected void release() {
        spawners.shutdown();
        awaitQuietly(spawners);
        tracker.joinAll();
        spawner.close();
    }

    /** Spawning threads still alive (for tests). */
    int aliveThreads() {
        return tracker.alive();
    }
}
