package io.github.poolbench.exec;

import io.github.poolbench.worker.Protocol;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One worker JVM of a {@link ProcessPool} as a process: started with an explicit argv, its
 * hello, its pipes, kill and reap, and the copier of its stderr ({@link StderrTail}, the only
 * thread this class starts). It knows no chunks: {@link LaneWriter} writes its {@link #stdin},
 * {@link AnswerReader} reads its {@link #stdout}.
 */
final class WorkerProcess {
    private static final long START_TIMEOUT_MILLIS = 60_000;

    final Process process;
    final long pid;
    final List<String> argv;
    /** The JDK's buffered pipe: each piece is written, then flushed. Only the lane's writer writes it. */
    final OutputStream stdin;
    /** Only the lane's reader reads it. */
    final InputStream stdout;
    private final StderrTail stderr;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();

    /** Starts the process and its stderr copier; throws WorkerStartException naming the command if it cannot. */
    WorkerProcess(List<String> argv, ThreadTracker tracker) {
        this.argv = argv;
        try {
            process = new ProcessBuilder(argv).start();
        } catch (IOException e) {
            throw new WorkerStartException("could not start a worker: " + ChildJvm.describe(argv) + ": "
                    + String.valueOf(e.getMessage()).trim(), e);
        }
        pid = process.pid();
        stdin = process.getOutputStream();
        stdout = process.getInputStream();
        stderr = new StderrTail(process, pid);
        Thread t = new Thread(stderr, "poolbench-worker-" + pid + "-stderr");
        t.setDaemon(true);
        tracker.track(t).start();
    }

    // ---------------------------------------------------------------- hello

    /** Reader thread: reads the worker's hello, and says it is ready. */
    void readHello() throws IOException {
        Protocol.readHello(stdout);
        ready.complete(null);
    }

    /** Reader thread: the hello did not come; kills and reaps the worker and says why it failed to start. */
    void failStart(IOException e) {
        kill();
        reap();
        String status = process.isAlive() ? "still running" : ExitStatus.describe(process.exitValue());
        String err = stderr.since(0);
        String why = e instanceof EOFException ? "ended (" + status + ") before it was ready"
                : "did not say hello (" + e.getMessage() + "; " + status + ")";
        ready.completeExceptionally(new WorkerStartException("worker " + why + ": " + ChildJvm.describe(argv)
                + (err.isEmpty() ? "" : "; its stderr: " + err)));
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

    // ---------------------------------------------------------------- stderr

    /** The count of stderr lines so far (see {@link #stderrSince}). */
    long stderrMark() {
        return stderr.mark();
    }

    /** The kept stderr lines numbered {@code mark} or later, joined with " | " ("" when none). */
    String stderrSince(long mark) {
        return stderr.since(mark);
    }

    // ---------------------------------------------------------------- life and death

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits up to {@code millis} for it to exit; true when it has. */
    boolean waitFor(long millis) throws InterruptedException {
        return process.waitFor(millis, TimeUnit.MILLISECONDS);
    }

    /** Waits up to {@code nanos} for it to exit; true when it has. */
    boolean waitForNanos(long nanos) throws InterruptedException {
        return process.waitFor(nanos, TimeUnit.NANOSECONDS);
    }

    int exitStatusOrMinusOne() {
        return process.isAlive() ? -1 : process.exitValue();
    }

    /** A worker exits when its input ends. */
    void closeStdin() {
        try {
            stdin.close();
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
            stdout.close();
        } catch (IOException ignored) {
            // closing our own end
        }
        closeStdin();
    }
}
