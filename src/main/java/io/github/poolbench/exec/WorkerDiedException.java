package io.github.poolbench.exec;

/**
 * The child process running a task ended without giving its result (killed by a signal,
 * crashed, exited early). The message names the child's pid and exit status.
 */
public final class WorkerDiedException extends RuntimeException {
    private final long pid;
    private final int exitStatus;

    public WorkerDiedException(String message, long pid, int exitStatus) {
        super(message);
        this.pid = pid;
        this.exitStatus = exitStatus;
    }

    public long pid() {
        return pid;
    }

    /** As the JDK reports it: the exit code, or 128 + the signal number when killed by a signal. */
    public int exitStatus() {
        return exitStatus;
    }
}
