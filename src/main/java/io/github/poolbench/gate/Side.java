package io.github.poolbench.gate;

/** The two builds the gate measures: the base (A) and the head (B) of a pull request, or one build twice (A/A). */
public enum Side {
    BASE, HEAD;

    /**
     * The side of round {@code r} in ABBA order: A B B A A B B A ... Each pair of rounds holds one
     * fork of each side, and a slow drift of the machine hits both sides alike.
     */
    public static Side ofRound(int r) {
        int phase = r % 4;
        return phase == 0 || phase == 3 ? BASE : HEAD;
    }
}
