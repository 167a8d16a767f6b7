package io.github.poolbench.report.analysis;

import io.github.poolbench.report.model.Metric;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * JMH's units and the conversions between them: time per operation ({@code ns/op} ...
 * {@code s/op}) and operations per time ({@code ops/ns} ... {@code ops/s}), so that results
 * written with different {@code @OutputTimeUnit}s or modes line up on one axis. The one units
 * table of report, compare and merge: a unit one of them accepts, the others accept too.
 */
public final class Units {
    /** Seconds in each time unit JMH writes (and the µ spellings a hand-written file may use). */
    private static final Map<String, Double> SECONDS = Map.ofEntries(
            Map.entry("ns", 1e-9), Map.entry("us", 1e-6), Map.entry("µs", 1e-6), Map.entry("μs", 1e-6),
            Map.entry("ms", 1e-3), Map.entry("s", 1.0), Map.entry("sec", 1.0), Map.entry("min", 60.0),
            Map.entry("m", 60.0), Map.entry("hr", 3600.0), Map.entry("h", 3600.0), Map.entry("day", 86400.0),
            Map.entry("d", 86400.0));

    /** Display units, finest first: the name shown and its length in seconds. */
    private static final List<Map.Entry<String, Double>> DISPLAY = List.of(
            Map.entry("ns", 1e-9), Map.entry("µs", 1e-6), Map.entry("ms", 1e-3), Map.entry("s", 1.0));

    private Units() {
    }

    /** What a unit measures. */
    public enum Kind {
        /** {@code <time>/op}: lower is better. */
        TIME_PER_OP,
        /** {@code ops/<time>}: higher is better. */
        OPS_PER_TIME,
        /** Anything else ({@code B/op}, {@code MB/sec}, a custom counter): shown as written. */
        OTHER
    }

    public static Kind kind(String unit) {
        String[] parts = unit.trim().split("/");
        if (parts.length == 2 && parts[1].trim().equals("op") && SECONDS.containsKey(parts[0].trim())) {
            return Kind.TIME_PER_OP;
        }
        if (parts.length == 2 && parts[0].trim().equals("ops") && SECONDS.containsKey(parts[1].trim())) {
            return Kind.OPS_PER_TIME;
        }
        return Kind.OTHER;
    }

    /**
     * The factor that turns a value in {@code from} into a value in {@code to} (a baseline in
     * {@code us/op} against a run in {@code ms/op}), or empty when the two are not the same kind
     * of unit. Any other unit converts only to itself.
     */
    public static java.util.OptionalDouble factor(String from, String to) {
        if (from.equals(to)) {
            return java.util.OptionalDouble.of(1.0);
        }
        Kind k = kind(from);
        if (k == Kind.OTHER || k != kind(to)) {
            return java.util.OptionalDouble.empty();
        }
        double f = timeFactor(from) / timeFactor(to);
        // time per op scales with the time unit; ops per time the other way round
        return java.util.OptionalDouble.of(k == Kind.TIME_PER_OP ? f : 1 / f);
    }

    /**
     * Why a primary score's unit does not fit its mode, or null when it does: throughput is
     * {@code ops/<time>}, the other modes are {@code <time>/op}. A score in some other unit (or in
     * the wrong kind for its mode) would be judged the wrong way round.
     */
    public static String unfit(String mode, String unit) {
        Kind k = kind(unit);
        if (k == Kind.OTHER) {
            return "unit " + unit + " is not a JMH time unit (ns/op ... s/op or ops/ns ... ops/s)";
        }
        if ("thrpt".equals(mode) && k != Kind.OPS_PER_TIME) {
            return "unit " + unit + " does not fit mode thrpt (operations per time unit)";
        }
        if (!"thrpt".equals(mode) && k != Kind.TIME_PER_OP) {
            return "unit " + unit + " does not fit mode " + mode + " (time per operation)";
        }
        return null;
    }

    /** The seconds in the time part of a {@code TIME_PER_OP} or {@code OPS_PER_TIME} unit. */
    static double timeFactor(String unit) {
        String[] parts = unit.trim().split("/");
        Double f = SECONDS.get(parts[kind(unit) == Kind.TIME_PER_OP ? 0 : 1].trim());
        if (f == null) {
            throw new IllegalArgumentException("not a time unit: " + unit);
        }
        return f;
    }

    /**
     * How long one operation takes, in seconds, from a time-per-op or ops-per-time metric;
     * empty for other units. Throughput is inverted, so its interval turns round.
     */
    public static Optional<Estimate> secondsPerOp(Metric metric) {
        return convert(Spread.of(metric, true), metric.unit(), true);
    }

    /**
     * Operations per second from a metric, as {@link #secondsPerOp(Metric)} does it: the median
     * of the fork means with their range when there are two forks or more (see {@link Spread}).
     */
    public static Optional<Estimate> opsPerSecond(Metric metric) {
        return convert(Spread.of(metric, true), metric.unit(), false);
    }

    private static Optional<Estimate> convert(Estimate e, String unit, boolean toSecondsPerOp) {
        Kind k = kind(unit);
        if (k == Kind.OTHER) {
            return Optional.empty();
        }
        double f = timeFactor(unit);
        boolean invert = (k == Kind.TIME_PER_OP) != toSecondsPerOp;
        if (!invert) {
            return Optional.of(k == Kind.TIME_PER_OP ? e.times(f) : e.times(1 / f));
        }
        // seconds per op <-> ops per second: the interval turns round
        double scale = k == Kind.OPS_PER_TIME ? f : 1 / f;
        double low = e.high() > 0 ? scale / e.high() : Double.NaN;
        double high = e.low() > 0 ? scale / e.low() : Double.POSITIVE_INFINITY;
        return Optional.of(new Estimate(scale / e.value(), low, high));
    }

    public static Optional<Estimate> secondsPerOp(double score, double error, String unit) {
        switch (kind(unit)) {
            case TIME_PER_OP:
                return Optional.of(Estimate.of(score, error).times(timeFactor(unit)));
            case OPS_PER_TIME: {
                double f = timeFactor(unit);
                Estimate ops = Estimate.of(score, error);
                double value = f / score;
                double low = ops.high() > 0 ? f / ops.high() : Double.NaN;
                double high = ops.low() > 0 ? f / ops.low() : Double.POSITIVE_INFINITY;
                return Optional.of(new Estimate(value, low, high));
            }
            default:
                return Optional.empty();
        }
    }

    /** Operations per second from a time-per-op or ops-per-time metric; empty for other units. */
    public static Optional<Estimate> opsPerSecond(double score, double error, String unit) {
        switch (kind(unit)) {
            case OPS_PER_TIME:
                return Optional.of(Estimate.of(score, error).times(1 / timeFactor(unit)));
            case TIME_PER_OP:
                return secondsPerOp(score, error, unit).map(s -> {
                    double low = s.high() > 0 ? 1 / s.high() : Double.NaN;
                    double high = s.low() > 0 ? 1 / s.low() : Double.POSITIVE_INFINITY;
                    return new Estimate(1 / s.value(), low, high);
                });
            default:
                return Optional.empty();
        }
    }

    /**
     * The time unit that shows {@code seconds} as a number of at least 1 (the coarsest one for
     * which it is at least 1, up to seconds): 0.000034 gives µs, 0.034 gives ms, 101 gives s.
     */
    public static DisplayUnit timeUnitFor(double seconds) {
        double abs = Math.abs(seconds);
        DisplayUnit chosen = new DisplayUnit(DISPLAY.get(0).getKey(), DISPLAY.get(0).getValue());
        if (!Double.isFinite(abs) || abs == 0) {
            return chosen;
        }
        for (Map.Entry<String, Double> e : DISPLAY) {
            if (abs / e.getValue() >= 1 - 1e-9) {
                chosen = new DisplayUnit(e.getKey(), e.getValue());
            }
        }
        return chosen;
    }

    /**
     * The {@code ops/<time>} unit that shows {@code opsPerSecond} as a number of at least 1,
     * with the finest such time: 1e6 ops/s gives ops/µs, 5 ops/s gives ops/s.
     */
    public static DisplayUnit throughputUnitFor(double opsPerSecond) {
        for (Map.Entry<String, Double> e : DISPLAY) {
            if (Math.abs(opsPerSecond) * e.getValue() >= 1 - 1e-9) {
                return new DisplayUnit("ops/" + e.getKey(), 1 / e.getValue());
            }
        }
        return new DisplayUnit("ops/s", 1.0);
    }

    /** A unit to show values in: {@code shown = base / perUnit}, base being seconds or ops/s. */
    public record DisplayUnit(String name, double perUnit) {
        public double convert(double base) {
            return base / perUnit;
        }
    }

    /** "34.2 ms", "2.05 µs", "101 s": three significant digits in the unit that fits. */
    public static String formatSeconds(double seconds) {
        if (Double.isNaN(seconds)) {
            return "n/a";
        }
        if (Double.isInfinite(seconds)) {
            return seconds > 0 ? "∞" : "−∞";
        }
        DisplayUnit u = timeUnitFor(seconds);
        return formatNumber(u.convert(seconds)) + " " + u.name();
    }

    /** As {@link #formatSeconds} without trailing zeros, for axis ticks: "10 µs", "1 ms", "2.5 s". */
    public static String formatSecondsShort(double seconds) {
        if (!Double.isFinite(seconds) || seconds == 0) {
            return seconds == 0 ? "0" : formatSeconds(seconds);
        }
        DisplayUnit u = timeUnitFor(seconds);
        return trimZeros(formatNumber(u.convert(seconds))) + " " + u.name();
    }

    /** As {@link #formatNumber} without trailing zeros: "10", "2.5", "0.001". */
    public static String formatNumberShort(double v) {
        return trimZeros(formatNumber(v));
    }

    private static String trimZeros(String s) {
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    /** "17,300×", "284×", "3.51×", "0.912×". */
    public static String formatRatio(double ratio) {
        return formatNumber(ratio) + "×";
    }

    /**
     * Three significant digits, thousands grouped, no exponent below 10^15: 17329 gives
     * "17,300", 284.15 gives "284", 0.0012345 gives "0.00123", NaN gives "n/a".
     */
    public static String formatNumber(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "∞" : "−∞";
        }
        if (v == 0) {
            return "0";
        }
        double abs = Math.abs(v);
        int magnitude = (int) Math.floor(Math.log10(abs));
        double scale = Math.pow(10, magnitude - 2);
        double rounded = Math.round(abs / scale) * scale;
        if (rounded >= Math.pow(10, magnitude + 1)) {
            magnitude++;
        }
        int decimals = Math.max(0, 2 - magnitude);
        DecimalFormat f = new DecimalFormat(decimals == 0 ? "#,##0" : "#,##0." + "0".repeat(decimals),
                DecimalFormatSymbols.getInstance(Locale.ROOT));
        return (v < 0 ? "−" : "") + f.format(rounded);
    }
}
