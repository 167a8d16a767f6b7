package io.github.poolbench.report.render;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Marker;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.title.Title;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.general.Series;
import org.jfree.data.xy.XYDataset;

import java.awt.Font;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Text a chart's font cannot draw (CJK or emoji names on a machine without such a font) would
 * come out as empty boxes in the PNG. Each such character is drawn as {@code ?} instead, and the
 * characters are collected so the report can say so; the page itself shows the names as
 * written (the browser has its own fonts).
 */
final class ChartText {
    /** What a character the font cannot draw becomes. */
    static final String REPLACEMENT = "?";

    private final Font font;
    private final Set<String> missing = new LinkedHashSet<>();

    ChartText(Font font) {
        this.font = font;
    }

    /** The characters replaced so far, in order of appearance, e.g. "测试🙂". */
    String missing() {
        return String.join("", missing);
    }

    /** {@code s} with every character {@link #font} cannot display replaced by {@link #REPLACEMENT}. */
    String drawable(String s) {
        if (s == null || font.canDisplayUpTo(s) == -1) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            if (font.canDisplay(cp) || Character.isWhitespace(cp)) {
                out.appendCodePoint(cp);
            } else {
                synchronized (missing) {
                    missing.add(new String(Character.toChars(cp)));
                }
                out.append(REPLACEMENT);
            }
        });
        return out.toString();
    }

    /** Rewrites the chart's titles, axis labels, markers and dataset keys (series, categories) in place. */
    void apply(JFreeChart chart) {
        if (chart.getTitle() != null) {
            chart.getTitle().setText(drawable(chart.getTitle().getText()));
        }
        for (int i = 0; i < chart.getSubtitleCount(); i++) {
            Title t = chart.getSubtitle(i);
            if (t instanceof TextTitle text) {
                text.setText(drawable(text.getText()));
            }
        }
        Plot plot = chart.getPlot();
        if (plot instanceof CategoryPlot cp) {
            label(cp.getDomainAxis());
            label(cp.getRangeAxis());
            for (int i = 0; i < cp.getDatasetCount(); i++) {
                CategoryDataset d = cp.getDataset(i);
                if (d != null && needsFix(keys(d.getRowKeys()), keys(d.getColumnKeys()))) {
                    cp.setDataset(i, rekeyed(d));
                }
            }
            markers(cp.getRangeMarkers(org.jfree.chart.ui.Layer.FOREGROUND));
            markers(cp.getRangeMarkers(org.jfree.chart.ui.Layer.BACKGROUND));
            cp.setNoDataMessage(drawable(cp.getNoDataMessage()));
        } else if (plot instanceof XYPlot xp) {
            label(xp.getDomainAxis());
            label(xp.getRangeAxis());
            for (int i = 0; i < xp.getDatasetCount(); i++) {
                XYDataset d = xp.getDataset(i);
                if (d instanceof org.jfree.data.general.SeriesDataset) {
                    rekeySeries(d);
                }
            }
            markers(xp.getDomainMarkers(org.jfree.chart.ui.Layer.FOREGROUND));
            markers(xp.getDomainMarkers(org.jfree.chart.ui.Layer.BACKGROUND));
            markers(xp.getRangeMarkers(org.jfree.chart.ui.Layer.FOREGROUND));
            markers(xp.getRangeMarkers(org.jfree.chart.ui.Layer.BACKGROUND));
            xp.setNoDataMessage(drawable(xp.getNoDataMessage()));
        }
    }

    private void label(Axis axis) {
        if (axis != null && axis.getLabel() != null) {
            axis.setLabel(drawable(axis.getLabel()));
        }
    }

    private void markers(Collection<?> markers) {
        if (markers == null) {
            return;
        }
        for (Object o : markers) {
            if (o instanceof Marker m && m.getLabel() != null) {
                m.setLabel(drawable(m.getLabel()));
            }
        }
    }

    private static List<String> keys(List<?> keys) {
        return keys.stream().map(String::valueOf).toList();
    }

    private boolean needsFix(List<String> a, List<String> b) {
        return a.stream().anyMatch(k -> font.canDisplayUpTo(k) != -1) || b.stream().anyMatch(k -> font.canDisplayUpTo(k) != -1);
    }

    /** The same values under drawable keys, in the same order (renderers look their items up by index). */
    private CategoryDataset rekeyed(CategoryDataset d) {
        List<String> rows = unique(keys(d.getRowKeys()));
        List<String> columns = unique(keys(d.getColumnKeys()));
        DefaultCategoryDataset out = new DefaultCategoryDataset();
        for (int r = 0; r < d.getRowCount(); r++) {
            for (int c = 0; c < d.getColumnCount(); c++) {
                out.addValue(d.getValue(r, c), rows.get(r), columns.get(c));
            }
        }
        return out;
    }

    private void rekeySeries(XYDataset d) {
        List<String> names = new java.util.ArrayList<>();
        for (int s = 0; s < d.getSeriesCount(); s++) {
            names.add(String.valueOf(d.getSeriesKey(s)));
        }
        if (names.stream().allMatch(n -> font.canDisplayUpTo(n) == -1)) {
            return;
        }
        List<String> fixed = unique(names);
        for (int s = 0; s < d.getSeriesCount(); s++) {
            Series series = seriesOf(d, s);
            if (series != null && !fixed.get(s).equals(names.get(s))) {
                series.setKey(fixed.get(s));
            }
        }
    }

    private static Series seriesOf(XYDataset d, int s) {
        if (d instanceof org.jfree.data.xy.YIntervalSeriesCollection c) {
            return c.getSeries(s);
        }
        if (d instanceof org.jfree.data.xy.XYSeriesCollection c) {
            return c.getSeries(s);
        }
        return null;
    }

    /** Drawable keys, told apart by " #2", " #3" where two become the same. */
    private List<String> unique(List<String> keys) {
        Set<String> seen = new HashSet<>();
        List<String> out = new java.util.ArrayList<>();
        for (String k : keys) {
            String d = drawable(k);
            String u = d;
            for (int n = 2; !seen.add(u); n++) {
                u = d + " #" + n;
            }
            out.add(u);
        }
        return out;
    }
}
