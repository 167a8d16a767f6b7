package io.github.poolbench.echo;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads one echo server started (acceptor, workers, per-connection threads), so that
 * {@code close()} can wait until every one has ended. Dead threads are pruned as new ones
 * arrive, so a server that runs for hours with a thread per connection does not pile them up.
 */
final class ThreadSet {
    private static final int PRUNE_EVERY = 256;
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final AtomicInteger added = new AtomicInteger();

    /**
     * Tracks a thread; a platform thread not yet started is made a daemon, so a server someone
     * forgot to close cannot keep a JVM (a JMH fork, a test run) from ending.
     */
    Thread track(Thread thread) {
        if (thread.getState() == Thread.State.NEW) {
            thread.setDaemon(true);
        }
        threads.add(thread);
        if (added.incrementAndGet() % PRUNE_EVERY == 0) {
            threads.removeIf(t -> !t.isAlive());
        }
        return thread;
    }

    /** Waits until every tracked thread has ended, at most {@code timeout} in all; true if they all did. */
    boolean joinAll(long timeout, TimeUnit unit) {
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

    int alive() {
        int n = 0;
        for (Thread t : threads) {
            if (t.isAlive()) {
                n++;
            }
        }
        return n;
    }
}
