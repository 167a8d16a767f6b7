package io.github.poolbench.report.compare;

import io.github.poolbench.report.model.BenchmarkResult;
import io.github.poolbench.report.model.Metric;
import io.github.poolbench.report.model.ResultFile;
import io.github.poolbench.report.parse.ReportInputException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.github.poolbench.report.compare.Synthetic.BENCH;
import static io.github.poolbench.report.compare.Synthetic.around;
import static io.github.poolbench.report.compare.Synthetic.avgt;
import static io.github.poolbench.report.compare.Synthetic.file;
import static io.github.poolbench.report.compare.Synthetic.row;
import static io.github.poolbench.report.compare.Synthetic.thrpt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ComparisonTest {
    private static final CompareSettings DEFAULTS = CompareSettings.defaults();

    private static Comparison compare(ResultFile base, ResultFile current) throws ReportInputException {
        return Comparison.of(base, List.of(current), DEFAULTS);
    }

    private static RowComparison only(Comparison c) {
        assertEquals(1, c.rows().size(), "rows: " + c.rows());
        return c.rows().get(0);
    }

    @Test
    void identicalSamplesPass() throws Exception {
        double[] s = around(100, 5, 5);
        Comparison c = compare(file("base", avgt("FIXED_THREAD_POOL", s)), file("cur", avgt("FIXED_THREAD_POOL", s)));
        RowComparison r = only(c);
        assertEquals(Verdict.WITHIN, r.verdict());
        assertEquals(0.0, r.change(), 1e-12);
        assertTrue(r.interval().low() < 0 && r.interval().high() > 0, "interval " + r.interval());
        assertEquals(0, c.exitCode());
    }

    @Test
    void twiceAsSlowWithTightSamplesIsARegression() throws Exception {
        Comparison c = compare(file("base", avgt("THREAD_PER_TASK", around(100, 1, 5))),
                file("cur", avgt("THREAD_PER_TASK", around(200, 2, 5))));
        RowComparison r = only(c);
        assertEquals(Verdict.SLOWER, r.verdict());
        assertEquals(1.0, r.change(), 0.001);
        assertTrue(r.interval().low() > 0.9, "interval " + r.interval());
        assertEquals(1, c.exitCode());
        assertEquals("1 slower; exit 1", c.summary());
    }

    @Test
    void thirtyPercentSlowerWithWideNoiseCannotTellAndExitsFour() throws Exception {
        Comparison c = compare(file("base", avgt("THREAD_PER_TASK", Synthetic.scrambled(100, 60, 5))),
                file("cur", avgt("THREAD_PER_TASK", Synthetic.scrambled(130, 80, 5))));
        RowComparison r = only(c);
        assertEquals(Verdict.CANNOT_TELL, r.verdict());
        assertTrue(r.interval().low() < 0 && r.interval().high() > 0.1, "interval " + r.interval());
        assertEquals(4, c.exitCode());
        String note = new CompareView(c).notes().get(0);
        assertTrue(note.contains("cannot tell: the interval holds 0 and reaches up to +"), note);
    }

    @Test
    void aHugeSlowdownWhoseNoiseGrewWithItIsStillARegression() throws Exception {
        // Three iterations of a real smoke run, then the same with -jvmArgsAppend -Xint: the raw
        // spread grew 50-fold too, and a t-test on raw values gives p = 0.02; on logs it is clear.
        Comparison c = compare(file("base", avgt("CALLER_THREAD", 103.634, 66.824, 87.863)),
                file("cur", avgt("CALLER_THREAD", 5657.568, 5729.296, 8381.730)));
        RowComparison r = only(c);
        assertEquals(Verdict.SLOWER, r.verdict());
        assertTrue(r.interval().low() > 10, "interval " + r.interval());
    }

    @Test
    void samplesThatAreNotAllPositiveAreNotJudgedAndFailWithExitTwo() throws Exception {
        Comparison c = compare(file("base", avgt("A", -1, 5, 5)), file("cur", avgt("A", 10, 11, 12)));
        assertEquals(Verdict.NOT_JUDGED, only(c).verdict());
        assertEquals("the baseline has a sample of -1: a time or a rate must be a positive number", only(c).note());
        assertEquals(2, c.exitCode());
    }

    @Test
    void aSignificantChangeWhoseIntervalLiesInsideTheThresholdIsWithin() throws Exception {
        Comparison c = compare(file("base", avgt("FIXED_THREAD_POOL", around(100, 0.5, 10))),
                file("cur", avgt("FIXED_THREAD_POOL", around(110, 0.5, 10))));
        RowComparison r = only(c);
        assertTrue(r.interval().low() > 0.09 && r.interval().high() < 0.2, "interval " + r.interval());
        assertEquals(Verdict.WITHIN, r.verdict());
        assertEquals(0, c.exitCode());
    }

    @Test
    void lowerThroughputIsARegressionAndHigherThroughputAnImprovement() throws Exception {
        Comparison c = compare(
                file("base", thrpt("FIXED_THREAD_POOL", around(50, 0.5, 5)), thrpt("THREAD_PER_TASK", around(10, 0.1, 5))),
                file("cur", thrpt("FIXED_THREAD_POOL", around(25, 0.5, 5)), thrpt("THREAD_PER_TASK", around(20, 0.1, 5))));
        assertEquals(Verdict.SLOWER, c.rows().get(0).verdict());
        assertEquals(1.0, c.rows().get(0).change(), 0.001);
        assertEquals(Verdict.FASTER, c.rows().get(1).verdict());
        assertEquals(-0.5, c.rows().get(1).change(), 0.001);
        assertEquals(1, c.exitCode());
    }

    @Test
    void lessTimePerOperationIsAnImprovementAndPasses() throws Exception {
        Comparison c = compare(file("base", avgt("THREAD_PER_TASK", around(200, 2, 5))),
                file("cur", avgt("THREAD_PER_TASK", around(100, 1, 5))));
        assertEquals(Verdict.FASTER, only(c).verdict());
        assertEquals(0, c.exitCode());
        assertEquals("1 faster; exit 0", c.summary());
    }

    @Test
    void nanScoreErrorsDoNotDisturbTheVerdict() throws Exception {
        // JMH writes scoreError NaN when it cannot compute an interval; the samples still decide.
        Metric base = Metric.ofOneFork(100, Double.NaN, "us/op", List.of(99.0, 100.0, 101.0));
        Metric cur = Metric.ofOneFork(200, Double.NaN, "us/op", List.of(199.0, 200.0, 201.0));
        Comparison c = compare(file("base", row(BENCH, "avgt", "X", base)), file("cur", row(BENCH, "avgt", "X", cur)));
        assertEquals(Verdict.SLOWER, only(c).verdict());
        assertEquals("200 us/op", CompareView.score(only(c).currentScore(), only(c).currentError(), "us/op"));
    }

    @Test
    void aNanScoreIsNotJudgedAndSaysWhy() throws Exception {
        Metric base = Metric.ofOneFork(100, 1, "us/op", List.of(99.0, 100.0, 101.0));
        Metric cur = Metric.ofOneFork(Double.NaN, Double.NaN, "us/op", List.of());
        Comparison c = compare(file("base", row(BENCH, "avgt", "X", base)), file("cur", row(BENCH, "avgt", "X", cur)));
        RowComparison r = only(c);
        assertEquals(Verdict.NOT_JUDGED, r.verdict());
        assertEquals("the current score is NaN: a time or a rate must be a positive number", r.note());
        assertEquals(2, c.exitCode());
        assertEquals("1 not judged (1 row the gate cannot judge: bad data, no pass); exit 2", c.summary());
    }

    @Test
    void singleSampleResultsCannotTellAndSayWhy() throws Exception {
        Comparison c = compare(
                file("base", avgt("A", 100), avgt("B", 100)),
                file("cur", avgt("A", 250), avgt("B", 105)));
        RowComparison slow = c.rows().get(0);
        assertEquals(Verdict.CANNOT_TELL, slow.verdict());
        assertNull(slow.interval());
        assertEquals(1.5, slow.change(), 1e-9);
        assertEquals("too few samples for an interval (1 baseline, 1 current; at least 2 a side)", slow.note());
        assertEquals(4, c.exitCode());
    }

    @Test
    void samplesWithoutSpreadGiveAPointIntervalAndAreJudgedOnIt() throws Exception {
        Comparison c = compare(file("base", avgt("A", 100, 100, 100)), file("cur", avgt("A", 150, 150, 150)));
        RowComparison r = only(c);
        assertEquals(Verdict.SLOWER, r.verdict());
        assertEquals(0.5, r.interval().low(), 1e-9);
        assertEquals(0.5, r.interval().high(), 1e-9);
    }

    @Test
    void aBaselineRowMissingFromTheCurrentRunFailsUnlessAllowed() throws Exception {
        ResultFile base = file("base", avgt("A", around(100, 1, 5)), avgt("B", around(100, 1, 5)));
        ResultFile cur = file("cur", avgt("A", around(100, 1, 5)));
        Comparison strict = compare(base, cur);
        assertEquals(1, strict.missing().size());
        assertEquals("B", strict.missing().get(0).params().get("strategy"));
        assertEquals(1, strict.exitCode());
        assertEquals("1 within ±20%, 1 missing; exit 1", strict.summary());

        Comparison lenient = Comparison.of(base, List.of(cur), new CompareSettings(0.2, 0.01, true, false));
        assertEquals(0, lenient.exitCode());
        assertEquals("1 within ±20%, 1 missing (allowed); exit 0", lenient.summary());
    }

    @Test
    void newRowsAreListedAndDoNotFail() throws Exception {
        Comparison c = compare(file("base", avgt("A", around(100, 1, 5))),
                file("cur", avgt("A", around(100, 1, 5)), avgt("NEW", around(1, 0.1, 5))));
        assertEquals(1, c.added().size());
        assertEquals("NEW", c.added().get(0).params().get("strategy"));
        assertEquals(0, c.exitCode());
    }

    @Test
    void rowsMatchOnModeAndParamsNotJustTheMethod() throws Exception {
        Comparison c = compare(file("base", avgt("A", around(100, 1, 5))), file("cur", thrpt("A", around(100, 1, 5))));
        assertEquals(0, c.rows().size());
        assertEquals(1, c.missing().size());
        assertEquals(1, c.added().size());
    }

    @Test
    void scoresInDifferentTimeUnitsAreConvertedBeforeComparing() throws Exception {
        BenchmarkResult base = row(BENCH, "avgt", "us/op", "A", around(2000, 10, 5));
        BenchmarkResult cur = row(BENCH, "avgt", "ms/op", "A", around(2.0, 0.01, 5));
        RowComparison r = only(compare(file("base", base), file("cur", cur)));
        assertEquals(Verdict.WITHIN, r.verdict());
        assertEquals("us/op", r.unit());
        assertEquals(2000, r.currentScore(), 1e-6);
    }

    @Test
    void unitsThatDoNotConvertAreNotJudged() throws Exception {
        BenchmarkResult base = row(BENCH, "avgt", "us/op", "A", around(100, 1, 5));
        BenchmarkResult cur = row(BENCH, "avgt", "B/op", "A", around(100, 1, 5));
        Comparison c = compare(file("base", base), file("cur", cur));
        RowComparison r = only(c);
        assertEquals(Verdict.NOT_JUDGED, r.verdict());
        assertEquals("unit B/op is not a JMH time unit (ns/op ... s/op or ops/ns ... ops/s)", r.note());
        assertEquals(2, c.exitCode());
    }

    @Test
    void aFileWithTheSameRowTwiceIsBadInput() {
        ResultFile base = file("base.json", avgt("A", 1, 2), avgt("A", 1, 2));
        ReportInputException e = assertThrows(ReportInputException.class,
                () -> compare(base, file("cur", avgt("A", 1, 2))));
        assertEquals("base.json: holds " + BENCH + " avgt strategy=A tasks=1000 more than once", e.getMessage());
    }

    @Test
    void severalCurrentFilesArePooledAndOnlyNamedRowsAreJudged() throws Exception {
        ResultFile base = file("base", avgt("A", around(100, 1, 5)), avgt("B", around(100, 1, 5)),
                avgt("C", around(100, 1, 5)));
        ResultFile rerunA = file("a", avgt("A", around(300, 1, 5)));
        ResultFile rerunB = file("b", avgt("B", around(101, 1, 5)));
        Comparison c = Comparison.of(base, List.of(rerunA, rerunB), DEFAULTS,
                k -> !"C".equals(k.params().get("strategy")), Comparison.RowLevels.bonferroni(DEFAULTS.alpha()));
        assertEquals(2, c.rows().size());
        assertEquals(List.of(), c.missing());
        assertEquals(1, c.regressions().size());
        assertEquals(1, c.exitCode());
    }

    @Test
    void rowsAreViewedMostPressingFirst() throws Exception {
        Comparison c = compare(
                file("base", avgt("A", around(100, 1, 5)), avgt("B", around(100, 1, 5))),
                file("cur", avgt("A", around(100, 1, 5)), avgt("B", around(300, 1, 5))));
        List<CompareView.Row> rows = new CompareView(c).rows();
        assertEquals(Verdict.SLOWER, rows.get(0).verdict());
        assertEquals("strategy=B", rows.get(0).cells().get(3));
    }
}
