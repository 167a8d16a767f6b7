package io.github.poolbench.report.analysis;

import io.github.poolbench.report.model.ResultFile;

import java.util.List;

/**
 * Everything the page shows, worked out once from the files before anything is drawn: the
 * renderer only lays it out.
 *
 * @param labels    the files' labels, in order
 * @param gap       the overhead gap of the strategies
 * @param groups    one group per benchmark method and mode (the generic charts and tables)
 * @param floors    the floors and the strategies against them
 * @param scenarios the scenario sections (apply, echo, pool start-up, sweeps)
 */
public record ReportAnalysis(List<String> labels, OverheadGap gap, List<Group> groups, Floors.Analysis floors,
                             Scenarios scenarios) {
    public ReportAnalysis {
        labels = List.copyOf(labels);
        groups = List.copyOf(groups);
    }

    /**
     * Analyses {@code files}.
     *
     * @param assumedCores the core count to assume for a file without an environment record
     */
    public static ReportAnalysis of(List<ResultFile> files, int assumedCores) {
        List<Row> rows = Groups.rows(files);
        return new ReportAnalysis(Groups.labels(files), OverheadGap.of(rows), Groups.of(files), Floors.of(rows),
                Scenarios.of(files, assumedCores));
    }
}
