package io.github.poolbench.report.analysis;

import io.github.poolbench.report.Fixtures;
import io.github.poolbench.report.model.BenchmarkResult;
import io.github.poolbench.report.model.ResultFile;
import io.github.poolbench.report.parse.JmhJsonParser;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.github.poolbench.report.analysis.OverheadGapTest.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class GroupsTest {
    private static ResultFile file(String label, BenchmarkResult... rows) {
        return new ResultFile(Path.of(label + ".json"), label, List.of(rows), Map.of());
    }

    private static ResultFile fixture(String name, String label) throws Exception {
        return JmhJsonParser.parse(Fixtures.path(name), w -> { }).withLabel(label);
    }

    @Test
    void oneGroupPerClassMethodAndModeSortedByName() throws Exception {
        List<Group> groups = Groups.of(List.of(fixture("synthetic-process.json", "p"), fixture("increment-avgt.json", "a")));
        assertEquals(List.of("FloorBenchmark.ipcFloor avgt", "FloorBenchmark.jvmFloor avgt", "FloorBenchmark.osFloor avgt",
                        "IncrementBenchmark.map avgt", "IncrementProcessBenchmark.map ss"),
                groups.stream().map(g -> g.title() + " " + g.mode()).toList());
    }

    @Test
    void theSameBenchmarkFromTwoFilesSharesAGroupInLabelOrder() throws Exception {
        List<Group> groups = Groups.of(List.of(fixture("increment-avgt.json", "JDK 17"), fixture("increment-jdk25.json", "JDK 25")));
        assertEquals(1, groups.size());
        Group g = groups.get(0);
        assertEquals(List.of("JDK 17", "JDK 25"), g.labels());
        assertEquals(List.of("chunksize", "strategy"), g.varyingParams());
        assertEquals("strategy", g.seriesParam());
        assertNull(g.xParam(), "no numeric param varies");
        assertEquals(Map.of("tasks", "1000", "workers", "5"), g.commonParams());
        Row first = g.rows().get(0);
        assertEquals("CALLER_THREAD", first.result().param("strategy"));
        assertEquals("1", first.result().param("chunksize"), "numbers sort before words");
        assertEquals("JDK 17", first.label());
    }

    @Test
    void nestedBenchmarkClassesKeepTheirOuterClassInTheTitle() throws Exception {
        List<Group> groups = Groups.of(List.of(fixture("synthetic-process-scenarios.json", "s")));
        List<String> titles = groups.stream().map(Group::title).toList();
        assertEquals(List.of("ApplyBenchmark.apply", "ApplyBenchmark.applyAsync",
                "IncrementProcessBenchmark.JvmPerTask.map", "IncrementProcessBenchmark.NativePerTask.map",
                "IncrementProcessBenchmark.Pool.map", "LifecycleBenchmark.createAndClose", "TaskWeightBenchmark.map"), titles);
    }

    @Test
    void thePythonReferenceJoinsOurClassByItsSimpleName() throws Exception {
        List<Group> groups = Groups.of(List.of(fixture("increment-ss.json", "java"), fixture("synthetic-python.json", "python")));
        assertEquals(1, groups.size());
        assertEquals("IncrementBenchmark", groups.get(0).className());
        assertEquals(List.of("java", "python"), groups.get(0).labels());
    }

    @Test
    void twoDeepClassesWithOneSimpleNameKeepTheirFullNames() {
        ResultFile f = file("x",
                row("com.a.deep.Foo.run", "avgt", Map.of(), 1, Double.NaN, "ns/op"),
                row("org.b.deep.Foo.run", "avgt", Map.of(), 1, Double.NaN, "ns/op"));
        assertEquals(List.of("com.a.deep.Foo.run", "org.b.deep.Foo.run"), Groups.of(List.of(f)).stream().map(Group::title).toList());
    }

    @Test
    void aNumericParamWithThreeOrMoreValuesBecomesTheXAxis() throws Exception {
        Group g = Groups.of(List.of(fixture("stranger-sweep.json", "s"))).get(0);
        assertEquals("size", g.xParam());
        assertNull(g.seriesParam());
        assertEquals(List.of("impl", "size"), g.varyingParams());
        assertEquals(Units.Kind.OPS_PER_TIME, g.kind());
    }

    @Test
    void theSuitesKnobsArePreferredAsTheXAxis() {
        ResultFile f = file("x",
                row("a.B.c", "avgt", Map.of("tasks", "10", "zeta", "1"), 1, Double.NaN, "ns/op"),
                row("a.B.c", "avgt", Map.of("tasks", "100", "zeta", "2"), 1, Double.NaN, "ns/op"),
                row("a.B.c", "avgt", Map.of("tasks", "1000", "zeta", "3"), 1, Double.NaN, "ns/op"),
                row("a.B.c", "avgt", Map.of("tasks", "1000", "zeta", "4"), 1, Double.NaN, "ns/op"));
        assertEquals("tasks", Groups.of(List.of(f)).get(0).xParam());
    }

    @Test
    void aParamMissingFromSomeRowsVaries() {
        ResultFile f = file("x",
                row("a.B.c", "avgt", Map.of("p", "1"), 1, Double.NaN, "ns/op"),
                row("a.B.c", "avgt", Map.of(), 1, Double.NaN, "ns/op"));
        Group g = Groups.of(List.of(f)).get(0);
        assertEquals(List.of("p"), g.varyingParams());
        assertEquals("–", g.distinguishing(g.rows().get(0)).get("p"), "absent sorts first");
    }

    @Test
    void unitsOfAnotherKindMakeAGroupOfTheirOwn() {
        ResultFile f = file("x",
                row("a.B.c", "avgt", Map.of(), 1, Double.NaN, "ns/op"),
                row("a.B.c", "avgt", Map.of(), 1, Double.NaN, "B/op"));
        assertEquals(2, Groups.of(List.of(f)).size());
    }
}
