package io.github.poolbench.exec;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ChunkingTest {
    @Test
    void pythonsRuleGivesFiftyForAThousandTasksOnFiveWorkers() {
        assertEquals(50, Chunking.defaultChunksize(1000, 5));
    }

    @Test
    void theRuleRoundsUp() {
        assertEquals(2, Chunking.defaultChunksize(21, 5)); // 21 / 20 = 1.05 -> 2
        assertEquals(1, Chunking.defaultChunksize(20, 5));
        assertEquals(1, Chunking.defaultChunksize(7, 5));
    }

    @Test
    void noTasksStillGiveAChunkOfOne() {
        assertEquals(1, Chunking.defaultChunksize(0, 5));
    }

    @Test
    void aPoolWithoutWorkersIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Chunking.defaultChunksize(10, 0));
        assertEquals("workers must be at least 1, was 0", e.getMessage());
    }

    @Test
    void aBenchmarksChunksizeParamIsAutoOrAPositiveNumber() {
        assertEquals(50, Chunking.resolve("auto", 1000, 5));
        assertEquals(1, Chunking.resolve("1", 1000, 5));
        IllegalArgumentException word = assertThrows(IllegalArgumentException.class, () -> Chunking.resolve("big", 1000, 5));
        assertEquals("chunksize must be auto or a number, was 'big'", word.getMessage());
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> Chunking.resolve("0", 1000, 5));
        assertEquals("chunksize must be at least 1, was 0", zero.getMessage());
    }
}
