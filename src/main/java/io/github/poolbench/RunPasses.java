package io.github.poolbench;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.WorkloadParams;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.results.format.ResultFormatType;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * Runs a {@link RunPlan}: pass after pass, one JMH run per row with one fork, then joins each
 * row's forks into one {@link RunResult} the way JMH joins the forks of {@code -f N} (its own
 * {@code RunResult} over all the forks' {@code BenchmarkResult}s), so the result file and the
 * summary table are JMH's own. An extra step (the Python reference) can take its place in each
 * pass like a row.
 */
final class RunPasses {
    /** Something run once per pass among the rows (its position varies with the pass, as the rows' order does). */
    interface PassStep {
        void run(int pass, int passes) throws IOException;
    }

    private RunPasses() {
    }

    /**
     * @param scratch a temporary folder for JMH's per-row result file
     * @return every row that produced a result, its forks joined, in the plan's order
     */
    static List<RunResult> run(RunPlan plan, Options options, OutputFormat out, RunGuard guard, Path scratch,
                               PassStep step) throws RunnerException, IOException {
        QuietFormat format = new QuietFormat(out, guard);
        List<String> everyBenchmark = new ArrayList<>();
        for (BenchmarkListEntry e : BenchmarkList.defaultList().getAll(format, List.of())) {
            if (!everyBenchmark.contains(e.getUsername())) {
                everyBenchmark.add(e.getUsername());
            }
        }
        Map<String, List<RunResult>> forks = new LinkedHashMap<>();
        int total = plan.forks() + (step == null ? 0 : plan.passes);
        int done = 0;
        for (int k = 0; k < plan.passes; k++) {
            List<RunPlan.Row> rows = plan.pass(k);
            int stepAt = step == null ? -1 : (k == 0 ? rows.size() : new Random(plan.seed + k).nextInt(rows.size() + 1));
            for (int i = 0; i <= rows.size(); i++) {
                if (i == stepAt) {
                    check(guard);
                    format.println("# poolbench: pass " + (k + 1) + " of " + plan.passes + ", step " + (++done) + " of "
                            + total + ": the Python reference");
                    step.run(k, plan.passes);
                }
                if (i == rows.size()) {
                    break;
                }
                RunPlan.Row row = rows.get(i);
                check(guard);
                format.println("# poolbench: pass " + (k + 1) + " of " + plan.passes + ", step " + (++done) + " of "
                        + total + ": " + row.describe());
                ChainedOptionsBuilder b = new OptionsBuilder().parent(options)
                        .mode(row.mode())
                        .forks(row.forks() == 0 ? 0 : 1)
                        .warmupForks(k == 0 ? options.getWarmupForkCount().orElse(
                                row.entry().getWarmupForks().orElse(0)) : 0)
                        .result(scratch.resolve("row.json").toString()).resultFormat(ResultFormatType.JSON);
                for (String other : everyBenchmark) {
                    if (!other.equals(row.entry().getUsername())) {
                        b.exclude("^" + Pattern.quote(other) + "$");
                    }
                }
                row.params().forEach(b::param);
                for (RunResult r : runHoldingTheLock(new Runner(b.build(), format), done == 1, format, guard)) {
                    forks.computeIfAbsent(key(r.getParams()), x -> new ArrayList<>()).add(r);
                }
            }
        }
        check(guard);
        List<RunResult> joined = new ArrayList<>();
        for (List<RunResult> row : forks.values()) {
            joined.add(join(row));
        }
        format.summary(joined);
        return joined;
    }

    /**
     * JMH takes its lock ({@code jmh.lock} in the temp folder) for each row's run: once the run has
     * begun, a row whose lock another JMH holds for a moment waits for it (bounded, said once)
     * instead of throwing away the rows already measured. The first row fails at once, as JMH would.
     */
    private static Collection<RunResult> runHoldingTheLock(Runner runner, boolean first, OutputFormat format,
                                                           RunGuard guard) throws RunnerException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(LOCK_WAIT_SECONDS);
        boolean said = false;
        while (true) {
            try {
                return runner.run();
            } catch (RunnerException e) {
                boolean locked = String.valueOf(e.getMessage()).contains("Unable to acquire the JMH lock");
                if (!locked || first || System.nanoTime() > deadline) {
                    throw e;
                }
                if (!said) {
                    format.println("# poolbench: another JMH run holds its lock; waiting up to " + LOCK_WAIT_SECONDS
                            + " s for it");
                    said = true;
                }
                check(guard);
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** How long a row waits for another JMH run's lock once the run has begun. */
    private static final int LOCK_WAIT_SECONDS = 600;

    private static void check(RunGuard guard) {
        if (guard.interrupted()) {
            throw new RunGuard.Interrupted();
        }
    }

    private static String key(BenchmarkParams p) {
        StringBuilder s = new StringBuilder(p.getBenchmark()).append(' ').append(p.getMode());
        for (String k : p.getParamsKeys()) {
            s.append(' ').append(k).append('=').append(p.getParam(k));
        }
        return s.toString();
    }

    /** The forks of one row as one JMH result: its params say how many forks there were. */
    static RunResult join(List<RunResult> forks) {
        if (forks.size() == 1) {
            return forks.get(0);
        }
        List<BenchmarkResult> all = new ArrayList<>();
        for (RunResult r : forks) {
            all.addAll(r.getBenchmarkResults());
        }
        BenchmarkParams p = forks.get(0).getParams();
        WorkloadParams params = new WorkloadParams();
        int order = 0;
        for (String k : p.getParamsKeys()) {
            params.put(k, p.getParam(k), order++);
        }
        BenchmarkParams joined = new BenchmarkParams(p.getBenchmark(), p.generatedBenchmark(), p.shouldSynchIterations(),
                p.getThreads(), p.getThreadGroups(), p.getThreadGroupLabels(), all.size(), p.getWarmupForks(),
                p.getWarmup(), p.getMeasurement(), p.getMode(), params, p.getTimeUnit(), p.getOpsPerInvocation(),
                p.getJvm(), p.getJvmArgs(), p.getJdkVersion(), p.getVmName(), p.getVmVersion(), p.getJmhVersion(),
                p.getTimeout());
        return new RunResult(joined, all);
    }

    /**
     * JMH's console output, less each row's own end-of-run table (one table for the whole run is
     * printed at the end) and less everything once the run is interrupted; never closed by a row.
     */
    private static final class QuietFormat implements OutputFormat {
        private final OutputFormat out;
        private final RunGuard guard;

        QuietFormat(OutputFormat out, RunGuard guard) {
            this.out = out;
            this.guard = guard;
        }

        private boolean on() {
            return !guard.interrupted();
        }

        void summary(Collection<RunResult> results) {
            if (on()) {
                out.endRun(results);
                out.flush();
            }
        }

        @Override
        public void iteration(BenchmarkParams b, IterationParams i, int n) {
            if (on()) {
                out.iteration(b, i, n);
            }
        }

        @Override
        public void iterationResult(BenchmarkParams b, IterationParams i, int n, IterationResult r) {
            if (on()) {
                out.iterationResult(b, i, n, r);
            }
        }

        @Override
        public void startBenchmark(BenchmarkParams b) {
            if (on()) {
                out.startBenchmark(b);
            }
        }

        @Override
        public void endBenchmark(BenchmarkResult r) {
            if (on()) {
                out.endBenchmark(r);
            }
        }

        @Override
        public void startRun() {
            // the run's start is said once, by the estimate line
        }

        @Override
        public void endRun(Collection<RunResult> results) {
            // one table at the end, see summary
        }

        @Override
        public void print(String s) {
            if (on()) {
                out.print(s);
            }
        }

        @Override
        public void println(String s) {
            // each row's result file is a temporary one: the run names its own files at the end
            if (on() && !s.startsWith("Benchmark result is saved to ")) {
                out.println(s);
            }
        }

        @Override
        public void flush() {
            out.flush();
        }

        @Override
        public void close() {
            out.flush();
        }

        @Override
        public void verbosePrintln(String s) {
            if (on()) {
                out.verbosePrintln(s);
            }
        }

        @Override
        public void write(int b) {
            if (on()) {
                out.write(b);
            }
        }

        @Override
        public void write(byte[] b) throws IOException {
            if (on()) {
                out.write(b);
            }
        }
    }
}
