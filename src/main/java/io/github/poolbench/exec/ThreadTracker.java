package io.github.poolbench.exec;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads one strategy (or one echo server) started, so that {@code close()} can wait until
 * every one of them has ended: nothing is left alive after close. Dead threads are pruned as
 * new ones arrive, so a long benchmark or a server running for hours does not pile them up.
 */
public final class ThreadTracker {
    private static final int PRUNE_EVERY = 256;
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final AtomicInteger added = new AtomicInteger();

    /**
     * Tracks a thread; a platform thread not yet started is made a daemon, so a pool or server
     * someone forgot to close cannot keep a JVM (a JMH fork, a test run) from ending.
     */
    public Thread track(Thread thread) {
        if (thread.getState() == Thread.State.NEW && !thread.isDaemon()) {
            thread.setDaemon(true);
        }
        threads.add(thread);
        if (added.incrementAndGet() % PRUNE_EVERY == 0) {
            threads.removeIf(t -> !t.isAlive());
        }
        return thread;
    }

    /** Waits until every tracked thread has ended, at most 30 s in all (a stuck task is not waited on forever). */
    public boolean joinAll() {
        return joinAll(30, TimeUnit.SECONDS);
    }

    /** Waits until every tracked thread has ended, at most {@code timeout} in all; true if they all did. */
    public boolean joinAll(long timeout, TimeUnit unit) {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        boolean interrupted = false;
        try {
            for (Thread t : threads) {
                while (t.isAlive()) {
                    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    if (left <= 0) {
                        return false;
                    }
                    try {
                        t.join(left);
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            }
            threads.removeIf(t -> !t.isAlive());
            return true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Threads started and not yet ended. */
    public int alive() {
        int n = 0;
        for (Thread t : threads) {
            if (t.isAlive()) {
                n++;
            }
        }
        return n;
    }
}
