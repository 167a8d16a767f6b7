package io.github.poolbench.exec;

import io.github.poolbench.workload.Task;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Virtual threads are there exactly on JDK 21+, and their absence is reported, not crashed on. */
class VirtualThreadsTest {
    private static final int FEATURE = Runtime.version().feature();

    @Test
    void onJdk17TheStrategyReportsItselfUnavailable() {
        assumeTrue(FEATURE < 21, "this JVM is " + FEATURE + ": virtual threads exist");
        assertFalse(Strategy.VIRTUAL_THREAD_PER_TASK.isAvailable());
        assertTrue(Strategy.VIRTUAL_THREAD_PER_TASK.unavailableReason()
                .startsWith("virtual threads need JDK 21 or later; this JVM is " + System.getProperty("java.version")));
        StrategyUnavailableException e = assertThrows(StrategyUnavailableException.class,
                () -> Strategy.VIRTUAL_THREAD_PER_TASK.create(PoolConfig.defaults()));
        assertEquals(Strategy.VIRTUAL_THREAD_PER_TASK.unavailableReason(), e.getMessage());
    }

    @Test
    void onJdk21AndLaterTheStrategyRunsTasksOnVirtualThreads() {
        assumeTrue(FEATURE >= 21, "this JVM is " + FEATURE + ": no virtual threads");
        assertTrue(Strategy.VIRTUAL_THREAD_PER_TASK.isAvailable());
        assertEquals("", Strategy.VIRTUAL_THREAD_PER_TASK.unavailableReason());
        try (TaskPool pool = Strategy.VIRTUAL_THREAD_PER_TASK.create(PoolConfig.defaults())) {
            assertEquals(java.util.List.of(1, 2, 3), pool.map(Task.INCREMENT.with(0), new int[] {0, 1, 2}));
        }
    }

    @Test
    void everyOtherInProcessStrategyIsAvailableEverywhere() {
        for (Strategy s : new Strategy[] {Strategy.CALLER_THREAD, Strategy.FIXED_THREAD_POOL,
                Strategy.FORK_JOIN_POOL, Strategy.THREAD_PER_TASK}) {
            assertTrue(s.isAvailable(), s.name());
        }
    }
}
