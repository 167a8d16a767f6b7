package io.github.poolbench.exec;

import io.github.poolbench.exec.Chunk.State;
import io.github.poolbench.worker.Protocol;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Where every chunk of a {@link ProcessPool} is: the pool's queue, and one {@link Lane} per
 * worker slot (its outbox, the chunks in flight at it, its window). It starts no process and
 * writes nothing: its methods are the at-most-once rules, each a few lines, and
 * {@code ChunkLedgerTest} checks them without a child process.
 *
 * <h2>The rules</h2>
 * <ul>
 *   <li>A queued chunk goes to the live lane holding the fewest chunks, if that is below the
 *       lane's window ({@link #dispatch}); a lane whose writer is idle is claimed for the
 *       caller, who must then write it or wake its writer.</li>
 *   <li>A writer takes its outbox in batches ({@link #takeBatch}: WRITING); after the write a
 *       frame that reached the pipe whole is WRITTEN, a frame cut short goes back to the front
 *       of the queue, in order ({@link #afterWrite}).</li>
 *   <li>An answer must be for the oldest chunk in flight, with one value per task (or an error
 *       as the last): it settles that chunk ({@link #answered}).</li>
 *   <li>When a worker is gone ({@link #settleDeadLane}), what never left its outbox goes back
 *       to the front of the queue; what was WRITTEN to it is settled as lost (the caller
 *       fails it): it may have run, so it is never sent again. A chunk still WRITING is settled
 *       by its writer ({@link #afterWrite}, {@link #writerBroke}).</li>
 *   <li>A chunk is settled once ({@link Chunk#moveTo} refuses a second time).</li>
 * </ul>
 *
 * <h2>Locking</h2>
 * The ledger itself is the pool's one lock: every method here expects the caller to hold
 * {@code synchronized (ledger)}, so one caller can do several steps atomically (a unit test
 * runs on one thread and need not). Nothing here blocks or calls out.
 */
final class ChunkLedger {
    /** Chunks in flight per worker while its tasks are slow (or not yet timed): balance first. */
    static final int MIN_WINDOW = 2;
    /** Chunks in flight per worker while its tasks are fast: hide the round trip, batch the writes. */
    static final int MAX_WINDOW = 16;
    /** A chunk whose tasks took less than this each counts as fast. */
    static final long FAST_TASK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final ArrayDeque<Chunk> queue = new ArrayDeque<>();
    private final Lane[] lanes; // null while a slot's replacement starts

    ChunkLedger(int slots) {
        this.lanes = new Lane[slots];
    }

    /**
     * One worker's share of the ledger, from its start to its death (a replacement gets a
     * new lane). The ledger never calls {@link #writer} or {@link #process}: they only let the
     * pool wake the lanes {@link #dispatch} claimed, and kill the one the watchdog blames.
     */
    static final class Lane {
        /** Live: takes chunks. Dead: takes none (its writer or the watchdog gave up on it). Settled: its reader settled what it held. */
        enum State { LIVE, DEAD, SETTLED }

        final int slot;
        final long pid; // the worker's, for messages and tests
        final ArrayDeque<Chunk> outbox = new ArrayDeque<>(); // dispatched, not yet taken by a writer
        final ArrayDeque<Chunk> inFlight = new ArrayDeque<>(); // WRITING or WRITTEN, in order
        private State state = State.LIVE;
        boolean sending; // a thread owns the writing of this lane (the one that claimed it)
        String killedBecause; // what it did that made the pool kill it ("broke the protocol (...) and ..."), see blame
        String deathNote; // what happened to it, once settled
        Chunk timedOut; // the chunk the watchdog killed it for
        long headSince; // when the chunk now at the head of the lane started running (or was dispatched)
        int nextSeq;
        int window = MIN_WINDOW;
        LaneWriter writer; // set once, before the lane is shared
        WorkerProcess process; // set once, before the lane is shared

        Lane(int slot, long pid) {
            this.slot = slot;
            this.pid = pid;
        }

        State state() {
            return state;
        }

        /** No more dispatch to it. */
        boolean isDead() {
            return state != State.LIVE;
        }

        /** Its reader settled what it held: a writer settles what it still has itself. */
        boolean isSettled() {
            return state == State.SETTLED;
        }

        /** Live to dead; true when this call made it dead. */
        boolean markDead() {
            if (state != State.LIVE) {
                return false;
            }
            state = State.DEAD;
            return true;
        }

        /** Records why the pool kills it, unless a reason was given first or it is settled already; true when recorded. */
        boolean blame(String why) {
            if (killedBecause != null || state == State.SETTLED) {
                return false;
            }
            killedBecause = why;
            return true;
        }

        /** Chunks it holds: dispatched to it, in flight or about to be. */
        int held() {
            return outbox.size() + inFlight.size();
        }
    }

    // ---------------------------------------------------------------- slots

    int slots() {
        return lanes.length;
    }

    /** The lane in a slot, null while its replacement starts. */
    Lane lane(int slot) {
        return lanes[slot];
    }

    /** A worker is ready: its lane takes the slot. */
    void install(Lane lane) {
        lanes[lane.slot] = lane;
    }

    /** Frees the lane's slot (if it still has it) for a replacement. */
    void vacate(Lane lane) {
        if (lanes[lane.slot] == lane) {
            lanes[lane.slot] = null;
        }
    }

    /** Lanes installed and not dead. */
    int live() {
        int n = 0;
        for (Lane l : lanes) {
            if (l != null && !l.isDead()) {
                n++;
            }
        }
        return n;
    }

    int queued() {
        return queue.size();
    }

    // ---------------------------------------------------------------- queue and dispatch

    void add(Chunk c) {
        queue.add(c);
    }

    void addAll(Chunk[] chunks) {
        Collections.addAll(queue, chunks);
    }

    /**
     * Moves queued chunks to the outboxes of live lanes with room; returns the lanes whose
     * writer the caller has just become (null when none): it must write them, or wake their
     * writer thread.
     */
    List<Lane> dispatch() {
        List<Lane> claimed = null;
        while (!queue.isEmpty()) {
            Lane l = idlest();
            if (l == null) {
                break;
            }
            Chunk c = queue.poll();
            c.seq = l.nextSeq++;
            if (l.outbox.isEmpty() && l.inFlight.isEmpty()) {
                l.headSince = System.nanoTime();
            }
            l.outbox.add(c);
            if (!l.sending) {
                l.sending = true;
                if (claimed == null) {
                    claimed = new ArrayList<>(2);
                }
                claimed.add(l);
            }
        }
        return claimed;
    }

    private Lane idlest() {
        Lane best = null;
        int bestLoad = Integer.MAX_VALUE;
        for (Lane l : lanes) {
            if (l != null && !l.isDead()) {
                int load = l.held();
                if (load < l.window && load < bestLoad) {
                    best = l;
                    bestLoad = load;
                }
            }
        }
        return best;
    }

    /** Puts what never left a lane's outbox back at the front of the queue, in order (still QUEUED). */
    void returnOutbox(Lane lane) {
        for (Iterator<Chunk> it = lane.outbox.descendingIterator(); it.hasNext(); ) {
            queue.addFirst(it.next());
        }
        lane.outbox.clear();
    }

    /** With no worker left to run them: every queued chunk is SETTLED into {@code out} (the caller fails them). */
    void settleQueue(List<Chunk> out) {
        for (Chunk c; (c = queue.poll()) != null; ) {
            c.moveTo(State.SETTLED);
            out.add(c);
        }
    }

    // ---------------------------------------------------------------- the lane's writer

    /**
     * Takes the next batch of the outbox for writing (WRITING, in flight), at least one chunk
     * and up to about {@code maxBytes} of requests. Returns false, and gives up the lane's
     * writing claim, when there is nothing to write: the outbox is empty, or the lane is dead
     * (then its outbox went back to the queue, and the caller must dispatch it).
     */
    boolean takeBatch(Lane lane, long stderrMark, List<Chunk> batch, long maxBytes) {
        if (lane.isDead() || lane.outbox.isEmpty()) {
            endWriting(lane);
            return false;
        }
        long bytes = 0;
        while (!lane.outbox.isEmpty() && (batch.isEmpty() || bytes < maxBytes)) {
            Chunk c = lane.outbox.poll();
            c.moveTo(State.WRITING);
            c.stderrMark = stderrMark;
            lane.inFlight.add(c);
            batch.add(c);
            bytes += Protocol.requestBytes(c.size());
        }
        return true;
    }

    /**
     * After writing a batch: {@code sent} bytes of it reached the pipe (each chunk's frame ends
     * at its {@link Chunk#wireEnd}). A chunk answered meanwhile is left alone. When
     * {@code encodeFailed}, nothing was written: every chunk still WRITING is SETTLED into
     * {@code settled} (it fails with the encoding's error). Otherwise a whole frame is WRITTEN
     * (and SETTLED into {@code settled} at once if the worker's reader has settled the lane
     * already: it fails as lost with the worker), and a frame cut short goes back to the front
     * of the queue. Clears {@code batch}.
     */
    void afterWrite(Lane lane, List<Chunk> batch, int sent, boolean encodeFailed, List<Chunk> settled) {
        List<Chunk> unsent = new ArrayList<>(0);
        for (Chunk c : batch) {
            if (c.state() != State.WRITING) {
                continue; // answered already
            }
            if (!encodeFailed && c.wireEnd <= sent) {
                c.moveTo(State.WRITTEN);
                if (lane.isSettled()) { // its reader settled the worker while we wrote
                    lane.inFlight.remove(c);
                    c.moveTo(State.SETTLED);
                    settled.add(c);
                }
            } else {
                lane.inFlight.remove(c);
                if (encodeFailed) {
                    c.moveTo(State.SETTLED);
                    settled.add(c);
                } else {
                    unsent.add(c);
                }
            }
        }
        batch.clear();
        requeueFront(unsent);
    }

    /**
     * The writer failed in a way that may have cut a frame short: the lane is dead, its claim
     * given up, every chunk of the batch still WRITING counts as WRITTEN (it may have reached
     * the worker; it fails with it, and is SETTLED into {@code lost} at once if the lane is
     * settled already), and the outbox goes back to the queue. Clears {@code batch}.
     */
    void writerBroke(Lane lane, List<Chunk> batch, List<Chunk> lost) {
        lane.sending = false;
        lane.markDead();
        for (Chunk c : batch) {
            if (c.state() != State.WRITING) {
                continue;
            }
            c.moveTo(State.WRITTEN);
            if (lane.isSettled()) {
                lane.inFlight.remove(c);
                c.moveTo(State.SETTLED);
                lost.add(c);
            }
        }
        batch.clear();
        returnOutbox(lane);
    }

    /** Gives up the lane's writing claim; a dead lane's outbox goes back to the queue (dispatch it next). */
    void endWriting(Lane lane) {
        lane.sending = false;
        if (lane.isDead()) {
            returnOutbox(lane);
        }
    }

    /** Chunks a failed write never delivered: back to the front of the queue, in order. */
    private void requeueFront(List<Chunk> chunks) {
        for (int i = chunks.size() - 1; i >= 0; i--) {
            Chunk c = chunks.get(i);
            c.moveTo(State.QUEUED);
            queue.addFirst(c);
        }
    }

    // ---------------------------------------------------------------- the lane's reader

    /**
     * An answer of {@code values} values (the last an error when {@code failed}) for request
     * {@code seq} arrived at {@code now}: it must be for the oldest chunk in flight, with one
     * value per task (fewer when failed). Settles that chunk and returns it; adapts the window
     * to how fast its tasks ran. Throws (changing nothing) when the answer does not match.
     */
    Chunk answered(Lane lane, int seq, int values, boolean failed, long now) throws Protocol.ProtocolException {
        Chunk c = lane.inFlight.peek();
        if (c == null || c.seq != seq) {
            throw new Protocol.ProtocolException("answer " + seq + " does not match request "
                    + (c == null ? "(none in flight)" : c.seq));
        }
        if (failed ? values >= c.size() : values != c.size()) {
            throw new Protocol.ProtocolException("answer " + seq + " has " + values
                    + " values for " + c.size() + " tasks");
        }
        lane.inFlight.poll();
        c.moveTo(State.SETTLED);
        lane.window = (now - lane.headSince) / c.size() < FAST_TASK_NANOS ? MAX_WINDOW : MIN_WINDOW;
        lane.headSince = now;
        return c;
    }

    /**
     * After an answer: refills the lane once half its window is free (one wake-up of its writer
     * and one write per several answers, while the other half keeps the worker busy). Returns
     * the claimed lanes as {@link #dispatch} does, or null.
     */
    List<Lane> refill(Lane lane) {
        return lane.held() <= lane.window / 2 ? dispatch() : null;
    }

    // ---------------------------------------------------------------- death and time

    /**
     * The worker of this lane is gone (its reader saw its stdout end): the lane is settled, its
     * outbox goes back to the front of the queue, and every WRITTEN chunk in flight is SETTLED
     * into {@code lost}, oldest first (the caller fails them: they may have run). A chunk still
     * WRITING stays with its writer, which settles it.
     */
    void settleDeadLane(Lane lane, List<Chunk> lost) {
        lane.state = Lane.State.SETTLED;
        returnOutbox(lane);
        for (Iterator<Chunk> it = lane.inFlight.iterator(); it.hasNext(); ) {
            Chunk c = it.next();
            if (c.state() != State.WRITTEN) {
                continue;
            }
            it.remove();
            c.moveTo(State.SETTLED);
            lost.add(c);
        }
    }

    /**
     * The chunk at the head of a live lane when it has run longer than {@code perTaskNanos}
     * times its size (saturating), else null.
     */
    static Chunk overdue(Lane lane, long now, long perTaskNanos) {
        Chunk head = lane.inFlight.peek();
        return head != null && now - lane.headSince > limitNanos(head, perTaskNanos) ? head : null;
    }

    /** The time limit of a whole chunk: the per-task limit times its size, saturating at Long.MAX_VALUE. */
    static long limitNanos(Chunk c, long perTaskNanos) {
        long n = c.size();
        return perTaskNanos > Long.MAX_VALUE / n ? Long.MAX_VALUE : perTaskNanos * n;
    }
}
