package io.github.poolbench.workload;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
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
    void lookingATaskUpByWireIdAllocatesNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        int sum = 0;
        for (int i = 0; i < 1_000; i++) { // warm up the accounting itself
            sum += Task.fromWireId(1 + i % 5).wireId();
        }
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < 100_000; i++) {
            sum += Task.fromWireId(1 + i % 5).wireId();
        }
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        // A copy of values() per look-up (as before) would be ~4 MB here.
        assertTrue(allocated < 100_000, "allocated " + allocated + " bytes for 100k look-ups (sum " + sum + ")");
    }

    @Test
    void raiseFailsWithAMessageNamingTheInput() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Task.RAISE.run(4, 0));
        assertEquals("task RAISE failed on input 4", e.getMessage());
    }
}
