package io.github.poolbench.exec;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One daemon thread that kills children which run past their time limit, created only when a
 * limit is first used, and ended by {@link #close()} so nothing of the pool is left running.
 */
final class KillTimer implements AutoCloseable {
    private ScheduledThreadPoolExecutor executor; // guarded by this
    private boolean closed; // guarded by this

    synchronized ScheduledFuture<?> schedule(Runnable kill, long delayMillis) {
        if (closed) {
            throw new IllegalStateException("the pool's timer is closed");
        }
        if (executor == null) {
            executor = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "poolbench-kill-timer");
                t.setDaemon(true);
                return t;
            });
            executor.setRemoveOnCancelPolicy(true);
        }
        return executor.schedule(kill, delayMillis, TimeUnit.MILLISECONDS);
    }

    /** SIGKILL to a child's descendants (those still in its tree: a grandchild may hold its pipes), then to it. */
    static void killTree(long pid) {
        ProcessHandle.of(pid).ifPresent(h -> {
            h.descendants().forEach(ProcessHandle::destroyForcibly);
            h.destroyForcibly();
        });
    }

    @Override
    public void close() {
        ScheduledThreadPoolExecutor e;
        synchronized (this) {
            closed = true;
            e = executor;
        }
        if (e != null) {
            e.shutdownNow();
            try {
                e.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
