package io.github.poolbench.report.analysis;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.github.poolbench.report.analysis.TestRows.labelled;
import static io.github.poolbench.report.analysis.TestRows.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The floors: which one is the OS floor, what each path costs above it, and ratios only like with like. */
class FloorsTest {
    private static final String A = "a";

    /** A run of the current suite: 1000 children per op, in ms per op (so 0.4 ms per child = 400 ms/op). */
    private static List<Row> currentRun() {
        return List.of(
                labelled(A, row("FloorBenchmark.spawnTrue", Map.of("spawner", "posix_spawn", "tasks", "1000", "maxChildren", "5"), 400, "ms/op")),
                labelled(A, row("FloorBenchmark.spawnTrue", Map.of("spawner", "processbuilder", "tasks", "1000", "maxChildren", "5"), 880, "ms/op")),
                labelled(A, row("FloorBenchmark.spawnTrue", Map.of("spawner", "nuprocess", "tasks", "1000", "maxChildren", "5"), 1200, "ms/op")),
                labelled(A, row("FloorBenchmark.spawnTrueMechanism", Map.of("spawner", "processbuilder", "launchMechanism", "VFORK",
                        "tasks", "1000", "maxChildren", "5"), 460, "ms/op")),
                labelled(A, row("FloorBenchmark.startBareJvm", Map.of("spawner", "processbuilder", "jvmFlags", "default", "tasks", "200",
                        "maxChildren", "5"), 6000, "ms/op")),
                labelled(A, row("FloorBenchmark.startBareJvm", Map.of("spawner", "processbuilder", "jvmFlags", "tuned", "tasks", "200",
                        "maxChildren", "5"), 4000, "ms/op")),
                labelled(A, row("FloorBenchmark.roundTrip", Map.of(), 42.6, "us/op")),
                labelled(A, row("IncrementProcessBenchmark.NativePerTask.map", Map.of("strategy", "NATIVE_PROCESS_PER_TASK",
                        "spawner", "processbuilder", "launchMechanism", "default", "tasks", "1000", "maxChildren", "5", "workers", "5",
                        "chunksize", "auto"), 1500, "ms/op")),
                labelled(A, row("IncrementProcessBenchmark.JvmPerTask.map", Map.of("strategy", "PROCESS_PER_TASK", "spawner", "processbuilder",
                        "launchMechanism", "default", "jvmFlags", "tuned", "tasks", "1000", "maxChildren", "5", "workers", "5",
                        "chunksize", "auto"), 25000, "ms/op")),
                labelled(A, row("IncrementProcessBenchmark.Pool.map", Map.of("strategy", "FIXED_PROCESS_POOL", "jvmFlags", "default",
                        "tasks", "1000", "workers", "5", "chunksize", "auto"), 164, "us/op")));
    }

    @Test
    void theOsFloorIsTheSpawnFloorThroughPosixSpawn() {
        Floors.Floor os = Floors.osFloorOf(currentRun(), A).orElseThrow();
        assertEquals("posix_spawn", os.result().param("spawner"));
        assertEquals(400e-6, os.seconds().value(), 1e-12);
        assertTrue(Floors.osFloorOf(currentRun(), "another file").isEmpty());
    }

    @Test
    void aFileFromBeforeTheDirectSpawnerHasNoOsFloor() {
        List<Row> old = List.of(labelled(A, row("FloorBenchmark.spawnTrue",
                Map.of("spawner", "processbuilder", "tasks", "1000", "maxChildren", "5"), 869, "ms/op")));
        assertTrue(Floors.osFloorOf(old, A).isEmpty(), "the JDK's spawn path is not the OS floor");
        Floors.SpawnPath path = Floors.of(old).spawnPaths().get(0);
        assertEquals("processbuilder, default mechanism", path.path());
        assertNull(path.ratio());
        assertNull(path.above());
    }

    @Test
    void eachJavaSpawnPathIsItsCostAboveTheOsFloor() {
        List<String> paths = new ArrayList<>();
        for (Floors.SpawnPath p : Floors.of(currentRun()).spawnPaths()) {
            paths.add(p.path() + " +" + Units.formatSeconds(p.above().value()) + " " + Units.formatRatio(p.ratio().value()));
        }
        assertEquals(List.of("posix_spawn (OS floor) +0 ns 1.00×", "processbuilder, default mechanism +480 µs 2.20×",
                "nuprocess +800 µs 3.00×", "processbuilder, VFORK +60.0 µs 1.15×"), paths);
    }

    @Test
    void strategiesMeetOnlyFloorsMeasuredLikeThemselves() {
        List<String> pairs = new ArrayList<>();
        for (Floors.Comparison c : Floors.of(currentRun()).comparisons()) {
            pairs.add(c.strategy() + " [" + c.settings() + "] ~ " + c.floor().name() + " = "
                    + (c.ratio() == null ? "no ratio" : Units.formatRatio(c.ratio().value())));
        }
        assertEquals(List.of(
                "NATIVE_PROCESS_PER_TASK [launchMechanism=default, maxChildren=5, spawner=processbuilder] ~ spawnTrue (maxChildren=5, "
                        + "spawner=posix_spawn, tasks=1000) = 3.75×",
                "NATIVE_PROCESS_PER_TASK [launchMechanism=default, maxChildren=5, spawner=processbuilder] ~ spawnTrue (maxChildren=5, "
                        + "spawner=processbuilder, tasks=1000) = 1.70×",
                "PROCESS_PER_TASK [jvmFlags=tuned, launchMechanism=default, maxChildren=5, spawner=processbuilder] ~ startBareJvm "
                        + "(jvmFlags=tuned, maxChildren=5, spawner=processbuilder, tasks=200) = 1.25×",
                "FIXED_PROCESS_POOL [jvmFlags=default] ~ roundTrip = no ratio"), pairs);
    }

    @Test
    void aPooledTaskIsNeverDividedByARoundTrip() {
        Floors.Comparison pool = Floors.of(currentRun()).comparisons().stream()
                .filter(c -> c.strategy().equals("FIXED_PROCESS_POOL")).findFirst().orElseThrow();
        assertNull(pool.ratio());
        assertEquals("no ratio: the floor is one call's latency, the strategy a per-task share of a batch", pool.note());
        assertFalse(pool.floor().perTask());
    }

    @Test
    void floorWordsMatchAtTheStartOrAtACamelCaseBoundary() {
        assertTrue(Floors.mentions("osFloor", List.of("os")));
        assertTrue(Floors.mentions("spawnTrueMechanism", List.of("spawn")));
        assertFalse(Floors.mentions("hostFloor", List.of("os")));
    }
}
