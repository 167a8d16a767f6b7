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
 */
public record ResultFile(Path source, String label, List<BenchmarkResult> results, Map<String, Object> env) {
    public ResultFile {
        Objects.requireNonNull(source, "source must not be null");
        Objects.requireNonNull(label, "label must not be null");
        results = List.copyOf(Objects.requireNonNull(results, "results must not be null"));
        if (results.isEmpty()) {
            throw new IllegalArgumentException(source + ": holds no benchmark results");
        }
        env = Collections.unmodifiableMap(new LinkedHashMap<>(env == null ? Map.of() : env));
    }

    public ResultFile withLabel(String newLabel) {
        return new ResultFile(source, newLabel, results, env);
    }
}
