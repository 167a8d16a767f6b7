package io.github.poolbench.exec;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The JDK's process launch mechanism ({@code jdk.lang.Process.launchMechanism}), chosen per JVM
 * before its first process starts, and checked: {@code java.lang.ProcessImpl} reads the
 * property once, when the class is initialised, so a JVM that has already started a process
 * keeps the mechanism it had. On Linux: {@code POSIX_SPAWN} (the default since JDK 12:
 * posix_spawn of {@code jspawnhelper}, which then execs the program), {@code VFORK} (one
 * vfork + exec; deprecated in JDK 25, JDK-8357179, planned for removal) and {@code FORK} (fork +
 * exec: copies the parent's page tables, so it grows with the parent's size). macOS and AIX
 * have no VFORK.
 *
 * <p>Checking what is in effect reads {@code ProcessImpl}'s static field by reflection, which
 * needs {@code --add-opens java.base/java.lang=ALL-UNNAMED} (the benchmarks' forks have it).
 * JDK 25 prints a deprecation notice on stderr when VFORK is chosen; {@link #use} catches it
 * while it initialises the class, so it does not land in the middle of a benchmark's output
 * (the run explains it once instead).
 */
public final class LaunchMechanisms {
    public static final String PROPERTY = "jdk.lang.Process.launchMechanism";
    /** Leave the property alone: whatever this JDK uses by default. */
    public static final String DEFAULT = "default";
    /** Every value the {@code launchMechanism} param takes, default first. */
    public static final List<String> ALL = List.of(DEFAULT, "POSIX_SPAWN", "VFORK", "FORK");
    /** What the forks need so that the mechanism in effect can be checked. */
    public static final String ADD_OPENS = "--add-opens=java.base/java.lang=ALL-UNNAMED";

    private static String caught = "";

    private LaunchMechanisms() {
    }

    /**
     * Makes {@code mechanism} the one this JVM's ProcessBuilder uses, and checks that it is.
     *
     * @throws IllegalArgumentException for a name that is not one of {@link #ALL}
     * @throws IllegalStateException    when this JVM already uses another mechanism, the JDK does
     *                                  not offer it, or the mechanism in effect cannot be read
     */
    public static synchronized void use(String mechanism) {
        String wanted = normalise(mechanism);
        String before = System.getProperty(PROPERTY);
        if (DEFAULT.equals(wanted)) {
            if (before != null) {
                throw new IllegalStateException("launchMechanism=default, but -D" + PROPERTY + "=" + before
                        + " is set for this JVM; drop one of them");
            }
            return; // whatever the JDK picks: nothing to set, nothing to check
        }
        System.setProperty(PROPERTY, wanted);
        initialise(wanted);
        String inEffect = inEffect();
        if (!inEffect.equals(wanted)) {
            if (before == null) {
                System.clearProperty(PROPERTY);
            } else {
                System.setProperty(PROPERTY, before);
            }
            throw new IllegalStateException("launchMechanism=" + wanted + " asked, but this JVM's ProcessBuilder already uses "
                    + inEffect + ": the mechanism is fixed when the JVM starts its first process; run each mechanism in a"
                    + " fresh JVM (a JMH fork)");
        }
    }

    /**
     * A probe run in a fresh JVM (the forks' {@code java}) by the launcher, to learn which
     * mechanisms that JDK offers before a run: {@code LaunchMechanisms M} chooses M, starts
     * {@code /bin/true}, prints {@code ok} and exits 0, or prints why not and exits 1.
     */
    public static void main(String[] args) {
        try {
            use(args[0]);
            Process p = new ProcessBuilder("/bin/true").start();
            p.getOutputStream().close();
            if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("/bin/true did not end within 30 s");
            }
            System.out.println("ok");
        } catch (Exception e) {
            System.out.println(e.getMessage());
            System.exit(1);
        }
    }

    /** The mechanism this JVM's ProcessBuilder uses, e.g. {@code POSIX_SPAWN} (initialises ProcessImpl). */
    public static String inEffect() {
        try {
            Class<?> impl = Class.forName("java.lang.ProcessImpl");
            Field f = impl.getDeclaredField("launchMechanism");
            f.setAccessible(true);
            return String.valueOf(f.get(null));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot check the JDK's launch mechanism in effect (" + e.getClass().getSimpleName()
                    + "): the JVM needs " + ADD_OPENS, e);
        }
    }

    /** What the JDK printed on stderr while choosing the mechanism (JDK 25's VFORK notice), "" when nothing. */
    public static synchronized String caughtNotice() {
        return caught;
    }

    static String normalise(String mechanism) {
        String m = mechanism == null ? DEFAULT : mechanism.trim();
        if (m.equalsIgnoreCase(DEFAULT)) {
            return DEFAULT;
        }
        String upper = m.toUpperCase(Locale.ROOT);
        if (!ALL.contains(upper)) {
            throw new IllegalArgumentException("unknown launchMechanism '" + mechanism + "'; expected one of " + ALL);
        }
        return upper;
    }

    private static boolean initialised;

    /** Initialises ProcessImpl with stderr caught, so its one-time notices do not reach the console. */
    private static void initialise(String wanted) {
        if (initialised) {
            return;
        }
        PrintStream err = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
            Class.forName("java.lang.ProcessImpl", true, null);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("this JDK has no java.lang.ProcessImpl: cannot choose a launch mechanism", e);
        } catch (Error e) {
            Throwable cause = e instanceof ExceptionInInitializerError && e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("launchMechanism=" + wanted + " is not offered by this JDK/OS ("
                    + System.getProperty("java.version") + ", " + System.getProperty("os.name") + "): " + cause.getMessage(), e);
        } finally {
            System.setErr(err);
            initialised = true;
        }
        caught = buf.toString(StandardCharsets.UTF_8).trim();
    }
}
