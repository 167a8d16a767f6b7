package io.github.poolbench.history;

/** A child process for the tests: {@code history ARGS} as the jar runs it, with its exit status. */
public final class AddMain {
    private AddMain() {
    }

    public static void main(String[] args) {
        System.exit(HistoryCli.run(args, System.out, System.err));
    }
}
