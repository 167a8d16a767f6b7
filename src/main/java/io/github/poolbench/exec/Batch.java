package io.github.poolbench.exec;

/** Counts down the chunks of one map call and keeps the first error. */
final class Batch {
    private int remaining;
    private Throwable error;

    Batch(int chunks) {
        this.remaining = chunks;
    }

    synchronized void done(Throwable failure) {
        if (failure != null && error == null) {
            error = failure;
        }
        if (--remaining == 0) {
            notifyAll();
        }
    }

    synchronized Throwable await() {
        boolean interrupted = false;
        while (remaining > 0) {
            try {
                wait();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return error;
    }
}
