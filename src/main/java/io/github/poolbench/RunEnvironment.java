package io.github.poolbench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The environment record written beside every result file: which JDK (vendor, full version), OS,
 * kernel, CPU and how many cores, the cgroup CPU limit, the JDK's process launch mechanism, how
 * much memory, which commit of the suite and which command line, so the numbers are always read
 * in context and {@code compare} can tell whether two runs may be compared.
 *
 * <p>Also a small command for {@code scripts/perf-regression.sh}, which runs JMH directly (one
 * fork a round, base and head interleaved) and writes the records itself:
 * {@code java -cp benchmarks.jar io.github.poolbench.RunEnvironment OUT.env.json [--jvm JAVA]
 * [--git DIR] [-- COMMAND LINE...]}.
 */
final class RunEnvironment {
    /** The JDK's system property that picks how {@code ProcessBuilder} starts a child. */
    static final String LAUNCH_MECHANISM = "jdk.lang.Process.launchMechanism";

    private RunEnvironment() {
    }

    public static void main(String[] args) {
        if (args.length == 0 || args[0].startsWith("-")) {
            System.err.println("usage: java -cp benchmarks.jar io.github.poolbench.RunEnvironment OUT.env.json"
                    + " [--jvm JAVA] [--git DIR] [-- COMMAND LINE...]");
            System.exit(2);
        }
        Path out = Paths.get(args[0]);
        String jvm = null;
        Path git = null;
        List<String> commandLine = List.of();
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--jvm") && i + 1 < args.length) {
                jvm = args[++i];
            } else if (args[i].equals("--git") && i + 1 < args.length) {
                git = Paths.get(args[++i]);
            } else if (args[i].equals("--")) {
                commandLine = List.of(args).subList(i + 1, args.length);
                break;
            } else {
                System.err.println("RunEnvironment: unknown argument " + args[i]);
                System.exit(2);
            }
        }
        String forkVersion = jvm == null ? System.getProperty("java.version") : JvmProbe.version(jvm);
        Map<String, Object> env = collect(commandLine, jvm, forkVersion);
        if (git != null) {
            env.put("gitCommit", gitCommit(git));
        }
        try {
            write(out, env);
        } catch (IOException e) {
            System.err.println("RunEnvironment: cannot write " + out + " (" + e.getMessage() + ")");
            System.exit(2);
        }
    }

    /**
     * Collects the record. {@code targetJvm} is the java executable the forks run on (JMH's
     * {@code -jvm}), or null for this JVM; {@code forkVersion} its version (null if unknown).
     */
    static Map<String, Object> collect(List<String> commandLine, String targetJvm, String forkVersion) {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("recordedAt", OffsetDateTime.now().toString());
        env.put("jdkVendor", System.getProperty("java.vendor"));
        env.put("jdkVersion", System.getProperty("java.version"));
        env.put("jdkRuntimeVersion", System.getProperty("java.runtime.version"));
        env.put("jdkMajor", Runtime.version().feature());
        env.put("vmName", System.getProperty("java.vm.name"));
        env.put("javaHome", System.getProperty("java.home"));
        if (targetJvm != null) {
            env.put("forkJvm", targetJvm);
            if (forkVersion != null) {
                env.put("forkJdkVersion", forkVersion);
                env.put("forkJdkMajor", JvmProbe.major(forkVersion));
            }
        }
        env.put("osName", System.getProperty("os.name"));
        env.put("osVersion", System.getProperty("os.version"));
        env.put("kernel", readFirstLine(Paths.get("/proc/version")));
        env.put("osArch", System.getProperty("os.arch"));
        Map<String, String> cpu = firstCpu(); // one read of /proc/cpuinfo for both fields
        env.put("cpuModel", cpuModel(cpu));
        String signature = cpuSignature(cpu);
        if (signature != null) {
            env.put("cpuSignature", signature);
        }
        env.put("cores", Runtime.getRuntime().availableProcessors());
        env.put("cgroupCpuLimit", cgroupCpuLimit(Paths.get("/sys/fs/cgroup")));
        env.put("processLaunchMechanism", launchMechanism(commandLine));
        env.put("memoryBytes", totalMemory());
        env.put("hostname", hostname());
        env.put("gitCommit", gitCommit());
        env.put("commandLine", commandLine);
        env.put("jvmInputArguments", ManagementFactory.getRuntimeMXBean().getInputArguments());
        env.put("strategies", io.github.poolbench.exec.Strategy.facts());
        return env;
    }

    static void write(Path file, Map<String, Object> env) throws IOException {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), env);
    }

    /**
     * The CPU limit of this process's cgroup, e.g. {@code 1.5 CPUs (cpu.max 150000 100000)} or
     * {@code none (cpu.max max 100000)}; cgroup v2's {@code cpu.max}, else v1's
     * {@code cpu.cfs_quota_us} / {@code cpu.cfs_period_us}; null when neither is readable.
     * {@code availableProcessors} already reflects a quota on recent JDKs, but not how it is
     * enforced (a quota throttles, cores do not), which changes what a burst of threads costs.
     */
    static String cgroupCpuLimit(Path root) {
        String max = readFirstLine(root.resolve("cpu.max"));
        if (max != null) {
            String[] f = max.trim().split("\\s+");
            if (f.length == 2 && f[0].equals("max")) {
                return "none (cpu.max " + max.trim() + ")";
            }
            if (f.length == 2) {
                try {
                    return cpus(Long.parseLong(f[0]), Long.parseLong(f[1])) + " (cpu.max " + max.trim() + ")";
                } catch (NumberFormatException e) {
                    return "cpu.max " + max.trim();
                }
            }
            return "cpu.max " + max.trim();
        }
        for (Path v1 : List.of(root.resolve("cpu"), root.resolve("cpu,cpuacct"), root.resolve("cpuacct,cpu"))) {
            String quota = readFirstLine(v1.resolve("cpu.cfs_quota_us"));
            String period = readFirstLine(v1.resolve("cpu.cfs_period_us"));
            if (quota != null && period != null) {
                try {
                    long q = Long.parseLong(quota.trim());
                    long p = Long.parseLong(period.trim());
                    String raw = " (cpu.cfs_quota_us " + q + ", cpu.cfs_period_us " + p + ")";
                    return (q < 0 ? "none" : cpus(q, p)) + raw;
                } catch (NumberFormatException e) {
                    return "cpu.cfs_quota_us " + quota.trim() + ", cpu.cfs_period_us " + period.trim();
                }
            }
        }
        return null;
    }

    private static String cpus(long quota, long period) {
        if (period <= 0) {
            return "unknown";
        }
        double c = (double) quota / period;
        return (c == Math.rint(c) ? String.valueOf((long) c) : String.format(java.util.Locale.ROOT, "%.2f", c)) + " CPUs";
    }

    /**
     * How the JDK starts child processes for the process strategies: the
     * {@code -Djdk.lang.Process.launchMechanism=} of the command line (what the forks get through
     * {@code -jvmArgs}), else this JVM's property, else {@code default} (POSIX_SPAWN on Linux).
     */
    static String launchMechanism(List<String> commandLine) {
        String prefix = "-D" + LAUNCH_MECHANISM + "=";
        String found = null;
        for (String arg : commandLine) {
            for (String word : arg.split("\\s+")) {
                if (word.startsWith(prefix)) {
                    found = word.substring(prefix.length());
                }
            }
        }
        if (found != null) {
            return found;
        }
        String property = System.getProperty(LAUNCH_MECHANISM);
        return property != null ? property : "default";
    }

    /** The first processor's fields of /proc/cpuinfo ("model name", "cpu family", ...); empty when not Linux or not readable. */
    private static Map<String, String> firstCpu() {
        Map<String, String> fields = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(Paths.get("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    break; // the first processor is enough
                }
                int colon = line.indexOf(':');
                if (colon > 0) {
                    fields.putIfAbsent(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or not readable: no fields
        }
        return fields;
    }

    private static String cpuModel(Map<String, String> cpu) {
        String name = cpu.get("model name");
        return name != null ? name : System.getenv().getOrDefault("PROCESSOR_IDENTIFIER", "unknown");
    }

    /**
     * "family 26 model 2 stepping 1", or null. A VM may name its CPU only "AMD EPYC" for several
     * generations, whose thread and process creation costs differ; the numbers tell them apart.
     */
    private static String cpuSignature(Map<String, String> cpu) {
        String family = cpu.get("cpu family");
        String model = cpu.get("model");
        String stepping = cpu.get("stepping");
        return family == null || model == null ? null
                : "family " + family + " model " + model + (stepping == null ? "" : " stepping " + stepping);
    }

    private static Long totalMemory() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean) {
            return ((com.sun.management.OperatingSystemMXBean) os).getTotalMemorySize();
        }
        return null;
    }

    private static String hostname() {
        String h = readFirstLine(Paths.get("/proc/sys/kernel/hostname"));
        return h != null ? h : System.getenv("HOSTNAME");
    }

    private static String readFirstLine(Path p) {
        try {
            List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
            return lines.isEmpty() ? null : lines.get(0).trim();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The commit of the checkout the running jar was built in, with "-dirty" when it had changes. */
    private static String gitCommit() {
        try {
            Path jar = Paths.get(RunEnvironment.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return gitCommit(Files.isDirectory(jar) ? jar : jar.getParent());
        } catch (Exception e) {
            return null;
        }
    }

    private static String gitCommit(Path dir) {
        try {
            String commit = run(dir, "git", "rev-parse", "HEAD");
            if (commit == null) {
                return null;
            }
            String status = run(dir, "git", "status", "--porcelain", "--untracked-files=no");
            return status != null && !status.isEmpty() ? commit + "-dirty" : commit;
        } catch (Exception e) {
            return null;
        }
    }

    private static String run(Path dir, String... command) {
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
