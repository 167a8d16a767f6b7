package io.github.poolbench.exec;

import io.github.poolbench.workload.Job;

import java.util.List;

/**
 * A chunk of one map (or one apply) on its way through a worker of the {@link ProcessPool}.
 * Its {@link State} changes only in {@link #moveTo}, which refuses every transition that
 * could run a task twice or report a chunk twice; the {@link ChunkLedger} decides when.
 */
final class Chunk {

    /**
     * Where a chunk is. The legal moves are exactly these:
     * <pre>
     *   QUEUED  ──► WRITING   a writer took it from its worker's outbox
     *   QUEUED  ──► SETTLED   no worker is left to run it (failed)
     *   WRITING ──► WRITTEN   its frame reached the pipe whole (or may have: the writer broke)
     *   WRITING ──► QUEUED    a failed write cut it short: the worker never received it
     *   WRITING ──► SETTLED   answered before the writer finished, or its encoding failed
     *   WRITTEN ──► SETTLED   answered, or failed with the worker that received it
     * </pre>
     * WRITTEN never goes back to QUEUED (the worker may have run it), and SETTLED is final.
     */
    enum State {
        /** In the pool's queue or in a worker's outbox: no worker has any of it. */
        QUEUED,
        /** Taken by a writer, in flight at its worker; the write has not ended yet. */
        WRITING,
        /** Reached its worker's pipe whole: the worker may be running it. */
        WRITTEN,
        /** Reported to its sink (or about to be, outside the lock), once. */
        SETTLED
    }

    final Job job;
    final int[] inputs;
    final int from;
    final int to;
    final AbstractTaskPool.ChunkSink sink;
    private State state = State.QUEUED; // guarded by the ledger's lock
    int seq; // its request number at its current worker; guarded by the ledger's lock
    int wireEnd; // offset just past its frame in its writer's batch; writer only
    long stderrMark; // the worker's stderr line count when it was taken for writing; writer, then lock

    Chunk(Job job, int[] inputs, int from, int to, AbstractTaskPool.ChunkSink sink) {
        this.job = job;
        this.inputs = inputs;
        this.from = from;
        this.to = to;
        this.sink = sink;
    }

    State state() {
        return state;
    }

    /** The only place a chunk's state changes; an illegal move is a bug and throws. */
    void moveTo(State next) {
        boolean legal = switch (state) {
            case QUEUED -> next == State.WRITING || next == State.SETTLED;
            case WRITING -> next == State.WRITTEN || next == State.QUEUED || next == State.SETTLED;
            case WRITTEN -> next == State.SETTLED;
            case SETTLED -> false;
        };
        if (!legal) {
            throw new IllegalStateException("chunk " + describe() + " cannot go from " + state + " to " + next);
        }
        state = next;
    }

    int size() {
        return to - from;
    }

    /** "INCREMENT(param=0) on input 7", or on a few inputs by value: "on inputs [3, 4, 5, ..., 52] (50 tasks)". */
    String describe() {
        int n = to - from;
        if (n == 1) {
            return job + " on input " + inputs[from];
        }
        StringBuilder sb = new StringBuilder(job + " on inputs [");
        for (int i = from; i < to; i++) {
            if (n > 5 && i == from + 3) {
                sb.append("..., ");
                i = to - 1;
            }
            sb.append(inputs[i]).append(i < to - 1 ? ", " : "]");
        }
        return sb.append(" (").append(n).append(" tasks)").toString();
    }

    /** A chunk's failure, found under the lock and reported outside it. */
    record Failure(Chunk chunk, Throwable error) {
    }

    /** Reports each failure to its chunk's sink; call with no lock held (a sink may wake a caller). */
    static void report(List<Failure> failures) {
        for (Failure f : failures) {
            f.chunk.sink.failed(f.error);
        }
    }
}
