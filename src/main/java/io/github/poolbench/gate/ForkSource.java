package io.github.poolbench.gate;

import io.github.poolbench.report.compare.RowKey;

import java.util.List;
import java.util.Map;

/**
 * Where the gate's forks come from: {@link JmhForks} runs one JMH fork of each row as a child
 * process of one side's jar; tests pass seeded synthetic samples.
 */
public interface ForkSource {
    /** One fork of one row: its unit and its measured iterations, as JMH's rawData holds them. */
    record Fork(String unit, List<Double> iterations) {
        public Fork {
            iterations = List.copyOf(iterations);
        }
    }

    /**
     * Runs one fork of each row with one side's build.
     *
     * @param round 0-based round number (for file names and messages)
     * @param rows  the rows to run, or null for the profile's own selection (the first round of
     *              each side, which discovers the rows)
     * @return each row's fork; a row asked for but missing is a failed run
     * @throws GateException when the run fails; the gate stops with exit 2
     */
    Map<RowKey, Fork> run(Side side, int round, List<RowKey> rows) throws GateException;
}
