package io.github.poolbench.history;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code history report -o DIR}: one trend chart per row and machine (fork means as dots, the
 * per-run median as a line, change points as red lines, environment changes as grey dashed lines
 * labelled on the axis) and an HTML page with the table of changes, from the mustache template
 * {@code history/history.html}.
 *
 * <p>It writes only into a new or empty folder, or one that holds its {@link #MARKER} (a folder
 * it wrote before, whose own files it replaces).
 */
final class TrendReport {
    static final String MARKER = ".poolbench-history-report";
    private static final Color CHANGE = new Color(0xC0, 0x39, 0x2B);
    private static final Color ENV = new Color(0x70, 0x70, 0x70);

    private TrendReport() {
    }

    static void prepare(Path dir) throws HistoryException {
        try {
            if (Files.exists(dir)) {
                if (!Files.isDirectory(dir)) {
                    throw HistoryException.badInput(dir + ": exists and is not a folder");
                }
                boolean empty;
                try (Stream<Path> s = Files.list(dir)) {
                    empty = s.findAny().isEmpty();
                }
                if (!empty && !Files.isRegularFile(dir.resolve(MARKER))) {
                    throw HistoryException.badInput(dir + ": is not empty and was not written by history report; name a new folder");
                }
            } else {
                Files.createDirectories(dir);
            }
            if (!Files.exists(dir.resolve(MARKER))) {
                Files.writeString(dir.resolve(MARKER), "written by poolbench history report\n");
            }
            // a folder it wrote before: its own charts go, so none of an earlier, longer report stays
            try (Stream<Path> s = Files.list(dir)) {
                for (Path old : s.filter(f -> f.getFileName().toString().matches("trend-\\d{3,}\\.png")).toList()) {
                    Files.delete(old);
                }
            }
        } catch (IOException e) {
            throw HistoryException.badInput("cannot write the report into " + dir + ": " + e.getMessage());
        }
    }

    static Path write(Path dir, List<Series> all, Detector detector) throws HistoryException {
        List<Map<String, Object>> rows = new ArrayList<>();
        List<Map<String, Object>> changes = new ArrayList<>();
        int n = 0;
        try {
            for (Series s : all) {
                n++;
                List<Change> cs = detector.changes(s);
                String png = String.format(Locale.ROOT, "trend-%03d.png", n);
                ChartUtils.saveChartAsPNG(dir.resolve(png).toFile(), chart(s, cs), 960, 420);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("title", s.rowLabel());
                row.put("machine", s.machineId() + ": " + s.machine().label());
                row.put("runs", s.points().size());
                row.put("unit", s.unit());
                row.put("png", png);
                row.put("changeCount", cs.size());
                rows.add(row);
                for (Change c : cs) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("row", s.rowLabel());
                    m.put("machine", s.machineId());
                    m.put("run", (c.index() + 1) + "/" + s.points().size());
                    m.put("commit", HistoryCli.shortCommit(c.after().gitCommit()));
                    m.put("time", Instant.ofEpochMilli(c.after().recordedAt()).toString());
                    m.put("change", String.format(Locale.ROOT, "%+.1f%%", 100 * c.relative()));
                    m.put("interval", String.format(Locale.ROOT, "%+.1f%% .. %+.1f%%", 100 * c.low(), 100 * c.high()));
                    m.put("direction", c.slower() ? "slower" : "faster");
                    m.put("p", HistoryCli.pText(c.pValue()).replace("=", ""));
                    m.put("env", c.envChanges().isEmpty() ? "unchanged" : String.join("; ", c.envChanges()));
                    m.put("bimodal", c.bimodal() ? "yes" : "");
                    changes.add(m);
                }
            }
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("seriesCount", all.size());
            model.put("series", rows);
            model.put("changes", changes);
            model.put("hasChanges", !changes.isEmpty());
            model.put("alpha", Detector.DEFAULT_ALPHA);
            Mustache page = new DefaultMustacheFactory("history").compile("history.html");
            Path index = dir.resolve("index.html");
            try (Writer w = Files.newBufferedWriter(index, StandardCharsets.UTF_8)) {
                page.execute(w, model);
            }
            return index;
        } catch (IOException e) {
            throw HistoryException.badInput("cannot write the report into " + dir + ": " + e.getMessage());
        }
    }

    static JFreeChart chart(Series s, List<Change> changes) {
        XYSeries forks = new XYSeries("fork means", false, true);
        XYSeries median = new XYSeries("median of each run", false, true);
        List<Series.Point> pts = s.points();
        for (int i = 0; i < pts.size(); i++) {
            double[] m = pts.get(i).forkMeans();
            for (double v : m) {
                forks.add(i + 1, v);
            }
            median.add(i + 1, median(m));
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(forks);
        data.addSeries(median);
        NumberAxis x = new NumberAxis("run (oldest first)");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        x.setRange(0.5, Math.max(1, pts.size()) + 0.5);
        NumberAxis y = new NumberAxis(s.unit());
        y.setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer();
        r.setSeriesLinesVisible(0, false);
        r.setSeriesShapesVisible(0, true);
        r.setSeriesShape(0, new Ellipse2D.Double(-2.5, -2.5, 5, 5));
        r.setSeriesPaint(0, new Color(0x1F, 0x77, 0xB4, 0xA0));
        r.setSeriesLinesVisible(1, true);
        r.setSeriesShapesVisible(1, false);
        r.setSeriesPaint(1, new Color(0x33, 0x33, 0x33));
        r.setSeriesStroke(1, new BasicStroke(1.5f));
        XYPlot plot = new XYPlot(data, x, y, r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
        plot.setDomainGridlinesVisible(false);
        Font small = new Font(Font.SANS_SERIF, Font.PLAIN, 10);
        for (int i = 1; i < pts.size(); i++) {
            List<String> env = Detector.envChanges(pts.get(i - 1).env(), pts.get(i).env());
            if (!env.isEmpty()) {
                ValueMarker m = new ValueMarker(i + 0.5, ENV, new BasicStroke(1f, BasicStroke.CAP_BUTT,
                        BasicStroke.JOIN_MITER, 10f, new float[] {4f, 3f}, 0f));
                m.setLabel(String.join("; ", env).replace(" -> ", "→"));
                m.setLabelFont(small);
                m.setLabelPaint(ENV);
                m.setLabelAnchor(RectangleAnchor.BOTTOM_LEFT);
                m.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
                plot.addDomainMarker(m, Layer.BACKGROUND);
            }
        }
        for (Change c : changes) {
            ValueMarker m = new ValueMarker(c.index() + 0.5, CHANGE, new BasicStroke(2f));
            m.setLabel(String.format(Locale.ROOT, "%+.1f%% at %s", 100 * c.relative(), HistoryCli.shortCommit(c.after().gitCommit())));
            m.setLabelFont(small);
            m.setLabelPaint(CHANGE);
            m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            m.setLabelTextAnchor(TextAnchor.TOP_LEFT);
            plot.addDomainMarker(m, Layer.FOREGROUND);
        }
        JFreeChart chart = new JFreeChart(s.rowLabel(), new Font(Font.SANS_SERIF, Font.BOLD, 13), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
