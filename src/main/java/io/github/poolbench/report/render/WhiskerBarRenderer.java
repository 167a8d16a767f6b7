package io.github.poolbench.report.render;

import io.github.poolbench.report.analysis.Estimate;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.CategoryItemRendererState;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.category.CategoryDataset;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleFunction;

/**
 * A bar renderer that also draws the interval of each value as a whisker across its bar,
 * and writes the value just past whichever ends further out, the bar or the whisker.
 */
final class WhiskerBarRenderer extends BarRenderer {
    private static final long serialVersionUID = 1L;
    private final transient Map<List<Integer>, Estimate> intervals;
    private final transient Map<List<Integer>, String> notes;
    private final transient Map<List<Integer>, BarData.Spread> spreads;
    private final transient Map<List<Integer>, java.awt.Paint> itemPaints;
    private final transient ChartStyle style;
    private final transient DoubleFunction<String> format;

    WhiskerBarRenderer(Map<List<Integer>, Estimate> intervals, Map<List<Integer>, String> notes,
                       Map<List<Integer>, BarData.Spread> spreads, Map<List<Integer>, java.awt.Paint> itemPaints,
                       ChartStyle style, DoubleFunction<String> format) {
        this.intervals = intervals;
        this.notes = notes;
        this.spreads = spreads;
        this.itemPaints = itemPaints;
        this.style = style;
        this.format = format;
    }

    @Override
    public java.awt.Paint getItemPaint(int row, int column) {
        java.awt.Paint p = itemPaints.get(List.of(row, column));
        return p != null ? p : super.getItemPaint(row, column);
    }

    @Override
    public void drawItem(Graphics2D g2, CategoryItemRendererState state, Rectangle2D dataArea, CategoryPlot plot,
                         CategoryAxis domainAxis, ValueAxis rangeAxis, CategoryDataset dataset, int row, int column,
                         int pass) {
        super.drawItem(g2, state, dataArea, plot, domainAxis, rangeAxis, dataset, row, column, pass);
        Estimate e = intervals.get(List.of(row, column));
        String note = notes.get(List.of(row, column));
        if (e == null && note == null) {
            return;
        }
        RectangleEdge edge = plot.getRangeAxisEdge();
        double w0 = calculateBarW0(plot, plot.getOrientation(), dataArea, domainAxis, state, row, column);
        double middle = w0 + state.getBarWidth() / 2;
        if (e == null) {
            g2.setFont(style.itemLabel());
            g2.setPaint(style.text());
            java.awt.FontMetrics fm = g2.getFontMetrics();
            g2.drawString(note, (float) dataArea.getMinX() + 5,
                    (float) (middle + (fm.getAscent() - fm.getDescent()) / 2.0));
            return;
        }
        double end = rangeAxis.valueToJava2D(Math.min(e.value(), rangeAxis.getUpperBound()), dataArea, edge);
        double lowValue = Math.max(e.low(), rangeAxis.getLowerBound());
        double highValue = Math.min(e.high(), rangeAxis.getUpperBound());
        if (Double.isFinite(lowValue) && Double.isFinite(highValue) && highValue > lowValue) {
            double low = rangeAxis.valueToJava2D(lowValue, dataArea, edge);
            double high = rangeAxis.valueToJava2D(highValue, dataArea, edge);
            double cap = Math.max(2, state.getBarWidth() / 4);
            g2.setPaint(style.text());
            g2.setStroke(new BasicStroke(1.2f));
            g2.draw(new Line2D.Double(low, middle, high, middle));
            g2.draw(new Line2D.Double(low, middle - cap, low, middle + cap));
            g2.draw(new Line2D.Double(high, middle - cap, high, middle + cap));
            end = Math.max(end, high);
        }
        BarData.Spread sp = spreads.get(List.of(row, column));
        String suffix = "";
        if (sp != null) {
            java.awt.RenderingHints hints = g2.getRenderingHints();
            g2.setRenderingHint(java.awt.RenderingHints.KEY_ANTIALIASING, java.awt.RenderingHints.VALUE_ANTIALIAS_ON);
            double lo = rangeAxis.getLowerBound();
            double hi = rangeAxis.getUpperBound();
            // iterations faintly, above the bar's centre line; fork means as ringed dots on it
            g2.setPaint(new java.awt.Color(0, 0, 0, 70));
            for (double v : sp.iterations()) {
                if (Double.isFinite(v) && v >= lo && v <= hi) {
                    double x = rangeAxis.valueToJava2D(v, dataArea, edge);
                    g2.fill(new java.awt.geom.Ellipse2D.Double(x - 1.6, middle - state.getBarWidth() / 4 - 1.6, 3.2, 3.2));
                    end = Math.max(end, x);
                }
            }
            for (double v : sp.forkMeans()) {
                if (Double.isFinite(v) && v >= lo && v <= hi) {
                    double x = rangeAxis.valueToJava2D(v, dataArea, edge);
                    java.awt.geom.Ellipse2D dot = new java.awt.geom.Ellipse2D.Double(x - 3, middle - 3, 6, 6);
                    g2.setPaint(java.awt.Color.WHITE);
                    g2.fill(dot);
                    g2.setPaint(style.text());
                    g2.setStroke(new BasicStroke(1.2f));
                    g2.draw(dot);
                    end = Math.max(end, x + 3);
                }
            }
            g2.setRenderingHints(hints);
            suffix = sp.note().isEmpty() ? "" : " · " + sp.note();
        }
        g2.setFont(style.itemLabel());
        g2.setPaint(style.text());
        java.awt.FontMetrics fm = g2.getFontMetrics();
        float baseline = (float) (middle + (fm.getAscent() - fm.getDescent()) / 2.0);
        g2.drawString(format.apply(e.value()) + suffix, (float) end + 5, baseline);
    }
}
