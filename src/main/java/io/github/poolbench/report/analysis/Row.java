package io.github.poolbench.report.analysis;

import io.github.poolbench.report.model.BenchmarkResult;

import java.util.Objects;

/** A result together with the label of the file it came from. */
public record Row(String label, BenchmarkResult result) {
    public Row {
        Objects.requireNonNull(label, "label must not be null");
        Objects.requireNonNull(result, "result must not be null");
    }
}
