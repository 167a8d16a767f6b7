package io.github.poolbench.report.compare;

/** What the gate concluded about one row, most pressing first (tables list rows in this order). */
public enum Verdict {
    /** Worse by more than the threshold, and significant (or too few samples to test). */
    REGRESSION("regression"),
    /** No usable score on one side (NaN, infinite, zero) or units that do not convert. */
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
