package io.github.poolbench.report.compare;

/**
 * What the gate concluded about one row, most pressing first (tables list rows in this order).
 * Every answer rests on the row's interval for the change in time per op (see
 * {@link ChangeInterval}); with threshold t:
 * <ul>
 *   <li>{@link #WITHIN}: the whole interval lies inside (-t, +t) on the log scale: shown to be
 *       smaller than the threshold (an equivalence test, Schuirmann's two one-sided tests, at the
 *       interval's level). Checked first: a change shown to be small passes even if it is significant.</li>
 *   <li>{@link #SLOWER}: the interval lies above 0 (significantly slower) and reaches beyond +t, so
 *       the change is not shown to be small. Requiring the <em>estimate</em> to be beyond t would
 *       miss a true slowdown of exactly t half of the time.</li>
 *   <li>{@link #FASTER}: the mirror image.</li>
 *   <li>{@link #CANNOT_TELL}: anything else: the interval holds 0 and reaches beyond a bound. The
 *       measurement cannot carry "unchanged"; the row says how far the interval reaches.</li>
 * </ul>
 */
public enum Verdict {
    /** Significantly slower, and not shown to be within the threshold. */
    SLOWER("slower"),
    /**
     * Data the gate cannot judge: a score or sample that is zero, negative, NaN or infinite, or a unit
     * that is not a JMH time unit for its mode or does not convert. Never a pass: exit 2.
     */
    NOT_JUDGED("not judged"),
    /** Neither shown to differ nor shown to be within the threshold. */
    CANNOT_TELL("cannot tell"),
    /** Significantly faster, and not shown to be within the threshold. */
    FASTER("faster"),
    /** The interval lies inside the threshold on both sides. */
    WITHIN("within");

    private final String words;

    Verdict(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }

    /** The answer of an interval against a threshold (fraction of the time per op). */
    public static Verdict of(ChangeInterval interval, double threshold) {
        if (interval == null) {
            return CANNOT_TELL;
        }
        if (interval.inside(threshold)) {
            return WITHIN;
        }
        if (interval.lo() > 0) {
            return SLOWER;
        }
        if (interval.hi() < 0) {
            return FASTER;
        }
        return CANNOT_TELL;
    }

    /** A decided row needs no more measurement. */
    public boolean decided() {
        return this == SLOWER || this == FASTER || this == WITHIN;
    }
}
