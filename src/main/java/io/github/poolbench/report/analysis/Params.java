package io.github.poolbench.report.analysis;

import java.util.Comparator;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.SortedMap;
import java.util.stream.Collectors;

/** Param values: numbers sort as numbers, strategies in the suite's order, the rest as text. */
public final class Params {
    private Params() {
    }

    public static OptionalDouble number(String value) {
        if (value == null) {
            return OptionalDouble.empty();
        }
        try {
            double d = Double.parseDouble(value.trim());
            return Double.isFinite(d) ? OptionalDouble.of(d) : OptionalDouble.empty();
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    /** Orders values of one param: absent first, then numbers, then strategies, then text. */
    public static Comparator<String> valueOrder(String param) {
        return (a, b) -> {
            if (a == null || b == null) {
                return a == null ? (b == null ? 0 : -1) : 1;
            }
            OptionalDouble na = number(a);
            OptionalDouble nb = number(b);
            if (na.isPresent() && nb.isPresent()) {
                int c = Double.compare(na.getAsDouble(), nb.getAsDouble());
                return c != 0 ? c : a.compareTo(b);
            }
            if (na.isPresent() != nb.isPresent()) {
                return na.isPresent() ? -1 : 1;
            }
            return Strategies.PARAM.equals(param) ? Strategies.COMPARATOR.compare(a, b) : a.compareTo(b);
        };
    }

    /** "chunksize=auto, tasks=1000" for the given params, in name order; "" when none. */
    public static String describe(SortedMap<String, String> params) {
        return params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }

    /** Orders param maps by their values name by name, each with {@link #valueOrder}. */
    public static Comparator<SortedMap<String, String>> mapOrder(Iterable<String> names) {
        return (a, b) -> {
            for (String name : names) {
                int c = valueOrder(name).compare(a.get(name), b.get(name));
                if (c != 0) {
                    return c;
                }
            }
            return a.toString().compareTo(b.toString());
        };
    }

    static boolean matches(Map<String, String> params, String name, String value) {
        return value.equals(params.get(name));
    }
}
