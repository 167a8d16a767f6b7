package io.github.poolbench.exec;

import io.github.poolbench.exec.ChunkLedger.Lane;
import io.github.poolbench.worker.Protocol;

import java.io.IOException;
import java.util.List;

/**
 * The reader thread of one worker: reads its hello, then its answers, checks each against the
 * oldest chunk in flight ({@link ChunkLedger#answered}) and reports it to the chunk's sink. The
 * sinks of {@code map} and {@code apply} only copy values and wake the caller; {@code applyAsync}
 * futures and callbacks complete on the result-handler thread of {@link AbstractTaskPool}, so
 * no user code runs here. It never writes: refills are handed to the lane's sender thread.
 * When the worker's stdout ends or breaks, it hands the worker to the
 * {@link WorkerSupervisor}, which settles what it held and replaces it (on this thread).
 */
final class AnswerReader implements Runnable {
    /** How long a worker whose stdout ended may take to exit before the pool blames it. */
    static final long STDOUT_CLOSED_GRACE_MILLIS = 500;

    private final ChunkLedger ledger;
    private final Lane lane;
    private final WorkerProcess process;
    private final LaneWriter writer;
    private final WorkerSupervisor supervisor;
    private final ProcessPool hooks;

    AnswerReader(ChunkLedger ledger, Lane lane, WorkerProcess process, LaneWriter writer,
                 WorkerSupervisor supervisor, ProcessPool hooks) {
        this.ledger = ledger;
        this.lane = lane;
        this.process = process;
        this.writer = writer;
        this.supervisor = supervisor;
        this.hooks = hooks;
    }

    void start(ThreadTracker tracker) {
        Thread t = new Thread(this, "poolbench-worker-" + process.pid + "-reader");
        t.setDaemon(true);
        tracker.track(t).start();
    }

    @Override
    public void run() {
        try {
            process.readHello();
        } catch (IOException e) {
            writer.stop();
            process.failStart(e);
            return;
        }
        Protocol.FrameReader frames = new Protocol.FrameReader(process.stdout);
        Throwable cause = null;
        try {
            while (true) {
                int length = frames.next();
                if (length < 0) {
                    noteClosedStdout();
                    break; // the usual way a worker ends
                }
                Runnable hook = hooks.answerHook;
                if (hook != null) {
                    hook.run();
                }
                answered(Protocol.decodeResponse(frames.buffer(), length));
            }
        } catch (Protocol.ProtocolException e) {
            cause = e;
            killFor("broke the protocol (" + e.getMessage() + ") and was killed by the pool");
        } catch (IOException e) {
            cause = e; // our end was closed, or the read failed
        } catch (Throwable t) {
            cause = t;
            killFor("was killed by the pool because its reader thread failed: " + t);
        }
        supervisor.died(lane, cause);
    }

    /**
     * End of the worker's stdout: normally it is exiting. One still alive a moment later
     * closed its stdout and runs on; the pool kills it, and says that is why.
     */
    private void noteClosedStdout() {
        try {
            if (!process.waitFor(STDOUT_CLOSED_GRACE_MILLIS)) {
                killFor("closed its stdout while still running and was killed by the pool");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void killFor(String why) {
        synchronized (ledger) {
            lane.blame(why);
        }
        process.kill();
    }

    private void answered(Protocol.Response r) throws Protocol.ProtocolException {
        Chunk c;
        List<Lane> claimed;
        synchronized (ledger) {
            c = ledger.answered(lane, r.seq(), r.values().length, r.failed(), System.nanoTime());
            claimed = ledger.refill(lane);
        }
        LaneWriter.wakeAll(claimed); // readers never write: the sender threads do
        if (r.failed()) {
            c.sink.failed(new RemoteTaskException(r.error(), process.pid));
        } else {
            c.sink.completed(r.values());
        }
    }
}
