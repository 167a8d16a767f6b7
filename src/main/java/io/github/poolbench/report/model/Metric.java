package io.github.poolbench.report.model;

import java.util.List;
import java.util.Objects;

/**
 * One metric of a result (the primary one, or a secondary one such as {@code gc.alloc.rate}).
 *
 * @param score      JMH's score; may be NaN or infinite (JMH writes them as strings)
 * @param scoreError JMH's 99.9% half-width; NaN when JMH could not compute it (one sample)
 * @param unit       as JMH writes it, e.g. {@code us/op}, {@code ops/ms}
 * @param samples    per-iteration values across all forks, in order: {@code rawData} flattened,
 *                   or for sample mode the mean of each iteration's histogram; may be empty
 */
public record Metric(double score, double scoreError, String unit, List<Double> samples) {
    public Metric {
        Objects.requireNonNull(unit, "unit must not be null");
        samples = List.copyOf(Objects.requireNonNull(samples, "samples must not be null"));
    }
}
