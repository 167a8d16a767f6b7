package io.github.poolbench.report.render;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.junit.jupiter.api.Test;

import java.awt.Font;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class ChartTextTest {
    /** Unassigned in Unicode: no font anywhere has a glyph for it, so the test holds on every machine. */
    private static final String NO_GLYPH = "\u0378";

    @Test
    void aCharacterNoFontCanDrawBecomesAQuestionMarkAndIsNamed() {
        ChartText text = new ChartText(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        assertEquals("POOL_?_A", text.drawable("POOL_" + NO_GLYPH + "_A"));
        assertEquals("plain", text.drawable("plain"));
        assertEquals(NO_GLYPH, text.missing());
    }

    @Test
    void seriesAndCategoriesKeepTheirOrderAndStayApartWhenTheyBecomeAlike() {
        org.jfree.data.category.DefaultCategoryDataset d = new org.jfree.data.category.DefaultCategoryDataset();
        d.addValue(1.0, "s" + NO_GLYPH, "A" + NO_GLYPH);
        d.addValue(2.0, "s" + NO_GLYPH, "A\u0379");
        JFreeChart chart = new JFreeChart("t " + NO_GLYPH, new CategoryPlot(d, new org.jfree.chart.axis.CategoryAxis("x"),
                new org.jfree.chart.axis.NumberAxis("y"), new org.jfree.chart.renderer.category.BarRenderer()));
        new ChartText(ChartStyle.light().tickLabel()).apply(chart);
        CategoryPlot plot = (CategoryPlot) chart.getPlot();
        assertEquals(List.of("A?", "A? #2"), plot.getDataset().getColumnKeys());
        assertEquals(List.of("s?"), plot.getDataset().getRowKeys());
        assertEquals(2.0, plot.getDataset().getValue(0, 1).doubleValue());
        assertEquals("t ?", chart.getTitle().getText());
    }

    @Test
    void aStyleWhoseFontsDrawTheNamesIsKept() {
        ChartStyle style = ChartStyle.light();
        assertSame(style, style.withFontsFor("IncrementBenchmark.map FIXED_THREAD_POOL"));
    }
}
