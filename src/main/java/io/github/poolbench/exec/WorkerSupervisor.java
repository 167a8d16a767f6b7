package io.github.poolbench.exec;

import io.github.poolbench.exec.Chunk.Failure;
import io.github.poolbench.exec.ChunkLedger.Lane;
import io.github.poolbench.worker.WorkerMain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The life of a {@link ProcessPool}'s workers: starting them (each a {@link WorkerProcess}
 * with its {@link Lane}, {@link LaneWriter} and {@link AnswerReader}), settling what a dead
 * one held and replacing it with retries (on the dead worker's reader thread), the watchdog of
 * the per-task time limit, and close. The pool's own life is a {@link State}.
 */
final class WorkerSupervisor {

    /**
     * The pool's life: RUNNING, then SHORT_OF_WORKERS once a replacement could not be started
     * ({@link ProcessPool#START_ATTEMPTS} tries: every later map and apply is refused), and
     * RELEASING once close began (or the start failed): nothing is replaced any more.
     */
    enum State { RUNNING, SHORT_OF_WORKERS, RELEASING }

    private final ChunkLedger ledger; // also the pool's one lock
    private final ProcessPool hooks;
    private final ChildJvm jvm;
    private final String workerMain;
    private final long timeoutNanos;
    private final ThreadTracker tracker = new ThreadTracker();
    private State state = State.RUNNING; // guarded by ledger
    private final Set<Lane> startingWorkers = new HashSet<>(); // replacements not yet ready; guarded by ledger
    private int pendingStarts; // replacements under way; guarded by ledger
    private String shortOfWorkers; // why the pool cannot be made whole (the latest reason); guarded by ledger
    private WorkerStartException lastStartFailure; // guarded by ledger
    private final ScheduledExecutorService watchdog;

    /** Starts every worker and waits for them all; if one cannot start, none is left and this throws. */
    WorkerSupervisor(PoolConfig config, ChunkLedger ledger, ChildJvm jvm, String workerMain, ProcessPool hooks) {
        this.ledger = ledger;
        this.hooks = hooks;
        this.jvm = jvm;
        this.workerMain = workerMain;
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(config.taskTimeoutMillis()); // saturates
        List<Lane> started = new ArrayList<>();
        try {
            // Start them all, then wait for them all: N JVMs start in parallel.
            for (int i = 0; i < ledger.slots(); i++) {
                started.add(startWorker(i));
            }
            for (Lane l : started) {
                l.process.awaitReady();
            }
        } catch (RuntimeException | Error e) {
            synchronized (ledger) {
                moveTo(State.RELEASING); // so the readers of the workers killed here do not replace them
            }
            for (Lane l : started) {
                l.process.kill();
            }
            for (Lane l : started) {
                l.process.reap();
                l.writer.stop();
            }
            tracker.joinAll();
            throw e;
        }
        synchronized (ledger) {
            for (Lane l : started) {
                // A worker that already died was settled by its reader, which put a replacement here.
                if (!l.isDead() && ledger.lane(l.slot) == null) {
                    ledger.install(l);
                }
            }
        }
        if (timeoutNanos > 0) {
            long period = Math.max(5, Math.min(100, config.taskTimeoutMillis() / 4));
            watchdog = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "poolbench-process-watchdog");
                t.setDaemon(true);
                return tracker.track(t);
            });
            watchdog.scheduleWithFixedDelay(this::killOverdue, period, period, TimeUnit.MILLISECONDS);
        } else {
            watchdog = null;
        }
    }

    /** Lock held: the one place the pool's state changes. */
    private void moveTo(State next) {
        boolean legal = switch (state) {
            case RUNNING -> next != State.RUNNING;
            case SHORT_OF_WORKERS -> next != State.RUNNING;
            case RELEASING -> false;
        };
        if (!legal) {
            throw new IllegalStateException("FIXED_PROCESS_POOL cannot go from " + state + " to " + next);
        }
        state = next;
    }

    /** Starts a worker process, its lane, writer and reader; it is ready once {@code lane.process.awaitReady()} returns. */
    private Lane startWorker(int slot) {
        // With a time limit every answer leaves at once: one held for the next chunk would
        // make the watchdog time (and blame) the chunk that already ended.
        List<String> argv = timeoutNanos > 0 ? jvm.command(workerMain, "serve", WorkerMain.ANSWER_AT_ONCE)
                : jvm.command(workerMain, "serve");
        WorkerProcess process = new WorkerProcess(argv, tracker);
        Lane lane = new Lane(slot, process.pid);
        lane.process = process;
        LaneWriter writer = new LaneWriter(ledger, lane, process, hooks);
        new AnswerReader(ledger, lane, process, writer, this, hooks).start(tracker);
        writer.start(tracker);
        return lane;
    }

    /** Lock held: refuses work when the pool has no worker left or cannot be made whole. */
    void checkUsable() {
        if (shortOfWorkers != null) {
            throw new WorkerStartException("FIXED_PROCESS_POOL is short of workers (" + ledger.live() + " of "
                    + ledger.slots() + " alive): " + shortOfWorkers, lastStartFailure);
        }
        if (ledger.live() == 0 && pendingStarts == 0) {
            throw new WorkerStartException("FIXED_PROCESS_POOL has no live worker left: "
                    + (lastStartFailure == null ? "all died" : lastStartFailure.getMessage()), lastStartFailure);
        }
    }

    // ---------------------------------------------------------------- death and replacement

    /** Reader thread: the worker's stream ended or broke: settle what it held, then put a fresh worker in its place. */
    void died(Lane lane, Throwable cause) {
        WorkerProcess process = lane.process;
        List<Failure> failures = new ArrayList<>();
        boolean replace = false;
        try {
            process.kill();
            process.reap();
            int status = process.exitStatusOrMinusOne();
            List<Chunk> lost = new ArrayList<>();
            List<Lane> claimed;
            synchronized (ledger) {
                lane.deathNote = lane.killedBecause != null ? "worker pid " + lane.pid + " " + lane.killedBecause
                        : "worker pid " + lane.pid + " died with "
                        + (status < 0 ? "an unknown exit status" : ExitStatus.describe(status))
                        + (cause == null ? "" : " (" + cause.getMessage() + ")");
                // Never written: back to the front of the queue, in order, for another worker.
                // Written: the worker may have run them. Fail them; a writer still WRITING settles its own.
                ledger.settleDeadLane(lane, lost);
                for (int i = 0; i < lost.size(); i++) {
                    failures.add(new Failure(lost.get(i), failureOf(lane, lost.get(i), i == 0, status)));
                }
                ledger.vacate(lane);
                replace = state != State.RELEASING;
                if (replace) {
                    pendingStarts++;
                }
                claimed = ledger.dispatch();
            }
            lane.writer.stop();
            LaneWriter.wakeAll(claimed);
        } finally {
            Chunk.report(failures);
        }
        if (replace) {
            replace(lane.slot, lane.pid);
        } else {
            failQueueIfNoWorker(null);
        }
    }

    /** Lock held. */
    private Throwable failureOf(Lane lane, Chunk c, boolean head, int status) {
        String err = lane.process.stderrSince(c.stderrMark);
        String tail = err.isEmpty() ? "" : "; its stderr since then: " + err;
        if (c == lane.timedOut) {
            return new TimeoutException(c.describe() + " ran longer than the "
                    + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms per-task limit"
                    + (c.size() > 1 ? " (x " + c.size() + " tasks)" : "")
                    + "; worker pid " + lane.pid + " was killed" + (state == State.RELEASING ? "" : " and replaced"));
        }
        String what = head && lane.timedOut == null ? " while running " + c.describe()
                : " before answering " + c.describe() + ", which had been sent to it (it may have run, so it is not sent again)";
        return new WorkerDiedException(lane.deathNote + what + tail, lane.pid, status);
    }

    /** Starts a worker for this slot, retrying; if it cannot, the pool says it is short of workers. */
    private void replace(int slot, long deadPid) {
        WorkerStartException failure = null;
        for (int attempt = 1; attempt <= ProcessPool.START_ATTEMPTS; attempt++) {
            Lane fresh;
            try {
                fresh = startWorker(slot);
            } catch (WorkerStartException e) {
                failure = e;
                if (!pauseBeforeRetry(attempt)) {
                    break;
                }
                continue;
            }
            boolean releasingNow;
            synchronized (ledger) {
                releasingNow = state == State.RELEASING;
                if (!releasingNow) {
                    startingWorkers.add(fresh);
                }
            }
            if (releasingNow) {
                discard(fresh);
                break;
            }
            try {
                fresh.process.awaitReady();
            } catch (WorkerStartException e) {
                failure = e;
                synchronized (ledger) {
                    startingWorkers.remove(fresh);
                }
                discard(fresh);
                if (!pauseBeforeRetry(attempt)) {
                    break;
                }
                continue;
            }
            List<Lane> claimed = null;
            boolean discard = false;
            synchronized (ledger) {
                startingWorkers.remove(fresh);
                if (state == State.RELEASING) {
                    discard = true;
                } else if (!fresh.isDead()) {
                    ledger.install(fresh);
                    claimed = ledger.dispatch();
                }
                // A fresh worker that died already was settled by its reader, which replaces it in turn.
                pendingStarts--;
            }
            if (discard) {
                discard(fresh);
                failQueueIfNoWorker(null);
                return;
            }
            LaneWriter.wakeAll(claimed);
            return;
        }
        boolean wasReleasing;
        synchronized (ledger) {
            pendingStarts--;
            wasReleasing = state == State.RELEASING;
            if (!wasReleasing && failure != null) {
                lastStartFailure = failure;
                shortOfWorkers = "could not start a replacement for worker pid " + deadPid + " in "
                        + ProcessPool.START_ATTEMPTS + " attempts: " + failure.getMessage();
                moveTo(State.SHORT_OF_WORKERS);
            }
        }
        if (!wasReleasing && failure != null) {
            System.err.println("poolbench: FIXED_PROCESS_POOL could not replace worker pid " + deadPid + ": "
                    + failure.getMessage());
        }
        failQueueIfNoWorker(failure);
    }

    /** Waits a little longer after each failed start; false when the pool is being released. */
    private boolean pauseBeforeRetry(int attempt) {
        synchronized (ledger) {
            if (state == State.RELEASING) {
                return false;
            }
        }
        if (attempt == ProcessPool.START_ATTEMPTS) {
            return false;
        }
        try {
            Thread.sleep(50L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return true;
    }

    private static void discard(Lane l) {
        l.process.closeStdin();
        l.process.kill();
        l.process.reap();
        l.writer.stop();
    }

    /** With no live worker and none starting, queued chunks would wait forever: fail them. */
    private void failQueueIfNoWorker(WorkerStartException failure) {
        List<Chunk> orphans = new ArrayList<>();
        synchronized (ledger) {
            if (ledger.live() == 0 && pendingStarts == 0) {
                ledger.settleQueue(orphans);
            }
        }
        for (Chunk c : orphans) {
            c.sink.failed(new WorkerStartException("FIXED_PROCESS_POOL has no live worker left for "
                    + c.describe() + (failure == null ? "" : ": " + failure.getMessage()), failure));
        }
    }

    // ---------------------------------------------------------------- watchdog

    /** Watchdog thread: kills each worker whose current chunk is over its time limit. */
    private void killOverdue() {
        List<Lane> overdue = new ArrayList<>();
        long now = System.nanoTime();
        synchronized (ledger) {
            for (int i = 0; i < ledger.slots(); i++) {
                Lane l = ledger.lane(i);
                if (l == null || l.isDead() || l.killedBecause != null) {
                    continue;
                }
                Chunk head = ChunkLedger.overdue(l, now, timeoutNanos);
                if (head != null) {
                    l.timedOut = head;
                    l.blame("was killed by the pool because " + head.describe() + " ran longer than the "
                            + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms per-task limit"
                            + (head.size() > 1 ? " (x " + head.size() + " tasks)" : ""));
                    overdue.add(l);
                }
            }
        }
        for (Lane l : overdue) {
            l.process.kill(); // its reader sees the end of the stream and settles the rest
        }
    }

    // ---------------------------------------------------------------- close

    /**
     * Closes every worker's stdin, gives them {@link ProcessPool#GRACE_MILLIS} to exit, then
     * kills what is left (replacements still starting included) and waits for every thread.
     */
    void close() {
        List<Lane> workers = new ArrayList<>();
        List<Lane> starting;
        synchronized (ledger) {
            moveTo(State.RELEASING);
            for (int i = 0; i < ledger.slots(); i++) {
                Lane l = ledger.lane(i);
                if (l != null) {
                    workers.add(l);
                }
            }
            starting = new ArrayList<>(startingWorkers);
        }
        if (watchdog != null) {
            watchdog.shutdownNow();
            AbstractTaskPool.awaitQuietly(watchdog);
        }
        for (Lane l : starting) {
            l.process.kill(); // its replacing thread sees the start fail, and RELEASING
        }
        for (Lane l : workers) {
            l.process.closeStdin(); // a worker exits when its input ends
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ProcessPool.GRACE_MILLIS);
        for (Lane l : workers) {
            try {
                if (!l.process.waitForNanos(Math.max(0, deadline - System.nanoTime()))) {
                    l.process.kill();
                }
            } catch (InterruptedException e) {
                l.process.kill();
                Thread.currentThread().interrupt();
            }
        }
        for (Lane l : workers) {
            l.process.reap();
            l.writer.stop();
        }
        // Readers end on their worker's end of stream; replacing threads notice RELEASING.
        for (int i = 0; i < 3 && tracker.alive() > 0; i++) {
            tracker.joinAll();
        }
    }

    // ---------------------------------------------------------------- for tests

    /** Pids of the live workers, in slot order. */
    List<Long> workerPids() {
        List<Long> pids = new ArrayList<>();
        synchronized (ledger) {
            for (int i = 0; i < ledger.slots(); i++) {
                Lane l = ledger.lane(i);
                if (l != null && !l.isDead()) {
                    pids.add(l.pid);
                }
            }
        }
        return pids;
    }

    /** Pids of replacement workers started and not yet ready. */
    List<Long> startingPids() {
        List<Long> pids = new ArrayList<>();
        synchronized (ledger) {
            for (Lane l : startingWorkers) {
                pids.add(l.pid);
            }
        }
        return pids;
    }

    /** Chunks the worker with this pid holds (written or about to be); 0 when there is no such worker. */
    int chunksHeldBy(long pid) {
        synchronized (ledger) {
            for (int i = 0; i < ledger.slots(); i++) {
                Lane l = ledger.lane(i);
                if (l != null && l.pid == pid) {
                    return l.held();
                }
            }
            return 0;
        }
    }

    int aliveThreads() {
        return tracker.alive();
    }
}
