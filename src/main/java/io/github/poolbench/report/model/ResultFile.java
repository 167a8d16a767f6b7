package io.github.poolbench.report.model;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One parsed JMH result file.
 *
 * @param source  where it was read from
 * @param label   how the report names it (defaults to the file name; {@code --label} overrides)
 * @param results its rows, in file order; never empty
 * @param env     the environment record beside it ({@code env.json}), or empty when there is none
 * @param strategies what the run recorded about its strategies; {@link StrategyFacts#NONE} when nothing
 */
public record ResultFile(Path source, String label, List<BenchmarkResult> results, Map<String, Object> env,
                         StrategyFacts strategies) {
    public ResultFile {
        strategies = strategies == null ? StrategyFacts.NONE : strategies;
        Objects.requireNonNull(source, "source must not be null");
        Objects.requireNonNull(label, "label must not be null");
        results = List.copyOf(Objects.requireNonNull(results, "results must not be null"));
        if (results.isEmpty()) {
            throw new IllegalArgumentException(source + ": holds no benchmark results");
        }
        env = Collections.unmodifiableMap(new LinkedHashMap<>(env == null ? Map.of() : env));
    }

    /** A file without recorded strategy facts. */
    public ResultFile(Path source, String label, List<BenchmarkResult> results, Map<String, Object> env) {
        this(source, label, results, env, StrategyFacts.NONE);
    }

    public ResultFile withLabel(String newLabel) {
        return new ResultFile(source, newLabel, results, env, strategies);
    }

    /** The same file with only {@code kept} of its rows. */
    public ResultFile withResults(List<BenchmarkResult> kept) {
        return new ResultFile(source, label, kept, env, strategies);
    }
}
