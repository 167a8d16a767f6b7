package io.github.poolbench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A run's Ctrl-C and its temporary files. On Ctrl-C (or any shutdown while the run is under way)
 * the hook says so in one line, lets the run's thread stop starting forks (it checks
 * {@link #interrupted()} before each one, and its output is dropped from then on), waits a
 * bounded time for it, then removes every temporary file and folder the run made. The results
 * are moved into place under the same lock, so a shutdown either finds them all in place or
 * leaves none of them.
 */
final class RunGuard implements AutoCloseable {
    /** How long the hook waits for the run's thread to stop (a fork killed by the same Ctrl-C ends at once). */
    private static final long WAIT_SECONDS = 10;

    private final Object lock = new Object();
    private final List<Path> temporaries = new ArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread hook;
    private final PrintStream err;
    private volatile boolean interrupted;
    private boolean committed;

    RunGuard(PrintStream err) {
        this.err = err;
        this.hook = new Thread(this::onShutdown, "poolbench-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    boolean interrupted() {
        return interrupted;
    }

    /** A temporary file or folder of the run, removed at the end whatever happens. */
    Path temporary(Path p) {
        synchronized (lock) {
            temporaries.add(p);
        }
        return p;
    }

    /** A new temporary folder in the system's temp folder, removed at the end. */
    Path temporaryFolder(String prefix) throws IOException {
        synchronized (lock) {
            if (interrupted) {
                throw new Interrupted();
            }
            return temporary(Files.createTempDirectory(prefix));
        }
    }

    /** Runs {@code commit} (the moves of the results into place) unless a shutdown began first. */
    void commit(IoAction commit) throws IOException {
        synchronized (lock) {
            if (interrupted) {
                throw new Interrupted();
            }
            commit.run();
            committed = true;
        }
    }

    interface IoAction {
        void run() throws IOException;
    }

    /** Thrown on the run's thread once a shutdown began. */
    static final class Interrupted extends RuntimeException {
        Interrupted() {
            super("interrupted", null, false, false);
        }
    }

    /** The run's thread is done: temporaries removed, hook removed (unless the JVM is already shutting down). */
    @Override
    public void close() {
        stopped.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            return; // shutting down: the hook removes them
        }
        removeTemporaries();
    }

    private void onShutdown() {
        interrupted = true;
        synchronized (lock) {
            if (!committed) {
                err.println("poolbench: interrupted; no results written, temporary files removed");
                err.flush();
            }
        }
        try {
            stopped.await(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        removeTemporaries();
    }

    private void removeTemporaries() {
        synchronized (lock) {
            for (Path p : temporaries) {
                deleteTree(p);
            }
            temporaries.clear();
        }
    }

    static void deleteTree(Path p) {
        try {
            if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                io.github.poolbench.report.OutputFolder.deleteRecursively(p);
            } else {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // best effort: a file someone else holds stays
        }
    }
}
