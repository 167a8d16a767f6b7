package io.github.poolbench;

import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Defaults;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.Locale;
import java.util.Map;

/**
 * About how long a run takes, from its {@link RunPlan}: for every row (benchmark method, mode
 * and one combination of its params), its forks × (warmup + measurement iterations × their
 * time), with the command line's settings over the annotations' and JMH's defaults; taking
 * the forks in passes costs nothing more (one fork is one JVM either way). A
 * single-shot iteration has no set time: it is the class's own cost, measured once on a 2-core
 * VM ({@link #SINGLE_SHOT_SECONDS}). Each fork adds the start of its JVM and the trial's setup.
 */
final class RunEstimate {
    /**
     * Seconds one single-shot iteration takes, by benchmark method ({@code Class.method}) or, failing
     * that, by class (simple name, nested with a dot); from per-child costs on a 2-core VM with the
     * default params (1000 children of /bin/true or expr, 100 JVMs, 50 children of a large parent).
     */
    static final Map<String, Double> SINGLE_SHOT_SECONDS = Map.of(
            "ApplyBenchmark", 0.2,
            "FloorBenchmark.spawnTrue", 0.8,
            "FloorBenchmark.spawnTrueMechanism", 1.3,
            "FloorBenchmark.startBareJvm", 3.5,
            "IncrementProcessBenchmark.JvmPerTask", 3.5,
            "IncrementProcessBenchmark.NativePerTask", 1.2,
            "ParentSizeBenchmark", 4.0);
    /** A single-shot class not in the table: one second an iteration. */
    static final double SINGLE_SHOT_DEFAULT = 1.0;
    /** Start of a forked JVM, JMH's handshake and the trial's setup and teardown (3 forks of a 0.1 s iteration took 3.5 s in all on 2 cores, host JVM included). */
    static final double PER_FORK_SECONDS = 1.0;

    final int benchmarks;
    final long runs;
    final double seconds;

    private RunEstimate(int benchmarks, long runs, double seconds) {
        this.benchmarks = benchmarks;
        this.runs = runs;
        this.seconds = seconds;
    }

    /**
     * The plan's rows, each its forks × (its iterations + {@link #PER_FORK_SECONDS}), plus
     * {@code extraSeconds} (the Python reference's passes).
     */
    static RunEstimate of(RunPlan plan, Options options, double extraSeconds) {
        double seconds = extraSeconds;
        java.util.Set<String> benchmarks = new java.util.HashSet<>();
        for (RunPlan.Row row : plan.rows) {
            BenchmarkListEntry e = row.entry();
            benchmarks.add(e.getUsername());
            int warmupForks = options.getWarmupForkCount().orElse(e.getWarmupForks().orElse(Defaults.WARMUP_FORKS));
            int jvms = Math.max(1, row.forks() + warmupForks);
            seconds += jvms * (perFork(e, row.mode(), options) + PER_FORK_SECONDS);
        }
        return new RunEstimate(benchmarks.size(), plan.rows.size(), seconds);
    }

    /** Warm-up and measurement of one fork of a benchmark in {@code mode}. */
    static double perFork(BenchmarkListEntry e, Mode mode, Options options) {
        boolean singleShot = mode == Mode.SingleShotTime;
        int wi = options.getWarmupIterations().orElse(e.getWarmupIterations()
                .orElse(singleShot ? Defaults.WARMUP_ITERATIONS_SINGLESHOT : Defaults.WARMUP_ITERATIONS));
        int mi = options.getMeasurementIterations().orElse(e.getMeasurementIterations()
                .orElse(singleShot ? Defaults.MEASUREMENT_ITERATIONS_SINGLESHOT : Defaults.MEASUREMENT_ITERATIONS));
        if (singleShot) {
            String cls = simpleName(e.getUserClassQName());
            String method = e.getUsername().substring(e.getUsername().lastIndexOf('.') + 1);
            double each = SINGLE_SHOT_SECONDS.getOrDefault(cls + "." + method,
                    SINGLE_SHOT_SECONDS.getOrDefault(cls, SINGLE_SHOT_DEFAULT));
            return (wi + mi) * each;
        }
        TimeValue w = options.getWarmupTime().orElse(e.getWarmupTime().orElse(Defaults.WARMUP_TIME));
        TimeValue r = options.getMeasurementTime().orElse(e.getMeasurementTime().orElse(Defaults.MEASUREMENT_TIME));
        return wi * w.convertTo(java.util.concurrent.TimeUnit.MILLISECONDS) / 1000.0
                + mi * r.convertTo(java.util.concurrent.TimeUnit.MILLISECONDS) / 1000.0;
    }

    /** {@code io.github.poolbench.bench.FloorBenchmark.Spawn} → {@code FloorBenchmark.Spawn}. */
    static String simpleName(String qualified) {
        String[] parts = qualified.replace('$', '.').split("\\.");
        int first = 0;
        while (first < parts.length - 1 && !parts[first].isEmpty() && Character.isLowerCase(parts[first].charAt(0))) {
            first++;
        }
        return String.join(".", java.util.Arrays.asList(parts).subList(first, parts.length));
    }

    /** "about 12 min", "about 40 s", "about 1 h 20 min". */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 90) {
            return "about " + Math.max(1, s) + " s";
        }
        long min = Math.round(seconds / 60);
        if (min < 90) {
            return "about " + min + " min";
        }
        return String.format(Locale.ROOT, "about %d h %d min", min / 60, min % 60);
    }

    /** The line printed before a run. */
    String line() {
        return "poolbench: running " + benchmarks + (benchmarks == 1 ? " benchmark" : " benchmarks") + " in " + runs
                + (runs == 1 ? " param combination" : " param combinations") + " with their warmup, measurement and fork"
                + " settings: " + duration(seconds) + " (estimated from those settings; -l lists them)";
    }
}
