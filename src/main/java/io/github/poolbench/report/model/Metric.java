package io.github.poolbench.report.model;

import java.util.List;
import java.util.Objects;

/**
 * One metric of a result (the primary one, or a secondary one such as {@code gc.alloc.rate}).
 *
 * @param score      JMH's score; may be NaN or infinite (JMH writes them as strings)
 * @param scoreError JMH's 99.9% half-width; NaN when JMH could not compute it (one sample)
 * @param unit       as JMH writes it, e.g. {@code us/op}, {@code ops/ms}
 * @param forks      per-iteration values grouped by fork, in order: {@code rawData} as JMH writes
 *                   it ([fork][iteration]), or for sample mode the mean of each iteration's
 *                   histogram; may be empty. A fork is the unit of evidence: iterations inside one
 *                   fork are not independent samples.
 * @param percentiles JMH's {@code scorePercentiles} (percentile 0–100 -> value), sorted; empty when
 *                   the file has none. Meaningful in sample mode (p50, p90, p99, p99.9).
 */
public record Metric(double score, double scoreError, String unit, List<List<Double>> forks,
                     java.util.SortedMap<Double, Double> percentiles) {
    public Metric {
        Objects.requireNonNull(unit, "unit must not be null");
        forks = Objects.requireNonNull(forks, "forks must not be null").stream()
                .map(List::copyOf).filter(f -> !f.isEmpty()).toList();
        percentiles = java.util.Collections.unmodifiableSortedMap(
                new java.util.TreeMap<>(percentiles == null ? java.util.Map.of() : percentiles));
    }

    /** A metric without percentiles. */
    public Metric(double score, double scoreError, String unit, List<List<Double>> forks) {
        this(score, scoreError, unit, forks, null);
    }

    /** A metric whose iterations all come from one fork (or whose fork structure is unknown). */
    public static Metric ofOneFork(double score, double scoreError, String unit, List<Double> samples) {
        return new Metric(score, scoreError, unit, List.of(Objects.requireNonNull(samples, "samples must not be null")));
    }

    /** Every iteration's value across all forks, in order ({@code rawData} flattened). */
    public List<Double> samples() {
        return forks.stream().flatMap(List::stream).toList();
    }

    /** How many forks hold at least one value. */
    public int forkCount() {
        return forks.size();
    }

    /** One value per fork: the mean of that fork's iterations (JMH's own score of that fork). */
    public List<Double> forkMeans() {
        return forks.stream().map(f -> f.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN)).toList();
    }
}
