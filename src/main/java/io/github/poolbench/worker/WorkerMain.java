package io.github.poolbench.worker;

import io.github.poolbench.workload.Task;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Entry point of every child JVM the process strategies start (same {@code java}, same jar).
 *
 * <pre>
 *   WorkerMain serve [--answer-at-once]   a pool worker: requests on stdin, responses on stdout,
 *                                         until stdin ends
 *   WorkerMain once TASK_ID PARAM INPUT   a one-shot child: runs one task, writes one response, exits
 *   WorkerMain train                      what a class archive of the tuned flag set is recorded from
 * </pre>
 * Both speak {@link Protocol}. Before anything else the protocol stream is taken from file
 * descriptor 1 and {@code System.out} is pointed at stderr, so a stray {@code println} (ours or a
 * library's) lands on stderr and cannot corrupt a frame.
 *
 * <p>A pool worker exits as soon as its stdin ends: that is how the parent's {@code close()}
 * stops it, and how it notices the parent died (the kernel closes the pipe's write end when
 * the parent goes, even on SIGKILL); a busy worker, which reads stdin only between chunks,
 * notices it by a watcher thread, so no worker outlives its parent. A task's exception is
 * sent back as an error value; the worker goes on. Exit codes: 0 stdin ended; 2 bad arguments;
 * 3 broken protocol stream (a request cut short, over the frame cap, or malformed; or stdout broke);
 * 4 the parent died while a chunk ran (see {@link #watchParent}).
 */
public final class WorkerMain {
    static final int EXIT_USAGE = 2;
    static final int EXIT_PROTOCOL = 3;

    private WorkerMain() {
    }

    public static void main(String[] args) {
        OutputStream protocolOut = takeProtocolStream();
        int code;
        if (args.length == 1 && "serve".equals(args[0])) {
            code = serve(protocolOut, true);
        } else if (args.length == 2 && "serve".equals(args[0]) && ANSWER_AT_ONCE.equals(args[1])) {
            code = serve(protocolOut, false);
        } else if (args.length == 4 && "once".equals(args[0])) {
            code = once(args, protocolOut);
        } else if (args.length == 1 && "train".equals(args[0])) {
            code = train();
        } else {
            System.err.println("usage: WorkerMain serve | WorkerMain once TASK_ID PARAM INPUT | WorkerMain train");
            code = EXIT_USAGE;
        }
        // Success returns from main instead of calling System.exit: since JDK 21, exit() looks
        // up a System.Logger to log the call (JDK-8301627), which cost a one-shot JDK 25 child
        // ~30 ms of CPU, more than half of its whole tuned start-up.
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Takes file descriptor 1 for the protocol and points {@code System.out} at stderr. */
    public static OutputStream takeProtocolStream() {
        OutputStream protocolOut = new FileOutputStream(FileDescriptor.out);
        System.setOut(System.err);
        return protocolOut;
    }

    private static int serve(OutputStream protocolOut, boolean hold) {
        watchParent();
        return serve(new FileInputStream(FileDescriptor.in), protocolOut, hold);
    }

    /**
     * {@code serve} option: every answer leaves as soon as its chunk is run, never held for the
     * next one, so the parent sees when each chunk ended (what a per-task time limit needs).
     */
    public static final String ANSWER_AT_ONCE = "--answer-at-once";

    /** How often a pool worker checks that its parent is alive. */
    static final long PARENT_CHECK_MILLIS = 200;
    /** Exit code of a worker whose parent died while it ran a chunk. */
    static final int EXIT_ORPHANED = 4;

    /**
     * End of stdin tells an idle worker that its parent is gone; a busy one reads its stdin
     * only after its chunk. So a daemon thread checks the parent every
     * {@link #PARENT_CHECK_MILLIS} and halts the worker once it is gone (a chunk has no one
     * left to answer to).
     */
    private static void watchParent() {
        ProcessHandle parent = ProcessHandle.current().parent().orElse(null);
        if (parent == null) {
            return;
        }
        Thread t = new Thread(() -> {
            while (parent.isAlive()) {
                try {
                    Thread.sleep(PARENT_CHECK_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
            System.err.println("poolbench worker: parent pid " + parent.pid() + " is gone; exiting");
            Runtime.getRuntime().halt(EXIT_ORPHANED);
        }, "poolbench-parent-watch");
        t.setDaemon(true);
        t.start();
    }

    /**
     * The pool worker's loop: hello, then one request read and answered after another, until
     * {@code in} ends between two requests. Returns the exit code. Public so that test workers
     * can serve normally between the faults they inject.
     *
     * <p>Answers leave at once, with one exception that saves a write and a wake-up of the
     * parent's reader per answer when tasks are tiny: while the next request is already read
     * ahead, is for the same job, and the chunk just run took under {@link #HOLD_TASK_NANOS},
     * its answer waits to go out with the next one, for at most {@link #HOLD_NANOS} and
     * {@link #HOLD_BYTES}. A slow chunk, a different job, or an empty input flushes everything.
     */
    public static int serve(InputStream in, OutputStream out) {
        return serve(in, out, true);
    }

    /** {@link #serve(InputStream, OutputStream)}; with {@code hold} false no answer is ever held back. */
    public static int serve(InputStream in, OutputStream out, boolean hold) {
        Protocol.FrameReader frames = new Protocol.FrameReader(in);
        Protocol.Request request = new Protocol.Request();
        Protocol.ResponseWriter response = new Protocol.ResponseWriter();
        byte[] held = new byte[HOLD_BYTES + 4096];
        int heldBytes = 0;
        long heldSince = 0;
        try {
            out.write(Protocol.hello(ProcessHandle.current().pid()));
            out.flush();
            while (true) {
                int length = frames.next();
                if (length < 0) {
                    return 0; // the parent closed our stdin, or died
                }
                Protocol.decodeRequest(frames.buffer(), length, request);
                long start = System.nanoTime();
                runChunk(request.taskId, request.param, request.inputs, request.count, response);
                response.finish(request.seq);
                long end = System.nanoTime();
                if (heldBytes == 0) {
                    heldSince = start;
                }
                boolean holdThis = hold && end - start < HOLD_TASK_NANOS && end - heldSince < HOLD_NANOS
                        && heldBytes + response.size() <= HOLD_BYTES && frames.hasBufferedFrame()
                        && frames.peekInt(4) == request.taskId && frames.peekInt(8) == request.param;
                if (holdThis) {
                    System.arraycopy(response.buffer(), 0, held, heldBytes, response.size());
                    heldBytes += response.size();
                    continue;
                }
                if (heldBytes > 0) {
                    out.write(held, 0, heldBytes);
                    heldBytes = 0;
                }
                out.write(response.buffer(), 0, response.size());
                out.flush();
            }
        } catch (Protocol.ProtocolException e) {
            System.err.println("poolbench worker: protocol error on stdin: " + e.getMessage());
            return EXIT_PROTOCOL;
        } catch (IOException e) {
            // Typically EPIPE: the parent is gone. Nothing to report to.
            return EXIT_PROTOCOL;
        }
    }

    /** A chunk that ran at least this long is answered at once (see {@link #serve}). */
    static final long HOLD_TASK_NANOS = 20_000;
    /** Longest an answer waits for the next one (see {@link #serve}). */
    static final long HOLD_NANOS = 100_000;
    /** Most answer bytes held back (see {@link #serve}). */
    static final int HOLD_BYTES = 16 << 10;

    /** Runs the tasks of one request in order; the first exception ends the chunk, as in CPython's map. */
    public static void runChunk(int taskId, int param, int[] inputs, int count, Protocol.ResponseWriter response) {
        response.begin();
        Task task;
        try {
            task = Task.fromWireId(taskId);
        } catch (RuntimeException e) {
            response.putError(Protocol.describe(e));
            return;
        }
        for (int i = 0; i < count; i++) {
            Object value;
            try {
                value = task.run(inputs[i], param);
            } catch (Throwable t) {
                response.putError(Protocol.describe(t));
                return;
            }
            if (!response.putValue(value)) {
                return;
            }
        }
    }

    /**
     * The run a class archive (AppCDS or AOT cache) is recorded from: the one-shot path, and
     * the bare main of the runtime floor, so that a floor JVM with the same archive loads its
     * main from the archive too and stays a floor.
     */
    private static int train() {
        Protocol.ResponseWriter response = new Protocol.ResponseWriter();
        runChunk(1, 0, new int[] {41}, 1, response);
        try {
            response.writeTo(OutputStream.nullOutputStream(), 0);
        } catch (IOException e) {
            return EXIT_PROTOCOL;
        }
        return BareMain.class.getName().isEmpty() ? EXIT_USAGE : 0;
    }

    private static int once(String[] args, OutputStream protocolOut) {
        int taskId;
        int param;
        int input;
        try {
            taskId = Integer.parseInt(args[1]);
            param = Integer.parseInt(args[2]);
            input = Integer.parseInt(args[3]);
        } catch (NumberFormatException e) {
            System.err.println("poolbench worker: once needs three integers, got " + String.join(" ", args));
            return EXIT_USAGE;
        }
        Protocol.ResponseWriter response = new Protocol.ResponseWriter();
        runChunk(taskId, param, new int[] {input}, 1, response);
        try {
            response.writeTo(protocolOut, 0);
            protocolOut.flush();
            return 0;
        } catch (IOException e) {
            return EXIT_PROTOCOL;
        }
    }
}
