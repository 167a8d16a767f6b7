package io.github.poolbench.history;

/**
 * A failure a user can cause, with the one line that says so and the exit status it leads to
 * ({@link HistoryCli#BAD_INPUT} or {@link HistoryCli#STORE_FAILED}).
 */
final class HistoryException extends Exception {
    private final int exitStatus;

    HistoryException(int exitStatus, String message) {
        super(message);
        this.exitStatus = exitStatus;
    }

    HistoryException(int exitStatus, String message, Throwable cause) {
        super(message, cause);
        this.exitStatus = exitStatus;
    }

    int exitStatus() {
        return exitStatus;
    }

    static HistoryException badInput(String message) {
        return new HistoryException(HistoryCli.BAD_INPUT, message);
    }

    static HistoryException store(String message, Throwable cause) {
        return new HistoryException(HistoryCli.STORE_FAILED, message, cause);
    }
}
