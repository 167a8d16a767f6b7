package io.github.poolbench.gate;

/** A run the gate could not complete (a JMH run failed, wrote no row, timed out): one line, exit 2. */
public final class GateException extends Exception {
    public GateException(String message) {
        super(message);
    }

    public GateException(String message, Throwable cause) {
        super(message, cause);
    }
}
