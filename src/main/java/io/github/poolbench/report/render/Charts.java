package io.github.poolbench.report.render;

import io.github.poolbench.report.analysis.Estimate;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Dimension;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleFunction;

/** The only code that knows JFreeChart: turns {@link BarData} and {@link LineData} into PNGs. */
public final class Charts {
    private final ChartStyle style;

    public Charts(ChartStyle style) {
        this.style = style;
    }

    public Dimension size(BarData data) {
        return new Dimension(style.width(), style.barChartHeight(data.categories().size(), data.series().size()));
    }

    /** Line charts keep their plot height; a legend of many series gets rooms of its own below it. */
    public Dimension size(LineData data) {
        return new Dimension(style.width(), style.xyHeight() + legendRows(data) * 20);
    }

    /** Series beyond which the legend moves below the plot and the chart grows to hold it. */
    static final int MAX_TOP_LEGEND = 8;

    private int legendRows(LineData data) {
        int n = data.order().size();
        if (n <= MAX_TOP_LEGEND) {
            return 0;
        }
        int longest = data.order().stream().mapToInt(String::length).max().orElse(10);
        int perRow = Math.max(1, (style.width() - 40) / (longest * 7 + 36));
        return (n + perRow - 1) / perRow;
    }

    /** Horizontal bars, one group per category, with whiskers for the error interval. */
    public JFreeChart bar(BarData data) {
        ChartRange range = data.range();
        if (range.log()) {
            // room on the right for the value written at the end of the longest bar
            range = new ChartRange(range.lower(), range.upper() * 3, true);
        } else {
            range = new ChartRange(range.lower(), range.upper() + (range.upper() - range.lower()) * 0.15, false);
        }
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        Map<List<Integer>, Estimate> intervals = new HashMap<>();
        Map<List<Integer>, String> notes = new HashMap<>();
        for (int s = 0; s < data.series().size(); s++) {
            String series = data.series().get(s);
            Map<String, Estimate> values = data.values().getOrDefault(series, Map.of());
            for (int c = 0; c < data.categories().size(); c++) {
                String category = data.categories().get(c);
                Estimate e = values.get(category);
                boolean drawable = e != null && e.isFinite() && (!range.log() || e.value() > 0);
                dataset.addValue(drawable ? e.value() : null, series, category);
                if (drawable) {
                    intervals.put(List.of(s, c), e);
                } else if (e != null) {
                    // say why there is no bar rather than leave a silent gap
                    notes.put(List.of(s, c), Double.isNaN(e.value()) ? "no score (NaN)"
                            : data.format().apply(e.value()) + " (cannot be drawn on this axis)");
                }
            }
        }
        // one colour per strategy in every chart; several files side by side differ by pattern
        Map<List<Integer>, java.awt.Paint> itemPaints = new HashMap<>();
        boolean strategyColours = false;
        for (int s = 0; s < data.series().size(); s++) {
            if (data.greySeries().contains(data.series().get(s))) {
                continue;
            }
            int variant = paletteIndex(data, s);
            for (int c = 0; c < data.categories().size(); c++) {
                java.awt.Color colour = ChartStyle.strategyColor(data.categories().get(c));
                if (colour != null) {
                    strategyColours = true;
                    itemPaints.put(List.of(s, c), pattern(colour, variant));
                }
            }
        }
        Map<List<Integer>, BarData.Spread> spreads = new HashMap<>();
        for (int s = 0; s < data.series().size(); s++) {
            for (int c = 0; c < data.categories().size(); c++) {
                BarData.Spread sp = data.spread(data.series().get(s), data.categories().get(c));
                if (sp != null) {
                    spreads.put(List.of(s, c), sp);
                }
            }
        }
        WhiskerBarRenderer renderer = new WhiskerBarRenderer(intervals, notes, spreads, itemPaints, style, data.format());
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setDrawBarOutline(false);
        renderer.setItemMargin(0.04);
        // a chart of one or two bars keeps them as thick as in a full chart, not a wall of colour
        int plotHeight = size(data).height - 150;
        renderer.setMaximumBarWidth(Math.min(1.0, 1.6 * style.barThickness() / Math.max(1, plotHeight)));
        renderer.setBase(range.log() ? range.lower() : 0);
        for (int s = 0; s < data.series().size(); s++) {
            boolean grey = data.greySeries().contains(data.series().get(s));
            // with strategy colours the legend names the files by their pattern, in a neutral grey
            renderer.setSeriesPaint(s, grey ? style.documented() : strategyColours
                    ? pattern(new java.awt.Color(0x555555), paletteIndex(data, s)) : style.seriesColor(paletteIndex(data, s)));
        }

        CategoryAxis categories = new CategoryAxis();
        categories.setTickLabelFont(style.tickLabel());
        categories.setTickLabelPaint(style.text());
        categories.setMaximumCategoryLabelWidthRatio(0.42f);
        categories.setMaximumCategoryLabelLines(3);
        categories.setCategoryMargin(0.12);
        categories.setLowerMargin(0.02);
        categories.setUpperMargin(0.02);
        ValueAxis values = valueAxis(data.axisLabel(), range, data.tickFormat());
        CategoryPlot plot = new CategoryPlot(dataset, categories, values, renderer);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setNoDataMessage(notes.isEmpty() ? "no data" : "no finite score to draw: " + String.join("; ", new java.util.TreeSet<>(notes.values())));
        plot.setNoDataMessageFont(style.itemLabel());
        plot.setNoDataMessagePaint(style.text());
        stylePlotBackground(plot);
        plot.setRangeGridlinePaint(style.gridLines());
        plot.setDomainGridlinesVisible(false);
        return chart(data.title(), data.subtitle(), plot, data.series().size() > 1);
    }

    /** Lines over a numeric param, one per series, with error bars and any reference lines. */
    public JFreeChart line(LineData data) {
        ChartRange yRange = data.yRange();
        ChartRange xRange = data.xRange();
        YIntervalSeriesCollection dataset = new YIntervalSeriesCollection();
        for (String name : data.order()) {
            YIntervalSeries series = new YIntervalSeries(name);
            for (Map.Entry<Double, Estimate> p : data.series().getOrDefault(name, new java.util.TreeMap<>()).entrySet()) {
                Estimate e = p.getValue();
                if (!e.isFinite() || !Double.isFinite(p.getKey()) || (yRange.log() && e.value() <= 0)
                        || (xRange.log() && p.getKey() <= 0)) {
                    continue;
                }
                double low = Double.isFinite(e.low()) ? e.low() : e.value();
                double high = Double.isFinite(e.high()) ? e.high() : e.value();
                if (yRange.log()) {
                    low = Math.max(low, yRange.lower());
                }
                series.add(p.getKey(), e.value(), low, high);
            }
            dataset.addSeries(series);
        }
        XYErrorRenderer renderer = new XYErrorRenderer();
        renderer.setDrawXError(false);
        renderer.setDefaultLinesVisible(true);
        renderer.setDefaultShapesVisible(true);
        renderer.setCapLength(6);
        // one colour per strategy in every chart; two series that would look alike get another line pattern
        java.util.Set<List<Object>> looksUsed = new java.util.HashSet<>();
        for (int s = 0; s < data.order().size(); s++) {
            String name = data.order().get(s);
            LineData.Look look = data.look(name);
            java.awt.Color strategy = ChartStyle.strategyColor(name);
            java.awt.Color colour = strategy != null ? strategy : style.seriesColor(look.color());
            int variant = look.variant();
            while (!looksUsed.add(List.of(colour, variant))) {
                variant++;
            }
            renderer.setSeriesPaint(s, colour);
            renderer.setSeriesStroke(s, style.lineStroke(variant));
        }
        ValueAxis x = xRange.log() ? logAxis(data.xLabel(), xRange, Charts::plainNumber) : numberAxis(data.xLabel(), xRange, Charts::plainNumber);
        if (!xRange.log() && java.util.Arrays.stream(data.xValues()).allMatch(v -> v == Math.rint(v))) {
            // whole-number params (ranks, workers) get whole-number ticks
            ((NumberAxis) x).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        }
        ValueAxis y = valueAxis(data.yLabel(), yRange, data.tickFormat());
        XYPlot plot = new XYPlot(dataset, x, y, renderer);
        for (LineData.Marker m : data.markers()) {
            ChartRange range = m.onX() ? xRange : yRange;
            if (m.value() < range.lower() || m.value() > range.upper()) {
                continue;
            }
            ValueMarker marker = new ValueMarker(m.value(), style.documented(),
                    new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
            marker.setLabel(m.label());
            marker.setLabelFont(style.itemLabel());
            marker.setLabelPaint(style.text());
            if (m.onX()) {
                marker.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
                marker.setLabelTextAnchor(TextAnchor.TOP_LEFT);
                plot.addDomainMarker(marker);
            } else {
                // the label just over the line at its left (a linear range leaves 5% of room above)
                marker.setLabelAnchor(RectangleAnchor.LEFT);
                marker.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
                marker.setLabelOffset(new RectangleInsets(4, 6, 4, 4));
                plot.addRangeMarker(marker);
            }
        }
        plot.setNoDataMessage("no finite score to draw");
        plot.setNoDataMessageFont(style.itemLabel());
        stylePlotBackground(plot);
        plot.setRangeGridlinePaint(style.gridLines());
        plot.setDomainGridlinePaint(style.gridLines());
        JFreeChart chart = chart(data.title(), data.subtitle(), plot, true);
        if (legendRows(data) > 0 && chart.getLegend() != null) {
            chart.getLegend().setPosition(RectangleEdge.BOTTOM);
        }
        return chart;
    }

    /** Width of the narrow rendition the page shows on a phone (CSS picks it under 600 px). */
    public static final int NARROW_WIDTH = 440;

    /**
     * Writes a chart to a PNG file of exactly {@code size}, and beside it the same chart laid
     * out {@link #NARROW_WIDTH} px wide ({@link #narrowName}), whose text stays readable on a
     * 390 px screen instead of shrinking with the whole image.
     */
    public static void writePng(JFreeChart chart, Dimension size, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            ChartUtils.writeChartAsPNG(out, chart, size.width, size.height);
        }
        thinLogTicks(chart, Math.min(NARROW_WIDTH, size.width));
        Path narrow = file.resolveSibling(narrowName(file.getFileName().toString()));
        int narrowWidth = Math.min(NARROW_WIDTH, size.width);
        try (OutputStream out = Files.newOutputStream(narrow)) {
            ChartUtils.writeChartAsPNG(out, chart, narrowWidth, size.height + extraLegendHeight(chart, size.width, narrowWidth));
        }
    }

    /** A legend below the plot needs more rows when the chart is narrower: the height they add. */
    static int extraLegendHeight(JFreeChart chart, int wide, int narrow) {
        LegendTitle legend = chart.getLegend();
        if (legend == null || legend.getPosition() != RectangleEdge.BOTTOM) {
            return 0;
        }
        org.jfree.chart.LegendItemCollection items = chart.getPlot().getLegendItems();
        int n = items.getItemCount();
        int longest = 10;
        for (int i = 0; i < n; i++) {
            longest = Math.max(longest, items.get(i).getLabel().length());
        }
        int itemWidth = longest * 7 + 36;
        int wideRows = (n + Math.max(1, (wide - 40) / itemWidth) - 1) / Math.max(1, (wide - 40) / itemWidth);
        int narrowRows = (n + Math.max(1, (narrow - 40) / itemWidth) - 1) / Math.max(1, (narrow - 40) / itemWidth);
        return Math.max(0, narrowRows - wideRows) * 20;
    }

    /** On a narrow chart a log axis labels every second or third decade, so its ticks never overprint. */
    static void thinLogTicks(JFreeChart chart, int width) {
        List<ValueAxis> axes = new java.util.ArrayList<>();
        if (chart.getPlot() instanceof CategoryPlot p) {
            axes.add(p.getRangeAxis());
        } else if (chart.getPlot() instanceof XYPlot p) {
            axes.add(p.getRangeAxis());
            axes.add(p.getDomainAxis());
        }
        for (ValueAxis a : axes) {
            if (a instanceof LogAxis log && log.getLowerBound() > 0) {
                double decades = Math.log10(log.getUpperBound() / log.getLowerBound());
                // about 60 px per label
                int fit = Math.max(2, width / 60 - 1);
                int step = (int) Math.max(1, Math.ceil(decades / fit));
                if (step > 1) {
                    log.setTickUnit(new NumberTickUnit(step));
                    log.setMinorTickCount(0);
                }
            }
        }
    }

    /** "gap.png" -> "gap-narrow.png". */
    public static String narrowName(String name) {
        return name.endsWith(".png") ? name.substring(0, name.length() - 4) + "-narrow.png" : name + "-narrow";
    }

    /**
     * A bar's fill: solid for the first file, then stripes, dots and cross-hatching of the same
     * colour on a light tint, so files stay apart without spending a colour on them.
     */
    static java.awt.Paint pattern(java.awt.Color colour, int variant) {
        if (variant <= 0) {
            return colour;
        }
        int size = 8;
        java.awt.image.BufferedImage tile = new java.awt.image.BufferedImage(size, size, java.awt.image.BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = tile.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_ANTIALIASING, java.awt.RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new java.awt.Color(
                (colour.getRed() + 3 * 255) / 4, (colour.getGreen() + 3 * 255) / 4, (colour.getBlue() + 3 * 255) / 4));
        g.fillRect(0, 0, size, size);
        g.setPaint(colour);
        g.setStroke(new BasicStroke(2f));
        switch ((variant - 1) % 3) {
            case 0:
                g.draw(new Line2D.Double(0, size, size, 0));
                g.draw(new Line2D.Double(-size / 2.0, size / 2.0, size / 2.0, -size / 2.0));
                g.draw(new Line2D.Double(size / 2.0, size * 1.5, size * 1.5, size / 2.0));
                break;
            case 1:
                g.fill(new java.awt.geom.Ellipse2D.Double(1, 1, 4, 4));
                break;
            default:
                g.draw(new Line2D.Double(0, size / 2.0, size, size / 2.0));
                g.draw(new Line2D.Double(size / 2.0, 0, size / 2.0, size));
        }
        g.dispose();
        return new java.awt.TexturePaint(tile, new Rectangle2D.Double(0, 0, size, size));
    }

    private int paletteIndex(BarData data, int series) {
        int index = 0;
        for (int s = 0; s < series; s++) {
            if (!data.greySeries().contains(data.series().get(s))) {
                index++;
            }
        }
        return index;
    }

    private ValueAxis valueAxis(String label, ChartRange range, DoubleFunction<String> format) {
        return range.log() ? logAxis(label, range, format) : numberAxis(label, range, format);
    }

    private ValueAxis logAxis(String label, ChartRange range, DoubleFunction<String> format) {
        LogAxis axis = new LogAxis(label);
        axis.setSmallestValue(range.lower());
        axis.setRange(range.lower(), range.upper());
        axis.setTickUnit(new NumberTickUnit(1.0));
        axis.setMinorTickCount(9);
        axis.setMinorTickMarksVisible(true);
        axis.setNumberFormatOverride(new FunctionFormat(format));
        styleAxis(axis);
        return axis;
    }

    private ValueAxis numberAxis(String label, ChartRange range, DoubleFunction<String> format) {
        NumberAxis axis = new NumberAxis(label);
        axis.setRange(range.lower(), range.upper());
        axis.setNumberFormatOverride(new FunctionFormat(format));
        styleAxis(axis);
        return axis;
    }

    private void styleAxis(ValueAxis axis) {
        axis.setLabelFont(style.axisLabel());
        axis.setLabelPaint(style.text());
        axis.setTickLabelFont(style.tickLabel());
        axis.setTickLabelPaint(style.text());
    }

    private void stylePlotBackground(org.jfree.chart.plot.Plot plot) {
        plot.setBackgroundPaint(style.plotBackground());
        plot.setOutlineVisible(false);
        plot.setInsets(new RectangleInsets(8, 8, 8, 24));
    }

    private JFreeChart chart(String title, String subtitle, org.jfree.chart.plot.Plot plot, boolean legend) {
        JFreeChart chart = new JFreeChart(title, style.title(), plot, legend);
        chart.setBackgroundPaint(style.background());
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        chart.getTitle().setPaint(style.text());
        if (!subtitle.isEmpty()) {
            TextTitle sub = new TextTitle(subtitle, style.subtitle());
            sub.setPaint(style.text());
            chart.addSubtitle(sub);
        }
        LegendTitle l = chart.getLegend();
        if (l != null) {
            l.setItemFont(style.legend());
            l.setItemPaint(style.text());
            l.setPosition(RectangleEdge.TOP);
            l.setFrame(org.jfree.chart.block.BlockBorder.NONE);
            l.setBackgroundPaint(style.background());
        }
        return chart;
    }

    private static String plainNumber(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.format("%,d", (long) v) : String.valueOf(v);
    }
}
