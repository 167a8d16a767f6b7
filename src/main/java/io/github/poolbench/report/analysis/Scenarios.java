package io.github.poolbench.report.analysis;

import io.github.poolbench.report.model.ResultFile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The analyses of the suite's own scenarios beyond the headline gap, each empty unless its
 * rows are in the files: so any JMH file still renders, and a partial run shows what it has.
 *
 * @param cores each label's cores (recorded, or assumed when a file has no environment record)
 */
public record Scenarios(Map<String, Cores> cores, ApplyModel apply, EchoWaits echo, Lifecycle lifecycle,
                        TaskCountSweep sweep, TaskWeight weight, PoolSize poolSize) {

    /**
     * @param assumedCores the core count to assume for a file without an environment record
     *                     (the report says so wherever it is used)
     */
    public static Scenarios of(List<ResultFile> files, int assumedCores) {
        List<Row> rows = Groups.rows(files);
        Map<String, Cores> cores = Cores.byLabel(files, assumedCores);
        return new Scenarios(cores, ApplyModel.of(rows), EchoWaits.of(rows), Lifecycle.of(rows, cores),
                TaskCountSweep.of(rows), TaskWeight.of(rows, cores, assumedCores), PoolSize.of(rows, cores, assumedCores));
    }

    /**
     * Sentences for the top of the page: where each per-task strategy's overhead against its
     * pool falls under 10%, e.g. "One new thread per task is fine from about 42 µs of work per
     * task: from there on it costs under 10% more than a task on a pooled thread."
     */
    public List<String> findings() {
        List<String> out = new ArrayList<>();
        // name the file whenever the report has several, as the gap's headlines do
        boolean multi = cores.size() > 1 || weight.labels().size() > 1;
        for (TaskWeight.BreakEven b : weight.breakEvens()) {
            if (!b.decided()) {
                // an interval straddles the limit: the weight table says "indistinguishable", no sentence here
                continue;
            }
            long settings = weight.breakEvens().stream()
                    .filter(o -> o.label().equals(b.label()) && o.perTaskStrategy().equals(b.perTaskStrategy())).count();
            String who = capitalise(Strategies.describe(b.perTaskStrategy()));
            String pool = Strategies.describe(b.pooledStrategy());
            String limit = Math.round(TaskWeight.OVERHEAD_LIMIT * 100) + "%";
            String size = Units.formatSecondsShort(b.micros() * 1e-6);
            String sentence;
            switch (b.where()) {
                case INTERPOLATED:
                    sentence = who + " is fine from about " + size + " of work per task: from there on it costs under "
                            + limit + " more than " + pool;
                    break;
                case AT_OR_BELOW_SMALLEST:
                    sentence = b.micros() == 0
                            ? who + " is fine at every task size measured: even with no work it costs under " + limit
                            + " more than " + pool
                            : who + " is fine from " + size + " of work per task or less (the smallest size measured): "
                            + "it costs under " + limit + " more than " + pool;
                    break;
                default:
                    sentence = who + " costs more than " + limit + " over " + pool + " even at " + size
                            + " of work per task, the largest size measured";
            }
            List<String> context = new ArrayList<>();
            if (multi) {
                context.add(b.label());
            }
            if (settings > 1) {
                context.add(Params.describe(b.setting()));
            }
            out.add(sentence + (context.isEmpty() ? "" : " (" + String.join(", ", context) + ")") + ".");
        }
        return out;
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }
}
