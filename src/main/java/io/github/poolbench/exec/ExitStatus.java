package io.github.poolbench.exec;

/** Words for a child's exit status, as the JDK reports it (128 + n when killed by signal n). */
final class ExitStatus {
    private static final String[] SIGNALS = {null, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT",
        "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM"};

    private ExitStatus() {
    }

    /** "exit status 137 (killed by SIGKILL)", "exit status 1". */
    static String describe(int status) {
        if (status > 128 && status < 128 + SIGNALS.length) {
            return "exit status " + status + " (killed by " + SIGNALS[status - 128] + ")";
        }
        if (status > 128 && status <= 128 + 64) {
            return "exit status " + status + " (killed by signal " + (status - 128) + ")";
        }
        return "exit status " + status;
    }
}
