package io.github.poolbench.report.parse;

import io.github.poolbench.report.model.ResultFile;

import java.nio.file.Path;

/**
 * The only code that knows JMH's JSON field names. (Being built by the report issue.)
 */
public final class JmhJsonParser {
    private JmhJsonParser() {
    }

    /**
     * Reads a JMH JSON result file and the environment record beside it (see
     * {@link io.github.poolbench.report.RunFiles#envFileFor}), labelled with the file name.
     *
     * @throws ReportInputException with a one-line message naming the file and the problem
     */
    public static ResultFile parse(Path file) throws ReportInputException {
        throw new ReportInputException(file + ": the JMH JSON parser is not built yet");
    }
}
