package io.github.poolbench.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes real run folders (jmh.json in JMH's own format, env.json as the suite writes it) for the tests. */
final class Runs {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Runs() {
    }

    /** One row of a run: its benchmark, params and fork values ([fork][iteration]). */
    record RowSpec(String benchmark, Map<String, String> params, double[][] forks) {
        static RowSpec of(String benchmark, String strategy, double... forkMeans) {
            double[][] f = new double[forkMeans.length][];
            for (int i = 0; i < forkMeans.length; i++) {
                f[i] = new double[] {forkMeans[i] * 0.99, forkMeans[i], forkMeans[i] * 1.01};
            }
            return new RowSpec(benchmark, Map.of("strategy", strategy, "tasks", "100"), f);
        }
    }

    static Env env() {
        return new Env("Eclipse Adoptium", "17.0.15", "6.1.0", "default", "AMD EPYC", "family 26 model 2 stepping 1", 2);
    }

    record Env(String jdkVendor, String jdkVersion, String kernel, String launch, String cpu, String signature, int cores) {
        Env withJdk(String v) {
            return new Env(jdkVendor, v, kernel, launch, cpu, signature, cores);
        }

        Env withCpu(String c) {
            return new Env(jdkVendor, jdkVersion, kernel, launch, c, signature, cores);
        }
    }

    /** Writes {@code dir/jmh.json} and {@code dir/env.json}; returns {@code dir}. */
    static Path write(Path dir, Instant at, String commit, Env env, List<RowSpec> rows) throws IOException {
        Files.createDirectories(dir);
        ArrayNode results = JSON.createArrayNode();
        for (RowSpec r : rows) {
            ObjectNode n = results.addObject();
            n.put("jmhVersion", "1.37");
            n.put("benchmark", r.benchmark());
            n.put("mode", "avgt");
            n.put("threads", 1);
            n.put("forks", r.forks().length);
            n.put("jvm", "/usr/bin/java");
            n.putArray("jvmArgs");
            n.put("jdkVersion", env.jdkVersion());
            n.put("vmName", "OpenJDK 64-Bit Server VM");
            n.put("vmVersion", env.jdkVersion());
            n.put("warmupIterations", 1);
            n.put("warmupTime", "100 ms");
            n.put("warmupBatchSize", 1);
            n.put("measurementIterations", 3);
            n.put("measurementTime", "100 ms");
            n.put("measurementBatchSize", 1);
            ObjectNode params = n.putObject("params");
            new java.util.TreeMap<>(r.params()).forEach(params::put);
            ObjectNode pm = n.putObject("primaryMetric");
            double sum = 0;
            int count = 0;
            for (double[] f : r.forks()) {
                for (double v : f) {
                    sum += v;
                    count++;
                }
            }
            pm.put("score", sum / count);
            pm.put("scoreError", 0.01 * sum / count);
            pm.putArray("scoreConfidence").add(0.99 * sum / count).add(1.01 * sum / count);
            pm.put("scoreUnit", "us/op");
            ArrayNode raw = pm.putArray("rawData");
            for (double[] f : r.forks()) {
                ArrayNode fa = raw.addArray();
                for (double v : f) {
                    fa.add(v);
                }
            }
            n.putObject("secondaryMetrics");
        }
        JSON.writeValue(dir.resolve("jmh.json").toFile(), results);
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("recordedAt", at.toString());
        e.put("jdkVendor", env.jdkVendor());
        e.put("jdkVersion", env.jdkVersion());
        e.put("osName", "Linux");
        e.put("osVersion", env.kernel());
        e.put("osArch", "amd64");
        e.put("cpuModel", env.cpu());
        e.put("cpuSignature", env.signature());
        e.put("cores", env.cores());
        e.put("cgroupCpuLimit", "none (cpu.max max 100000)");
        e.put("processLaunchMechanism", env.launch());
        e.put("gitCommit", commit);
        JSON.writeValue(dir.resolve("env.json").toFile(), e);
        return dir;
    }

    /** A CLI call's outcome. */
    record Result(int status, String out, String err) {
    }

    static Result cli(String... args) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int rc = HistoryCli.run(args, new java.io.PrintStream(out, true), new java.io.PrintStream(err, true));
        return new Result(rc, out.toString(), err.toString());
    }
}
