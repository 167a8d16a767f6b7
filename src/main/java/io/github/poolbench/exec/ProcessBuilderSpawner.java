package io.github.poolbench.exec;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The JDK's {@link ProcessBuilder}: on Linux it starts children through {@code jspawnhelper}
 * with {@code posix_spawn} (the default launch mechanism since JDK 12; {@code VFORK} and
 * {@code FORK} are chosen per JVM, see {@link LaunchMechanisms}), and a JDK "process reaper"
 * thread waits for each child's exit, so {@link Process#waitFor()} returns as soon as the
 * kernel reports it.
 *
 * <h2>stdout and stderr without a thread per child</h2>
 * The calling thread reads stdout to its end. Reading stderr after that from a pipe would hang
 * a child that writes more than a pipe holds (64 KiB) to stderr before it closes stdout, and
 * reading both at once takes a second thread per child. So stderr goes to a file instead: one
 * per calling thread, in the temporary directory, truncated by each child's start (each thread
 * runs one child at a time) and read after the child has exited (its last 64 KiB), and deleted
 * by {@link #close()}. A child that writes a lot to stderr fills a file, never blocks.
 */
final class ProcessBuilderSpawner implements Spawner {
    /** The most of a child's stderr kept: its end, for the error message. */
    static final int STDERR_TAIL_BYTES = BoundedCapture.STDERR_TAIL_BYTES;
    private final KillTimer timer = new KillTimer();
    private final Queue<Path> stderrFiles = new ConcurrentLinkedQueue<>();
    private final ThreadLocal<Path> stderrFile = new ThreadLocal<>();

    @Override
    public Outcome run(List<String> argv, long timeoutMillis) throws InterruptedException {
        Path errFile = stderrFile();
        Process p;
        try {
            p = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.to(errFile.toFile())).start();
        } catch (IOException e) {
            throw new WorkerStartException("could not start " + ChildJvm.describe(argv) + ": " + String.valueOf(e.getMessage()).trim(), e);
        }
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> kill = timeoutMillis > 0 ? timer.schedule(() -> {
            timedOut.set(true);
            KillTimer.killTree(p.pid()); // a grandchild holding stdout must not hold run()
        }, timeoutMillis) : null;
        try {
            p.getOutputStream().close();
            byte[] out = readBounded(p.getInputStream());
            int status = p.waitFor();
            return new Outcome(p.pid(), status, out, tail(errFile), timedOut.get());
        } catch (IOException e) {
            // Reading our own end of a pipe failed: the child is killed below; report what we know.
            p.destroyForcibly();
            int status = p.waitFor();
            return new Outcome(p.pid(), status, new byte[0], ("reading the child's output failed: " + e).getBytes(),
                    timedOut.get());
        } finally {
            if (kill != null) {
                kill.cancel(false);
            }
            if (p.isAlive()) {
                // Only on interrupt: never leave a child behind.
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
            closeQuietly(p);
        }
    }

    private Path stderrFile() {
        Path f = stderrFile.get();
        if (f == null || !stderrFiles.contains(f)) { // none yet on this thread, or deleted by close()
            try {
                f = TempFiles.createFile("poolbench-stderr-", ".txt");
            } catch (IOException e) {
                throw new WorkerStartException("could not create a file for the children's stderr in "
                        + System.getProperty("java.io.tmpdir") + ": " + e.getMessage(), e);
            }
            f.toFile().deleteOnExit();
            stderrFile.set(f);
            stderrFiles.add(f);
        }
        return f;
    }

    /** stdout to its end, keeping its first {@link BoundedCapture#STDOUT_HEAD_BYTES}. */
    private static byte[] readBounded(java.io.InputStream in) throws IOException {
        BoundedCapture kept = BoundedCapture.head(BoundedCapture.STDOUT_HEAD_BYTES);
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) >= 0) {
            kept.write(buf, 0, n);
        }
        return kept.toByteArray();
    }

    /** The last {@link #STDERR_TAIL_BYTES} of the file (usually nothing: one stat). */
    static byte[] tail(Path file) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long size = f.length();
            if (size == 0) {
                return new byte[0];
            }
            int n = (int) Math.min(size, STDERR_TAIL_BYTES);
            byte[] b = new byte[n];
            f.seek(size - n);
            f.readFully(b);
            return b;
        }
    }

    @Override
    public void close() {
        timer.close();
        Path f;
        while ((f = stderrFiles.poll()) != null) {
            try {
                Files.deleteIfExists(f);
            } catch (IOException ignored) {
                // a temporary file that cannot be deleted now goes at exit (deleteOnExit)
            }
        }
    }

    private static void closeQuietly(Process p) {
        try {
            p.getInputStream().close();
        } catch (IOException ignored) {
            // the child is gone; nothing left to release
        }
    }
}
