package io.github.poolbench.report.compare;

/** What the gate concluded about one row, most pressing first (tables list rows in this order). */
public enum Verdict {
    /** Worse by more than the threshold, and significant (or too few samples to test). */
    REGRESSION("regression"),
    /**
     * Data the gate cannot judge: a score or sample that is zero, negative, NaN or infinite, or a unit
     * that is not a JMH time unit for its mode or does not convert. Never a pass: exit 2.
     */
    NOT_JUDGED("not judged"),
    /** Beyond the threshold, but the t-test cannot tell it from noise. */
    NOT_SIGNIFICANT("not significant"),
    /** Better by more than the threshold, and significant (or too few samples to test). */
    IMPROVEMENT("improvement"),
    /** Within the threshold. */
    UNCHANGED("unchanged");

    private final String words;

    Verdict(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }
}
