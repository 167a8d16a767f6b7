package io.github.poolbench.exec;

import io.github.poolbench.workload.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** NATIVE_PROCESS_PER_TASK: {@code expr N + 1} per task, with every spawner. */
class NativeProcessPerTaskTest {

    @ParameterizedTest(name = "spawner {0}")
    @ValueSource(strings = {"posix_spawn", "processbuilder", "nuprocess"})
    void incrementsComeBackInOrderIncludingAZeroResult(String spawner) {
        int[] inputs = new int[100];
        List<Object> expected = new ArrayList<>();
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = i - 1; // -1 + 1 = 0: expr's exit status 1, still a valid answer
            expected.add(i);
        }
        try (TaskPool pool = Strategy.NATIVE_PROCESS_PER_TASK.create(PoolConfig.ofWorkers(5).withSpawner(spawner))) {
            assertEquals(List.of(), pool.map(Task.INCREMENT.with(0), new int[0]));
            assertEquals(expected, pool.map(Task.INCREMENT.with(0), inputs));
            assertEquals(42, pool.apply(Task.INCREMENT.with(0), 41));
        }
        assertEquals(List.of(), Children.ours());
    }

    @ParameterizedTest(name = "spawner {0}")
    @ValueSource(strings = {"posix_spawn", "processbuilder", "nuprocess"})
    void theOsFloorRunsTrueOncePerInputAndLeavesNothingBehind(String spawner) {
        try (TaskPool floor = Floors.osFloor(PoolConfig.ofWorkers(5).withSpawner(spawner))) {
            assertEquals(java.util.Collections.nCopies(50, 0), floor.map(Task.INCREMENT.with(0), new int[50]));
        }
        assertEquals(List.of(), Children.ours());
    }

    @Test
    void aTaskWithoutANativeTwinIsRefusedBeforeAnythingStarts() {
        try (TaskPool pool = Strategy.NATIVE_PROCESS_PER_TASK.create(PoolConfig.ofWorkers(1))) {
            TaskFailedException e = assertThrows(TaskFailedException.class,
                    () -> pool.map(Task.SLEEP_SQUARE.with(10), new int[] {1}));
            assertInstanceOf(UnsupportedOperationException.class, e.getCause());
            assertEquals("NATIVE_PROCESS_PER_TASK runs only INCREMENT (as expr N + 1); SLEEP_SQUARE(param=10) has no native twin",
                    e.getCause().getMessage());
        }
    }

    @Test
    void theStrategyIsAvailableWhereExprIs() {
        assertEquals("", Strategy.NATIVE_PROCESS_PER_TASK.unavailableReason());
    }
}
