package io.github.poolbench.bench;

import io.github.poolbench.exec.Strategy;
import io.github.poolbench.exec.TaskPool;
import io.github.poolbench.workload.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LifecycleBenchmarkTest {

    @ParameterizedTest
    @CsvSource({"1,1", "2,2", "5,5", "cores,6", "2xcores,12", "3xcores,18", " CORES ,6"})
    void sizesResolveAgainstTheCoreCount(String size, int expected) {
        assertEquals(expected, LifecycleBenchmark.resolveSize(size, 6));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "many", "xcores", "0xcores", "2xthreads", ""})
    void aBadSizeNamesWhatWasExpected(String size) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LifecycleBenchmark.resolveSize(size, 4));
        assertEquals("size must be a whole number of at least 1, 'cores' or 'Nxcores' (e.g. 2xcores), was '"
                + size + "'", e.getMessage());
    }

    @Test
    void anOperationLeavesAClosedPoolBehind() {
        LifecycleBenchmark b = new LifecycleBenchmark();
        b.strategy = Strategy.FIXED_THREAD_POOL;
        b.size = "2xcores";
        b.setUp();
        TaskPool pool = b.createAndClose();
        assertEquals(2 * Runtime.getRuntime().availableProcessors(), pool.workers());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> pool.apply(Task.INCREMENT.with(0), 1));
        assertEquals("FIXED_THREAD_POOL is closed: it accepts no new work after close()", e.getMessage());
    }
}
