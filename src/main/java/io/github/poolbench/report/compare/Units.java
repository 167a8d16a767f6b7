package io.github.poolbench.report.compare;

import java.util.Map;
import java.util.OptionalDouble;

/**
 * Converts between JMH's time-based score units ({@code ns/op} ... {@code s/op} and
 * {@code ops/ns} ... {@code ops/s}), so that a baseline written in {@code us/op} can be compared
 * with a run written in {@code ms/op}. Any other unit compares only with itself.
 */
final class Units {
    private static final Map<String, Double> SECONDS = Map.of(
            "ns", 1e-9, "us", 1e-6, "ms", 1e-3, "s", 1.0, "min", 60.0, "hr", 3600.0, "day", 86400.0);

    private Units() {
    }

    /**
     * The factor that turns a value in {@code from} into a value in {@code to}, or empty when
     * the two are not the same kind of unit.
     */
    static OptionalDouble factor(String from, String to) {
        if (from.equals(to)) {
            return OptionalDouble.of(1.0);
        }
        Double perOpFrom = perOp(from);
        Double perOpTo = perOp(to);
        if (perOpFrom != null && perOpTo != null) {
            return OptionalDouble.of(perOpFrom / perOpTo);
        }
        Double rateFrom = rate(from);
        Double rateTo = rate(to);
        if (rateFrom != null && rateTo != null) {
            // ops per (from-unit) -> ops per (to-unit): more time in the to-unit, more ops in it
            return OptionalDouble.of(rateTo / rateFrom);
        }
        return OptionalDouble.empty();
    }

    /**
     * Why a primary score's unit does not fit its mode, or null when it does: throughput is
     * {@code ops/<time>}, the other modes are {@code <time>/op}. A score in some other unit (or in
     * the wrong kind for its mode) would be judged the wrong way round, so it is not judged.
     */
    static String unfit(String mode, String unit) {
        boolean rate = rate(unit) != null;
        boolean perOp = perOp(unit) != null;
        if (!rate && !perOp) {
            return "unit " + unit + " is not a JMH time unit (ns/op ... s/op or ops/ns ... ops/s)";
        }
        if ("thrpt".equals(mode) && !rate) {
            return "unit " + unit + " does not fit mode thrpt (operations per time unit)";
        }
        if (!"thrpt".equals(mode) && !perOp) {
            return "unit " + unit + " does not fit mode " + mode + " (time per operation)";
        }
        return null;
    }

    /** Seconds in the time unit of {@code X/op}, or null. */
    private static Double perOp(String unit) {
        return unit.endsWith("/op") ? SECONDS.get(unit.substring(0, unit.length() - 3)) : null;
    }

    /** Seconds in the time unit of {@code ops/X}, or null. */
    private static Double rate(String unit) {
        return unit.startsWith("ops/") ? SECONDS.get(unit.substring(4)) : null;
    }
}
