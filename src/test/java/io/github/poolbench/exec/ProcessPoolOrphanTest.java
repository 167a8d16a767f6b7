package io.github.poolbench.exec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Workers in the middle of a long task still go when their parent is killed. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ProcessPoolOrphanTest {

    @Test
    void busyWorkersExitWithinFiveSecondsWhenTheirParentIsKilled() throws Exception {
        Path log = Files.createTempFile("orphan-parent", ".log");
        List<String> argv = List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), OrphanParentMain.class.getName(), "busy");
        Process parent = new ProcessBuilder(argv).redirectError(log.toFile()).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8));
            String line = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (java.io.IOException ex) {
                    return null;
                }
            }).get(120, TimeUnit.SECONDS);
            assertTrue(line != null && line.startsWith("pids "), "parent said " + line + "; its stderr: " + Files.readString(log));
            List<Long> workers = Arrays.stream(line.substring(5).split(" ")).map(Long::valueOf).collect(Collectors.toList());
            assertEquals(2, workers.size());
            parent.destroyForcibly(); // SIGKILL: no shutdown hook, no close()
            assertTrue(parent.waitFor(30, TimeUnit.SECONDS));
            assertTrue(Children.await(() -> workers.stream().noneMatch(Children::running), 5_000),
                    "busy workers still running 5 s after their parent was killed: " + workers.stream()
                            .filter(Children::running).map(String::valueOf).collect(Collectors.joining(", ")));
        } finally {
            parent.destroyForcibly();
            parent.waitFor(30, TimeUnit.SECONDS);
            Files.deleteIfExists(log);
        }
    }
}
