package io.github.poolbench.exec;

/**
 * A child process could not be started, or it ended before it could do any work (a wrong
 * {@code java} path, a missing main class, a JVM that rejects its flags). The message names
 * the command that was run.
 */
public final class WorkerStartException extends RuntimeException {
    public WorkerStartException(String message) {
        super(message);
    }

    public WorkerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
