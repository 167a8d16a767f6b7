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
                       String documented, boolean hasGap, Image gapChart, List<GapRow> gapRows, List<RatioRow> ratios,
                       String documentedGap, String overheadNote, boolean hasFloors, List<FloorRow> floors,
                       List<GroupView> groups, List<FileView> files, String generator) {
    }

    public record Image(String src, String alt, int width, int height) {
    }

    public record GapRow(String strategy, String description, String label, boolean documented, String batch,
                         String perTask, String overhead, String vsPooled, String measuredAs) {
    }

    public record RatioRow(String label, String perTask, String pooled, String ratio, String interval) {
    }

    public record FloorRow(String label, String strategy, String perTask, String floor, String floorTime, String ratio) {
    }

    public record GroupView(String id, String title, String benchmark, String mode, String commonParams, Image chart,
                            List<String> paramColumns, List<String> labelColumns, List<TableRow> rows, String unit) {
    }

    public record TableRow(List<String> params, List<String> cells) {
    }

    public record FileView(String label, String source, String href, String envHref, List<Entry> run, List<Entry> env) {
    }

    public record Entry(String key, String value) {
    }
}
