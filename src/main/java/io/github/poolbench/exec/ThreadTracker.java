package io.github.poolbench.exec;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Remembers the threads a strategy started so {@code close()} can wait until every one of
 * them has ended: nothing of the strategy is left alive after close. Dead threads are pruned
 * as new ones arrive, so a long benchmark does not pile them up.
 */
final class ThreadTracker {
    private static final int PRUNE_EVERY = 512;
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final AtomicInteger added = new AtomicInteger();

    Thread track(Thread thread) {
        threads.add(thread);
        if (added.incrementAndGet() % PRUNE_EVERY == 0) {
            threads.removeIf(t -> !t.isAlive());
        }
        return thread;
    }

    /** Joins every tracked thread (each for at most 30 s; a stuck task is not waited on forever). */
    void joinAll() {
        boolean interrupted = false;
        for (Thread t : threads) {
            while (true) {
                try {
                    t.join(30_000);
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        threads.removeIf(t -> !t.isAlive());
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Threads started and not yet ended (for tests). */
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
