package io.github.poolbench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A launch mechanism the forks' JDK does not offer is left out of the run with one notice line. */
@Timeout(120)
class LaunchProbeTest {
    private static final String REFUSAL = "VFORK is not a supported process launch mechanism on this platform: TEST";

    /** A java that is this JVM's own, except that it refuses VFORK as a JDK without it would. */
    private static Path javaWithoutVfork(Path dir) throws Exception {
        Path java = dir.resolve("java");
        String real = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Files.writeString(java, "#!/bin/sh\nfor a in \"$@\"; do if [ \"$a\" = VFORK ]; then echo '" + REFUSAL
                + "'; exit 1; fi; done\nexec '" + real + "' \"$@\"\n");
        assertTrue(java.toFile().setExecutable(true));
        return java;
    }

    @Test
    void theProbeNamesOnlyTheMechanismsTheJvmRefusesWithItsReason(@TempDir Path dir) throws Exception {
        Map<String, String> out = LaunchProbe.unavailable(javaWithoutVfork(dir).toString(), Set.of("default", "VFORK", "FORK"));
        assertEquals(Map.of("VFORK", REFUSAL), out);
        assertEquals(Map.of(), LaunchProbe.unavailable(LaunchProbe.javaOf(null), List.of("POSIX_SPAWN", "FORK")));
    }

    @Test
    void aRunLeavesTheRefusedMechanismOutWithOneNoticeAndRunsTheRest(@TempDir Path dir) throws Exception {
        Path result = dir.resolve("r.json");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        PrintStream stdout = new PrintStream(out, true, StandardCharsets.UTF_8);
        System.setOut(stdout);
        int rc;
        try {
            rc = Main.run(new String[] {"FloorBenchmark.spawnTrueMechanism", "-jvm", javaWithoutVfork(dir).toString(),
                "-f", "1", "-wi", "0", "-i", "1", "-p", "tasks=3", "-rf", "json", "-rff", result.toString()},
                    stdout, new PrintStream(err, true, StandardCharsets.UTF_8));
        } finally {
            System.setOut(saved);
        }
        String errText = err.toString(StandardCharsets.UTF_8);
        assertEquals(0, rc, errText);
        List<String> notices = errText.lines().filter(l -> l.contains("VFORK")).toList();
        assertEquals(List.of("poolbench: launchMechanism=VFORK left out of this run: " + REFUSAL), notices);
        List<String> ran = new ArrayList<>();
        for (JsonNode row : new ObjectMapper().readTree(result.toFile())) {
            ran.add(row.path("params").path("launchMechanism").asText());
        }
        assertEquals(List.of("POSIX_SPAWN", "FORK"), ran);
    }
}
