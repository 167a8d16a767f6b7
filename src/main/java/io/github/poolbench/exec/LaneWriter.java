package io.github.poolbench.exec;

import io.github.poolbench.exec.Chunk.Failure;
import io.github.poolbench.exec.ChunkLedger.Lane;
import io.github.poolbench.worker.Protocol;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The only code that writes a worker's stdin. Each lane has one writer at a time: the thread
 * that claimed the lane's {@code sending} flag in {@link ChunkLedger#dispatch}. That is either
 * the caller of {@code map}/{@code apply}, which writes itself when a whole window of its
 * requests fits {@link #INLINE_WRITE_BYTES} (half a pipe, so the write never blocks; no
 * hand-off on the measured path), or this lane's sender thread, woken by {@link #kick}, for
 * bigger requests and for refills after answers: a worker that is not reading then holds up
 * only its own sender, never the other workers' chunks. Reader threads never write, so a write
 * may block on a full pipe without any risk of deadlock.
 */
final class LaneWriter {
    /**
     * Largest piece written in one call: a pipe takes up to PIPE_BUF (4096 bytes on Linux)
     * atomically, all or nothing, so a failed write tells exactly which frames got through.
     */
    static final int PIPE_BUF = 4096;
    /** Most request bytes a window may hold for the submitting thread to write them itself (half a pipe). */
    static final int INLINE_WRITE_BYTES = 32 << 10;
    /** Most request bytes one writer encodes before it writes them. */
    private static final int BATCH_BYTES = 1 << 20;
    /** How long a worker whose stdin broke may take to exit before the pool blames it for not reading. */
    static final long STDIN_BROKEN_GRACE_MILLIS = 500;

    private final ChunkLedger ledger;
    private final Lane lane;
    private final WorkerProcess process;
    private final ProcessPool hooks;
    private final Thread sender;
    // The writer's own (only the thread that holds the lane's `sending` claim touches them):
    private final Protocol.Encoder encoder = new Protocol.Encoder();
    private final List<Chunk> batch = new ArrayList<>();
    private final List<Chunk> settled = new ArrayList<>();
    private volatile boolean kicked;
    private volatile boolean stopSender;

    /** Attaches itself to the lane; its sender thread starts with {@link #start}. */
    LaneWriter(ChunkLedger ledger, Lane lane, WorkerProcess process, ProcessPool hooks) {
        this.ledger = ledger;
        this.lane = lane;
        this.process = process;
        this.hooks = hooks;
        this.sender = new Thread(this::senderLoop, "poolbench-worker-" + process.pid + "-sender");
        sender.setDaemon(true);
        lane.writer = this;
    }

    void start(ThreadTracker tracker) {
        tracker.track(sender).start();
    }

    /**
     * The caller of {@code map}/{@code apply} just claimed these lanes: it writes them itself
     * only when a whole window of such requests fits half a pipe (such a write never blocks);
     * bigger ones go to each lane's sender thread, so one worker's full pipe never keeps the
     * others waiting for their chunks.
     */
    static void writeOrHandOff(List<Lane> claimed, int chunkInputs) {
        if (claimed == null) {
            return;
        }
        if ((long) Protocol.requestBytes(chunkInputs) * ChunkLedger.MAX_WINDOW > INLINE_WRITE_BYTES) {
            wakeAll(claimed);
            return;
        }
        for (Lane l : claimed) {
            l.writer.drain();
        }
    }

    /** Hands the claimed lanes (null: none) to their sender threads. */
    static void wakeAll(List<Lane> claimed) {
        if (claimed != null) {
            for (Lane l : claimed) {
                l.writer.kick();
            }
        }
    }

    /** Wakes the sender thread, which owns the writing from now on (the caller claimed it under the lock). */
    void kick() {
        kicked = true;
        LockSupport.unpark(sender);
    }

    void stop() {
        stopSender = true;
        LockSupport.unpark(sender);
    }

    private void senderLoop() {
        while (true) {
            while (!kicked) {
                if (stopSender) {
                    return;
                }
                LockSupport.park(this);
            }
            kicked = false;
            drain();
        }
    }

    /**
     * Writes the outbox until it is empty; only the thread that claimed {@code sending} calls
     * it. Each batch: taken under the lock (WRITING), encoded into the reused array, written
     * in pieces of at most {@link #PIPE_BUF} bytes with no lock held, then settled under the
     * lock: frames that reached the pipe whole are WRITTEN; the rest never reached the
     * worker and go back to the queue. A failed write marks the worker dead at once.
     */
    void drain() {
        try {
            drainOrThrow();
        } catch (Throwable t) {
            // Out of memory (or a bug) outside the encoding: the writing of this worker
            // cannot go on safely, so it is killed; its reader settles what it held, and
            // what never reached it goes to another worker.
            List<Lane> claimed;
            List<Failure> failures = new ArrayList<>(0);
            synchronized (ledger) {
                lane.blame("was killed by the pool because its writer failed: " + t);
                settled.clear();
                ledger.writerBroke(lane, batch, settled);
                for (Chunk c : settled) {
                    failures.add(new Failure(c, lostWithWorker(c)));
                }
                settled.clear();
                claimed = ledger.dispatch();
            }
            process.kill();
            wakeAll(claimed);
            Chunk.report(failures);
        }
    }

    private void drainOrThrow() {
        List<Failure> failures = new ArrayList<>(0);
        while (true) {
            long mark = process.stderrMark();
            synchronized (ledger) {
                if (!ledger.takeBatch(lane, mark, batch, BATCH_BYTES)) {
                    if (lane.isDead()) {
                        wakeAll(ledger.dispatch());
                    }
                    return;
                }
            }
            int sent = 0;
            IOException broken = null;
            Throwable error = null;
            try {
                encoder.reset();
                Runnable hook = hooks.encodeHook;
                if (hook != null) {
                    hook.run();
                }
                for (Chunk c : batch) {
                    c.wireEnd = encoder.putRequest(c.seq, c.job.task().wireId(), c.job.param(), c.inputs, c.from, c.to);
                }
                byte[] buf = encoder.buffer();
                int size = encoder.size();
                while (sent < size) {
                    int n = Math.min(PIPE_BUF, size - sent);
                    process.stdin.write(buf, sent, n);
                    process.stdin.flush();
                    sent += n;
                }
            } catch (IOException e) {
                broken = e;
            } catch (Throwable t) {
                if (sent > 0) {
                    throw t; // a frame may be cut short on the pipe: the worker must go (see drain)
                }
                error = t; // out of memory while encoding: nothing of it was written
            }
            // A broken pipe while the worker is being killed (SIGKILL closes its stdin before
            // it is reaped) is its death, not its refusal to read: give it a moment to end.
            boolean endedByItself = false;
            if (broken != null) {
                try {
                    endedByItself = process.waitFor(STDIN_BROKEN_GRACE_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            failures.clear();
            List<Lane> claimed = null;
            boolean stop;
            boolean killIt = false;
            synchronized (ledger) {
                ledger.afterWrite(lane, batch, sent, error != null, settled);
                for (Chunk c : settled) {
                    failures.add(new Failure(c, error != null ? error : lostWithWorker(c)));
                }
                settled.clear();
                if (broken != null && lane.markDead()) { // first, so nothing more is sent to it
                    killIt = !endedByItself && process.isAlive()
                            && lane.blame("stopped reading its stdin (a write failed: " + broken.getMessage()
                                    + ") and was killed by the pool");
                }
                // An encoding failure fails only its own batch: the rest of the outbox is still written.
                stop = lane.isDead();
                if (stop) {
                    ledger.endWriting(lane);
                    claimed = ledger.dispatch();
                }
            }
            if (killIt) {
                process.kill(); // its reader sees the end of its stdout and settles what it held
            }
            wakeAll(claimed);
            Chunk.report(failures);
            if (stop) {
                return;
            }
        }
    }

    /** Lock held: a chunk written to a worker whose reader has settled it already fails as lost with it. */
    private Throwable lostWithWorker(Chunk c) {
        return new WorkerDiedException(lane.deathNote + " before answering " + c.describe()
                + ", which had been sent to it (it may have run, so it is not sent again)",
                lane.pid, process.exitStatusOrMinusOne());
    }
}
