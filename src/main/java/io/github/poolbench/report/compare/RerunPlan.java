package io.github.poolbench.report.compare;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The rows that failed the first comparison, for a second look. A regressed row is a line of
 * its {@link RowKey} then the JMH arguments that run exactly that row, all separated by tabs;
 * a baseline row missing from the run (when that is a failure) is a line of its key alone,
 * with nothing to run. {@code scripts/perf-regression.sh} runs each line that has arguments
 * and compares again with {@code --only} this file: the regressed rows are judged on their new
 * measurement, and a missing row is still missing, so the second verdict fails for it too.
 *
 * <p>One JMH run per row, not one for all: JMH's {@code -p} applies to every included class,
 * so merged params would run combinations nobody asked for (a process strategy in a
 * thread benchmark).
 */
public final class RerunPlan {
    private RerunPlan() {
    }

    public static String of(Comparison comparison) {
        StringBuilder b = new StringBuilder();
        for (RowComparison r : comparison.regressions()) {
            b.append(r.key());
            r.key().jmhArgs().forEach(a -> b.append('\t').append(a));
            b.append('\n');
        }
        if (comparison.missingFails()) {
            comparison.missing().forEach(k -> b.append(k).append('\n'));
        }
        return b.toString();
    }

    /** The row keys of a plan (the first field of each non-blank line). */
    public static Set<String> keys(List<String> lines) {
        Set<String> keys = new LinkedHashSet<>();
        for (String line : lines) {
            if (!line.isBlank()) {
                int tab = line.indexOf('\t');
                keys.add(tab < 0 ? line.strip() : line.substring(0, tab));
            }
        }
        return keys;
    }
}
