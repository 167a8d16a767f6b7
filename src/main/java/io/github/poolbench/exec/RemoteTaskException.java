package io.github.poolbench.exec;

/**
 * A task threw inside a child process. Exceptions do not cross the process boundary as
 * objects (no Java serialization): the child sends the exception's class and message as text,
 * and this carries it, with the pid of the child it happened in.
 */
public final class RemoteTaskException extends RuntimeException {
    private final long pid;

    public RemoteTaskException(String remoteError, long pid) {
        super(remoteError + " (in child pid " + pid + ")");
        this.pid = pid;
    }

    public long pid() {
        return pid;
    }
}
