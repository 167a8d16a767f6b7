package io.github.poolbench.report.compare;

import io.github.poolbench.report.model.BenchmarkResult;
import io.github.poolbench.report.model.Metric;
import io.github.poolbench.report.model.ResultFile;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Model objects built by hand: the tests never need a JMH run or a file. */
final class Synthetic {
    static final String BENCH = "io.github.poolbench.bench.IncrementBenchmark.map";

    private Synthetic() {
    }

    static Map<String, Object> env(String os, String arch, int cores, int jdkMajor) {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("osName", os);
        env.put("osArch", arch);
        env.put("cores", cores);
        env.put("jdkMajor", jdkMajor);
        env.put("jdkVersion", jdkMajor + ".0.1");
        env.put("cpuModel", "Test CPU");
        return env;
    }

    static Map<String, Object> linux2() {
        return env("Linux", "amd64", 2, 17);
    }

    static ResultFile file(String label, Map<String, Object> env, BenchmarkResult... rows) {
        return new ResultFile(Path.of(label), label, List.of(rows), env);
    }

    static ResultFile file(String label, BenchmarkResult... rows) {
        return file(label, linux2(), rows);
    }

    /** An avgt row in us/op of IncrementBenchmark.map with the given strategy; score = mean of samples. */
    static BenchmarkResult avgt(String strategy, double... samples) {
        return row(BENCH, "avgt", "us/op", strategy, samples);
    }

    static BenchmarkResult thrpt(String strategy, double... samples) {
        return row(BENCH, "thrpt", "ops/ms", strategy, samples);
    }

    static BenchmarkResult row(String benchmark, String mode, String unit, String strategy, double... samples) {
        double mean = Arrays.stream(samples).average().orElse(Double.NaN);
        double error = samples.length < 2 ? Double.NaN : 0.1 * mean;
        return row(benchmark, mode, strategy, Metric.ofOneFork(mean, error, unit,
                Arrays.stream(samples).boxed().collect(Collectors.toList())));
    }

    static BenchmarkResult row(String benchmark, String mode, String strategy, Metric primary) {
        TreeMap<String, String> params = new TreeMap<>();
        params.put("strategy", strategy);
        params.put("tasks", "1000");
        return new BenchmarkResult(benchmark, mode, params, primary, null, runSettings("17.0.1"));
    }

    static BenchmarkResult.RunSettings runSettings(String jdkVersion) {
        return new BenchmarkResult.RunSettings("1.37", "/usr/bin/java", List.of(), jdkVersion, "OpenJDK 64-Bit Server VM",
                jdkVersion, 1, 1, 2, "500 ms", 5, "500 ms");
    }

    /** An avgt row whose samples are the given forks ([fork][iteration]); score = mean of all. */
    static BenchmarkResult forks(String strategy, double[]... forks) {
        List<List<Double>> f = new java.util.ArrayList<>();
        double sum = 0;
        int n = 0;
        for (double[] fork : forks) {
            f.add(Arrays.stream(fork).boxed().collect(Collectors.toList()));
            for (double v : fork) {
                sum += v;
                n++;
            }
        }
        return row(BENCH, "avgt", strategy, new Metric(sum / n, 0.1 * sum / n, "us/op", f));
    }

    /** {@code n} samples spread evenly around {@code mean} by +-{@code spread} (deterministic "noise"). */
    static double[] around(double mean, double spread, int n) {
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = mean + spread * (n == 1 ? 0 : (2.0 * i / (n - 1) - 1));
        }
        return s;
    }

    /** Same as {@link #around} but in a shuffled order, so two series are not in lockstep. */
    static double[] scrambled(double mean, double spread, int n) {
        double[] s = around(mean, spread, n);
        for (int i = 0; i < n; i += 2) {
            int j = n - 1 - i;
            double t = s[i];
            s[i] = s[j];
            s[j] = t;
        }
        return s;
    }
}
