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
 * architecture, CPU model, core count and the JDK major version the benchmarks ran on (a
 * difference in any is "not comparable"), and what is worth a warning when it differs: the
 * kernel, the JDK's vendor and full version, the cgroup CPU limit and the JDK's process launch
 * mechanism. Any field may be null when the run did not record it.
 *
 * <p>Sources: the suite's {@code env.json} ({@code osName}, {@code osArch}, {@code cores},
 * {@code forkJdkMajor} when JMH's {@code -jvm} pointed to another JDK, else {@code jdkMajor}).
 * When there is no JDK major in the record, JMH's own {@code jdkVersion} of the rows is used:
 * JMH asks the forked JVM for it, so it is right even for a stranger's file.
 */
public record Environment(String osName, String osArch, Integer cores, Integer jdkMajor, String cpuModel,
                          String kernel, String jdkVendor, String jdkVersion, String cgroupCpuLimit,
                          String launchMechanism, List<String> problems) {

    public Environment {
        problems = problems == null ? List.of() : List.copyOf(problems);
    }

    /** The four fields of an environment key, the rest unknown (tests, strangers' files). */
    public Environment(String osName, String osArch, Integer cores, Integer jdkMajor) {
        this(osName, osArch, cores, jdkMajor, null, null, null, null, null, null, null);
    }

    public Environment(String osName, String osArch, Integer cores, Integer jdkMajor, String cpuModel, String kernel,
                       String jdkVendor, String jdkVersion, String cgroupCpuLimit, String launchMechanism) {
        this(osName, osArch, cores, jdkMajor, cpuModel, kernel, jdkVendor, jdkVersion, cgroupCpuLimit, launchMechanism,
                null);
    }

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
        boolean forked = env.get("forkJdkVersion") != null;
        String version = forked ? text(env.get("forkJdkVersion"))
                : first(text(env.get("jdkRuntimeVersion")), text(env.get("jdkVersion")));
        String cpu = text(env.get("cpuModel"));
        if ("unknown".equalsIgnoreCase(cpu)) {
            cpu = null;
        }
        String signature = text(env.get("cpuSignature"));
        if (cpu != null && signature != null) {
            // "AMD EPYC" can name several generations in a VM: the numbers are part of the identity
            cpu = cpu + " (" + signature + ")";
        }
        Integer cores = cores(env.get("cores"));
        List<String> problems = new ArrayList<>();
        if (!env.isEmpty()) {
            // A record that exists but cannot say what machine it was is no identity: judging with
            // it would read a change of machine as a change of code.
            missing(env, "osName", "the OS", problems);
            missing(env, "osArch", "the CPU architecture", problems);
            if (cores == null) {
                problems.add(env.get("cores") == null ? "its environment record does not name the core count"
                        : "its environment record's cores is not a whole number above 0 (" + quoted(env.get("cores"))
                        + ")");
            }
            if (cpu == null) {
                problems.add("its environment record does not name the CPU model"
                        + (env.get("cpuModel") == null ? "" : " (" + quoted(env.get("cpuModel")) + ")"));
            }
        }
        return new Environment(text(env.get("osName")), text(env.get("osArch")), cores, jdk, cpu,
                first(text(env.get("osVersion")), text(env.get("kernel"))),
                forked ? text(env.get("forkJdkVendor")) : text(env.get("jdkVendor")), version,
                text(env.get("cgroupCpuLimit")), text(env.get("processLaunchMechanism")), problems);
    }

    /** A whole number above 0, written as a number or as digits ("8"); null for anything else ("two", 1.5). */
    private static Integer cores(Object o) {
        if (o instanceof Number) {
            double d = ((Number) o).doubleValue();
            return d >= 1 && d == Math.rint(d) && d < Integer.MAX_VALUE ? (int) d : null;
        }
        if (o instanceof String && ((String) o).trim().matches("[1-9][0-9]{0,8}")) {
            return Integer.valueOf(((String) o).trim());
        }
        return null;
    }

    private static void missing(Map<String, Object> env, String field, String what, List<String> problems) {
        Object v = env.get(field);
        if (v == null || v.toString().isBlank() || "unknown".equalsIgnoreCase(v.toString().trim())) {
            problems.add("its environment record does not name " + what);
        }
    }

    private static String quoted(Object o) {
        return o instanceof String ? "\"" + o + "\"" : String.valueOf(o);
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
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
        field("CPU model", base.cpuModel, current.cpuModel, differences, unchecked);
        List<String> warnings = new ArrayList<>();
        info("kernel", base.kernel, current.kernel, warnings);
        info("JDK vendor", base.jdkVendor, current.jdkVendor, warnings);
        info("JDK version", comparableVersion(base.jdkVersion, current.jdkVersion),
                comparableVersion(current.jdkVersion, base.jdkVersion), warnings);
        info("cgroup CPU limit", base.cgroupCpuLimit, current.cgroupCpuLimit, warnings);
        info("process launch mechanism", base.launchMechanism, current.launchMechanism, warnings);
        return new Check(List.copyOf(differences), List.copyOf(unchecked), List.copyOf(warnings));
    }

    /**
     * A full JDK version ({@code 17.0.15+6-Debian-1deb12u1}) compared with one recorded without
     * its build ({@code 17.0.15}, an older record) loses its build, so that only a real
     * difference is a warning.
     */
    private static String comparableVersion(String version, String other) {
        if (version == null || other == null || other.contains("+") || !version.contains("+")) {
            return version;
        }
        return version.substring(0, version.indexOf('+'));
    }

    /** A field that may differ between comparable runs, but the reader must know it did. */
    private static void info(String name, String base, String current, List<String> warnings) {
        if (base != null && current != null && !base.equals(current)) {
            warnings.add(name + " differs: " + base + " (baseline) vs " + current + " (current)");
        }
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
     * @param warnings    one line per informative field that differs (kernel, JDK build, cgroup limit...)
     */
    public record Check(List<String> differences, List<String> unchecked, List<String> warnings) {
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
                + (cores == null ? "?" : cores) + " cores, JDK " + (jdkMajor == null ? "?" : jdkMajor)
                + (cpuModel == null ? "" : ", " + cpuModel);
    }
}
