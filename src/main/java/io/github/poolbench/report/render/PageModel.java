package io.github.poolbench.report.render;

import java.util.List;

/**
 * What the HTML template is filled with: plain records of strings, built by {@link Page}.
 * Mustache escapes every value, so data from the JSON can never become markup.
 */
public final class PageModel {
    private PageModel() {
    }

    public record Root(String title, List<String> labels, boolean multiLabel, String lead, List<String> moreHeadlines,
                       String documented, List<String> headlineColumns, List<HeadlineRow> headlineTable,
                       String headlineNote, List<String> findings, List<ChoiceRow> choices, String choiceNote,
                       List<String> rowWarnings, boolean hasGap, Image gapChart, List<GapRow> gapRows, List<RatioRow> ratios,
                       String documentedGap, String overheadNote, boolean hasFloors, FloorsView floors,
                       ApplyView apply, EchoView echo, LifecycleView lifecycle, SweepView sweep, WeightView weight,
                       PoolSizeView poolSize, List<GroupView> groups, List<FileView> files, String generator) {
        public boolean hasHeadlineTable() {
            return !headlineTable.isEmpty();
        }

        public boolean hasRowWarnings() {
            return !rowWarnings.isEmpty();
        }

        public boolean hasFindings() {
            return !findings.isEmpty();
        }

        public boolean hasChoices() {
            return !choices.isEmpty();
        }
    }

    // ---- the scenario sections; each is null (and its section absent) when its rows are not in the files

    public record ApplyView(Image chart, boolean multiLabel, boolean hasParams, String common, List<ApplyRow> rows, List<SpeedupRow> speedups) {
    }

    public record ApplyRow(String label, String strategy, String method, String params, String measured, String model,
                           String ratio) {
    }

    public record SpeedupRow(String label, String strategy, String params, String measured, String interval, String model) {
    }

    public record EchoView(Image chart, boolean multiLabel, boolean hasParams, String common, List<String> ranks, List<EchoRow> rows) {
    }

    public record EchoRow(String label, String handler, String params, List<String> waits, String reading) {
    }

    public record LifecycleView(Image chart, boolean multiLabel, List<LifecycleRow> rows, List<String> notes) {
    }

    public record LifecycleRow(String label, String strategy, String size, String workers, String cost, String perTask,
                               String perTaskCosts, String breakEven, String breakEvenRange) {
    }

    public record SweepView(Image total, Image perTask, boolean multiLabel, List<FitRow> fits, String note) {
    }

    public record FitRow(String label, String series, String tasks, String perTask, String slope, String rSquared,
                         String reading) {
    }

    public record WeightView(Image chart, boolean multiLabel, boolean hasParams, List<String> sizes, List<WeightRow> rows,
                             List<BreakEvenRow> breakEvens, List<Entry> calibrations, List<String> cores) {
    }

    public record WeightRow(String label, String strategy, String setting, String usable, List<String> cells) {
    }

    public record BreakEvenRow(String label, String perTask, String pooled, String setting, String breakEven,
                               String overheads) {
    }

    public record PoolSizeView(Image chart, boolean multiLabel, boolean hasParams, List<String> sizes, List<PoolSizeRow> rows,
                               List<String> cores) {
    }

    public record PoolSizeRow(String label, String work, String strategy, String extra, List<String> cells, String best) {
    }

    public record Image(String src, String alt, int width, int height) {
        /** The narrow rendition written beside the chart (see {@link Charts#writePng}). */
        public String narrowSrc() {
            return Charts.narrowName(src);
        }
    }

    public record GapRow(String strategy, String description, String label, boolean documented, String batch,
                         String perTask, String overhead, String vsPooled, String measuredAs) {
    }

    public record RatioRow(String label, String perTask, String pooled, String ratio, String interval) {
    }

    /** The floors section: every floor, the spawn paths above the OS floor, the strategies against theirs, parent size. */
    public record FloorsView(boolean multiLabel, String osFloor, List<FloorItem> items, List<PathRow> paths,
                             List<FloorRow> comparisons, Image parentChart, List<String> parentSizes, List<ParentRow> parentRows) {
        public boolean hasPaths() {
            return !paths.isEmpty();
        }

        public boolean hasComparisons() {
            return !comparisons.isEmpty();
        }

        public boolean hasParentSize() {
            return !parentRows.isEmpty();
        }
    }

    public record FloorItem(String label, String floor, String what, String cost) {
    }

    public record PathRow(String label, String path, String perChild, String above, String ratio) {
    }

    public record FloorRow(String label, String strategy, String settings, String perTask, String floor, String floorTime,
                           String ratio, String note) {
    }

    public record ParentRow(String label, String path, List<String> cells) {
    }

    public record GroupView(String id, String title, String benchmark, String mode, String commonParams, Image chart,
                            List<String> paramColumns, List<String> labelColumns, List<TableRow> rows, String unit,
                            boolean hasDetails) {
    }

    public record TableRow(List<String> params, List<String> cells, List<String> details) {
    }

    /** One file of the headline table: one cell per ratio ("103,000×" and its interval below). */
    public record HeadlineRow(String label, List<Cell> cells) {
    }

    public record Cell(String name, String value, String note) {
    }

    /** One workload at one size: which strategies are within 10% of the quickest. */
    public record ChoiceRow(String label, String workload, String within, String over, String undecided) {
    }

    /** One distinct combination of run settings and the rows that share it. */
    public record SettingsView(String rows, List<Entry> settings) {
    }

    public record FileView(String label, String source, String href, String envHref, List<SettingsView> runs,
                           List<Entry> env) {
    }

    public record Entry(String key, String value) {
    }
}
