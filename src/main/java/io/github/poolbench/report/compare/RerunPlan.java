package io.github.poolbench.report.compare;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The rows to measure again before a regression is believed: one line per flagged row, its
 * {@link RowKey} then the JMH arguments that run exactly that row, all separated by tabs.
 * {@code scripts/perf-regression.sh} runs each line with JMH and then compares again with
 * {@code --only} this file, so the second verdict is about the flagged rows alone.
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
