package io.github.poolbench.exec;

import io.github.poolbench.worker.Protocol;
import io.github.poolbench.worker.WorkerMain;
import io.github.poolbench.workload.Job;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * FIXED_PROCESS_POOL: the document's {@code Pool(N)}. N long-lived worker JVMs
 * ({@link WorkerMain} {@code serve}, same {@code java} and jar), started when the pool is built
 * and fed chunks of tasks over their stdin; results come back on their stdout in the binary
 * {@link Protocol} (a task wire id and integers in; tagged Integer, String or error values out).
 *
 * <h2>Flow</h2>
 * <ul>
 *   <li>A chunk goes to the live worker with the fewest chunks in flight, as long as that is
 *       below the worker's window; otherwise it waits in the parent's backlog, and the first
 *       worker that answers takes the next one ("a worker that finishes takes the next task").
 *       Chunks sent to a worker cannot be taken back, so the window adapts: while a worker's
 *       tasks take under {@link #FAST_TASK_NANOS} each, up to {@link #MAX_WINDOW} chunks are in
 *       flight (the worker is never idle waiting for a round trip, and reads and writes
 *       batch); while they are slower (sleeps, CPU burns) only {@link #MIN_WINDOW}, so a slow
 *       task holds at most one other hostage and free workers take the rest. On this 2-core
 *       machine, under load, 1000 increments with chunksize 1 took 4.7-7.6 ms (best of 200)
 *       with a fixed window of 1-2 and 1.4-2.0 ms with 8 or more.</li>
 *   <li>Each worker has one sender at a time (whichever thread finds its outbox idle) that
 *       writes requests in order with no lock held, then flushes once: one {@code write} for
 *       all requests queued meanwhile. The worker answers in order and flushes every answer.
 *       Requests are only written while they fit in the pipe ({@link #PIPE_BUDGET}), so no
 *       thread ever waits on a full pipe, and readers (which also send) cannot deadlock with
 *       a worker that is waiting for them to read.</li>
 *   <li>One reader thread per worker reads answers and completes them; callbacks run on the
 *       single result-handler thread of {@link AbstractTaskPool}, in this process.</li>
 *   <li>Each worker's stderr is copied to ours, prefixed with its pid; the last lines are kept
 *       for error messages.</li>
 * </ul>
 *
 * <h2>Faults</h2>
 * <ul>
 *   <li><b>A worker dies</b> (SIGKILL, crash, a corrupt stream): the chunk it was running fails
 *       with a {@link WorkerDiedException} naming its pid and exit status; chunks queued behind
 *       it had not started (a worker runs one chunk at a time, in order, and flushes each answer,
 *       so every answer written before death is still read) and go to the other workers. A
 *       task is never run twice: tasks are not assumed idempotent. A fresh worker takes the dead
 *       one's place; later calls succeed.</li>
 *   <li><b>Per-task time limit</b> ({@code taskTimeoutMillis > 0}): a watchdog kills a worker
 *       whose current chunk has run longer than the limit times the chunk's size; that chunk
 *       fails with a {@link TimeoutException}, and the worker is replaced as above.</li>
 *   <li><b>A worker that cannot start</b> (bad {@code java}, missing class, bad flags): one
 *       {@link WorkerStartException} naming the command, its exit status and its stderr.</li>
 *   <li><b>The parent dies</b>, even by SIGKILL: the kernel closes the parent's end of each
 *       worker's stdin, and a worker exits on end of input.</li>
 *   <li>{@link #close()}: closes every worker's stdin, gives them {@link #GRACE_MILLIS} to exit,
 *       then kills what is left and waits for it; no child, thread or pipe is left.</li>
 * </ul>
 * Every wait is bounded except for a task's own run time (bound it with the time limit).
 */
final class ProcessPool extends AbstractTaskPool {
    /**
     * Most bytes of requests sent to one worker and not yet answered: the capacity of a pipe
     * in the worst case (Linux shrinks new pipes to one page when a user has many), so a write
     * always fits in the pipe and never waits for the worker (see {@link Worker#drain()}).
     */
    static final int PIPE_BUDGET = 4096;
    /** Chunks in flight per worker while its tasks are slow (or not yet timed): balance first. */
    static final int MIN_WINDOW = 2;
    /** Chunks in flight per worker while its tasks are fast: hide the round trip, batch the writes. */
    static final int MAX_WINDOW = 16;
    /** A chunk whose tasks took less than this each counts as fast. */
    static final long FAST_TASK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    static final long GRACE_MILLIS = 2_000;
    private static final long START_TIMEOUT_MILLIS = 60_000;

    private final ChildJvm jvm;
    private final String workerMain;
    private final long timeoutNanos;
    private final ThreadTracker tracker = new ThreadTracker();
    private final Object lock = new Object();
    private final Worker[] slots; // guarded by lock; null while a slot's replacement starts
    private final ArrayDeque<Chunk> backlog = new ArrayDeque<>(); // guarded by lock
    private int starting; // replacements under way; guarded by lock
    private boolean releasing; // guarded by lock
    private WorkerStartException lastStartFailure; // guarded by lock
    private final ScheduledExecutorService watchdog;

    ProcessPool(PoolConfig config) {
        this(config, ChildJvm.forFlags(config.jvmFlags()), WorkerMain.class.getName());
    }

    /** Tests start pools with another JVM or main class to see how start failures are reported. */
    ProcessPool(PoolConfig config, ChildJvm jvm, String workerMain) {
        super("FIXED_PROCESS_POOL", config.workers());
        this.jvm = jvm;
        this.workerMain = workerMain;
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(config.taskTimeoutMillis());
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
                return t;
            });
            watchdog.scheduleWithFixedDelay(this::killOverdue, period, period, TimeUnit.MILLISECONDS);
        } else {
            watchdog = null;
        }
    }

    @Override
    protected void submitChunk(Job job, int[] inputs, int from, int to, ChunkSink sink) {
        Chunk c = new Chunk(job, inputs, from, to, sink);
        List<Worker> toDrain;
        synchronized (lock) {
            if (live() == 0 && starting == 0) {
                throw new WorkerStartException("FIXED_PROCESS_POOL has no live worker left: "
                        + (lastStartFailure == null ? "all died" : lastStartFailure.getMessage()), lastStartFailure);
            }
            backlog.add(c); // behind anything already waiting, so chunks go out in the order they came
            toDrain = dispatchBacklog();
        }
        for (Worker w : toDrain) {
            w.drain();
        }
    }

    @Override
    protected void release() {
        List<Worker> workers = new ArrayList<>();
        synchronized (lock) {
            releasing = true;
            for (Worker w : slots) {
                if (w != null) {
                    workers.add(w);
                }
            }
        }
        if (watchdog != null) {
            watchdog.shutdownNow();
            awaitQuietly(watchdog);
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
        }
        // Replacement threads notice `releasing` and kill what they started; wait for them too.
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

    /** Chunks the worker with this pid holds (sent or about to be), for tests; 0 when there is no such worker. */
    int chunksHeldBy(long pid) {
        synchronized (lock) {
            for (Worker w : slots) {
                if (w != null && w.pid == pid) {
                    return w.inFlight.size();
                }
            }
            return 0;
        }
    }

    /** Threads of the pool still alive (readers, stderr copiers, replacements), for tests. */
    int aliveThreads() {
        return tracker.alive();
    }

    // ---------------------------------------------------------------- dispatch (lock held)

    private Worker idlest() {
        Worker best = null;
        for (Worker w : slots) {
            if (w != null && !w.dead && w.inFlight.size() < w.window
                    && (best == null || w.inFlight.size() < best.inFlight.size())) {
                best = w;
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

    /** Moves backlog chunks to workers with room; returns the workers that now need a sender. */
    private List<Worker> dispatchBacklog() {
        List<Worker> toDrain = new ArrayList<>(2);
        while (!backlog.isEmpty()) {
            Worker w = idlest();
            if (w == null) {
                break;
            }
            if (w.enqueue(backlog.poll())) {
                toDrain.add(w); // enqueue says true once per worker, until its sender is done
            }
        }
        return toDrain;
    }

    private void killOverdue() {
        List<Worker> overdue = new ArrayList<>();
        long now = System.nanoTime();
        synchronized (lock) {
            for (Worker w : slots) {
                if (w == null || w.dead || w.timedOut != null) {
                    continue;
                }
                Chunk head = w.inFlight.peek();
                if (head != null && now - w.headSince > timeoutNanos * (head.to - head.from)) {
                    w.timedOut = head;
                    overdue.add(w);
                }
            }
        }
        for (Worker w : overdue) {
            w.kill(); // its reader sees the end of the stream and handles the rest
        }
    }

    // ---------------------------------------------------------------- one worker process

    /** A chunk of one map (or one applyAsync) on its way through a worker. */
    private static final class Chunk {
        final Job job;
        final int[] inputs;
        final int from;
        final int to;
        final ChunkSink sink;
        int seq;

        Chunk(Job job, int[] inputs, int from, int to, ChunkSink sink) {
            this.job = job;
            this.inputs = inputs;
            this.from = from;
            this.to = to;
            this.sink = sink;
        }

        int requestBytes() {
            return 4 + Protocol.REQUEST_HEADER + 4 * (to - from);
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

    private final class Worker {
        final int slot;
        final Process process;
        final long pid;
        final List<String> argv;
        final DataOutputStream out;
        final DataInputStream in;
        final CompletableFuture<Void> ready = new CompletableFuture<>();
        final StderrTail stderr;
        final ArrayDeque<Chunk> inFlight = new ArrayDeque<>(); // sent or queued to send, in order; guarded by lock
        final ArrayDeque<Chunk> outbox = new ArrayDeque<>(); // not yet written; guarded by lock
        boolean sending; // a thread is writing the outbox; guarded by lock
        long unanswered; // bytes of requests written (or being written) and not yet answered; guarded by lock
        boolean dead; // guarded by lock
        long headSince; // when the head of inFlight became the worker's current chunk; guarded by lock
        Chunk timedOut; // the chunk the watchdog killed this worker for; guarded by lock
        int nextSeq; // guarded by lock
        int window = MIN_WINDOW; // guarded by lock

        Worker(int slot) {
            this.slot = slot;
            this.argv = jvm.command(workerMain, "serve");
            try {
                process = new ProcessBuilder(argv).start();
            } catch (IOException e) {
                throw new WorkerStartException("could not start a worker: " + ChildJvm.describe(argv) + ": "
                        + String.valueOf(e.getMessage()).trim(), e);
            }
            pid = process.pid();
            out = new DataOutputStream(new BufferedOutputStream(process.getOutputStream(), 1 << 16));
            in = new DataInputStream(new BufferedInputStream(process.getInputStream(), 1 << 16));
            stderr = new StderrTail(process, pid);
            start(stderr, "poolbench-worker-" + pid + "-stderr");
            start(this::readLoop, "poolbench-worker-" + pid + "-reader");
        }

        private void start(Runnable r, String name) {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            tracker.track(t).start();
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

        /** Adds a chunk to this worker's queue; true when the caller must become its sender. */
        boolean enqueue(Chunk c) {
            c.seq = nextSeq++;
            if (inFlight.isEmpty()) {
                headSince = System.nanoTime();
            }
            inFlight.add(c);
            outbox.add(c);
            if (sending) {
                return false;
            }
            sending = true;
            return true;
        }

        /**
         * Writes the outbox in order, as far as the pipe budget allows, then flushes; no lock is
         * held while writing. A request is written only when every byte sent to this worker and
         * not yet answered, plus the request, fits in {@link #PIPE_BUDGET}, or when nothing is
         * unanswered (the worker then waits in a read and takes the whole request before it
         * writes anything). So a write never waits for the worker, and a reader thread, which
         * also sends, can never block on a worker that is itself blocked writing an answer that
         * reader should be reading. What does not fit waits in the outbox for the next answer.
         */
        void drain() {
            while (true) {
                Chunk c;
                synchronized (lock) {
                    c = outbox.peek();
                    if (c != null && (unanswered == 0 || unanswered + c.requestBytes() <= PIPE_BUDGET)) {
                        outbox.poll();
                        unanswered += c.requestBytes();
                    } else {
                        c = null;
                        sending = false;
                    }
                }
                try {
                    synchronized (out) {
                        if (c == null) {
                            out.flush();
                            return;
                        }
                        Protocol.writeRequest(out, c.seq, c.job.task().wireId(), c.job.param(), c.inputs, c.from, c.to);
                    }
                } catch (IOException e) {
                    // The worker is gone (broken pipe). Its reader sees the end of its stdout and
                    // settles every chunk still in flight, this one included.
                    synchronized (lock) {
                        sending = false;
                        outbox.clear();
                    }
                    return;
                }
            }
        }

        private void readLoop() {
            try {
                Protocol.readHello(in);
            } catch (IOException e) {
                ready.completeExceptionally(startFailure(e));
                return;
            }
            ready.complete(null);
            byte[] buf = new byte[8192];
            int[] length = new int[1];
            Throwable cause;
            try {
                while (true) {
                    buf = Protocol.readFrame(in, buf, length);
                    complete(Protocol.decodeResponse(buf, length[0]));
                }
            } catch (EOFException e) {
                cause = null; // the usual way a worker ends
            } catch (IOException | RuntimeException e) {
                cause = e;
            }
            died(cause);
        }

        private WorkerStartException startFailure(IOException e) {
            kill();
            reap();
            String status = process.isAlive() ? "still running" : ExitStatus.describe(process.exitValue());
            String err = stderr.tail();
            String why = e instanceof EOFException ? "ended (" + status + ") before it was ready"
                    : "did not say hello (" + e.getMessage() + "; " + status + ")";
            return new WorkerStartException("worker " + why + ": " + ChildJvm.describe(argv)
                    + (err.isEmpty() ? "" : "; its stderr: " + err));
        }

        private void complete(Protocol.Response r) throws IOException {
            Chunk c;
            List<Worker> toDrain;
            synchronized (lock) {
                c = inFlight.peek();
                if (c == null || c.seq != r.seq()) {
                    throw new Protocol.ProtocolException("answer " + r.seq() + " does not match request "
                            + (c == null ? "(none in flight)" : c.seq));
                }
                if (!r.failed() && r.values().length != c.to - c.from) {
                    throw new Protocol.ProtocolException("answer " + r.seq() + " has " + r.values().length
                            + " values for " + (c.to - c.from) + " tasks");
                }
                inFlight.poll();
                unanswered -= c.requestBytes(); // the worker has read all of it: it answered
                long now = System.nanoTime();
                window = (now - headSince) / (c.to - c.from) < FAST_TASK_NANOS ? MAX_WINDOW : MIN_WINDOW;
                headSince = now;
                toDrain = dispatchBacklog();
                if (!sending && !outbox.isEmpty() && !toDrain.contains(this)) {
                    sending = true; // what waited for pipe budget may go now
                    toDrain.add(this);
                }
            }
            for (Worker w : toDrain) {
                w.drain();
            }
            if (r.failed()) {
                c.sink.failed(new RemoteTaskException(r.error(), pid));
            } else {
                c.sink.completed(r.values());
            }
        }

        /** The worker's stream ended or broke: settle what it held, then put a fresh worker in its place. */
        private void died(Throwable cause) {
            kill();
            reap();
            int status = process.isAlive() ? -1 : process.exitValue();
            Chunk head;
            boolean wasTimedOut;
            boolean replace;
            List<Worker> toDrain;
            synchronized (lock) {
                dead = true;
                head = inFlight.poll();
                wasTimedOut = head != null && head == timedOut;
                // The rest had not started: back to the front of the backlog, in order.
                Iterator<Chunk> rest = inFlight.descendingIterator();
                while (rest.hasNext()) {
                    backlog.addFirst(rest.next());
                }
                inFlight.clear();
                outbox.clear();
                replace = !releasing;
                if (slots[slot] == this) {
                    slots[slot] = null;
                }
                if (replace) {
                    starting++;
                }
                toDrain = dispatchBacklog();
            }
            for (Worker w : toDrain) {
                w.drain();
            }
            if (head != null) {
                head.sink.failed(wasTimedOut ? timeoutFailure(head) : deathFailure(head, status, cause));
            }
            if (replace) {
                replaceMe();
            } else {
                failBacklogIfNoWorker(null);
            }
        }

        private Throwable timeoutFailure(Chunk head) {
            long limit = TimeUnit.NANOSECONDS.toMillis(timeoutNanos);
            return new TimeoutException(head.describe() + " ran longer than the " + limit + " ms per-task limit"
                    + (head.to - head.from > 1 ? " (x " + (head.to - head.from) + " tasks)" : "")
                    + "; worker pid " + pid + " was killed and replaced");
        }

        private Throwable deathFailure(Chunk head, int status, Throwable cause) {
            String err = stderr.tail();
            return new WorkerDiedException("worker pid " + pid + " died with "
                    + (status < 0 ? "an unknown exit status" : ExitStatus.describe(status)) + " while running "
                    + head.describe() + (cause == null ? "" : " (" + cause.getMessage() + ")")
                    + (err.isEmpty() ? "" : "; its stderr: " + err), pid, status);
        }

        private void replaceMe() {
            Worker fresh = null;
            WorkerStartException failure = null;
            try {
                fresh = new Worker(slot);
                fresh.awaitReady();
            } catch (WorkerStartException e) {
                failure = e;
                if (fresh != null) {
                    fresh.kill();
                    fresh.reap();
                }
                fresh = null;
                System.err.println("poolbench: FIXED_PROCESS_POOL could not replace worker pid " + pid + ": " + e.getMessage());
            }
            List<Worker> toDrain = List.of();
            boolean discard = false;
            synchronized (lock) {
                starting--;
                if (failure != null) {
                    lastStartFailure = failure;
                } else if (releasing) {
                    discard = true;
                } else {
                    slots[slot] = fresh;
                    toDrain = dispatchBacklog();
                }
            }
            if (discard) {
                fresh.closeStdin();
                fresh.kill();
                fresh.reap();
                return;
            }
            for (Worker w : toDrain) {
                w.drain();
            }
            if (failure != null) {
                failBacklogIfNoWorker(failure);
            }
        }

        /** With no live worker and none starting, queued chunks would wait forever: fail them. */
        private void failBacklogIfNoWorker(WorkerStartException failure) {
            List<Chunk> orphans = new ArrayList<>();
            synchronized (lock) {
                if (live() == 0 && starting == 0) {
                    orphans.addAll(backlog);
                    backlog.clear();
                }
            }
            for (Chunk c : orphans) {
                c.sink.failed(new WorkerStartException("FIXED_PROCESS_POOL has no live worker left for "
                        + c.describe() + (failure == null ? "" : ": " + failure.getMessage()), failure));
            }
        }

        void closeStdin() {
            synchronized (out) {
                try {
                    out.close();
                } catch (IOException ignored) {
                    // already gone
                }
            }
        }

        void kill() {
            process.destroyForcibly();
        }

        /** Waits (bounded) for the process to be gone and closes our ends of its pipes. */
        void reap() {
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
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

    /** Copies a worker's stderr to ours, line by line with its pid, and keeps the last lines. */
    private static final class StderrTail implements Runnable {
        private static final int KEEP = 20;
        private final Process process;
        private final long pid;
        private final ArrayDeque<String> last = new ArrayDeque<>(); // guarded by this
        private final CompletableFuture<Void> ended = new CompletableFuture<>();

        StderrTail(Process process, long pid) {
            this.process = process;
            this.pid = pid;
        }

        @Override
        public void run() {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (this) {
                        if (last.size() == KEEP) {
                            last.poll();
                        }
                        last.add(line);
                    }
                    System.err.println("[poolbench worker " + pid + "] " + line);
                }
            } catch (IOException ignored) {
                // the pipe closed under us: the worker is gone
            } finally {
                ended.complete(null);
            }
        }

        void awaitEnd() {
            try {
                ended.get(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException ignored) {
                // a grandchild may hold the pipe open; the tail we have is enough
            }
        }

        synchronized String tail() {
            return String.join(" | ", last);
        }
    }
}
