package io.github.poolbench.exec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JDK's launch mechanism: chosen in a fresh JVM, checked, refused where it cannot hold. */
@Timeout(120)
class LaunchMechanismsTest {

    /** Runs {@link LaunchMechanismMain} in a new JVM; its stdout and stderr, trimmed. */
    private static String[] freshJvm(String mechanism, boolean addOpens) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ChildJvm.javaExecutable()));
        if (addOpens) {
            cmd.add(LaunchMechanisms.ADD_OPENS);
        }
        cmd.addAll(List.of("-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", ChildJvm.classPath() + java.io.File.pathSeparator
                + System.getProperty("java.class.path"), LaunchMechanismMain.class.getName(), mechanism));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the JVM for " + mechanism + " did not end");
        return new String[] {out, err};
    }

    @Test
    void eachMechanismIsInEffectInAFreshJvmAndItsNoticeNeverReachesStderr() throws Exception {
        for (String m : List.of("FORK", "VFORK", "POSIX_SPAWN")) {
            String[] r = freshJvm(m, true);
            assertTrue(r[0].startsWith("in effect " + m + ", exit 0, notice caught: "), m + ": " + r[0] + " / " + r[1]);
            assertTrue(!r[1].contains("DEPRECATED"), "the VFORK notice is caught: " + r[1]);
        }
    }

    @Test
    void withoutAddOpensTheTrialIsRefusedWithTheFlagItNeeds() throws Exception {
        String[] r = freshJvm("FORK", false);
        assertEquals("refused: cannot check the JDK's launch mechanism in effect (InaccessibleObjectException): the JVM needs "
                + LaunchMechanisms.ADD_OPENS, r[0]);
    }

    @Test
    void aJvmThatHasStartedAProcessKeepsItsMechanismAndSaysSo() throws Exception {
        new ProcessBuilder("/bin/true").start().waitFor(30, TimeUnit.SECONDS); // ProcessImpl is initialised from here on
        String inEffect;
        try {
            inEffect = LaunchMechanisms.inEffect();
        } catch (IllegalStateException e) {
            return; // this test JVM has no --add-opens: the fresh-JVM test above covers the check
        }
        String other = inEffect.equals("FORK") ? "VFORK" : "FORK";
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> LaunchMechanisms.use(other));
        assertEquals("launchMechanism=" + other + " asked, but this JVM's ProcessBuilder already uses " + inEffect
                + ": the mechanism is fixed when the JVM starts its first process; run each mechanism in a fresh JVM (a JMH fork)",
                e.getMessage());
        assertEquals(null, System.getProperty(LaunchMechanisms.PROPERTY), "the property is restored");
    }

    @Test
    void anUnknownMechanismIsRefusedWithTheValidNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LaunchMechanisms.normalise("clone3"));
        assertEquals("unknown launchMechanism 'clone3'; expected one of [default, POSIX_SPAWN, VFORK, FORK]", e.getMessage());
        assertEquals("VFORK", LaunchMechanisms.normalise(" vfork "));
    }

    @Test
    void aMechanismWithAnotherSpawnerIsRefusedBeforeAnythingStarts() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Strategy.NATIVE_PROCESS_PER_TASK.create(
                PoolConfig.ofWorkers(1).withSpawner(Spawner.POSIX_SPAWN).withLaunchMechanism("VFORK")));
        assertEquals("launchMechanism=VFORK applies to spawner=processbuilder only, not to spawner=posix_spawn", e.getMessage());
    }
}
