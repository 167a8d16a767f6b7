package io.github.poolbench.worker;

/**
 * A main that returns at once: the runtime floor. Starting it with the same {@code java},
 * flags and jar as a one-shot worker measures what the JVM itself costs to start and stop,
 * without our classes or the task.
 */
public final class BareMain {
    private BareMain() {
    }

    public static void main(String[] args) {
        // Nothing: the point is the JVM's own start and exit.
    }
}
