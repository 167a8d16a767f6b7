package io.github.poolbench.history;

import java.util.List;

/**
 * One change point of a series.
 *
 * @param series    the series it is in
 * @param index     the first run after the change (0-based in the series)
 * @param before    the last run before it
 * @param after     the first run after it
 * @param relative  (mean after − mean before) / mean before, over the segments on each side
 * @param low       lower end of the 95% interval of {@code relative} (Welch)
 * @param high      upper end
 * @param pValue    how sure: the p-value of the change against its neighbouring segments
 * @param bimodal   the samples around it are bimodal (compared mode by mode)
 * @param envChanges what changed in the environment from {@code before} to {@code after}
 *                   ("JDK 17.0.15 -> 25.0.1", "kernel ...", "launch mechanism ...")
 */
record Change(Series series, int index, Series.Point before, Series.Point after, double relative, double low,
              double high, double pValue, boolean bimodal, List<String> envChanges) {
    Change {
        envChanges = List.copyOf(envChanges);
    }

    /** Whether the row got slower across the change (for a throughput row: lower). */
    boolean slower() {
        return series.higherIsSlower() == (relative > 0);
    }
}
