package io.github.poolbench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Asks a java executable (JMH's {@code -jvm}) which version it is. */
final class JvmProbe {
    private static final Pattern VERSION = Pattern.compile("version \"([^\"]+)\"");

    private JvmProbe() {
    }

    /** The quoted version from {@code java -version}, or null when it cannot be run. */
    static String version(String javaExecutable) {
        try {
            Process p = new ProcessBuilder(javaExecutable, "-version").redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            Matcher m = VERSION.matcher(out);
            return m.find() ? m.group(1) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Feature release of a version string: "17.0.15" gives 17, "1.8.0_402" gives 8, "25" gives 25. */
    static int major(String version) {
        String v = version.startsWith("1.") ? version.substring(2) : version;
        int end = 0;
        while (end < v.length() && Character.isDigit(v.charAt(end))) {
            end++;
        }
        return end == 0 ? -1 : Integer.parseInt(v.substring(0, end));
    }
}
