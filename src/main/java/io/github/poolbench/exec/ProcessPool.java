package io.github.poolbench.exec;

import io.github.poolbench.worker.Protocol;
import io.github.poolbench.worker.WorkerMain;
import io.github.poolbench.workload.Job;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

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
 *       task"). The window adapts: while a worker's tasks take under {@link #FAST_TASK_NANOS}
 *       each, up to {@link #MAX_WINDOW} chunks are in flight (the round trip is hidden and
 *       writes batch); while they are slower, {@link #MIN_WINDOW}, so a slow task holds at most
 *       one other chunk behind it and free workers take the rest.</li>
 *   <li>Each worker has one writer at a time: the thread that submitted the work writes it
 *       itself when a whole window of its requests fits {@link #INLINE_WRITE_BYTES} (half a
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
 * <h2>At most once: a chunk's state decides</h2>
 * A chunk is QUEUED (in the queue or a worker's outbox), WRITING, WRITTEN, or settled.
 * Requests are written in pieces of at most {@link #PIPE_BUF} bytes, which a pipe takes whole
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
    /** Chunks in flight per worker while its tasks are slow (or not yet timed): balance first. */
    static final int MIN_WINDOW = 2;
    /** Chunks in flight per worker while its tasks are fast: hide the round trip, batch the writes. */
    static final int MAX_WINDOW = 16;
    /** A chunk whose tasks took less than this each counts as fast. */
    static final long FAST_TASK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    static final long GRACE_MILLIS = 2_000;
    /** Tries to start a replacement worker before the pool declares itself short of workers. */
    static final int START_ATTEMPTS = 5;
    /**
     * Largest piece written in one call: a pipe takes up to PIPE_BUF (4096 bytes on Linux)
     * atomically, all or nothing, so a failed write tells exactly which frames got through.
     */
    static final int PIPE_BUF = 4096;
    /** Most request bytes a window may hold for the submitting thread to write them itself (half a pipe). */
    static final int INLINE_WRITE_BYTES = 32 << 10;
    /** Most request bytes one writer encodes before it writes them. */
    private static final int BATCH_BYTES = 1 << 20;
    private static final long START_TIMEOUT_MILLIS = 60_000;
    /** How long a worker whose stdout ended, or whose stdin broke, may take to exit before the pool blames it. */
    private static final long STDOUT_CLOSED_GRACE_MILLIS = 500;

    private static final int QUEUED = 0;
    private static final int WRITING = 1;
    private static final int WRITTEN = 2;
    private static final int SETTLED = 3;

    private final ChildJvm jvm;
    private final String workerMain;
    private final long timeoutNanos;
    private final ThreadTracker tracker = new ThreadTracker();
    private final Object lock = new Object();
    private final Worker[] slots; // guarded by lock; null while a slot's replacement starts
    private final ArrayDeque<Chunk> queue = new ArrayDeque<>(); // guarded by lock
    private final Set<Worker> startingWorkers = new HashSet<>(); // replacements not yet ready; guarded by lock
    private int pendingStarts; // replacements under way; guarded by lock
    private boolean releasing; // guarded by lock
    private String shortOfWorkers; // why the pool cannot be made whole; guarded by lock
    private WorkerStartException lastStartFailure; // guarded by lock
    private final ScheduledExecutorService watchdog;
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
        this.jvm = jvm;
        this.workerMain = workerMain;
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(config.taskTimeoutMillis()); // saturates
        this.slots = new Worker[config.workers()];
        List<Worker> started = new ArrayList<>();
        try {
            // Start them all, then wait for them all: N JVMs start in parallel.
            for (int i = 0; i < slots.length; i++) {
                started.add(new Worker(i));
            }
            for (Worker w : started) {
                w.awaitReady();
            }
        } catch (RuntimeException | Error e) {
            synchronized (lock) {
                releasing = true; // so the readers of the workers killed here do not replace them
            }
            for (Worker w : started) {
                w.kill();
            }
            for (Worker w : started) {
                w.reap();
                w.stopSender();
            }
            tracker.joinAll();
            throw e;
        }
        synchronized (lock) {
            for (Worker w : started) {
                // A worker that already died was settled by its reader, which put a replacement here.
                if (!w.dead && slots[w.slot] == null) {
                    slots[w.slot] = w;
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

    @Override
    protected void submitChunk(Job job, int[] inputs, int from, int to, ChunkSink sink) {
        checkSize(to - from);
        List<Worker> claimed;
        synchronized (lock) {
            checkUsable();
            queue.add(new Chunk(job, inputs, from, to, sink));
            claimed = dispatch();
        }
        writeOrHandOff(claimed, to - from);
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
        List<Worker> claimed;
        synchronized (lock) {
            checkUsable();
            java.util.Collections.addAll(queue, chunks);
            claimed = dispatch();
        }
        writeOrHandOff(claimed, size);
    }

    private static void checkSize(int count) {
        if (count > Protocol.MAX_REQUEST_INPUTS) {
            throw new IllegalArgumentException(Protocol.tooLargeRequest(count));
        }
    }

    /** Lock held: refuses work when the pool has no worker left or cannot be made whole. */
    private void checkUsable() {
        if (shortOfWorkers != null) {
            throw new WorkerStartException("FIXED_PROCESS_POOL is short of workers (" + live() + " of " + slots.length
                    + " alive): " + shortOfWorkers, lastStartFailure);
        }
        if (live() == 0 && pendingStarts == 0) {
            throw new WorkerStartException("FIXED_PROCESS_POOL has no live worker left: "
                    + (lastStartFailure == null ? "all died" : lastStartFailure.getMessage()), lastStartFailure);
        }
    }

    /**
     * The caller writes the requests it just dispatched itself only when a whole window of
     * them fits a pipe (no hand-off on the measured path, and such a write never blocks);
     * bigger ones go to each worker's own sender thread, so one worker's full pipe never keeps
     * the others waiting for their chunks.
     */
    private static void writeOrHandOff(List<Worker> claimed, int chunkInputs) {
        if (claimed == null) {
            return;
        }
        if ((long) Protocol.requestBytes(chunkInputs) * MAX_WINDOW > INLINE_WRITE_BYTES) {
            kickAll(claimed);
            return;
        }
        for (Worker w : claimed) {
            w.drain();
        }
    }

    private static void kickAll(List<Worker> claimed) {
        if (claimed != null) {
            for (Worker w : claimed) {
                w.kick();
            }
        }
    }

    @Override
    protected void release() {
        List<Worker> workers = new ArrayList<>();
        List<Worker> starting;
        synchronized (lock) {
            releasing = true;
            for (Worker w : slots) {
                if (w != null) {
                    workers.add(w);
                }
            }
            starting = new ArrayList<>(startingWorkers);
        }
        if (watchdog != null) {
            watchdog.shutdownNow();
            awaitQuietly(watchdog);
        }
        for (Worker w : starting) {
            w.kill(); // its replacing thread sees the start fail, and `releasing`
        }
        for (Worker w : workers) {
            w.closeStdin(); // a worker exits when its input ends
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GRACE_MILLIS);
        for (Worker w : workers) {
            try {
                if (!w.process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    w.kill();
                }
            } catch (InterruptedException e) {
                w.kill();
                Thread.currentThread().interrupt();
            }
        }
        for (Worker w : workers) {
            w.reap();
            w.stopSender();
        }
        // Readers end on their worker's end of stream; replacing threads notice `releasing`.
        for (int i = 0; i < 3 && tracker.alive() > 0; i++) {
            tracker.joinAll();
        }
    }

    /** Pids of the live workers, in slot order (for tests and the floor benchmark). */
    List<Long> workerPids() {
        List<Long> pids = new ArrayList<>();
        synchronized (lock) {
            for (Worker w : slots) {
                if (w != null && !w.dead) {
                    pids.add(w.pid);
                }
            }
        }
        return pids;
    }

    /** Live workers: the pool is whole when this equals {@link #workers()}. */
    int liveWorkers() {
        synchronized (lock) {
            return live();
        }
    }

    /** Pids of replacement workers started and not yet ready (for tests that kill them). */
    List<Long> startingPids() {
        List<Long> pids = new ArrayList<>();
        synchronized (lock) {
            for (Worker w : startingWorkers) {
                pids.add(w.pid);
            }
        }
        return pids;
    }

    /** Chunks the worker with this pid holds (written or about to be), for tests; 0 when there is no such worker. */
    int chunksHeldBy(long pid) {
        synchronized (lock) {
            for (Worker w : slots) {
                if (w != null && w.pid == pid) {
                    return w.outbox.size() + w.written.size();
                }
            }
            return 0;
        }
    }

    /** Threads of the pool still alive (readers, senders, stderr copiers, replacements, watchdog), for tests. */
    int aliveThreads() {
        return tracker.alive();
    }

    // ---------------------------------------------------------------- dispatch (lock held)

    private Worker idlest() {
        Worker best = null;
        int bestLoad = Integer.MAX_VALUE;
        for (Worker w : slots) {
            if (w != null && !w.dead) {
                int load = w.outbox.size() + w.written.size();
                if (load < w.window && load < bestLoad) {
                    best = w;
                    bestLoad = load;
                }
            }
        }
        return best;
    }

    private int live() {
        int n = 0;
        for (Worker w : slots) {
            if (w != null && !w.dead) {
                n++;
            }
        }
        return n;
    }

    /**
     * Moves queued chunks to the outboxes of workers with room; returns the workers whose
     * writer the caller has just become (null when none): it must drain them, or kick their
     * sender thread.
     */
    private List<Worker> dispatch() {
        List<Worker> claimed = null;
        while (!queue.isEmpty()) {
            Worker w = idlest();
            if (w == null) {
                break;
            }
            Chunk c = queue.poll();
            c.seq = w.nextSeq++;
            if (w.outbox.isEmpty() && w.written.isEmpty()) {
                w.headSince = System.nanoTime();
            }
            w.outbox.add(c);
            if (!w.sending) {
                w.sending = true;
                if (claimed == null) {
                    claimed = new ArrayList<>(2);
                }
                claimed.add(w);
            }
        }
        return claimed;
    }

    /** Lock held: puts chunks that never reached a worker back at the front of the queue, in order. */
    private void requeueFront(List<Chunk> chunks) {
        for (int i = chunks.size() - 1; i >= 0; i--) {
            Chunk c = chunks.get(i);
            c.state = QUEUED;
            queue.addFirst(c);
        }
    }

    private void killOverdue() {
        List<Worker> overdue = new ArrayList<>();
        long now = System.nanoTime();
        synchronized (lock) {
            for (Worker w : slots) {
                if (w == null || w.dead || w.killedBecause != null) {
                    continue;
                }
                Chunk head = w.written.peek();
                if (head != null && now - w.headSince > limitNanos(head)) {
                    w.timedOut = head;
                    w.killedBecause = "was killed by the pool because " + head.describe() + " ran longer than the "
                            + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms per-task limit"
                            + (head.size() > 1 ? " (x " + head.size() + " tasks)" : "");
                    overdue.add(w);
                }
            }
        }
        for (Worker w : overdue) {
            w.kill(); // its reader sees the end of the stream and settles the rest
        }
    }

    /** The time limit of a whole chunk: the per-task limit times its size, saturating at Long.MAX_VALUE. */
    private long limitNanos(Chunk c) {
        long n = c.size();
        return timeoutNanos > Long.MAX_VALUE / n ? Long.MAX_VALUE : timeoutNanos * n;
    }

    /** With no live worker and none starting, queued chunks would wait forever: fail them. */
    private void failQueueIfNoWorker(WorkerStartException failure) {
        List<Chunk> orphans = new ArrayList<>();
        synchronized (lock) {
            if (live() == 0 && pendingStarts == 0) {
                orphans.addAll(queue);
                queue.clear();
                for (Chunk c : orphans) {
                    c.state = SETTLED;
                }
            }
        }
        for (Chunk c : orphans) {
            c.sink.failed(new WorkerStartException("FIXED_PROCESS_POOL has no live worker left for "
                    + c.describe() + (failure == null ? "" : ": " + failure.getMessage()), failure));
        }
    }

    // ---------------------------------------------------------------- one chunk

    /** A chunk of one map (or one apply) on its way through a worker. */
    private static final class Chunk {
        final Job job;
        final int[] inputs;
        final int from;
        final int to;
        final ChunkSink sink;
        int seq; // guarded by lock
        int state = QUEUED; // guarded by lock
        int wireEnd; // offset just past its frame in its writer's batch; writer only
        long stderrMark; // the worker's stderr line count when it was written; writer, then lock

        Chunk(Job job, int[] inputs, int from, int to, ChunkSink sink) {
            this.job = job;
            this.inputs = inputs;
            this.from = from;
            this.to = to;
            this.sink = sink;
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
    }

    /** A failure to report outside the lock. */
    private record Failure(Chunk chunk, Throwable error) {
    }

    private static void report(List<Failure> failures) {
        for (Failure f : failures) {
            f.chunk.sink.failed(f.error);
        }
    }

    // ---------------------------------------------------------------- one worker process

    private final class Worker {
        final int slot;
        final Process process;
        final long pid;
        final List<String> argv;
        final OutputStream out;
        final InputStream in;
        final CompletableFuture<Void> ready = new CompletableFuture<>();
        final StderrTail stderr;
        final Thread sender;
        final ArrayDeque<Chunk> outbox = new ArrayDeque<>(); // dispatched, not yet taken by a writer; guarded by lock
        final ArrayDeque<Chunk> written = new ArrayDeque<>(); // WRITING or WRITTEN, in order; guarded by lock
        // The writer's own (only the thread that holds `sending` touches them):
        final Protocol.Encoder encoder = new Protocol.Encoder();
        final List<Chunk> batch = new ArrayList<>();
        boolean sending; // a thread owns the writing; guarded by lock
        boolean dead; // no more dispatch; guarded by lock
        boolean settled; // its reader has settled what it held; guarded by lock
        String deathNote; // what happened to it, once settled; guarded by lock
        String killedBecause; // what it did that made the pool kill it ("broke the protocol (...) and ..."); guarded by lock
        Chunk timedOut; // the chunk the watchdog killed it for; guarded by lock
        long headSince; // guarded by lock
        int nextSeq; // guarded by lock
        int window = MIN_WINDOW; // guarded by lock
        volatile boolean kicked;
        volatile boolean stopSender;

        Worker(int slot) {
            this.slot = slot;
            // With a time limit every answer leaves at once: one held for the next chunk would
            // make the watchdog time (and blame) the chunk that already ended.
            this.argv = timeoutNanos > 0 ? jvm.command(workerMain, "serve", WorkerMain.ANSWER_AT_ONCE)
                    : jvm.command(workerMain, "serve");
            try {
                process = new ProcessBuilder(argv).start();
            } catch (IOException e) {
                throw new WorkerStartException("could not start a worker: " + ChildJvm.describe(argv) + ": "
                        + String.valueOf(e.getMessage()).trim(), e);
            }
            pid = process.pid();
            out = process.getOutputStream(); // the JDK's buffered pipe: each piece is written, then flushed
            in = process.getInputStream();
            stderr = new StderrTail(process, pid);
            start(stderr, "poolbench-worker-" + pid + "-stderr");
            start(this::readLoop, "poolbench-worker-" + pid + "-reader");
            sender = start(this::senderLoop, "poolbench-worker-" + pid + "-sender");
        }

        private Thread start(Runnable r, String name) {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            tracker.track(t).start();
            return t;
        }

        /** Waits for the worker's hello; throws WorkerStartException naming the command if none comes. */
        void awaitReady() {
            try {
                ready.get(START_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                kill();
                throw new WorkerStartException("worker pid " + pid + " was not ready after " + START_TIMEOUT_MILLIS
                        + " ms: " + ChildJvm.describe(argv));
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                throw c instanceof WorkerStartException ? (WorkerStartException) c
                        : new WorkerStartException("worker pid " + pid + " failed to start: " + c, c);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill();
                throw new WorkerStartException("interrupted while worker pid " + pid + " was starting");
            }
        }

        // ------------------------------------------------------------ writing

        /** Wakes the sender thread, which owns the writing from now on (the caller claimed it under the lock). */
        void kick() {
            kicked = true;
            LockSupport.unpark(sender);
        }

        void stopSender() {
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
                List<Worker> claimed;
                List<Failure> failures = new ArrayList<>(0);
                synchronized (lock) {
                    sending = false;
                    dead = true;
                    if (killedBecause == null && !settled) {
                        killedBecause = "was killed by the pool because its writer failed: " + t;
                    }
                    for (Chunk c : batch) {
                        if (c.state != WRITING) {
                            continue;
                        }
                        c.state = WRITTEN; // it may have reached the worker: it fails with the worker
                        if (settled) { // its reader settled the worker already: settle this one here
                            written.remove(c);
                            c.state = SETTLED;
                            failures.add(new Failure(c, new WorkerDiedException(deathNote + " before answering "
                                    + c.describe() + ", which had been sent to it (it may have run, so it is not sent again)",
                                    pid, exitStatusOrMinusOne())));
                        }
                    }
                    batch.clear();
                    List<Chunk> back = new ArrayList<>(outbox);
                    outbox.clear();
                    requeueFront(back);
                    claimed = dispatch();
                }
                kill();
                kickAll(claimed);
                report(failures);
            }
        }

        private void drainOrThrow() {
            List<Failure> failures = new ArrayList<>(0);
            while (true) {
                long mark = stderr.mark();
                synchronized (lock) {
                    if (dead || outbox.isEmpty()) {
                        sending = false;
                        if (!dead) {
                            return;
                        }
                        List<Chunk> back = new ArrayList<>(outbox);
                        outbox.clear();
                        requeueFront(back);
                        kickAll(dispatch());
                        return;
                    }
                    long bytes = 0;
                    while (!outbox.isEmpty() && (batch.isEmpty() || bytes < BATCH_BYTES)) {
                        Chunk c = outbox.poll();
                        c.state = WRITING;
                        c.stderrMark = mark;
                        written.add(c);
                        batch.add(c);
                        bytes += Protocol.requestBytes(c.size());
                    }
                }
                int sent = 0;
                IOException broken = null;
                Throwable error = null;
                try {
                    encoder.reset();
                    Runnable hook = encodeHook;
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
                        out.write(buf, sent, n);
                        out.flush();
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
                        endedByItself = process.waitFor(STDOUT_CLOSED_GRACE_MILLIS, TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                failures.clear();
                List<Worker> claimed = null;
                boolean stop;
                boolean killIt = false;
                synchronized (lock) {
                    List<Chunk> unsent = new ArrayList<>(0);
                    for (Chunk c : batch) {
                        if (c.state != WRITING) {
                            continue; // answered already
                        }
                        if (error == null && c.wireEnd <= sent) {
                            c.state = WRITTEN;
                            if (settled) { // its reader settled the worker while we wrote
                                written.remove(c);
                                c.state = SETTLED;
                                failures.add(new Failure(c, new WorkerDiedException(deathNote + " before answering "
                                        + c.describe() + ", which had been sent to it (it may have run, so it is not sent again)",
                                        pid, exitStatusOrMinusOne())));
                            }
                        } else {
                            written.remove(c);
                            if (error != null) {
                                c.state = SETTLED;
                                failures.add(new Failure(c, error));
                            } else {
                                unsent.add(c);
                            }
                        }
                    }
                    batch.clear();
                    requeueFront(unsent);
                    if (broken != null && !dead) {
                        dead = true; // first, so nothing more is sent to it
                        if (!endedByItself && process.isAlive() && killedBecause == null) {
                            killedBecause = "stopped reading its stdin (a write failed: " + broken.getMessage()
                                    + ") and was killed by the pool";
                            killIt = true;
                        }
                    }
                    // An encoding failure fails only its own batch: the rest of the outbox is still written.
                    stop = dead;
                    if (stop) {
                        sending = false;
                        if (dead) {
                            List<Chunk> back = new ArrayList<>(outbox);
                            outbox.clear();
                            requeueFront(back);
                        }
                        claimed = dispatch();
                    }
                }
                if (killIt) {
                    kill(); // its reader sees the end of its stdout and settles what it held
                }
                kickAll(claimed);
                report(failures);
                if (stop) {
                    return;
                }
            }
        }

        // ------------------------------------------------------------ reading

        private void readLoop() {
            try {
                Protocol.readHello(in);
            } catch (IOException e) {
                ready.completeExceptionally(startFailure(e));
                return;
            }
            ready.complete(null);
            Protocol.FrameReader frames = new Protocol.FrameReader(in);
            Throwable cause = null;
            try {
                while (true) {
                    int length = frames.next();
                    if (length < 0) {
                        noteClosedStdout();
                        break; // the usual way a worker ends
                    }
                    Runnable hook = answerHook;
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
            died(cause);
        }

        /**
         * End of the worker's stdout: normally it is exiting. One still alive a moment later
         * closed its stdout and runs on; the pool kills it, and says that is why.
         */
        private void noteClosedStdout() {
            try {
                if (!process.waitFor(STDOUT_CLOSED_GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
                    killFor("closed its stdout while still running and was killed by the pool");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void killFor(String why) {
            synchronized (lock) {
                if (killedBecause == null && !settled) {
                    killedBecause = why;
                }
            }
            kill();
        }

        private WorkerStartException startFailure(IOException e) {
            kill();
            reap();
            stopSender();
            String status = process.isAlive() ? "still running" : ExitStatus.describe(process.exitValue());
            String err = stderr.since(0);
            String why = e instanceof EOFException ? "ended (" + status + ") before it was ready"
                    : "did not say hello (" + e.getMessage() + "; " + status + ")";
            return new WorkerStartException("worker " + why + ": " + ChildJvm.describe(argv)
                    + (err.isEmpty() ? "" : "; its stderr: " + err));
        }

        private void answered(Protocol.Response r) throws Protocol.ProtocolException {
            Chunk c;
            List<Worker> claimed;
            synchronized (lock) {
                c = written.peek();
                if (c == null || c.seq != r.seq()) {
                    throw new Protocol.ProtocolException("answer " + r.seq() + " does not match request "
                            + (c == null ? "(none in flight)" : c.seq));
                }
                if (r.failed() ? r.values().length >= c.size() : r.values().length != c.size()) {
                    throw new Protocol.ProtocolException("answer " + r.seq() + " has " + r.values().length
                            + " values for " + c.size() + " tasks");
                }
                written.poll();
                c.state = SETTLED;
                long now = System.nanoTime();
                window = (now - headSince) / c.size() < FAST_TASK_NANOS ? MAX_WINDOW : MIN_WINDOW;
                headSince = now;
                // Refill once half the window is free: one wake-up of the sender and one write
                // per several answers, while the other half keeps the worker busy.
                claimed = outbox.size() + written.size() <= window / 2 ? dispatch() : null;
            }
            kickAll(claimed); // readers never write: the sender threads do
            if (r.failed()) {
                c.sink.failed(new RemoteTaskException(r.error(), pid));
            } else {
                c.sink.completed(r.values());
            }
        }

        private int exitStatusOrMinusOne() {
            return process.isAlive() ? -1 : process.exitValue();
        }

        /** The worker's stream ended or broke: settle what it held, then put a fresh worker in its place. */
        private void died(Throwable cause) {
            List<Failure> failures = new ArrayList<>();
            boolean replace = false;
            try {
                kill();
                reap();
                int status = exitStatusOrMinusOne();
                List<Worker> claimed;
                synchronized (lock) {
                    dead = true;
                    settled = true;
                    deathNote = killedBecause != null ? "worker pid " + pid + " " + killedBecause
                            : "worker pid " + pid + " died with "
                            + (status < 0 ? "an unknown exit status" : ExitStatus.describe(status))
                            + (cause == null ? "" : " (" + cause.getMessage() + ")");
                    // Never written: back to the front of the queue, in order, for another worker.
                    List<Chunk> back = new ArrayList<>(outbox);
                    outbox.clear();
                    requeueFront(back);
                    // Written: the worker may have run them. Fail them; a writer still WRITING settles its own.
                    boolean first = true;
                    for (var it = written.iterator(); it.hasNext(); ) {
                        Chunk c = it.next();
                        if (c.state != WRITTEN) {
                            continue;
                        }
                        it.remove();
                        c.state = SETTLED;
                        failures.add(new Failure(c, failureOf(c, first, status)));
                        first = false;
                    }
                    if (slots[slot] == this) {
                        slots[slot] = null;
                    }
                    replace = !releasing;
                    if (replace) {
                        pendingStarts++;
                    }
                    claimed = dispatch();
                }
                stopSender();
                kickAll(claimed);
            } finally {
                report(failures);
            }
            if (replace) {
                replaceMe();
            } else {
                failQueueIfNoWorker(null);
            }
        }

        /** Lock held. */
        private Throwable failureOf(Chunk c, boolean head, int status) {
            String err = stderr.since(c.stderrMark);
            String tail = err.isEmpty() ? "" : "; its stderr since then: " + err;
            if (c == timedOut) {
                return new TimeoutException(c.describe() + " ran longer than the "
                        + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms per-task limit"
                        + (c.size() > 1 ? " (x " + c.size() + " tasks)" : "")
                        + "; worker pid " + pid + " was killed" + (releasing ? "" : " and replaced"));
            }
            String what = head && timedOut == null ? " while running " + c.describe()
                    : " before answering " + c.describe() + ", which had been sent to it (it may have run, so it is not sent again)";
            return new WorkerDiedException(deathNote + what + tail, pid, status);
        }

        /** Starts a worker for this slot, retrying; if it cannot, the pool says it is short of workers. */
        private void replaceMe() {
            WorkerStartException failure = null;
            for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
                Worker fresh;
                try {
                    fresh = new Worker(slot);
                } catch (WorkerStartException e) {
                    failure = e;
                    if (!pauseBeforeRetry(attempt)) {
                        break;
                    }
                    continue;
                }
                boolean releasingNow;
                synchronized (lock) {
                    releasingNow = releasing;
                    if (!releasingNow) {
                        startingWorkers.add(fresh);
                    }
                }
                if (releasingNow) {
                    discard(fresh);
                    break;
                }
                try {
                    fresh.awaitReady();
                } catch (WorkerStartException e) {
                    failure = e;
                    synchronized (lock) {
                        startingWorkers.remove(fresh);
                    }
                    discard(fresh);
                    if (!pauseBeforeRetry(attempt)) {
                        break;
                    }
                    continue;
                }
                List<Worker> claimed = null;
                boolean discard = false;
                synchronized (lock) {
                    startingWorkers.remove(fresh);
                    if (releasing) {
                        discard = true;
                    } else if (!fresh.dead) {
                        slots[slot] = fresh;
                        claimed = dispatch();
                    }
                    // A fresh worker that died already was settled by its reader, which replaces it in turn.
                    pendingStarts--;
                }
                if (discard) {
                    discard(fresh);
                    failQueueIfNoWorker(null);
                    return;
                }
                kickAll(claimed);
                return;
            }
            boolean wasReleasing;
            synchronized (lock) {
                pendingStarts--;
                wasReleasing = releasing;
                if (!releasing && failure != null) {
                    lastStartFailure = failure;
                    shortOfWorkers = "could not start a replacement for worker pid " + pid + " in " + START_ATTEMPTS
                            + " attempts: " + failure.getMessage();
                }
            }
            if (!wasReleasing && failure != null) {
                System.err.println("poolbench: FIXED_PROCESS_POOL could not replace worker pid " + pid + ": "
                        + failure.getMessage());
            }
            failQueueIfNoWorker(failure);
        }

        /** Waits a little longer after each failed start; false when the pool is being released. */
        private boolean pauseBeforeRetry(int attempt) {
            synchronized (lock) {
                if (releasing) {
                    return false;
                }
            }
            if (attempt == START_ATTEMPTS) {
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

        private void discard(Worker w) {
            w.closeStdin();
            w.kill();
            w.reap();
            w.stopSender();
        }

        void closeStdin() {
            try {
                out.close();
            } catch (IOException ignored) {
                // already gone
            }
        }

        /**
         * SIGKILL through the process handle: unlike {@code Process.destroyForcibly()}, it leaves
         * our ends of the pipes open, so the stderr copier still reads what the worker printed
         * last (reap closes them).
         */
        void kill() {
            process.toHandle().destroyForcibly();
        }

        /** Waits (bounded) for the process to be gone and closes our ends of its pipes. */
        void reap() {
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    kill();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stderr.awaitEnd();
            try {
                in.close();
            } catch (IOException ignored) {
                // closing our own end
            }
            closeStdin();
        }
    }
}
