package io.github.poolbench.report.compare;

import io.github.poolbench.report.analysis.Units;
import io.github.poolbench.report.model.ResultFile;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.github.poolbench.report.compare.Synthetic.around;
import static io.github.poolbench.report.compare.Synthetic.avgt;
import static io.github.poolbench.report.compare.Synthetic.env;
import static io.github.poolbench.report.compare.Synthetic.file;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutputTest {

    private static Comparison regressed() throws Exception {
        ResultFile base = file("base.json", avgt("FIXED_THREAD_POOL", around(100, 1, 5)),
                avgt("THREAD_PER_TASK", around(1000, 10, 5)), avgt("GONE", around(5, 1, 5)));
        ResultFile cur = file("cur.json", avgt("FIXED_THREAD_POOL", around(101, 1, 5)),
                avgt("THREAD_PER_TASK", around(2000, 10, 5)), avgt("NEW", around(5, 1, 5)));
        return Comparison.of(base, List.of(cur), CompareSettings.defaults());
    }

    private static String terminal(Comparison c) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TerminalTable.print(new CompareView(c), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theTerminalTableShowsEveryRowMostPressingFirstAndTheResult() throws Exception {
        String text = terminal(regressed());
        String[] lines = text.split("\n");
        int header = List.of(lines).indexOf(List.of(lines).stream().filter(l -> l.startsWith("answer")).findFirst().get());
        assertTrue(lines[header + 1].startsWith("SLOWER       IncrementBenchmark.map  avgt  strategy=THREAD_PER_TASK"),
                lines[header + 1]);
        assertTrue(lines[header + 1].contains("1000 ± 100 us/op"), lines[header + 1]);
        assertTrue(lines[header + 1].contains("+100.0%"), lines[header + 1]);
        assertTrue(lines[header + 2].startsWith("within ±20% "), lines[header + 2]);
        assertEquals("largest |change|: +100.0% (IncrementBenchmark.map avgt strategy=THREAD_PER_TASK)", lines[header + 3]);
        assertTrue(lines[header + 4].startsWith("weakest row: IncrementBenchmark.map avgt strategy="), lines[header + 4]);
        assertTrue(text.contains("  same in every row: tasks=1000\n"), text);
        assertTrue(text.contains("missing from the current run (a failure; --allow-missing accepts it):\n"
                + "  IncrementBenchmark.map avgt strategy=GONE\n"), text);
        assertTrue(text.contains("new in the current run (not judged):\n  IncrementBenchmark.map avgt strategy=NEW\n"), text);
        assertTrue(text.endsWith("result: 1 slower, 1 within ±20%, 1 missing, 1 new; exit 1\n"), text);
    }

    @Test
    void theMarkdownHasAStatusATableAndEscapesWhatWouldBreakIt() throws Exception {
        String md = MarkdownReport.render(new CompareView(regressed()));
        assertTrue(md.startsWith("### poolbench performance comparison: ❌ 1 row slower\n"), md);
        assertTrue(md.contains("| answer | benchmark | mode | params | baseline | current | change | interval | would catch"
                + " | samples |\n|---|---|---|---|---:|---:|---:|---:|---:|---|\n"), md);
        assertTrue(md.contains("| **slower** | IncrementBenchmark\\.map | avgt | strategy\\=THREAD\\_PER\\_TASK |"), md);
        assertEquals("a \\| b", MarkdownReport.cell("a | b"));
        assertEquals("\\<script\\>", MarkdownReport.inline("<script>"));
    }

    @Test
    void notComparableOutputNamesTheDifferenceAndShowsNoTable() throws Exception {
        Comparison c = Comparison.of(file("base", avgt("A", around(100, 1, 5))),
                List.of(file("cur", env("Linux", "amd64", 4, 17), avgt("A", around(300, 1, 5)))),
                CompareSettings.defaults());
        String text = terminal(c);
        assertTrue(text.contains("NOT COMPARABLE: cores 2 (baseline) vs 4 (current)\n"), text);
        assertFalse(text.contains("\nanswer "), text);
        String md = MarkdownReport.render(new CompareView(c));
        assertTrue(md.startsWith("### poolbench performance comparison: ⚠️ not comparable\n"), md);
        assertTrue(md.contains("**Not comparable:** cores 2 \\(baseline\\) vs 4 \\(current\\)."), md);
    }

    @Test
    void notesExplainRowsThatGotNoInterval() throws Exception {
        Comparison c = Comparison.of(file("base", avgt("A", 100), avgt("B", 100)),
                List.of(file("cur", avgt("A", 300), avgt("B", 101))), CompareSettings.defaults());
        List<String> notes = new CompareView(c).notes();
        assertEquals(List.of("IncrementBenchmark.map avgt strategy=A: too few samples for an interval (1 baseline, 1"
                + " current; at least 2 a side)", "IncrementBenchmark.map avgt strategy=B: too few samples for an interval"
                + " (1 baseline, 1 current; at least 2 a side)"), notes);
    }

    @Test
    void numbersKeepFourSignificantDigitsWithoutScientificNotation() {
        assertEquals("0.0001235", CompareView.number(0.00012345));
        assertEquals("12.35", CompareView.number(12.345));
        assertEquals("123456", CompareView.number(123456.4));
        assertEquals("NaN", CompareView.number(Double.NaN));
        assertEquals("20%", CompareView.percent(0.2));
    }

    @Test
    void directionComesFromTheModeAndForUnknownModesFromTheUnit() {
        assertEquals(Direction.HIGHER_IS_BETTER, Direction.of("thrpt", "ops/s"));
        assertEquals(Direction.LOWER_IS_BETTER, Direction.of("avgt", "us/op"));
        assertEquals(Direction.LOWER_IS_BETTER, Direction.of("sample", "ms/op"));
        assertEquals(Direction.LOWER_IS_BETTER, Direction.of("ss", "s/op"));
        assertEquals(Direction.HIGHER_IS_BETTER, Direction.of("custom", "ops/ms"));
        assertEquals(Direction.LOWER_IS_BETTER, Direction.of("custom", "ms/op"));
    }

    @Test
    void timeUnitsConvertBothPerOperationAndAsRates() {
        assertEquals(1000.0, Units.factor("ms/op", "us/op").getAsDouble(), 1e-9);
        assertEquals(0.001, Units.factor("ops/s", "ops/ms").getAsDouble(), 1e-12);
        assertTrue(Units.factor("ops/s", "us/op").isEmpty());
    }

    @Test
    void shortNamesDropThePackageButKeepNestedClasses() {
        assertEquals("IncrementBenchmark.map", new RowKey(Synthetic.BENCH, "avgt", null).shortName());
        assertEquals("IncrementProcessBenchmark.Pool.map",
                new RowKey("io.github.poolbench.bench.IncrementProcessBenchmark.Pool.map", "avgt", null).shortName());
        assertEquals("bench.map", new RowKey("org.bench.map", "avgt", null).shortName());
        assertEquals("map", new RowKey("map", "avgt", null).shortName());
    }
}
