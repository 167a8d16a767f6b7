package io.github.poolbench.report;

import java.io.PrintStream;

/** {@code compare}: the noise-aware regression gate. (Being built.) */
public final class CompareCli {
    private CompareCli() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        err.println("poolbench compare: not available in this build yet");
        return 2;
    }
}
