package io.github.poolbench.gate;

import java.util.List;

/**
 * When the sequential gate looks at its data, and how much of alpha each look may spend.
 *
 * <p><b>Why a schedule.</b> Looking after every round and stopping at the first significant
 * interval would raise the false-alarm rate far above alpha. The gate is a group-sequential
 * design instead: it looks only when each side has {@link #at()} forks (5, 8, 12, 17, 23, 30 by
 * default), and look k spends a share of alpha fixed in advance by a Lan-DeMets alpha-spending
 * function (Lan and DeMets, Biometrika 1983), here the Hwang-Shih-DeCani family with gamma = -2
 * (Hwang, Shih and DeCani, Statistics in Medicine 1990): {@code alpha(t) = alpha (1 - e^(-gamma t))
 * / (1 - e^(-gamma))}, t = forks / the last look's forks. gamma = -2 sits between Pocock's
 * spending (early stops for large effects, a wide last look) and O'Brien-Fleming's (strict early,
 * nearly the full alpha at the end): a +25% slowdown stops at 8 forks a side, while the last look
 * keeps most of the power.
 *
 * <p><b>Why the union bound.</b> Each look's interval is built at the level its share gives it,
 * and each of the {@code rows} rows gets alpha / rows of it (Bonferroni). The chance that any
 * interval of any row at any look misses its true change is then at most the sum of the shares:
 * alpha, whatever the correlation between looks (Bonferroni's inequality). That is conservative
 * next to exact group-sequential boundaries (which integrate over the looks' correlation), but it
 * holds exactly, needs no numerical integration, and stays valid when the budget ends the run at
 * an unplanned look: that look simply spends all that is left. Which look comes next depends
 * only on fork counts and the clock, never on the data, as the union bound requires.
 *
 * @param at    forks a side at each planned look, increasing; the last is the most the gate runs
 * @param alpha the error rate of all intervals together, in (0, 1)
 * @param rows  how many rows share alpha (fixed before the first round, even if rows stop early)
 * @param gamma the spending function's parameter
 */
public record Looks(List<Integer> at, double alpha, int rows, double gamma) {
    public static final List<Integer> DEFAULT_AT = List.of(5, 8, 12, 17, 23, 30);
    public static final double DEFAULT_GAMMA = -2;

    public Looks {
        at = List.copyOf(at);
        if (at.isEmpty()) {
            throw new IllegalArgumentException("at least one look");
        }
        for (int i = 1; i < at.size(); i++) {
            if (at.get(i) <= at.get(i - 1)) {
                throw new IllegalArgumentException("looks must increase: " + at);
            }
        }
        if (!(alpha > 0 && alpha < 1) || rows < 1 || gamma == 0) {
            throw new IllegalArgumentException("alpha in (0, 1), rows >= 1, gamma != 0");
        }
    }

    /** The default looks, cut at {@code maxForks} (which becomes the last look). */
    public static Looks upTo(int maxForks, double alpha, int rows) {
        List<Integer> at = new java.util.ArrayList<>();
        for (int n : DEFAULT_AT) {
            if (n < maxForks) {
                at.add(n);
            }
        }
        at.add(maxForks);
        return new Looks(at, alpha, rows, DEFAULT_GAMMA);
    }

    public int maxForks() {
        return at.get(at.size() - 1);
    }

    /** The share of alpha spent by the time {@code forks} a side are in (0 to 1). */
    public double spent(int forks) {
        double t = Math.min(1.0, forks / (double) maxForks());
        return (1 - Math.exp(-gamma * t)) / (1 - Math.exp(-gamma));
    }

    /**
     * The two-sided level of one row's interval at a look with {@code forks} a side, when the
     * previous look was at {@code previous} forks (0 for none). {@code last}: this is the last look
     * (planned, or forced by the budget), which spends all that is left.
     */
    public double level(int previous, int forks, boolean last) {
        double share = (last ? 1.0 : spent(forks)) - (previous == 0 ? 0 : spent(previous));
        return alpha / rows * share;
    }

    /** True when {@code forks} a side is a planned look. */
    public boolean isLook(int forks) {
        return at.contains(forks);
    }
}
