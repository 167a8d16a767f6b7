package io.github.poolbench.report.render;

import io.github.poolbench.report.analysis.Estimate;
import io.github.poolbench.report.analysis.Units;
import io.github.poolbench.report.render.PageModel.Image;
import org.jfree.chart.JFreeChart;

import java.awt.Dimension;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * The charts of one page, each a job under its file name: drawn and encoded on up to four
 * threads, then looked up by name (never by position). Each chart's alt text holds its numbers.
 */
final class ChartJobs {
    private final Charts charts;
    private final ChartText chartText;
    private final Path dir;
    private final Map<String, Job> jobs = new LinkedHashMap<>();

    private record Job(Supplier<JFreeChart> chart, Dimension size, String alt) {
    }

    ChartJobs(Charts charts, ChartText chartText, Path dir) {
        this.charts = charts;
        this.chartText = chartText;
        this.dir = dir;
    }

    /** A bar chart named {@code name}; {@code alt} is followed by its numbers. */
    void bar(String name, BarData data, String alt) {
        add(name, new Job(() -> charts.bar(data), charts.size(data), alt + describe(data)));
    }

    /** A line chart named {@code name}; {@code alt} is followed by its numbers. */
    void line(String name, LineData data, String alt) {
        add(name, new Job(() -> charts.line(data), charts.size(data), alt + describe(data)));
    }

    /** As {@link #line}, with an alt text that does not list the numbers. */
    void lineWithAlt(String name, LineData data, String alt) {
        add(name, new Job(() -> charts.line(data), charts.size(data), alt));
    }

    /** As {@link #bar}, with an alt text that does not list the numbers. */
    void barWithAlt(String name, BarData data, String alt) {
        add(name, new Job(() -> charts.bar(data), charts.size(data), alt));
    }

    private void add(String name, Job job) {
        if (jobs.putIfAbsent(name, job) != null) {
            throw new IllegalArgumentException("two charts named " + name);
        }
    }

    /** Draws every chart into the folder; the images by name. */
    Map<String, Image> drawAll() throws IOException {
        int threads = Math.max(1, Math.min(jobs.size(), Math.min(4, Runtime.getRuntime().availableProcessors())));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "poolbench-chart");
            t.setDaemon(true);
            return t;
        });
        try {
            Map<String, Future<Image>> futures = new LinkedHashMap<>();
            jobs.forEach((name, job) -> futures.put(name, pool.submit(() -> png(name, job))));
            Map<String, Image> images = new LinkedHashMap<>();
            for (Map.Entry<String, Future<Image>> f : futures.entrySet()) {
                images.put(f.getKey(), f.getValue().get());
            }
            return images;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while drawing the charts", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } finally {
            pool.shutdownNow();
        }
    }

    private Image png(String name, Job job) throws IOException {
        JFreeChart chart = job.chart().get();
        chartText.apply(chart);
        Charts.writePng(chart, job.size(), dir.resolve(name));
        return new Image(ReportRenderer.CHARTS + "/" + name, job.alt(), job.size().width, job.size().height);
    }

    /** The chart's numbers as text, for its alt attribute: "JDK 17: CALLER_THREAD 41.1 µs, ...". */
    static String describe(BarData data) {
        List<String> parts = new ArrayList<>();
        for (String series : data.series()) {
            Map<String, Estimate> values = data.values().getOrDefault(series, Map.of());
            List<String> items = new ArrayList<>();
            for (String category : data.categories()) {
                if (values.containsKey(category)) {
                    items.add(category + " " + data.format().apply(values.get(category).value()));
                }
            }
            if (!items.isEmpty()) {
                parts.add(series + ": " + String.join(", ", items));
            }
        }
        return String.join("; ", parts) + ".";
    }

    /** A line chart's numbers as text, for its alt attribute: "FIXED_THREAD_POOL: 1 → 2.3 ms, 2 → 4.1 ms; ...". */
    static String describe(LineData data) {
        List<String> parts = new ArrayList<>();
        for (String series : data.order()) {
            List<String> items = new ArrayList<>();
            data.series().getOrDefault(series, new TreeMap<>()).forEach((x, e) ->
                    items.add(Units.formatNumberShort(x) + " → " + data.format().apply(e.value())));
            if (!items.isEmpty()) {
                parts.add(series + ": " + String.join(", ", items));
            }
        }
        return String.join("; ", parts) + ".";
    }
}
