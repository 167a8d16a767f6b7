package io.github.poolbench.report.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the run recorded about each strategy it measured (the env record's {@code strategies},
 * written from the suite's strategy enum): facts the report reads instead of guessing from a
 * strategy's name. A file without them (a stranger's, or one of the suite's written before they
 * were recorded) has {@link #NONE}.
 *
 * @param byName strategy name → its facts, in the order the run lists them
 */
public record StrategyFacts(Map<String, Fact> byName) {
    /** No facts recorded. */
    public static final StrategyFacts NONE = new StrategyFacts(Map.of());

    /** Where a strategy runs its tasks. */
    public enum RunsIn { CALLER, THREAD, PROCESS }

    /**
     * One strategy.
     *
     * @param runsIn            inline on the caller, on threads of the JVM, or in other processes
     * @param pooledCounterpart for a per-task strategy, the pooled one it is measured against; null otherwise
     * @param description       words for a reader: "one new JVM per task"
     */
    public record Fact(RunsIn runsIn, String pooledCounterpart, String description) {
        public Fact {
            Objects.requireNonNull(runsIn, "runsIn must not be null");
            Objects.requireNonNull(description, "description must not be null");
        }

        /** A new thread or process per task, measured against {@link #pooledCounterpart}. */
        public boolean perTask() {
            return pooledCounterpart != null;
        }
    }

    public StrategyFacts {
        byName = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(byName)));
    }

    public Optional<Fact> of(String strategy) {
        return Optional.ofNullable(byName.get(strategy));
    }

    public boolean isEmpty() {
        return byName.isEmpty();
    }
}
