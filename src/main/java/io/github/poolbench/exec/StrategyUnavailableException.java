package io.github.poolbench.exec;

/** The running JVM or OS cannot provide this strategy (e.g. virtual threads on JDK 17). */
public final class StrategyUnavailableException extends RuntimeException {
    public StrategyUnavailableException(String message) {
        super(message);
    }
}
