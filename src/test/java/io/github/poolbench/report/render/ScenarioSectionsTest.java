package io.github.poolbench.report.render;

import io.github.poolbench.report.Fixtures;
import io.github.poolbench.report.model.BenchmarkResult;
import io.github.poolbench.report.model.Metric;
import io.github.poolbench.report.model.ResultFile;
import io.github.poolbench.report.parse.JmhJsonParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scenario sections: present exactly when their rows are, never failing on partial rows, files side by side. */
class ScenarioSectionsTest {
    /** Section id -> the benchmark class whose rows bring it. */
    private static final Map<String, String> SECTIONS = new LinkedHashMap<>();

    static {
        SECTIONS.put("apply", "ApplyBenchmark");
        SECTIONS.put("echo", "EchoServerBenchmark");
        SECTIONS.put("lifecycle", "LifecycleBenchmark");
        SECTIONS.put("task-count", "IncrementBenchmark");
        SECTIONS.put("task-weight", "TaskWeightBenchmark");
        SECTIONS.put("pool-size", "PoolSizeBenchmark");
    }

    private static final Pattern IMG = Pattern.compile("<img src=\"([^\"]+)\" alt=\"[^\"]*\" width=\"(\\d+)\" height=\"(\\d+)\"");
    private static final BenchmarkResult.RunSettings RUN = new BenchmarkResult.RunSettings(
            "1.37", null, List.of(), null, null, null, 1, 1, 1, "1 s", 1, "1 s");

    @TempDir
    Path dir;

    @TempDir
    static Path shared;

    /** The page of the full fixture, rendered once for the tests that only read it. */
    private static String full;

    @BeforeAll
    static void renderTheFullRunOnce() throws Exception {
        System.setProperty("java.awt.headless", "true");
        ReportRenderer.Output o = new ReportRenderer(ChartStyle.light()).render(List.of(parse("scenarios-jdk17.json")),
                shared.resolve("full"));
        full = Files.readString(o.index(), StandardCharsets.UTF_8);
    }

    private static ResultFile parse(String name) throws Exception {
        return JmhJsonParser.parse(Fixtures.path(name), w -> { });
    }

    private String render(List<ResultFile> files, String out) throws Exception {
        ReportRenderer.Output o = new ReportRenderer(ChartStyle.light()).render(files, dir.resolve(out));
        return Files.readString(o.index(), StandardCharsets.UTF_8);
    }

    private static ResultFile only(ResultFile f, String... simpleClasses) {
        List<BenchmarkResult> rows = f.results().stream().filter(r -> List.of(simpleClasses).contains(r.simpleClassName())).toList();
        return new ResultFile(f.source(), f.label(), rows, f.env());
    }

    private static String section(String html, String id) {
        int start = html.indexOf("<section id=\"" + id + "\">");
        assertTrue(start >= 0, "no section " + id);
        return html.substring(start, html.indexOf("</section>", start));
    }

    private static BenchmarkResult row(String benchmark, Map<String, String> params, double score, String unit,
                                       Map<String, Metric> secondary) {
        return new BenchmarkResult("io.github.poolbench.bench." + benchmark, "avgt", new TreeMap<>(params),
                Metric.ofOneFork(score, Double.NaN, unit, List.of()), new TreeMap<>(secondary), RUN);
    }

    @Test
    void aFullRunShowsEverySectionWithChartsThatDecodeAtTheirStatedSize() throws Exception {
        String html = full;
        for (String id : SECTIONS.keySet()) {
            String s = section(html, id);
            assertTrue(html.contains("<a href=\"#" + id + "\">"), "nav link to " + id);
            Matcher m = IMG.matcher(s);
            assertTrue(m.find(), "a chart in " + id);
            do {
                BufferedImage image = ImageIO.read(shared.resolve("full").resolve(m.group(1)).toFile());
                assertNotNull(image, m.group(1) + " decodes");
                assertEquals(Integer.parseInt(m.group(2)), image.getWidth());
                assertEquals(Integer.parseInt(m.group(3)), image.getHeight());
            } while (m.find());
        }
        assertTrue(section(html, "task-count").contains("task-count-per-task.png"), "both sweep charts");
    }

    @Test
    void eachSectionAppearsOnlyWithItsOwnRows() throws Exception {
        ResultFile full = parse("scenarios-jdk17.json");
        for (Map.Entry<String, String> e : SECTIONS.entrySet()) {
            String html = render(List.of(only(full, e.getValue())), e.getKey());
            for (String other : SECTIONS.keySet()) {
                assertEquals(other.equals(e.getKey()), html.contains("<section id=\"" + other + "\">"),
                        other + " with only " + e.getValue() + " rows");
            }
        }
    }

    @Test
    void aStrangersFileHasNoScenarioSection() throws Exception {
        String html = render(List.of(parse("stranger-sweep.json")), "stranger");
        SECTIONS.keySet().forEach(id -> assertFalse(html.contains("<section id=\"" + id + "\">"), id));
    }

    @Test
    void theBreakEvenTaskSizeIsInTheHeadlineSection() throws Exception {
        String header = full.substring(0, full.indexOf("</header>"));
        assertTrue(header.contains("One new thread per task is fine from about 958 µs of work per task: from there on it "
                + "costs under 10% more than a task on a pooled thread."), header);
    }

    @Test
    void theEchoSectionSaysWhoWaits() throws Exception {
        String echo = section(full, "echo");
        assertTrue(echo.contains("<code>FIXED_THREAD_POOL</code> — model: 4 clients at a time, 2 wait (ranks 5–6); "
                + "measured: ranks 1–4 3.07 ms, ranks 5–6 10.1 ms (3.28×)"), echo);
        assertTrue(echo.contains("<th>rank 6</th>") && !echo.contains("<th>rank 7</th>"), "ranks up to the clients");
    }

    @Test
    void applyIsSetAgainstTheModelsTwoAndAHalf() throws Exception {
        String apply = section(full, "apply");
        assertTrue(apply.contains("ceil(10/3) × 5.00 ms &#61; 20.0 ms"), apply); // mustache escapes "="
        assertTrue(apply.contains("<td class=\"num\">2.50×</td>"), "the model's apply/applyAsync ratio");
    }

    @Test
    void partialAndOddRowsNeverFailTheReport() throws Exception {
        Map<String, Metric> noExchanges = Map.of("exchanges", Metric.ofOneFork(0, Double.NaN, "#", List.of()),
                "firstReplyMsRank01", Metric.ofOneFork(0, Double.NaN, "#", List.of()));
        List<BenchmarkResult> rows = new ArrayList<>(List.of(
                row("ApplyBenchmark.apply", Map.of(), 12, "ms/op", Map.of()),
                row("ApplyBenchmark.applyAsync", Map.of("strategy", "<script>alert(1)</script>", "tasks", "x"), 5, "ms/op", Map.of()),
                row("EchoServerBenchmark.exchange", Map.of("handler", "FIXED_THREAD_POOL", "clients", "6"), 20, "ms/op", noExchanges),
                row("LifecycleBenchmark.createAndClose", Map.of("strategy", "FIXED_THREAD_POOL", "size", "lots"), 900, "us/op", Map.of()),
                row("IncrementBenchmark.map", Map.of("strategy", "FIXED_THREAD_POOL", "tasks", "1000"), 300, "us/op", Map.of()),
                row("TaskWeightBenchmark.map", Map.of("strategy", "THREAD_PER_TASK", "workMicros", "0"), Double.NaN, "us/op", Map.of()),
                row("PoolSizeBenchmark.map", Map.of("workers", "some"), 10, "us/op", Map.of())));
        ResultFile odd = new ResultFile(dir.resolve("odd.json"), "odd", rows, Map.of());
        Files.writeString(odd.source(), "[]");
        String html = render(List.of(odd), "odd");
        assertTrue(section(html, "apply").contains("n/a"), "no model without the params");
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assertFalse(html.toLowerCase(Locale.ROOT).contains("<script"), "no script element from the data");
        assertFalse(html.contains("<section id=\"echo\">"), "no exchanges, no waits");
        assertTrue(section(html, "lifecycle").contains("unresolved"));
        assertTrue(section(html, "lifecycle").contains("No break-even"));
        assertFalse(html.contains("<section id=\"task-count\">"), "one task count is no sweep");
        assertTrue(section(html, "task-weight").contains("assumed"), "cores assumed without an environment record");
        assertTrue(section(html, "pool-size").contains("some"));
    }

    @Test
    void pinnedAndUnpinnedRunsAreShownSideBySide() throws Exception {
        ResultFile unpinned = only(parse("scenarios-jdk17.json"), "ApplyBenchmark", "EchoServerBenchmark").withLabel("unpinned");
        ResultFile pinned = parse("apply-pinned.json").withLabel("pinned");
        String html = render(List.of(unpinned, pinned), "pinning");
        String apply = section(html, "apply");
        assertTrue(apply.contains("<th>file</th>"), "a file column when there are several");
        assertTrue(apply.contains("<td>unpinned</td>") && apply.contains("<td>pinned</td>"));
        assertTrue(apply.contains("pinned: FIXED_THREAD_POOL · apply 67.8 ms"), "the chart's alt text names each file's bars");
        assertFalse(section(html, "echo").contains("<th>file</th>"), "one file in this section: no file column");
    }

    @Test
    void seriesOfSeveralFilesKeepOneColourPerStrategyAndOnePatternPerFile() throws Exception {
        List<ResultFile> files = List.of(parse("scenarios-jdk17.json").withLabel("JDK 17"), parse("scenarios-jdk25.json").withLabel("JDK 25"));
        LineData sweep = ScenarioFigures.sweepTotal(io.github.poolbench.report.analysis.Scenarios.of(files, 2).sweep());
        assertEquals(sweep.look("THREAD_PER_TASK [JDK 17]").color(), sweep.look("THREAD_PER_TASK [JDK 25]").color());
        assertEquals(0, sweep.look("THREAD_PER_TASK [JDK 17]").variant());
        assertEquals(1, sweep.look("THREAD_PER_TASK [JDK 25]").variant());
        assertEquals(LineData.Axis.LOG, sweep.x(), "log–log");
        assertEquals(LineData.Axis.LOG, sweep.y());
        assertTrue(sweep.xRange().log() && sweep.yRange().log());
    }
}
