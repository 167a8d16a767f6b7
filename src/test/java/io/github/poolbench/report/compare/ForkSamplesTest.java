package io.github.poolbench.report.compare;

import io.github.poolbench.report.model.ResultFile;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.github.poolbench.report.compare.Synthetic.around;
import static io.github.poolbench.report.compare.Synthetic.env;
import static io.github.poolbench.report.compare.Synthetic.file;
import static io.github.poolbench.report.compare.Synthetic.forks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Forks, not iterations, are the samples of the gate (issue 11). */
class ForkSamplesTest {
    private static final CompareSettings DEFAULTS = CompareSettings.defaults();

    /** 5 forks x 10 iterations: iterations within a fork +-0.5%, fork means spread +-25% around {@code mean}. */
    private static double[][] fiveSpreadForks(double mean) {
        double[] factors = {1.25, 0.75, 1.0, 1.125, 0.875};
        double[][] forks = new double[5][];
        for (int f = 0; f < 5; f++) {
            double m = mean * factors[f];
            forks[f] = around(m, 0.005 * m, 10);
        }
        return forks;
    }

    private static RowComparison only(Comparison c) {
        assertEquals(1, c.rows().size(), "rows: " + c.rows());
        return c.rows().get(0);
    }

    @Test
    void thePseudoReplicatedPairOfTheIssueCannotTellOnForkSamples() throws Exception {
        Comparison c = Comparison.of(file("base", forks("THREAD_PER_TASK", fiveSpreadForks(100))),
                List.of(file("cur", forks("THREAD_PER_TASK", fiveSpreadForks(125.7)))), DEFAULTS);
        RowComparison r = only(c);
        assertEquals(0.257, r.change(), 0.01);
        assertEquals("5 forks a side", r.basis());
        assertEquals(Verdict.CANNOT_TELL, r.verdict());
        assertTrue(r.interval().low() < 0, "interval " + r.interval());
        assertEquals(4, c.exitCode());

        // The old rule, every iteration a sample, calls the same data a sure slowdown.
        List<Double> base = new ArrayList<>();
        List<Double> cur = new ArrayList<>();
        for (double[] f : fiveSpreadForks(100)) {
            for (double v : f) {
                base.add(v);
            }
        }
        for (double[] f : fiveSpreadForks(125.7)) {
            for (double v : f) {
                cur.add(v);
            }
        }
        assertTrue(ChangeInterval.of(base, cur, DEFAULTS.alpha()).lo() > 0);
    }

    @Test
    void twiceTheTimeWithTightForksIsSlowerWithExitOne() throws Exception {
        double[][] base = new double[5][];
        double[][] cur = new double[5][];
        for (int f = 0; f < 5; f++) {
            base[f] = around(100 + f, 0.5, 10);
            cur[f] = around(200 + 2 * f, 1, 10);
        }
        Comparison c = Comparison.of(file("base", forks("THREAD_PER_TASK", base)),
                List.of(file("cur", forks("THREAD_PER_TASK", cur))), DEFAULTS);
        RowComparison r = only(c);
        assertEquals(Verdict.SLOWER, r.verdict());
        assertTrue(r.interval().low() > 0.9, "interval " + r.interval());
        assertEquals(1, c.exitCode());
    }

    @Test
    void withFewerThanThreeForksTheIterationsStandInAndTheRowSaysPseudoReplicated() throws Exception {
        Comparison c = Comparison.of(file("base", Synthetic.avgt("A", around(100, 1, 10))),
                List.of(file("cur", Synthetic.avgt("A", around(200, 1, 10)))), DEFAULTS);
        RowComparison r = only(c);
        assertEquals("pseudo-replicated: 10 iterations of 1 fork", r.basis());
        assertTrue(r.pseudoReplicated());
        CompareView view = new CompareView(c);
        assertEquals("pseudo-replicated: 10 iterations of 1 fork", view.rows().get(0).cells().get(9));
        assertTrue(view.header().contains("1 of 1 rows are pseudo-replicated (iterations of fewer than 3 forks): their"
                + " intervals are too narrow; measure 5 forks or more a side"), view.header().toString());
    }

    @Test
    void bonferroniSharesAlphaAcrossTheRowsAndTheHeaderSaysSo() throws Exception {
        Comparison c = Comparison.of(file("base", Synthetic.avgt("A", around(100, 1, 5)), Synthetic.avgt("B", around(100, 1, 5))),
                List.of(file("cur", Synthetic.avgt("A", around(100, 1, 5)), Synthetic.avgt("B", around(300, 1, 5)))), DEFAULTS);
        assertEquals(0.005, c.rows().get(0).interval().level(), 1e-12);
        String header = String.join("\n", new CompareView(c).header());
        assertTrue(header.contains("the 2 rows' intervals hold together at 99% (Bonferroni: each at 99.5%)"), header);
    }

    @Test
    void theDetectableChangeGrowsWithTheForkSpreadAndTheWeakestRowIsNamed() throws Exception {
        double[][] tight = new double[5][];
        double[][] loose = new double[5][];
        double[] f = {1.02, 0.98, 1.0, 1.01, 0.99};
        for (int i = 0; i < 5; i++) {
            tight[i] = around(100 * f[i], 0.5, 4);
            loose[i] = around(100 * (1 + 10 * (f[i] - 1)), 0.5, 4);
        }
        Comparison c = Comparison.of(file("base", forks("T", tight), forks("L", loose)),
                List.of(file("cur", forks("T", tight), forks("L", loose))), DEFAULTS);
        assertTrue(c.rows().get(1).interval().catches() > 5 * c.rows().get(0).interval().catches());
        assertTrue(new CompareView(c).weakestRow().orElseThrow().startsWith(
                "weakest row: IncrementBenchmark.map avgt strategy=L would catch a change of "),
                new CompareView(c).weakestRow().toString());
    }

    @Test
    void aCpuModelMismatchIsNotComparableWithExitThreeNamingBothCpus() throws Exception {
        Map<String, Object> amd = new java.util.LinkedHashMap<>(Synthetic.linux2());
        amd.put("cpuModel", "AMD EPYC");
        Map<String, Object> intel = new java.util.LinkedHashMap<>(Synthetic.linux2());
        intel.put("cpuModel", "Intel(R) Xeon(R) Processor");
        Comparison c = Comparison.of(file("base", amd, Synthetic.avgt("A", around(100, 1, 5))),
                List.of(file("cur", intel, Synthetic.avgt("A", around(20, 1, 5)))), DEFAULTS);
        assertEquals(3, c.exitCode());
        assertEquals("not comparable: CPU model AMD EPYC (baseline) vs Intel(R) Xeon(R) Processor (current)"
                + " (--force compares anyway); exit 3", c.summary());
    }

    @Test
    void twoCpuGenerationsBehindOneVagueModelNameAreNotComparable() throws Exception {
        Map<String, Object> zen4 = new java.util.LinkedHashMap<>(Synthetic.linux2());
        zen4.put("cpuModel", "AMD EPYC");
        zen4.put("cpuSignature", "family 25 model 17 stepping 1");
        Map<String, Object> zen5 = new java.util.LinkedHashMap<>(zen4);
        zen5.put("cpuSignature", "family 26 model 2 stepping 1");
        Comparison c = Comparison.of(file("base", zen4, Synthetic.avgt("A", around(100, 1, 5))),
                List.of(file("cur", zen5, Synthetic.avgt("A", around(100, 1, 5)))), DEFAULTS);
        assertEquals(3, c.exitCode());
        assertEquals("not comparable: CPU model AMD EPYC (family 25 model 17 stepping 1) (baseline) vs"
                + " AMD EPYC (family 26 model 2 stepping 1) (current) (--force compares anyway); exit 3", c.summary());
    }

    @Test
    void kernelJdkBuildCgroupLimitAndLaunchMechanismDifferencesAreOneWarningEach() throws Exception {
        Map<String, Object> a = new java.util.LinkedHashMap<>(Synthetic.linux2());
        a.put("osVersion", "6.1.0");
        a.put("kernel", "Linux version 6.1.0 (builder@a) #1");
        a.put("jdkVendor", "Debian");
        a.put("jdkRuntimeVersion", "17.0.15+6-Debian-1deb12u1");
        a.put("cgroupCpuLimit", "none (cpu.max max 100000)");
        a.put("processLaunchMechanism", "default");
        Map<String, Object> b = new java.util.LinkedHashMap<>(a);
        b.put("osVersion", "6.8.0");
        b.put("kernel", "Linux version 6.8.0 (builder@b) #2");
        b.put("jdkVendor", "Eclipse Adoptium");
        b.put("jdkRuntimeVersion", "17.0.13+11");
        b.put("cgroupCpuLimit", "1.50 CPUs (cpu.max 150000 100000)");
        b.put("processLaunchMechanism", "FORK");
        Comparison c = Comparison.of(file("base", a, Synthetic.avgt("A", around(100, 1, 5))),
                List.of(file("cur", b, Synthetic.avgt("A", around(100, 1, 5)))), DEFAULTS);
        assertTrue(c.comparable());
        assertEquals(List.of("kernel differs: 6.1.0 (baseline) vs 6.8.0 (current)",
                "JDK vendor differs: Debian (baseline) vs Eclipse Adoptium (current)",
                "JDK version differs: 17.0.15+6-Debian-1deb12u1 (baseline) vs 17.0.13+11 (current)",
                "cgroup CPU limit differs: none (cpu.max max 100000) (baseline) vs 1.50 CPUs (cpu.max 150000 100000)"
                        + " (current)",
                "process launch mechanism differs: default (baseline) vs FORK (current)"), c.warnings());
        assertEquals(0, c.exitCode());
    }

    @Test
    void aJdkVersionRecordedWithoutItsBuildIsNotADifference() throws Exception {
        Map<String, Object> old = new java.util.LinkedHashMap<>(Synthetic.linux2());
        old.put("jdkVersion", "17.0.15");
        Map<String, Object> now = new java.util.LinkedHashMap<>(Synthetic.linux2());
        now.put("jdkVersion", "17.0.15");
        now.put("jdkRuntimeVersion", "17.0.15+6-Debian-1deb12u1");
        Comparison c = Comparison.of(file("base", old, Synthetic.avgt("A", around(100, 1, 5))),
                List.of(file("cur", now, Synthetic.avgt("A", around(100, 1, 5)))), DEFAULTS);
        assertEquals(List.of(), c.warnings());
        now.put("jdkRuntimeVersion", "17.0.16+8");
        Comparison newer = Comparison.of(file("base", old, Synthetic.avgt("A", around(100, 1, 5))),
                List.of(file("cur", now, Synthetic.avgt("A", around(100, 1, 5)))), DEFAULTS);
        assertEquals(List.of("JDK version differs: 17.0.15 (baseline) vs 17.0.16 (current)"), newer.warnings());
    }

    @Test
    void aBaseWithoutABenchmarkListsItAsNewAndPasses() throws Exception {
        ResultFile base = file("base", forks("FIXED_THREAD_POOL", fiveSpreadForks(100)));
        ResultFile head = file("head", forks("FIXED_THREAD_POOL", fiveSpreadForks(100)),
                forks("NEW_STRATEGY", fiveSpreadForks(10)));
        Comparison c = Comparison.of(base, List.of(head), DEFAULTS);
        assertEquals(List.of("IncrementBenchmark.map avgt strategy=NEW_STRATEGY"), new CompareView(c).added());
        assertEquals("1 cannot tell, 1 new; exit 4", c.summary());
    }

    @Test
    void anAaCalibrationReportsTheLargestChangeAndFlaggedRowsWithoutFailing() throws Exception {
        CompareSettings aa = new CompareSettings(0.1, 0.01, false, false, true);
        Comparison c = Comparison.of(
                file("a", Synthetic.avgt("A", around(100, 1, 5)), Synthetic.avgt("B", around(100, 1, 5))),
                List.of(file("b", Synthetic.avgt("A", around(104, 1, 5)), Synthetic.avgt("B", around(130, 1, 5)))), aa);
        assertEquals(0, c.exitCode());
        assertEquals("1 slower, 1 within ±10%; A/A: largest |change| 30.0% (IncrementBenchmark.map strategy=B"
                + " tasks=1000), 1 of 2 rows flagged (false alarms); exit 0", c.summary());
    }

    @Test
    void anEnvironmentRecordThatDoesNotNameItsMachineIsNotComparable() throws Exception {
        Map<String, Object> noCpu = new java.util.LinkedHashMap<>(Synthetic.linux2());
        noCpu.remove("cpuModel");
        Map<String, Object> unknown = new java.util.LinkedHashMap<>(Synthetic.linux2());
        unknown.put("cpuModel", "unknown");
        Map<String, Object> twoCores = new java.util.LinkedHashMap<>(Synthetic.linux2());
        twoCores.put("cores", "two");
        for (Map<String, Object> bad : List.of(noCpu, unknown, twoCores)) {
            Comparison c = Comparison.of(file("base", Synthetic.linux2(), Synthetic.avgt("A", around(100, 1, 5))),
                    List.of(file("cur", bad, Synthetic.avgt("A", around(100, 1, 5)))), DEFAULTS);
            assertEquals(3, c.exitCode(), c.summary());
        }
        Comparison c = Comparison.of(file("base", Synthetic.linux2(), Synthetic.avgt("A", around(100, 1, 5))),
                List.of(file("cur", twoCores, Synthetic.avgt("A", around(100, 1, 5)))), DEFAULTS);
        assertTrue(c.summary().contains("cur: its environment record's cores is not a whole number above 0 (\"two\")"),
                c.summary());
        assertNull(Environment.of(file("x", Map.of("cpuModel", "unknown", "osName", "Linux"),
                Synthetic.avgt("A", 1))).cpuModel());
    }
}
