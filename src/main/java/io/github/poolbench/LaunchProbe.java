package io.github.poolbench;

import io.github.poolbench.exec.LaunchMechanisms;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Which of the JDK's launch mechanisms the forks' JVM offers: one fresh JVM per mechanism
 * (the JDK reads its choice once per JVM), all started at once, each running
 * {@link LaunchMechanisms#main}. Asked only when the run includes a {@code launchMechanism}
 * other than {@code default}; costs about one JVM start.
 */
final class LaunchProbe {
    static final String PARAM = "launchMechanism";

    private LaunchProbe() {
    }

    /** Mechanism -> why the JVM at {@code javaExecutable} cannot use it; only the ones it cannot. */
    static Map<String, String> unavailable(String javaExecutable, Collection<String> mechanisms) {
        String cp = classPath();
        Map<String, Process> started = new LinkedHashMap<>();
        Map<String, String> out = new LinkedHashMap<>();
        for (String m : mechanisms) {
            if (LaunchMechanisms.DEFAULT.equals(m)) {
                continue;
            }
            List<String> cmd = new ArrayList<>(List.of(javaExecutable, LaunchMechanisms.ADD_OPENS, "-Xshare:auto",
                    "-XX:TieredStopAtLevel=1", "-cp", cp, LaunchMechanisms.class.getName(), m));
            try {
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
                p.getOutputStream().close();
                started.put(m, p);
            } catch (IOException e) {
                out.put(m, "could not ask " + javaExecutable + ": " + e.getMessage());
            }
        }
        started.forEach((m, p) -> {
            try {
                String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                boolean ended = p.waitFor(60, TimeUnit.SECONDS);
                if (!ended) {
                    p.destroyForcibly();
                    out.put(m, "the probe JVM did not answer within 60 s");
                } else if (p.exitValue() != 0) {
                    String[] lines = said.split("\\R");
                    out.put(m, lines[lines.length - 1]);
                }
            } catch (IOException e) {
                out.put(m, "could not read the probe's answer: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        });
        return out;
    }

    /** The java executable the forks run on: {@code -jvm}, or this JVM's own. */
    static String javaOf(String targetJvm) {
        return targetJvm != null ? targetJvm
                : Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String classPath() {
        try {
            return Paths.get(LaunchMechanisms.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException | RuntimeException e) {
            return System.getProperty("java.class.path", "") + File.pathSeparator;
        }
    }
}
