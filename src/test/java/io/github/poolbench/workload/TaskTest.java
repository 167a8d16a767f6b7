package io.github.poolbench.workload;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TaskTest {
    @Test
    void theDocumentsTasksComputeWhatItSays() {
        assertEquals(8, Task.INCREMENT.run(7, 0));
        assertEquals(49, Task.SLEEP_SQUARE.run(7, 0));
        assertEquals("***", Task.STARS.run(3, 0));
        assertEquals(8, Task.CPU_BURN.run(7, 1000));
    }

    @Test
    void expectedValuesMatchRealRuns() {
        for (Task t : new Task[] {Task.INCREMENT, Task.SLEEP_SQUARE, Task.STARS, Task.CPU_BURN}) {
            for (int i = 0; i < 20; i++) {
                assertEquals(t.expected(i), t.run(i, 0), t + " on " + i);
            }
        }
    }

    @Test
    void aTaskIsFoundByNameWhateverTheCase() {
        assertSame(Task.SLEEP_SQUARE, Task.byName("sleep_square"));
        assertSame(Task.INCREMENT, Task.byName(" INCREMENT "));
    }

    @Test
    void anUnknownNameListsTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Task.byName("rm -rf"));
        assertEquals("unknown task 'rm -rf'; expected one of: increment, sleep_square, cpu_burn, stars, raise", e.getMessage());
    }

    @Test
    void wireIdsAreUniqueAndRoundTrip() {
        Set<Integer> ids = new HashSet<>();
        for (Task t : Task.values()) {
            assertTrue(ids.add(t.wireId()), "duplicate wire id " + t.wireId());
            assertSame(t, Task.fromWireId(t.wireId()));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Task.fromWireId(99));
        assertTrue(e.getMessage().startsWith("unknown task id 99"));
    }

    @Test
    void raiseFailsWithAMessageNamingTheInput() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Task.RAISE.run(4, 0));
        assertEquals("task RAISE failed on input 4", e.getMessage());
    }
}
