package io.github.poolbench.report.render;

import io.github.poolbench.report.model.BenchmarkResult;
import io.github.poolbench.report.model.Metric;
import io.github.poolbench.report.model.ResultFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The floors section: the OS floor named, the Java paths above it, no ratio across unlike costs, the parent-size chart. */
class FloorsSectionTest {
    private static final BenchmarkResult.RunSettings RUN = new BenchmarkResult.RunSettings(
            "1.37", null, List.of(), null, null, null, 1, 1, 1, "1 s", 1, "1 s");

    @TempDir
    Path dir;

    private static BenchmarkResult row(String benchmark, Map<String, String> params, double score, String unit) {
        return new BenchmarkResult("io.github.poolbench.bench." + benchmark, "ss", new TreeMap<>(params),
                Metric.ofOneFork(score, Double.NaN, unit, List.of()), new TreeMap<>(), RUN);
    }

    private String render(List<BenchmarkResult> rows) throws Exception {
        System.setProperty("java.awt.headless", "true");
        ResultFile f = new ResultFile(dir.resolve("in.json"), "run", rows, Map.of());
        Files.writeString(f.source(), "[]");
        ReportRenderer.Output o = new ReportRenderer(ChartStyle.light()).render(List.of(f), dir.resolve("out"));
        String html = Files.readString(o.index(), StandardCharsets.UTF_8);
        int start = html.indexOf("<section id=\"floors\">");
        assertTrue(start >= 0, "a floors section");
        return html.substring(start, html.indexOf("</section>", start));
    }

    @Test
    void theOsFloorIsNamedAndEveryJavaPathStandsAboveIt() throws Exception {
        List<BenchmarkResult> rows = new ArrayList<>();
        rows.add(row("FloorBenchmark.spawnTrue", Map.of("spawner", "posix_spawn", "tasks", "1000", "maxChildren", "5"), 400, "ms/op"));
        rows.add(row("FloorBenchmark.spawnTrueMechanism", Map.of("spawner", "processbuilder", "launchMechanism", "FORK",
                "tasks", "1000", "maxChildren", "5"), 2500, "ms/op"));
        rows.add(row("FloorBenchmark.roundTrip", Map.of(), 42.6, "us/op"));
        rows.add(row("IncrementProcessBenchmark.Pool.map", Map.of("strategy", "FIXED_PROCESS_POOL", "tasks", "1000",
                "workers", "5", "chunksize", "auto"), 164, "us/op"));
        String s = render(rows);
        assertTrue(s.contains("(no helper exec, no thread per child): 400 µs per child."), s);
        assertTrue(s.contains("<td><code>processbuilder, FORK</code></td><td class=\"num\">2.50 ms</td><td class=\"num\">+2.10 ms</td>"
                + "<td class=\"num\">6.25×</td>"), s);
        assertTrue(s.contains("<td class=\"num\">–</td><td>no ratio: the floor is one call&#39;s latency, the strategy a per-task "
                + "share of a batch</td>"), s);
        assertFalse(s.contains("0.00385"), "no pooled task divided by a round trip");
        assertFalse(s.contains("parent-size"), "no sweep rows, no sweep");
    }

    @Test
    void theParentSizeSweepIsALineChartWithItsTable() throws Exception {
        List<BenchmarkResult> rows = new ArrayList<>();
        for (int mb : new int[] {0, 1024, 4096}) {
            rows.add(row("ParentSizeBenchmark.spawnTrue", Map.of("spawner", "processbuilder", "launchMechanism", "FORK",
                    "parentHeapMb", String.valueOf(mb), "tasks", "100"), 300 + mb * 10, "ms/op"));
            rows.add(row("ParentSizeBenchmark.spawnTrueDirect", Map.of("spawner", "posix_spawn",
                    "parentHeapMb", String.valueOf(mb), "tasks", "100"), 40, "ms/op"));
        }
        String s = render(rows);
        assertTrue(s.contains("<th>0 MB</th><th>1,024 MB</th><th>4,096 MB</th>"), s);
        assertTrue(s.contains("<td><code>processbuilder, FORK</code></td><td class=\"num\">3.00 ms</td><td class=\"num\">105 ms</td>"
                + "<td class=\"num\">413 ms</td>"), s);
        assertTrue(s.contains("charts/parent-size.png"), s);
        assertNotNull(ImageIO.read(dir.resolve("out/charts/parent-size.png").toFile()), "the chart decodes");
    }
}
