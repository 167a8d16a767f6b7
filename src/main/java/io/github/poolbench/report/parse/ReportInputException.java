package io.github.poolbench.report.parse;

/**
 * Bad input for the report or compare: a missing, empty, truncated or non-JMH file. The
 * message is one line that names the file and what is wrong; the CLI prints it and exits 2.
 */
public final class ReportInputException extends Exception {
    public ReportInputException(String message) {
        super(message);
    }

    public ReportInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
