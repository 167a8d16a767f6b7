package io.github.poolbench.exec;

import org.junit.jupiter.api.Test;

import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
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

    @Test
    void aTrainingRunThatHangsIsStoppedAtItsTimeLimit(@TempDir Path dir) {
        List<String> argv = List.of("/bin/sh", "-c", "echo talking >&2; exec sleep 30");
        String failure = assertTimeoutPreemptively(Duration.ofSeconds(15),
                () -> ChildJvm.runTraining(argv, dir.resolve("worker.jsa"), 300));
        assertEquals("the training run did not finish in 300 ms: /bin/sh -c echo talking >&2; exec sleep 30", failure);
    }

    @Test
    void aTrainingRunThatFailsReportsTheEndOfItsStderr(@TempDir Path dir) {
        List<String> argv = List.of("/bin/sh", "-c", "echo no archive for you >&2; exit 3");
        assertEquals("the training run (exit status 3) made no archive: no archive for you",
                ChildJvm.runTraining(argv, dir.resolve("worker.jsa"), 30_000));
    }

    @Test
    void whileOneCallerBuildsACachedJvmAnotherKeyDoesNotWait() throws Exception {
        CountDownLatch building = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ChildJvm other = ChildJvm.forFlags("default");
        Thread slow = new Thread(() -> ChildJvm.cached("test-slow-key", () -> {
            building.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return other;
        }));
        slow.start();
        assertTrue(building.await(30, TimeUnit.SECONDS));
        try {
            assertSame(other, assertTimeoutPreemptively(Duration.ofSeconds(5),
                    () -> ChildJvm.cached("test-other-key", () -> other)));
        } finally {
            release.countDown();
            slow.join(30_000);
        }
    }
}
