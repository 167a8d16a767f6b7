package io.github.poolbench.exec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a spawner must hold whatever the child does: no inherited descriptor, its time limit, bounded memory. */
@Timeout(60)
class SpawnerLimitsTest {
    private static final String SH = "/bin/sh";

    private static Spawner.Outcome run(String spawner, long timeoutMillis, String... argv) throws InterruptedException {
        return SpawnerTest.run(spawner, timeoutMillis, argv);
    }

    /** Runs with a 500 ms limit: the child must be reported over it, and run() must return well within 4 s. */
    private static Spawner.Outcome runOverTheLimit(String spawner, String script) throws InterruptedException {
        long start = System.nanoTime();
        Spawner.Outcome o = run(spawner, 500, SH, "-c", script);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(o.timedOut(), "timedOut");
        assertTrue(millis < 4_000, "run() took " + millis + " ms for a 500 ms limit");
        return o;
    }

    @ParameterizedTest(name = "spawner {0}")
    @ValueSource(strings = {"posix_spawn", "processbuilder", "nuprocess"})
    void aChildGetsNoDescriptorOfTheJvmBeyondStdinStdoutAndStderr(String spawner) throws Exception {
        // ls lists its own descriptors: 0-2, and 3, the directory it reads.
        Spawner.Outcome o = run(spawner, 0, "/bin/ls", "/proc/self/fd");
        Set<String> fds = new TreeSet<>(List.of(new String(o.stdout(), StandardCharsets.UTF_8).trim().split("\\s+")));
        assertEquals(new TreeSet<>(List.of("0", "1", "2", "3")), fds);
    }

    @ParameterizedTest(name = "spawner {0}")
    @ValueSource(strings = {"posix_spawn", "processbuilder", "nuprocess"})
    void aChildThatClosesItsOutputAndRunsOnIsKilledAtTheLimit(String spawner) throws Exception {
        Spawner.Outcome o = runOverTheLimit(spawner, "exec >&- 2>&-; sleep 8");
        assertEquals(137, o.exitStatus());
        assertFalse(Children.running(o.pid()));
    }

    @ParameterizedTest(name = "spawner {0}")
    @ValueSource(strings = {"posix_spawn", "processbuilder", "nuprocess"})
    void aGrandchildHoldingStdoutDoesNotHoldRunPastTheLimit(String spawner) throws Exception {
        runOverTheLimit(spawner, "sleep 8 & echo started; sleep 8");
    }

    @ParameterizedTest(name = "spawner {0}")
    @ValueSource(strings = {"posix_spawn", "nuprocess"})
    void hundredsOfMegabytesOnStderrKeepOnlyItsTail(String spawner) throws Exception {
        Spawner.Outcome o = run(spawner, 0, SH, "-c", "head -c 300000000 /dev/zero >&2; echo done");
        assertEquals("done\n", new String(o.stdout(), StandardCharsets.UTF_8));
        assertEquals(0, o.exitStatus());
        assertEquals(BoundedCapture.STDERR_TAIL_BYTES, o.stderr().length);
    }

    @Test
    void nuProcessFindsAProgramOnThePath() throws Exception {
        Spawner.Outcome o = run(Spawner.NUPROCESS, 0, "sh", "-c", "echo found");
        assertEquals("found\n", new String(o.stdout(), StandardCharsets.UTF_8));
    }

    @Test
    void temporaryFilesOfADeadJvmAreDeletedAndThoseOfALiveOneKept() throws Exception {
        long dead = run(Spawner.POSIX_SPAWN, 0, SH, "-c", "exit 0").pid(); // reaped: no process has this pid now
        long alive = ProcessHandle.current().parent().orElseThrow().pid();
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Path stale = Files.createFile(tmp.resolve("poolbench-stderr-" + dead + "-test.txt"));
        Path live = Files.createFile(tmp.resolve("poolbench-stderr-" + alive + "-test.txt"));
        try {
            run(Spawner.PROCESS_BUILDER, 0, SH, "-c", "echo err >&2");
            assertFalse(Files.exists(stale), "left behind: " + stale);
            assertTrue(Files.exists(live), "deleted though its JVM lives: " + live);
        } finally {
            Files.deleteIfExists(stale);
            Files.deleteIfExists(live);
        }
    }

    @Test
    void boundedCaptureKeepsTheHeadOrTheTail() {
        BoundedCapture head = BoundedCapture.head(4);
        BoundedCapture tail = BoundedCapture.tail(4);
        byte[] digits = "0123456789".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < digits.length; i++) {
            head.write(digits, i, 1);
            tail.write(digits, i, 1);
        }
        tail.write(digits, 0, 3);
        assertEquals("0123", new String(head.toByteArray(), StandardCharsets.US_ASCII));
        assertEquals("9012", new String(tail.toByteArray(), StandardCharsets.US_ASCII));
        tail.write(digits, 0, 10);
        assertEquals("6789", new String(tail.toByteArray(), StandardCharsets.US_ASCII));
        assertEquals(6, head.dropped());
    }
}
