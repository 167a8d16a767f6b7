package io.github.poolbench.report.parse;

import io.github.poolbench.report.model.StrategyFacts;
import io.github.poolbench.report.model.StrategyFacts.Fact;
import io.github.poolbench.report.model.StrategyFacts.RunsIn;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads the env record's {@code strategies}: name → {@code runsIn} (caller, thread, process),
 * {@code perTask}, {@code pooledCounterpart}, {@code description}, as the suite writes it. An
 * entry that does not hold these is left out with one warning; the rows of its strategy are then
 * shown as plain benchmarks, as a stranger's are.
 */
final class StrategyRecord {
    /** The env record's field. */
    static final String FIELD = "strategies";

    private StrategyRecord() {
    }

    static StrategyFacts read(Map<String, Object> env, Path envFile, Consumer<String> warnings) {
        Object all = env.get(FIELD);
        if (all == null) {
            return StrategyFacts.NONE;
        }
        if (!(all instanceof Map<?, ?> map)) {
            warnings.accept(envFile + ": " + FIELD + " is not an object of strategy → facts; the rows are shown as plain benchmarks");
            return StrategyFacts.NONE;
        }
        Map<String, Fact> facts = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String name = String.valueOf(e.getKey());
            Fact f = fact(e.getValue());
            if (f == null) {
                warnings.accept(envFile + ": " + FIELD + "." + name + " does not say runsIn (caller, thread or process) and a"
                        + " description; its rows are shown as plain benchmarks");
            } else {
                facts.put(name, f);
            }
        }
        return new StrategyFacts(facts);
    }

    private static Fact fact(Object v) {
        if (!(v instanceof Map<?, ?> m) || !(m.get("runsIn") instanceof String runsIn)
                || !(m.get("description") instanceof String description)) {
            return null;
        }
        RunsIn where;
        try {
            where = RunsIn.valueOf(runsIn.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
        Object pooled = m.get("pooledCounterpart");
        boolean perTask = Boolean.TRUE.equals(m.get("perTask"));
        if (perTask != pooled instanceof String) {
            return null;
        }
        return new Fact(where, perTask ? (String) pooled : null, description);
    }
}
