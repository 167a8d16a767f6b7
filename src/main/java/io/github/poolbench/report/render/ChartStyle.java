package io.github.poolbench.report.render;

import java.awt.Color;
import java.awt.Font;
import java.util.List;

/**
 * Everything about how a chart looks, in one place: sizes, colours, fonts. The palette is
 * Okabe and Ito's, which stays apart for colour-blind readers; the document's own figures are
 * always grey so they never pass for a measurement.
 */
public record ChartStyle(int width, int xyHeight, int barThickness, Color background, Color plotBackground,
                         Color gridLines, Color text, List<Color> palette, Color documented, Font title,
                         Font subtitle, Font axisLabel, Font tickLabel, Font legend, Font itemLabel) {
    public ChartStyle {
        palette = List.copyOf(palette);
        if (palette.isEmpty()) {
            throw new IllegalArgumentException("a chart style needs at least one series colour");
        }
        if (width < 200 || xyHeight < 150 || barThickness < 4) {
            throw new IllegalArgumentException("chart sizes too small: " + width + "x" + xyHeight + ", bar " + barThickness);
        }
    }

    public static ChartStyle light() {
        String family = Font.SANS_SERIF;
        return new ChartStyle(900, 480, 16, Color.WHITE, new Color(0xFAFAFA), new Color(0xD0D0D0),
                new Color(0x222222),
                List.of(new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73), new Color(0xCC79A7),
                        new Color(0xE69F00), new Color(0x56B4E9), new Color(0xF0E442), new Color(0x000000)),
                new Color(0x9A9A9A),
                new Font(family, Font.BOLD, 17), new Font(family, Font.PLAIN, 13), new Font(family, Font.PLAIN, 13),
                new Font(family, Font.PLAIN, 12), new Font(family, Font.PLAIN, 13), new Font(family, Font.PLAIN, 11));
    }

    /**
     * This style, with its fonts in a family that can draw all of {@code text} (the names on
     * the charts): the style's own when it can, else the first installed family that can, else
     * the style's own (the charts then draw what it cannot as {@code ?}, see ChartText).
     */
    public ChartStyle withFontsFor(String text) {
        if (title.canDisplayUpTo(text) == -1) {
            return this;
        }
        String[] families;
        try {
            families = java.awt.GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames(java.util.Locale.ROOT);
        } catch (RuntimeException | Error e) {
            return this;
        }
        for (String family : families) {
            if (new Font(family, Font.PLAIN, 12).canDisplayUpTo(text) == -1) {
                return new ChartStyle(width, xyHeight, barThickness, background, plotBackground, gridLines, this.text, palette,
                        documented, in(family, title), in(family, subtitle), in(family, axisLabel), in(family, tickLabel),
                        in(family, legend), in(family, itemLabel));
            }
        }
        return this;
    }

    private static Font in(String family, Font f) {
        return new Font(family, f.getStyle(), f.getSize());
    }

    /** Line patterns told apart at a glance: solid, dashed, dotted, dash-dot. */
    private static final List<float[]> DASHES = List.of(new float[0], new float[] {9f, 5f}, new float[] {2f, 4f},
            new float[] {10f, 4f, 2f, 4f}, new float[] {4f, 2f}, new float[] {14f, 3f, 3f, 3f, 3f, 3f});

    /** The stroke of a line of pattern {@code variant} (0 is solid; patterns repeat after six). */
    public java.awt.BasicStroke lineStroke(int variant) {
        float[] dash = DASHES.get(Math.floorMod(variant, DASHES.size()));
        return dash.length == 0 ? new java.awt.BasicStroke(2f)
                : new java.awt.BasicStroke(2f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_ROUND, 10f, dash, 0f);
    }

    /**
     * One colour per strategy, the same in every chart: the pools in blues and greens, the
     * per-task strategies in warm colours, the inline baseline black. Longest names first, so
     * VIRTUAL_THREAD_PER_TASK is not read as THREAD_PER_TASK.
     */
    private static final java.util.LinkedHashMap<String, Color> STRATEGY_COLORS = new java.util.LinkedHashMap<>();

    static {
        STRATEGY_COLORS.put("NATIVE_PROCESS_PER_TASK", new Color(0x8C6D1F));
        STRATEGY_COLORS.put("VIRTUAL_THREAD_PER_TASK", new Color(0xCC79A7));
        STRATEGY_COLORS.put("VIRTUAL_THREAD_PER_CONNECTION", new Color(0xCC79A7));
        STRATEGY_COLORS.put("FIXED_PROCESS_POOL", new Color(0x009E73));
        STRATEGY_COLORS.put("FIXED_THREAD_POOL", new Color(0x0072B2));
        STRATEGY_COLORS.put("PROCESS_PER_TASK", new Color(0xE69F00));
        STRATEGY_COLORS.put("THREAD_PER_CONNECTION", new Color(0xD55E00));
        STRATEGY_COLORS.put("THREAD_PER_TASK", new Color(0xD55E00));
        STRATEGY_COLORS.put("FORK_JOIN_POOL", new Color(0x56B4E9));
        STRATEGY_COLORS.put("CALLER_THREAD", new Color(0x333333));
        STRATEGY_COLORS.put("SYNC", new Color(0x333333));
    }

    /** The colour of the strategy named in {@code seriesName} (e.g. "sleep1ms · FIXED_THREAD_POOL"), or null. */
    public static Color strategyColor(String seriesName) {
        if (seriesName == null) {
            return null;
        }
        for (java.util.Map.Entry<String, Color> e : STRATEGY_COLORS.entrySet()) {
            if (java.util.regex.Pattern.compile("(^|[^A-Z_])" + e.getKey() + "($|[^A-Z_])").matcher(seriesName).find()) {
                return e.getValue();
            }
        }
        return null;
    }

    public Color seriesColor(int index) {
        return palette.get(Math.floorMod(index, palette.size()));
    }

    /** Height of a horizontal bar chart: room for every bar of every category, within sane bounds. */
    public int barChartHeight(int categories, int series) {
        int perCategory = Math.max(40, series * barThickness + 14);
        return Math.max(220, Math.min(4000, 150 + categories * perCategory));
    }
}
