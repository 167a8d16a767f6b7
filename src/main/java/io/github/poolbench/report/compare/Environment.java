package io.github.poolbench.report.compare;

import io.github.poolbench.report.model.BenchmarkResult;
import io.github.poolbench.report.model.ResultFile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The part of a run's environment that decides whether two runs may be compared: OS, CPU
 * architecture, core count and the JDK major version the benchmarks ran on. Any field may be
 * null when the run did not record it.
 *
 * <p>Sources: the suite's {@code env.json} ({@code osName}, {@code osArch}, {@code cores},
 * {@code forkJdkMajor} when JMH's {@code -jvm} pointed to another JDK, else {@code jdkMajor}).
 * When there is no JDK major in the record, JMH's own {@code jdkVersion} of the rows is used:
 * JMH asks the forked JVM for it, so it is right even for a stranger's file.
 */
public record Environment(String osName, String osArch, Integer cores, Integer jdkMajor) {

    public static Environment of(ResultFile file) {
        Map<String, Object> env = file.env();
        Integer jdk = integer(env.get("forkJdkMajor"));
        if (jdk == null) {
            jdk = integer(env.get("jdkMajor"));
        }
        if (jdk == null) {
            jdk = file.results().stream().map(BenchmarkResult::run).map(BenchmarkResult.RunSettings::jdkVersion)
                    .filter(Objects::nonNull).map(Environment::major).filter(Objects::nonNull).findFirst().orElse(null);
        }
        return new Environment(text(env.get("osName")), text(env.get("osArch")), integer(env.get("cores")), jdk);
    }

    /** True when nothing but possibly the JDK (from JMH's rows) is known: there was no env record. */
    public boolean lacksRecord() {
        return osName == null && osArch == null && cores == null;
    }

    /**
     * The name of the baseline file for this environment, e.g. {@code linux-amd64-2cpu-jdk17};
     * empty when a part is unknown.
     */
    public Optional<String> key() {
        if (osName == null || osArch == null || cores == null || jdkMajor == null) {
            return Optional.empty();
        }
        return Optional.of(slug(osName) + "-" + slug(osArch) + "-" + cores + "cpu-jdk" + jdkMajor);
    }

    /** What differs between a baseline's environment and a current one, and what could not be checked. */
    public static Check check(Environment base, Environment current) {
        List<String> differences = new ArrayList<>();
        List<String> unchecked = new ArrayList<>();
        field("OS", base.osName == null ? null : base.osName.toLowerCase(Locale.ROOT),
                current.osName == null ? null : current.osName.toLowerCase(Locale.ROOT), differences, unchecked);
        field("CPU architecture", base.osArch, current.osArch, differences, unchecked);
        field("cores", base.cores, current.cores, differences, unchecked);
        field("JDK major version", base.jdkMajor, current.jdkMajor, differences, unchecked);
        return new Check(List.copyOf(differences), List.copyOf(unchecked));
    }

    private static void field(String name, Object base, Object current, List<String> differences, List<String> unchecked) {
        if (base == null || current == null) {
            unchecked.add(name);
        } else if (!base.equals(current)) {
            differences.add(name + " " + base + " (baseline) vs " + current + " (current)");
        }
    }

    /**
     * The result of {@link #check}.
     *
     * @param differences one phrase per field that differs, e.g. {@code cores 2 (baseline) vs 4 (current)}
     * @param unchecked   fields missing on either side
     */
    public record Check(List<String> differences, List<String> unchecked) {
        public boolean comparable() {
            return differences.isEmpty();
        }
    }

    /** {@code 17.0.15} -> 17, {@code 1.8.0_292} -> 8, {@code 25} -> 25; null when unreadable. */
    static Integer major(String version) {
        String v = version.trim();
        if (v.startsWith("1.")) {
            v = v.substring(2);
        }
        int end = 0;
        while (end < v.length() && Character.isDigit(v.charAt(end))) {
            end++;
        }
        if (end == 0) {
            return null;
        }
        try {
            return Integer.valueOf(v.substring(0, end));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Integer integer(Object o) {
        if (o instanceof Number) {
            return ((Number) o).intValue();
        }
        if (o instanceof String) {
            return major((String) o);
        }
        return null;
    }

    private static String text(Object o) {
        return o == null || o.toString().isBlank() ? null : o.toString().trim();
    }

    private static String slug(String s) {
        String lower = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._]+", "-");
        return lower.replaceAll("^-+|-+$", "");
    }

    @Override
    public String toString() {
        return (osName == null ? "?" : osName) + " " + (osArch == null ? "?" : osArch) + ", "
                + (cores == null ? "?" : cores) + " cores, JDK " + (jdkMajor == null ? "?" : jdkMajor);
    }
}
