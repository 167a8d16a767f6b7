package io.github.poolbench.exec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every spawner: the same exit statuses as the JDK reports them, and no hang on a full pipe. */
@Timeout(60)
class SpawnerTest {
    private static final String SH = "/bin/sh";

    static Spawner.Outcome run(String spawner, long timeoutMillis, String... argv) throws InterruptedException {
        try (Spawner s = Spawner.named(spawner)) {
            return s.run(List.of(argv), timeoutMillis);
        }
    }

    @ParameterizedTest(name = "spawner {0}")
    @ValueSource(strings = {"posix_spawn", "processbuilder", "nuprocess"})
    void stdoutStderrAndTheExitCodeComeBackAsWritten(String spawner) throws Exception {
        Spawner.Outcome o = run(spawner, 0, SH, "-c", "echo out; echo err >&2; exit 3");
        assertEquals("out\n", new String(o.stdout(), StandardCharsets.UTF_8));
        assertEquals("err", o.stderrTail());
        assertEquals(3, o.exitStatus());
        assertFalse(o.timedOut());
        assertTrue(o.pid() > 0, "pid " + o.pid());
    }

    @ParameterizedTest(name = "spawner {0}")
    @ValueSource(strings = {"posix_spawn", "processbuilder", "nuprocess"})
    void exitCode127IsReportedAs127(String spawner) throws Exception {
        assertEquals(127, run(spawner, 0, SH, "-c", "exit 127").exitStatus());
    }

    @ParameterizedTest(name = "spawner {0}")
    @ValueSource(strings = {"posix_spawn", "processbuilder", "nuprocess"})
    void aChildKilledBySignalReports128PlusTheSignal(String spawner) throws Exception {
        Spawner.Outcome killed = run(spawner, 0, SH, "-c", "kill -KILL $$");
        assertEquals(137, killed.exitStatus());
        assertEquals("exit status 137 (killed by SIGKILL)", ExitStatus.describe(killed.exitStatus()));
        assertEquals(143, run(spawner, 0, SH, "-c", "kill -TERM $$").exitStatus());
        assertEquals(9, run(spawner, 0, SH, "-c", "exit 9").exitStatus(), "an exit code of 9 is not a signal");
    }

    @ParameterizedTest(name = "spawner {0}")
    @ValueSource(strings = {"posix_spawn", "processbuilder", "nuprocess"})
    void aChildWritingMoreThanAPipeHoldsToStderrDoesNotHang(String spawner) {
        Spawner.Outcome o = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> run(spawner, 0, SH, "-c", "head -c 200000 /dev/zero >&2; echo done"));
        assertEquals("done\n", new String(o.stdout(), StandardCharsets.UTF_8));
        assertEquals(0, o.exitStatus());
        assertTrue(o.stderr().length >= 64 * 1024, "kept " + o.stderr().length + " bytes of stderr");
    }

    @ParameterizedTest(name = "spawner {0}")
    @ValueSource(strings = {"posix_spawn", "processbuilder", "nuprocess"})
    void aChildWritingMoreThanAPipeHoldsToStdoutComesBackWhole(String spawner) {
        Spawner.Outcome o = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> run(spawner, 0, SH, "-c", "head -c 200000 /dev/zero; echo err >&2"));
        assertArrayEquals(new byte[200000], o.stdout());
        assertEquals("err", o.stderrTail());
    }

    @ParameterizedTest(name = "spawner {0}")
    @ValueSource(strings = {"posix_spawn", "processbuilder", "nuprocess"})
    void aChildOverItsTimeLimitIsKilledAndSaysSo(String spawner) {
        Spawner.Outcome o = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> run(spawner, 300, "/bin/sleep", "30"));
        assertTrue(o.timedOut());
        assertEquals(137, o.exitStatus());
        assertFalse(Children.running(o.pid()), "child " + o.pid() + " still running");
    }

    @ParameterizedTest(name = "spawner {0}")
    @ValueSource(strings = {"posix_spawn", "processbuilder", "nuprocess"})
    void aProgramThatDoesNotExistIsOneErrorNamingIt(String spawner) {
        WorkerStartException e = assertThrows(WorkerStartException.class, () -> run(spawner, 0, "/nonexistent/prog", "x"));
        assertTrue(e.getMessage().startsWith("could not start /nonexistent/prog x"), e.getMessage());
        assertTrue(e.getMessage().contains("No such file or directory") || e.getMessage().contains("no executable file"),
                e.getMessage());
    }

    @Test
    void theDirectSpawnerFindsAProgramOnThePathAndGivesItAnEmptyStdin() throws Exception {
        Spawner.Outcome o = run(Spawner.POSIX_SPAWN, 0, "sh", "-c", "cat; echo \"$POOLBENCH_PROBE|$HOME\"");
        assertEquals("|" + System.getenv("HOME") + "\n", new String(o.stdout(), StandardCharsets.UTF_8),
                "the child reads an empty stdin and inherits the environment");
    }

    @Test
    void theDirectSpawnerLeaksNoFileDescriptor() throws Exception {
        long before = openFds();
        for (int i = 0; i < 20; i++) {
            run(Spawner.POSIX_SPAWN, 0, SH, "-c", "echo x; echo y >&2");
        }
        assertEquals(before, openFds());
    }

    @Test
    void theProcessBuilderSpawnerDeletesItsStderrFilesOnClose() throws Exception {
        Spawner s = Spawner.named(Spawner.PROCESS_BUILDER);
        s.run(List.of(SH, "-c", "echo err >&2"), 0);
        long ours;
        try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            ours = files.filter(p -> p.getFileName().toString().startsWith("poolbench-stderr-")).count();
        }
        s.close();
        long after;
        try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            after = files.filter(p -> p.getFileName().toString().startsWith("poolbench-stderr-")).count();
        }
        assertEquals(ours - 1, after);
    }

    @Test
    void anUnknownSpawnerIsRefusedWithTheValidNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Spawner.named("fork"));
        assertEquals("unknown spawner 'fork'; expected posix_spawn, processbuilder or nuprocess", e.getMessage());
    }

    private static long openFds() throws Exception {
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }
}
