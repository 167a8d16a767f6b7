package io.github.poolbench.report.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * "What should I use here?" For one workload at one task size, which strategies are within
 * {@link #LIMIT} of the quickest, which are clearly more, and which the intervals cannot place.
 * A strategy is <b>within</b> when even its worst case is under (1 + LIMIT) × the quickest's
 * best case ({@code high ≤ 1.1 × best.low}); <b>over</b> when even its best case is above
 * (1 + LIMIT) × the quickest's worst case; otherwise <b>undecided</b>. Pure.
 */
public final class Choice {
    public static final double LIMIT = 0.10;

    private Choice() {
    }

    /** What the intervals allow saying of one strategy. */
    public enum Verdict { WITHIN, OVER, UNDECIDED }

    /** One strategy's time and its verdict against the quickest. */
    public record Option(String strategy, Estimate seconds, Verdict verdict) {
    }

    /**
     * @param quickest the strategy with the lowest median
     * @param options  every strategy, quickest first, then by median
     */
    public record Result(String quickest, List<Option> options) {
        public List<String> named(Verdict v) {
            return options.stream().filter(o -> o.verdict() == v).map(Option::strategy).toList();
        }
    }

    /** Empty when no strategy has a finite positive time. */
    public static Optional<Result> of(Map<String, Estimate> byStrategy) {
        Map<String, Estimate> usable = new LinkedHashMap<>();
        byStrategy.forEach((s, e) -> {
            if (e != null && e.isFinite() && e.value() > 0) {
                usable.put(s, e);
            }
        });
        if (usable.isEmpty()) {
            return Optional.empty();
        }
        List<Map.Entry<String, Estimate>> sorted = new ArrayList<>(usable.entrySet());
        sorted.sort(Comparator.comparingDouble(e -> e.getValue().value()));
        Estimate best = sorted.get(0).getValue();
        double bestLow = Double.isFinite(best.low()) && best.low() > 0 ? best.low() : best.value();
        double bestHigh = Double.isFinite(best.high()) ? best.high() : Double.POSITIVE_INFINITY;
        List<Option> options = new ArrayList<>();
        for (Map.Entry<String, Estimate> e : sorted) {
            Estimate x = e.getValue();
            Verdict v;
            if (e == sorted.get(0)) {
                v = Verdict.WITHIN;
            } else if (Double.isFinite(x.high()) && x.high() <= (1 + LIMIT) * bestLow) {
                v = Verdict.WITHIN;
            } else if (x.low() > (1 + LIMIT) * bestHigh) {
                v = Verdict.OVER;
            } else {
                v = Verdict.UNDECIDED;
            }
            options.add(new Option(e.getKey(), x, v));
        }
        return Optional.of(new Result(sorted.get(0).getKey(), options));
    }
}
