package io.github.poolbench.report.render;

import io.github.poolbench.report.Fixtures;
import io.github.poolbench.report.model.ResultFile;
import io.github.poolbench.report.parse.JmhJsonParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportRendererTest {
    private static final Pattern IMG = Pattern.compile("<img src=\"([^\"]+)\" alt=\"[^\"]*\" width=\"(\\d+)\" height=\"(\\d+)\"");
    private static final List<String> ALL = List.of("increment-avgt.json", "increment-jdk25.json", "increment-avgt-gc.json",
            "increment-sample.json", "increment-thrpt.json", "increment-ss.json", "legacy-jmh-1.18.json", "odd-values.json",
            "synthetic-process.json", "synthetic-python.json", "stranger-sweep.json", "scenarios-jdk17.json",
            "scenarios-jdk25.json", "apply-pinned.json", "synthetic-process-scenarios.json");

    @TempDir
    Path dir;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    private static List<ResultFile> parse(String... names) throws Exception {
        List<ResultFile> files = new ArrayList<>();
        for (String n : names) {
            files.add(JmhJsonParser.parse(Fixtures.path(n), w -> { }));
        }
        return files;
    }

    private static ReportRenderer renderer() {
        return new ReportRenderer(ChartStyle.light());
    }

    @Test
    void aGapWhoseErrorIsWiderThanItsScoreShowsOnlyItsUpperBound() throws Exception {
        // JMH's interval is symmetric: an error wider than the score reaches below zero, which
        // a ratio of times cannot; the page must not print a negative gap.
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.JsonNode rows = mapper.readTree(Fixtures.path("increment-avgt.json").toFile());
        for (com.fasterxml.jackson.databind.JsonNode row : rows) {
            if ("THREAD_PER_TASK".equals(row.path("params").path("strategy").asText())) {
                com.fasterxml.jackson.databind.node.ObjectNode metric = (com.fasterxml.jackson.databind.node.ObjectNode) row.get("primaryMetric");
                metric.put("scoreError", metric.get("score").asDouble() * 3);
            }
        }
        Path noisy = dir.resolve("noisy.json");
        mapper.writeValue(noisy.toFile(), rows);
        ReportRenderer.Output o = renderer().render(List.of(JmhJsonParser.parse(noisy, w -> { })), dir.resolve("noisy"));
        String html = Files.readString(o.index(), StandardCharsets.UTF_8);
        assertTrue(html.contains("up to "), "the gap's interval is given as an upper bound");
        assertTrue(html.contains("(error wider than the score)"));
        assertFalse(Pattern.compile("−[0-9][0-9,.]*×").matcher(html).find(), "no negative gap");
    }

    @Test
    void everyInputShapeRendersToPngsThatDecodeAtTheSizeThePageStates() throws Exception {
        Path out = dir.resolve("all");
        ReportRenderer.Output o = renderer().render(parse(ALL.toArray(new String[0])), out);

        String html = Files.readString(o.index(), StandardCharsets.UTF_8);
        Matcher m = IMG.matcher(html);
        int images = 0;
        while (m.find()) {
            images++;
            Path png = out.resolve(m.group(1));
            BufferedImage image = ImageIO.read(png.toFile());
            assertNotNull(image, png + " does not decode");
            assertEquals(Integer.parseInt(m.group(2)), image.getWidth(), png.toString());
            assertEquals(Integer.parseInt(m.group(3)), image.getHeight(), png.toString());
            assertEquals(ChartStyle.light().width(), image.getWidth());
        }
        assertEquals(o.charts(), images);
        try (Stream<Path> charts = Files.list(out.resolve("charts"))) {
            List<String> names = charts.map(p -> p.getFileName().toString()).filter(n -> !n.equals(ReportRenderer.MARKER)).toList();
            assertEquals(2 * images, names.size(), "each chart and its narrow rendition");
            assertTrue(names.stream().allMatch(n -> n.matches("[A-Za-z0-9-]+\\.png")), names.toString());
            for (String n : names.stream().filter(n -> n.endsWith("-narrow.png")).toList()) {
                assertEquals(Charts.NARROW_WIDTH, ImageIO.read(out.resolve("charts").resolve(n).toFile()).getWidth(), n);
            }
        }
    }

    @Test
    void stringsFromTheJsonAreEscapedAndNoScriptReachesThePage() throws Exception {
        Path out = dir.resolve("xss");
        ReportRenderer.Output o = renderer().render(parse("odd-values.json"), out);
        String html = Files.readString(o.index(), StandardCharsets.UTF_8);
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the payload shows as text");
        assertFalse(html.toLowerCase(Locale.ROOT).contains("<script"), "no script element at all");
        assertTrue(html.contains("{&quot;a&quot;: [1, 2]}"), "quotes in a param are escaped");
        assertTrue(html.contains("C:\\temp\\a&amp;b"), "ampersands are escaped");
    }

    @Test
    void thePageNeedsNoNetworkAndFitsAPhone() throws Exception {
        ReportRenderer.Output o = renderer().render(parse("increment-avgt.json"), dir.resolve("offline"));
        String html = Files.readString(o.index(), StandardCharsets.UTF_8);
        String css = Files.readString(o.index().resolveSibling("style.css"), StandardCharsets.UTF_8);
        assertFalse(html.contains("http:") || html.contains("https:") || html.contains("//cdn"), "no remote resource");
        assertFalse(css.contains("url(") || css.contains("@import"), "no remote font or sheet");
        assertTrue(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"));
        assertTrue(css.contains("max-width: 100%"), "images shrink to the screen");
        assertTrue(css.contains("overflow-x: auto"), "wide tables scroll on their own");
    }

    @Test
    void theHeadlineAndTheDocumentsFiguresAreOnThePage() throws Exception {
        ReportRenderer.Output o = renderer().render(parse("increment-avgt.json"), dir.resolve("headline"));
        String html = Files.readString(o.index(), StandardCharsets.UTF_8);
        assertTrue(html.contains("<p class=\"lead\" id=\"headline\">On this machine, a new thread per task costs 1,580× "
                + "the time of the thread pool (1 fork, no interval): 1000 increments take 470 ms against 297 µs.</p>"), html);
        assertTrue(html.contains("<section id=\"choose\">"), "what should I use here");
        assertTrue(html.contains("id=\"few-forks\""), "the one-fork rows are warned about");
        assertTrue(html.contains("documented (Python)"));
        assertTrue(html.contains("<strong>284×</strong>"));
    }

    @Test
    void aStrangersFileRendersThroughTheGenericGroups() throws Exception {
        ReportRenderer.Output o = renderer().render(parse("stranger-sweep.json"), dir.resolve("stranger"));
        String html = Files.readString(o.index(), StandardCharsets.UTF_8);
        assertFalse(html.contains("id=\"gap\""), "no gap section without the workload");
        assertTrue(html.contains("8 results in 1 benchmark group from stranger-sweep.json."), html);
        assertTrue(html.contains("ListBenchmark.iterate"));
        assertEquals(1, o.charts());
    }

    @Test
    void filesOutsideTheReportAreCopiedAndFilesInsideAreLinkedInPlace() throws Exception {
        Path run = Files.createDirectories(dir.resolve("run"));
        Files.copy(Fixtures.path("increment-avgt.json"), run.resolve("jmh.json"));
        Files.copy(Fixtures.path("increment-avgt.env.json"), run.resolve("env.json"));
        ResultFile inside = JmhJsonParser.parse(run.resolve("jmh.json"), w -> { });
        ReportRenderer.Output o = renderer().render(List.of(inside, parse("increment-jdk25.json").get(0)), run);
        String html = Files.readString(o.index(), StandardCharsets.UTF_8);
        assertTrue(html.contains("<a href=\"jmh.json\">raw JSON</a>"));
        assertTrue(html.contains("<a href=\"env.json\">environment record</a>"));
        assertTrue(html.contains("<a href=\"data/02-increment-jdk25.json\">raw JSON</a>"));
        assertTrue(Files.isRegularFile(run.resolve("data/02-increment-jdk25.json")));
        assertTrue(Files.isRegularFile(run.resolve("data/02-increment-jdk25.env.json")));
    }

    @Test
    void aFailedRenderLeavesThePreviousReportWhole() throws Exception {
        Path out = dir.resolve("keep");
        renderer().render(parse("increment-avgt.json", "stranger-sweep.json"), out);
        String before = Files.readString(out.resolve("index.html"));
        List<String> chartsBefore = listing(out.resolve("charts"));

        ResultFile good = parse("increment-jdk25.json").get(0);
        ResultFile vanished = new ResultFile(dir.resolve("vanished.json"), "vanished", good.results(), Map.of());
        assertThrows(IOException.class, () -> renderer().render(List.of(good, vanished), out));

        assertEquals(before, Files.readString(out.resolve("index.html")));
        assertEquals(chartsBefore, listing(out.resolve("charts")));
        assertEquals(List.of(".poolbench-report", "charts", "data", "index.html", "style.css"), listing(out),
                "no temporary directory left");
    }

    @Test
    void aNewReportReplacesTheChartsOfTheOldOne() throws Exception {
        Path out = dir.resolve("replace");
        renderer().render(parse("increment-avgt.json", "stranger-sweep.json"), out);
        renderer().render(parse("increment-avgt.json"), out);
        assertEquals(List.of(ReportRenderer.MARKER, "01-IncrementBenchmark-map-avgt-narrow.png", "01-IncrementBenchmark-map-avgt.png",
                "gap-narrow.png", "gap.png"), listing(out.resolve("charts")), "each chart and its narrow rendition");
    }

    @Test
    void theGcProfilersAllocationIsShownBesideTheScore() throws Exception {
        ReportRenderer.Output o = renderer().render(parse("increment-avgt-gc.json"), dir.resolve("gc"));
        String html = Files.readString(o.index(), StandardCharsets.UTF_8);
        assertTrue(html.contains("<small>gc.alloc.rate.norm: 37,200 B/op</small>"), html);
    }

    @Test
    void slugsAreSafeFileNames() {
        assertEquals("script-alert-1-script-Benchmark-run-avgt", ReportRenderer.slug("<script>alert(1)</script>Benchmark.run-avgt"));
        assertEquals("benchmark", ReportRenderer.slug("../.."));
        assertTrue(ReportRenderer.slug("x".repeat(200)).length() <= 60);
    }

    private static List<String> listing(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
