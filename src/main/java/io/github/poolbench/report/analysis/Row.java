package io.github.poolbench.report.analysis;

import io.github.poolbench.report.model.BenchmarkResult;
import io.github.poolbench.report.model.StrategyFacts;

import java.util.Objects;

/**
 * A result together with the label of the file it came from and what that file's run recorded
 * about its strategies ({@link StrategyFacts#NONE} when nothing).
 */
public record Row(String label, BenchmarkResult result, StrategyFacts facts) {
    public Row {
        Objects.requireNonNull(label, "label must not be null");
        Objects.requireNonNull(result, "result must not be null");
        facts = facts == null ? StrategyFacts.NONE : facts;
    }

    /** A row of a file that recorded no strategy facts. */
    public Row(String label, BenchmarkResult result) {
        this(label, result, StrategyFacts.NONE);
    }
}
