package io.github.poolbench.exec;

import io.github.poolbench.exec.ChunkLedger.Lane;
import io.github.poolbench.worker.Protocol;
import io.github.poolbench.worker.WorkerMain;
import io.github.poolbench.workload.Job;

import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * FIXED_PROCESS_POOL: the document's {@code Pool(N)}. N long-lived worker JVMs
 * ({@link WorkerMain} {@code serve}, same {@code java} and jar), started when the pool is built
 * and fed chunks of tasks over their stdin; results come back on their stdout in the binary
 * {@link Protocol} (a task wire id and integers in; tagged Integer, String or error values out).
 *
 * <h2>Flow</h2>
 * <ul>
 *   <li>Chunks wait in one queue; each goes to the live worker with the fewest chunks held, as
 *       long as that is below the worker's window ("a worker that finishes takes the next
 *       task"). The window adapts: while a worker's tasks take under {@link ChunkLedger#FAST_TASK_NANOS}
 *       each, up to {@link ChunkLedger#MAX_WINDOW} chunks are in flight (the round trip is hidden and
 *       writes batch); while they are slower, {@link ChunkLedger#MIN_WINDOW}, so a slow task holds at most
 *       one other chunk behind it and free workers take the rest.</li>
 *   <li>Each worker has one writer at a time: the thread that submitted the work writes it
 *       itself when a whole window of its requests fits {@link LaneWriter#INLINE_WRITE_BYTES} (half a
 *       pipe, so that write never blocks; no hand-off on the measured path: {@code map} and
 *       {@code apply} encode their requests into a reused array and write them in one call);
 *       bigger requests go to each worker's sender thread, so a worker that is not reading
 *       holds up only its own sender, never the other workers' chunks. When an answer opens
 *       half the window for queued chunks, the worker's own sender thread is woken to write
 *       them (refilling at half, not at every answer, costs one wake-up and one write per
 *       several answers; the worker likewise sends the answers of tiny chunks of one job
 *       together while the next request is already read ahead, see {@link WorkerMain#serve}).
 *       Reader threads never write, so a write may block on a full pipe without any risk of
 *       deadlock: the worker it waits for is never waiting for the writer.</li>
 *   <li>One reader thread per worker reads answers, checks each against the oldest chunk
 *       written (order and count), and reports it to the chunk's sink. The sinks of
 *       {@code map} and {@code apply} only copy values and wake the caller; {@code applyAsync}
 *       futures and callbacks are completed on the result-handler thread of
 *       {@link AbstractTaskPool}: no user code ever runs on a reader or sender.</li>
 *   <li>Each worker's stderr is copied to ours, prefixed with its pid; recent lines are kept
 *       for error messages.</li>
 * </ul>
 *
 * <h2>Parts (one owner each; see the package doc for which thread runs what)</h2>
 * This class is only the Pool API. {@link ChunkLedger}: the queue, each worker's
 * {@link ChunkLedger.Lane} and every chunk's {@link Chunk.State}; {@link WorkerProcess}: one
 * worker JVM and its pipes; {@link LaneWriter}: the only writer of a worker's stdin;
 * {@link AnswerReader}: its reader thread; {@link WorkerSupervisor}: starting, replacing and
 * timing the workers, and close. They share one lock, the ledger object.
 *
 * <h2>At most once: a chunk's state decides</h2>
 * A chunk is QUEUED (in the queue or a worker's outbox), WRITING, WRITTEN, or settled.
 * Requests are written in pieces of at most {@link LaneWriter#PIPE_BUF} bytes, which a pipe takes whole
 * or not at all, so after a failed write the pool knows exactly which frames reached the pipe
 * entirely. Only a chunk the worker provably never received—never written, or cut short by a
 * failed write—is sent again (to another worker); every chunk written to a worker that then
 * dies or misbehaves fails with a {@link WorkerDiedException} (a {@link TimeoutException} for
 * the one over its time limit) that names what happened: its exit status, or why the pool
 * killed it (a protocol error, a time limit, a frame over the cap, a broken reader thread).
 * Tasks are not assumed idempotent: a task is never run twice.
 *
 * <h2>Faults</h2>
 * <ul>
 *   <li><b>A worker dies</b> (SIGKILL, crash): its written chunks fail as above; the message
 *       carries its stderr since that chunk was sent (a bounded tail). A fresh worker takes its
 *       place; a replacement that fails to start (or is killed while it starts) is retried
 *       {@link #START_ATTEMPTS} times. If the pool cannot be made whole, every later
 *       {@code map}/{@code apply} fails with a {@link WorkerStartException} saying so: a
 *       benchmark never silently measures a smaller pool.</li>
 *   <li><b>A broken pipe</b> on a write (the worker died idle, or stopped reading): the worker
 *       is marked dead first, and what never reached it goes to another worker.</li>
 *   <li><b>Garbage on a worker's stdout</b> (a frame that does not decode, is cut short, is
 *       over {@link Protocol#MAX_FRAME}, or does not match its request): the pool kills it as
 *       above and says so. A result too big for a frame is turned into that task's error by
 *       the worker itself, which lives on; a chunk too big for a request fails before it is
 *       sent.</li>
 *   <li><b>Per-task time limit</b> ({@code taskTimeoutMillis > 0}): a watchdog kills a worker
 *       whose current chunk has run longer than the limit times the chunk's size (saturating,
 *       so a limit near {@code Long.MAX_VALUE} means "none"); that chunk fails with a
 *       {@link TimeoutException}. With a limit, workers answer each chunk at once
 *       ({@link WorkerMain#ANSWER_AT_ONCE}), so the chunk timed is the one running.</li>
 *   <li><b>An {@link Error} on a reader thread</b> (out of memory): it kills that worker like a
 *       protocol error, so its chunks settle and nothing hangs.</li>
 *   <li><b>A worker that cannot start</b> (bad {@code java}, missing class, bad flags): one
 *       {@link WorkerStartException} naming the command, its exit status and its stderr.</li>
 *   <li><b>The parent dies</b>, even by SIGKILL: the kernel closes the parent's end of each
 *       worker's stdin, and an idle worker exits on end of input; a busy one is halted by its
 *       parent watcher (see {@link WorkerMain}). A worker that closes its stdout and runs on
 *       is killed and reported as that.</li>
 *   <li><b>An Error while encoding</b> (out of memory) fails only the chunks of that batch,
 *       never written; an Error elsewhere in a writer kills that worker, as above.</li>
 *   <li>{@link #close()}: closes every worker's stdin, gives them {@link #GRACE_MILLIS} to exit,
 *       then kills what is left (replacements still starting included) and waits for it; no
 *       child, thread or pipe is left.</li>
 * </ul>
 * Every wait is bounded except for a task's own run time (bound it with the time limit).
 */
final class ProcessPool extends AbstractTaskPool {
    static final long GRACE_MILLIS = 2_000;
    /** Tries to start a replacement worker before the pool declares itself short of workers. */
    static final int START_ATTEMPTS = 5;

    /** Where every chunk is; also the pool's one lock. */
    private final ChunkLedger ledger;
    private final WorkerSupervisor supervisor;
    /** Tests: runs on a reader thread before each answer is handled (to inject an Error there). */
    volatile Runnable answerHook;
    /** Tests: runs on a writer while it encodes a batch (to inject an OutOfMemoryError there). */
    volatile Runnable encodeHook;

    ProcessPool(PoolConfig config) {
        this(config, ChildJvm.forFlags(config.jvmFlags()), WorkerMain.class.getName());
    }

    /** Tests start pools with another JVM or main class to see how faults are reported. */
    ProcessPool(PoolConfig config, ChildJvm jvm, String workerMain) {
        super("FIXED_PROCESS_POOL", config.workers());
        this.ledger = new ChunkLedger(config.workers());
        this.supervisor = new WorkerSupervisor(config, ledger, jvm, workerMain, this);
    }

    @Override
    protected void submitChunk(Job job, int[] inputs, int from, int to, ChunkSink sink) {
        checkSize(to - from);
        List<Lane> claimed;
        synchronized (ledger) {
            supervisor.checkUsable();
            ledger.add(new Chunk(job, inputs, from, to, sink));
            claimed = ledger.dispatch();
        }
        LaneWriter.writeOrHandOff(claimed, to - from);
    }

    /** All chunks of a map under one lock and one dispatch; the caller writes the first windows itself. */
    @Override
    protected void submitAll(Job job, int[] inputs, int size, ChunkSink[] sinks) {
        checkSize(Math.min(size, inputs.length));
        // Built before the lock: if allocating them fails, none was submitted (as submitAll promises).
        Chunk[] chunks = new Chunk[sinks.length];
        for (int k = 0; k < sinks.length; k++) {
            chunks[k] = new Chunk(job, inputs, Chunking.chunkFrom(k, size), Chunking.chunkTo(k, size, inputs.length), sinks[k]);
        }
        List<Lane> claimed;
        synchronized (ledger) {
            supervisor.checkUsable();
            ledger.addAll(chunks);
            claimed = ledger.dispatch();
        }
        LaneWriter.writeOrHandOff(claimed, size);
    }

    private static void checkSize(int count) {
        if (count > Protocol.MAX_REQUEST_INPUTS) {
            throw new IllegalArgumentException(Protocol.tooLargeRequest(count));
        }
    }

    @Override
    protected void release() {
        supervisor.close();
    }

    /** Pids of the live workers, in slot order (for tests and the floor benchmark). */
    List<Long> workerPids() {
        return supervisor.workerPids();
    }

    /** Live workers: the pool is whole when this equals {@link #workers()}. */
    int liveWorkers() {
        synchronized (ledger) {
            return ledger.live();
        }
    }

    /** Pids of replacement workers started and not yet ready (for tests that kill them). */
    List<Long> startingPids() {
        return supervisor.startingPids();
    }

    /** Chunks the worker with this pid holds (written or about to be), for tests; 0 when there is no such worker. */
    int chunksHeldBy(long pid) {
        return supervisor.chunksHeldBy(pid);
    }

    /** Threads of the pool still alive (readers, senders, stderr copiers, replacements, watchdog), for tests. */
    int aliveThreads() {
        return supervisor.aliveThreads();
    }
}
