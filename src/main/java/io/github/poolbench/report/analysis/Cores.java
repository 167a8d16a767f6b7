package io.github.poolbench.report.analysis;

import io.github.poolbench.report.model.ResultFile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/**
 * How many cores a run had: the environment record's {@code cores} when there is one, else a
 * number the caller assumes (and the report says it assumed). Also resolves the symbolic sizes
 * the suite's params use ({@code cores}, {@code 2xcores}) the way the benchmarks do.
 *
 * @param count    cores, at least 1
 * @param recorded true when {@code count} came from the run's environment record
 */
public record Cores(int count, boolean recorded) {
    /** The environment record's field. */
    public static final String ENV_FIELD = "cores";

    public Cores {
        if (count < 1) {
            throw new IllegalArgumentException("cores must be at least 1, got " + count);
        }
    }

    /** From an environment record, or {@code assumed} (not recorded) when it has no usable count. */
    public static Cores of(Map<String, Object> env, int assumed) {
        Object v = env == null ? null : env.get(ENV_FIELD);
        if (v instanceof Number n && n.doubleValue() >= 1 && n.doubleValue() == Math.rint(n.doubleValue())) {
            return new Cores(n.intValue(), true);
        }
        if (v instanceof String s) {
            OptionalInt parsed = positiveInt(s);
            if (parsed.isPresent()) {
                return new Cores(parsed.getAsInt(), true);
            }
        }
        return new Cores(assumed, false);
    }

    /** Each file's cores by label; {@code assumed} for files without an environment record. */
    public static Map<String, Cores> byLabel(List<ResultFile> files, int assumed) {
        Map<String, Cores> out = new LinkedHashMap<>();
        for (ResultFile f : files) {
            out.putIfAbsent(f.label(), of(f.env(), assumed));
        }
        return out;
    }

    /**
     * A size as the suite's params write it: {@code "5"} is 5, {@code "cores"} this count,
     * {@code "2xcores"} twice it; empty for anything else (or a size below 1).
     */
    public OptionalInt resolve(String size) {
        if (size == null) {
            return OptionalInt.empty();
        }
        String s = size.trim().toLowerCase(Locale.ROOT);
        if (s.equals("cores")) {
            return OptionalInt.of(count);
        }
        if (s.endsWith("xcores")) {
            OptionalInt factor = positiveInt(s.substring(0, s.length() - "xcores".length()));
            return factor.isPresent() && factor.getAsInt() <= Integer.MAX_VALUE / count
                    ? OptionalInt.of(factor.getAsInt() * count) : OptionalInt.empty();
        }
        return positiveInt(s);
    }

    /** True when {@code size} names a multiple of the core count rather than a number. */
    public static boolean isSymbolic(String size) {
        return size != null && size.trim().toLowerCase(Locale.ROOT).endsWith("cores");
    }

    /** "2 cores (from the environment record)" or "2 cores (assumed: no environment record)". */
    public String describe() {
        return count + (count == 1 ? " core" : " cores")
                + (recorded ? " (from the environment record)" : " (assumed: the run has no environment record)");
    }

    private static OptionalInt positiveInt(String s) {
        try {
            int n = Integer.parseInt(s.trim());
            return n >= 1 ? OptionalInt.of(n) : OptionalInt.empty();
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
