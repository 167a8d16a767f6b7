package io.github.poolbench.exec;

/** A task raised an exception (its cause) or its worker died while running it. */
public final class TaskFailedException extends RuntimeException {
    public TaskFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
