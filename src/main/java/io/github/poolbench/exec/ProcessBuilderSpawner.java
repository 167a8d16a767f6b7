package io.github.poolbench.exec;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The JDK's {@link ProcessBuilder}: on Linux it starts children through {@code jspawnhelper}
 * with {@code posix_spawn} (the default launch mechanism since JDK 12), and a JDK "process
 * reaper" thread waits for each child's exit, so {@link Process#waitFor()} returns as soon as
 * the kernel reports it.
 *
 * <p>The child's stdout is read to its end, then stderr: a one-shot worker writes a few bytes
 * to stdout and usually nothing to stderr, far below the 64 KiB a pipe holds, so reading them
 * one after the other cannot block the child, and no pumping thread per child is needed.
 */
final class ProcessBuilderSpawner implements Spawner {
    private final KillTimer timer = new KillTimer();

    @Override
    public Outcome run(List<String> argv, long timeoutMillis) throws InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(argv).start();
        } catch (IOException e) {
            throw new WorkerStartException("could not start " + ChildJvm.describe(argv) + ": " + String.valueOf(e.getMessage()).trim(), e);
        }
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> kill = timeoutMillis > 0 ? timer.schedule(() -> {
            timedOut.set(true);
            p.destroyForcibly();
        }, timeoutMillis) : null;
        try {
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            byte[] err = p.getErrorStream().readAllBytes();
            int status = p.waitFor();
            return new Outcome(p.pid(), status, out, err, timedOut.get());
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

    @Override
    public void close() {
        timer.close();
    }

    private static void closeQuietly(Process p) {
        try {
            p.getInputStream().close();
            p.getErrorStream().close();
        } catch (IOException ignored) {
            // the child is gone; nothing left to release
        }
    }
}
