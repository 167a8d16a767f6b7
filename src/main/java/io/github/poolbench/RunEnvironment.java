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
 * The environment record written beside every result file: which JDK, OS, kernel, CPU and
 * how many cores, how much memory, which commit of the suite and which command line, so the
 * numbers are always read in context.
 */
final class RunEnvironment {
    private RunEnvironment() {
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
        env.put("cpuModel", cpuModel());
        env.put("cores", Runtime.getRuntime().availableProcessors());
        env.put("memoryBytes", totalMemory());
        env.put("hostname", hostname());
        env.put("gitCommit", gitCommit());
        env.put("commandLine", commandLine);
        env.put("jvmInputArguments", ManagementFactory.getRuntimeMXBean().getInputArguments());
        return env;
    }

    static void write(Path file, Map<String, Object> env) throws IOException {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), env);
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Paths.get("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or not readable: fall through
        }
        return System.getenv().getOrDefault("PROCESSOR_IDENTIFIER", "unknown");
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
            Path dir = Files.isDirectory(jar) ? jar : jar.getParent();
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
