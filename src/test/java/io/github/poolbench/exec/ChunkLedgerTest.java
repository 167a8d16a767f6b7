package io.github.poolbench.exec;

import io.github.poolbench.exec.Chunk.State;
import io.github.poolbench.exec.ChunkLedger.Lane;
import io.github.poolbench.worker.Protocol;
import io.github.poolbench.workload.Task;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The at-most-once rules of the worker-process pool, on the ledger alone: no JVM, no child
 * process, no thread. A lane stands for a worker; "writing" and "answering" are the ledger
 * calls its writer and reader make.
 */
class ChunkLedgerTest {
    private static final AbstractTaskPool.ChunkSink NO_SINK = new AbstractTaskPool.ChunkSink() {
        @Override
        public void completed(Object[] results) {
        }

        @Override
        public void failed(Throwable error) {
        }
    };
    private static final int FRAME = 100; // pretend every request frame is 100 bytes

    private static Chunk chunk(int input) {
        return new Chunk(Task.INCREMENT.with(0), new int[] {input}, 0, 1, NO_SINK);
    }

    private static Chunk chunkOf(int n) {
        return new Chunk(Task.INCREMENT.with(0), new int[n], 0, n, NO_SINK);
    }

    private static ChunkLedger ledgerWith(int lanes) {
        ChunkLedger ledger = new ChunkLedger(lanes);
        for (int i = 0; i < lanes; i++) {
            ledger.install(new Lane(i, 100 + i));
        }
        return ledger;
    }

    /** Takes a lane's whole outbox as its writer would and gives each frame its end offset. */
    private static List<Chunk> take(ChunkLedger ledger, Lane lane) {
        List<Chunk> batch = new ArrayList<>();
        assertTrue(ledger.takeBatch(lane, 0, batch, Long.MAX_VALUE));
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).wireEnd = FRAME * (i + 1);
        }
        return batch;
    }

    /** Writes every frame of a batch whole. */
    private static void writeAll(ChunkLedger ledger, Lane lane, List<Chunk> batch) {
        List<Chunk> settled = new ArrayList<>();
        ledger.afterWrite(lane, batch, FRAME * batch.size(), false, settled);
        assertEquals(List.of(), settled);
    }

    private static void answer(ChunkLedger ledger, Lane lane, Chunk c) throws Protocol.ProtocolException {
        assertSame(c, ledger.answered(lane, c.seq, c.size(), false, System.nanoTime()));
    }

    private static List<Chunk> queue(ChunkLedger ledger) {
        List<Chunk> out = new ArrayList<>();
        ledger.settleQueue(out);
        return out;
    }

    // ---------------------------------------------------------------- chunk states

    @Test
    void aChunkGoesFromQueuedThroughWritingAndWrittenToSettled() {
        Chunk c = chunk(1);
        assertEquals(State.QUEUED, c.state());
        c.moveTo(State.WRITING);
        c.moveTo(State.WRITTEN);
        c.moveTo(State.SETTLED);
        assertEquals(State.SETTLED, c.state());
    }

    @Test
    void aChunkCutShortByAFailedWriteMayBeQueuedAgain() {
        Chunk c = chunk(1);
        c.moveTo(State.WRITING);
        c.moveTo(State.QUEUED);
        assertEquals(State.QUEUED, c.state());
    }

    @Test
    void aWrittenChunkIsNeverQueuedAgain() {
        Chunk c = chunk(7);
        c.moveTo(State.WRITING);
        c.moveTo(State.WRITTEN);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> c.moveTo(State.QUEUED));
        assertEquals("chunk INCREMENT(param=0) on input 7 cannot go from WRITTEN to QUEUED", e.getMessage());
        assertThrows(IllegalStateException.class, () -> c.moveTo(State.WRITING));
        assertEquals(State.WRITTEN, c.state());
    }

    @Test
    void aChunkIsSettledOnce() {
        Chunk c = chunk(1);
        c.moveTo(State.SETTLED);
        for (State next : State.values()) {
            assertThrows(IllegalStateException.class, () -> c.moveTo(next), "SETTLED to " + next);
        }
    }

    @Test
    void aQueuedChunkCannotSkipItsWrite() {
        Chunk c = chunk(1);
        assertThrows(IllegalStateException.class, () -> c.moveTo(State.WRITTEN));
        assertThrows(IllegalStateException.class, () -> c.moveTo(State.QUEUED));
        assertEquals(State.QUEUED, c.state());
    }

    // ---------------------------------------------------------------- dispatch and windows

    @Test
    void dispatchFillsTheIdlestLanesUpToTheirWindowAndClaimsEachOnce() {
        ChunkLedger ledger = ledgerWith(2);
        for (int i = 0; i < 5; i++) {
            ledger.add(chunk(i));
        }
        List<Lane> claimed = ledger.dispatch();
        assertEquals(List.of(ledger.lane(0), ledger.lane(1)), claimed);
        assertEquals(ChunkLedger.MIN_WINDOW, ledger.lane(0).held());
        assertEquals(ChunkLedger.MIN_WINDOW, ledger.lane(1).held());
        assertEquals(1, ledger.queued(), "the fifth waits: both windows are full");
        // Alternating: lane 0 gets inputs 0 and 2, lane 1 inputs 1 and 3, with their own request numbers.
        assertEquals(List.of(0, 2), inputsOf(ledger.lane(0).outbox));
        assertEquals(List.of(0, 1), List.of(ledger.lane(0).outbox.peekFirst().seq, ledger.lane(0).outbox.peekLast().seq));
        assertNull(ledger.dispatch(), "lanes already claimed are not claimed twice");
    }

    @Test
    void dispatchSkipsDeadLanesAndEmptySlots() {
        ChunkLedger ledger = ledgerWith(3);
        ledger.lane(0).markDead();
        ledger.vacate(ledger.lane(1));
        ledger.add(chunk(1));
        assertEquals(List.of(ledger.lane(2)), ledger.dispatch());
        assertEquals(1, ledger.live());
    }

    @Test
    void fastAnswersOpenTheWindowAndSlowOnesCloseIt() throws Exception {
        ChunkLedger ledger = ledgerWith(1);
        Lane lane = ledger.lane(0);
        ledger.add(chunk(1));
        ledger.dispatch();
        List<Chunk> first = take(ledger, lane);
        Chunk c = first.get(0);
        writeAll(ledger, lane, first);
        ledger.answered(lane, c.seq, 1, false, lane.headSince + 1_000);
        assertEquals(ChunkLedger.MAX_WINDOW, lane.window);

        Chunk slow = chunkOf(4);
        ledger.add(slow);
        ledger.endWriting(lane);
        ledger.dispatch();
        writeAll(ledger, lane, take(ledger, lane));
        ledger.answered(lane, slow.seq, 4, false, lane.headSince + 4 * ChunkLedger.FAST_TASK_NANOS);
        assertEquals(ChunkLedger.MIN_WINDOW, lane.window, "1 ms per task is slow");
    }

    @Test
    void anAnswerRefillsTheLaneOnlyOnceHalfItsWindowIsFree() throws Exception {
        ChunkLedger ledger = ledgerWith(1);
        Lane lane = ledger.lane(0);
        lane.window = 4;
        for (int i = 0; i < 6; i++) {
            ledger.add(chunk(i));
        }
        ledger.dispatch();
        List<Chunk> batch = take(ledger, lane);
        List<Chunk> written = new ArrayList<>(batch);
        writeAll(ledger, lane, batch);
        ledger.endWriting(lane);
        answer(ledger, lane, written.get(0));
        lane.window = 4; // keep it, whatever the clock said
        assertNull(ledger.refill(lane), "3 of 4 still held");
        assertEquals(2, ledger.queued());
        answer(ledger, lane, written.get(1));
        lane.window = 4;
        assertEquals(List.of(lane), ledger.refill(lane), "2 of 4 held: refill, and the writer is claimed");
        assertEquals(4, lane.held());
        assertEquals(0, ledger.queued());
    }

    // ---------------------------------------------------------------- writing

    @Test
    void aFrameCutShortGoesBackToTheFrontOfTheQueueInOrder() {
        ChunkLedger ledger = ledgerWith(1);
        Lane lane = ledger.lane(0);
        Chunk a = chunk(1);
        Chunk b = chunk(2);
        Chunk c = chunk(3);
        Chunk waiting = chunk(4);
        lane.window = 3;
        ledger.addAll(new Chunk[] {a, b, c, waiting});
        ledger.dispatch();
        List<Chunk> batch = take(ledger, lane);
        assertEquals(List.of(a, b, c), batch);
        assertEquals(List.of(State.WRITING, State.WRITING, State.WRITING), List.of(a.state(), b.state(), c.state()));

        List<Chunk> settled = new ArrayList<>();
        ledger.afterWrite(lane, batch, FRAME + FRAME / 2, false, settled); // a whole, b cut short, c never
        assertEquals(List.of(), settled);
        assertTrue(batch.isEmpty());
        assertEquals(State.WRITTEN, a.state());
        assertEquals(List.of(a), List.copyOf(lane.inFlight));
        assertEquals(List.of(b, c, waiting), queue(ledger), "b and c before the chunk that was waiting");
    }

    @Test
    void aChunkAnsweredWhileItsWriterStillWritesIsLeftAlone() throws Exception {
        ChunkLedger ledger = ledgerWith(1);
        Lane lane = ledger.lane(0);
        ledger.add(chunk(1));
        ledger.dispatch();
        List<Chunk> batch = take(ledger, lane);
        Chunk c = batch.get(0);
        answer(ledger, lane, c); // the worker answered before the write call returned
        assertEquals(State.SETTLED, c.state());
        List<Chunk> settled = new ArrayList<>();
        ledger.afterWrite(lane, batch, FRAME, false, settled);
        assertEquals(List.of(), settled);
        assertEquals(State.SETTLED, c.state());
        assertEquals(0, lane.held());
    }

    @Test
    void anEncodingFailureSettlesOnlyItsBatch() {
        ChunkLedger ledger = ledgerWith(1);
        Lane lane = ledger.lane(0);
        Chunk a = chunk(1);
        Chunk b = chunk(2);
        ledger.addAll(new Chunk[] {a, b});
        ledger.dispatch();
        List<Chunk> batch = new ArrayList<>();
        assertTrue(ledger.takeBatch(lane, 0, batch, 1)); // one chunk per batch
        assertEquals(List.of(a), batch);
        List<Chunk> settled = new ArrayList<>();
        ledger.afterWrite(lane, batch, 0, true, settled);
        assertEquals(List.of(a), settled);
        assertEquals(State.SETTLED, a.state());
        assertEquals(List.of(b), List.copyOf(lane.outbox), "the rest of the outbox is still to be written");
        assertFalse(lane.isDead());
    }

    @Test
    void aDeadLaneGivesUpItsClaimAndItsOutbox() {
        ChunkLedger ledger = ledgerWith(2);
        Lane lane = ledger.lane(0);
        Chunk a = chunk(1);
        ledger.add(a);
        assertEquals(List.of(lane), ledger.dispatch());
        lane.markDead();
        assertFalse(ledger.takeBatch(lane, 0, new ArrayList<>(), Long.MAX_VALUE));
        assertFalse(lane.sending);
        assertEquals(State.QUEUED, a.state());
        assertEquals(List.of(ledger.lane(1)), ledger.dispatch(), "the other worker takes it");
        assertEquals(List.of(a), List.copyOf(ledger.lane(1).outbox));
    }

    @Test
    void aBrokenWriterCountsItsBatchAsReceived() {
        ChunkLedger ledger = ledgerWith(1);
        Lane lane = ledger.lane(0);
        Chunk a = chunk(1);
        Chunk b = chunk(2);
        ledger.addAll(new Chunk[] {a, b});
        ledger.dispatch();
        List<Chunk> batch = new ArrayList<>();
        ledger.takeBatch(lane, 0, batch, 1);
        List<Chunk> lost = new ArrayList<>();
        ledger.writerBroke(lane, batch, lost);
        assertEquals(List.of(), lost, "the reader settles it when the worker is gone");
        assertEquals(State.WRITTEN, a.state(), "it may have reached the worker: never sent again");
        assertTrue(lane.isDead());
        assertFalse(lane.sending);
        assertEquals(List.of(b), queue(ledger));
    }

    // ---------------------------------------------------------------- answers

    @Test
    void anAnswerMustBeForTheOldestChunkInFlightWithOneValuePerTask() throws Exception {
        ChunkLedger ledger = ledgerWith(1);
        Lane lane = ledger.lane(0);
        Chunk a = chunkOf(3);
        Chunk b = chunkOf(3);
        ledger.addAll(new Chunk[] {a, b});
        ledger.dispatch();
        writeAll(ledger, lane, take(ledger, lane));
        Protocol.ProtocolException order = assertThrows(Protocol.ProtocolException.class,
                () -> ledger.answered(lane, b.seq, 3, false, 0));
        assertEquals("answer 1 does not match request 0", order.getMessage());
        Protocol.ProtocolException count = assertThrows(Protocol.ProtocolException.class,
                () -> ledger.answered(lane, a.seq, 2, false, 0));
        assertEquals("answer 0 has 2 values for 3 tasks", count.getMessage());
        assertThrows(Protocol.ProtocolException.class, () -> ledger.answered(lane, a.seq, 3, true, 0),
                "a failed answer carries fewer values than tasks");
        assertEquals(State.WRITTEN, a.state(), "a refused answer changes nothing");
        assertSame(a, ledger.answered(lane, a.seq, 2, true, 0)); // two results, then the error
        assertEquals(State.SETTLED, a.state());
        answer(ledger, lane, b);
        Protocol.ProtocolException none = assertThrows(Protocol.ProtocolException.class,
                () -> ledger.answered(lane, 2, 3, false, 0));
        assertEquals("answer 2 does not match request (none in flight)", none.getMessage());
    }

    // ---------------------------------------------------------------- what dies with a worker

    @Test
    void aDeadWorkersWrittenChunksAreLostAndItsOutboxGoesToTheFrontOfTheQueue() {
        ChunkLedger ledger = ledgerWith(1);
        Lane lane = ledger.lane(0);
        lane.window = 4;
        Chunk w1 = chunk(1);
        Chunk w2 = chunk(2);
        Chunk o1 = chunk(3);
        Chunk o2 = chunk(4);
        Chunk queued = chunk(5);
        ledger.addAll(new Chunk[] {w1, w2});
        ledger.dispatch();
        writeAll(ledger, lane, take(ledger, lane));
        ledger.endWriting(lane);
        ledger.addAll(new Chunk[] {o1, o2, queued});
        ledger.dispatch();
        assertEquals(List.of(o1, o2), List.copyOf(lane.outbox));

        List<Chunk> lost = new ArrayList<>();
        ledger.settleDeadLane(lane, lost);
        assertEquals(List.of(w1, w2), lost, "oldest first: the first was running");
        assertEquals(State.SETTLED, w1.state());
        assertTrue(lane.isSettled());
        assertEquals(0, lane.held());
        assertEquals(List.of(State.QUEUED, State.QUEUED), List.of(o1.state(), o2.state()));
        assertEquals(List.of(o1, o2, queued), queue(ledger), "never received: sent to another worker, first");
    }

    @Test
    void aChunkStillBeingWrittenWhenItsWorkerDiesIsSettledByItsWriter() {
        ChunkLedger ledger = ledgerWith(1);
        Lane lane = ledger.lane(0);
        Chunk whole = chunk(1);
        Chunk cut = chunk(2);
        ledger.addAll(new Chunk[] {whole, cut});
        ledger.dispatch();
        List<Chunk> batch = take(ledger, lane);
        List<Chunk> lost = new ArrayList<>();
        ledger.settleDeadLane(lane, lost); // the reader saw the end while the write was under way
        assertEquals(List.of(), lost, "WRITING chunks stay with their writer");
        assertEquals(State.WRITING, whole.state());

        List<Chunk> settled = new ArrayList<>();
        ledger.afterWrite(lane, batch, FRAME, false, settled);
        assertEquals(List.of(whole), settled, "it reached the worker: it fails with it");
        assertEquals(State.SETTLED, whole.state());
        assertEquals(List.of(cut), queue(ledger), "it never did: another worker runs it");
        assertEquals(0, lane.held());
    }

    @Test
    void aBrokenWriterOnASettledLaneSettlesItsBatchAsLost() {
        ChunkLedger ledger = ledgerWith(1);
        Lane lane = ledger.lane(0);
        Chunk a = chunk(1);
        ledger.add(a);
        ledger.dispatch();
        List<Chunk> batch = take(ledger, lane);
        ledger.settleDeadLane(lane, new ArrayList<>());
        List<Chunk> lost = new ArrayList<>();
        ledger.writerBroke(lane, batch, lost);
        assertEquals(List.of(a), lost);
        assertEquals(State.SETTLED, a.state());
        assertEquals(0, lane.held());
    }

    @Test
    void withNoWorkerLeftEveryQueuedChunkIsSettled() {
        ChunkLedger ledger = new ChunkLedger(2);
        Chunk a = chunk(1);
        Chunk b = chunk(2);
        ledger.addAll(new Chunk[] {a, b});
        assertNull(ledger.dispatch());
        assertEquals(List.of(a, b), queue(ledger));
        assertEquals(State.SETTLED, b.state());
        assertEquals(0, ledger.queued());
    }

    @Test
    void theFirstReasonToKillAWorkerIsTheOneReported() {
        Lane lane = new Lane(0, 100);
        assertTrue(lane.blame("broke the protocol"));
        assertFalse(lane.blame("stopped reading its stdin"));
        assertEquals("broke the protocol", lane.killedBecause);
        Lane settled = new Lane(1, 101);
        new ChunkLedger(2).settleDeadLane(settled, new ArrayList<>());
        assertFalse(settled.blame("too late"), "a settled worker's death note is written already");
        assertTrue(settled.isDead());
        assertFalse(settled.markDead());
    }

    // ---------------------------------------------------------------- time limit

    @Test
    void theHeadChunkIsOverdueAfterTheLimitTimesItsSize() {
        ChunkLedger ledger = ledgerWith(1);
        Lane lane = ledger.lane(0);
        Chunk c = chunkOf(3);
        ledger.add(c);
        ledger.dispatch();
        assertNull(ChunkLedger.overdue(lane, lane.headSince + Long.MAX_VALUE / 2, 1), "only chunks in flight are timed");
        writeAll(ledger, lane, take(ledger, lane));
        long limit = TimeUnit.MILLISECONDS.toNanos(40);
        assertNull(ChunkLedger.overdue(lane, lane.headSince + 3 * limit, limit));
        assertSame(c, ChunkLedger.overdue(lane, lane.headSince + 3 * limit + 1, limit));
        assertEquals(Long.MAX_VALUE, ChunkLedger.limitNanos(c, Long.MAX_VALUE / 2), "saturates: no limit");
    }

    private static List<Integer> inputsOf(Iterable<Chunk> chunks) {
        List<Integer> inputs = new ArrayList<>();
        for (Chunk c : chunks) {
            inputs.add(c.inputs[c.from]);
        }
        return inputs;
    }
}
