package io.github.poolbench.exec;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChildJvmTest {

    @Test
    void theDefaultFlagSetAddsOnlyTheFlagsThatKeepJvmMessagesOffStdout() {
        ChildJvm jvm = ChildJvm.forFlags("default");
        assertEquals(List.of(), jvm.flags());
        List<String> argv = jvm.command("a.Main", "x");
        assertEquals(ChildJvm.javaExecutable(), argv.get(0));
        assertEquals(ChildJvm.HYGIENE, argv.subList(1, 1 + ChildJvm.HYGIENE.size()));
        assertEquals(List.of("-cp", System.getProperty("java.class.path"), "a.Main", "x"),
                argv.subList(1 + ChildJvm.HYGIENE.size(), argv.size()));
    }

    @Test
    void theChildRunsOnTheSameJavaAsThisJvm() {
        assertTrue(ChildJvm.javaExecutable().startsWith(System.getProperty("java.home")),
                ChildJvm.javaExecutable() + " vs " + System.getProperty("java.home"));
    }

    @Test
    void aLongClassPathIsCutShortInMessages() {
        String cp = String.join(File.pathSeparator, "/a/first.jar", "/b/" + "x".repeat(200) + ".jar", "/c/third.jar");
        assertEquals("java -cp /a/first.jar" + File.pathSeparator + "...(2 more entries) Main once",
                ChildJvm.describe(List.of("java", "-cp", cp, "Main", "once")));
        assertEquals("java -cp /short Main", ChildJvm.describe(List.of("java", "-cp", "/short", "Main")));
    }
}
