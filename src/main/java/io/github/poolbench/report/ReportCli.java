package io.github.poolbench.report;

import java.io.PrintStream;

/** {@code report}: renders JMH JSON files into an HTML page with PNG charts. (Being built.) */
public final class ReportCli {
    private ReportCli() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        err.println("poolbench report: not available in this build yet");
        return 2;
    }
}
