package io.github.poolbench.gate;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LooksTest {
    @Test
    void thePlannedLooksSpendExactlyAlphaSharedByTheRows() {
        Looks looks = Looks.upTo(30, 0.05, 4);
        assertEquals(List.of(5, 8, 12, 17, 23, 30), looks.at());
        double sum = 0;
        int previous = 0;
        for (int n : looks.at()) {
            double level = looks.level(previous, n, n == 30);
            assertTrue(level > 0, "look " + n);
            sum += level;
            previous = n;
        }
        assertEquals(0.05 / 4, sum, 1e-15);
    }

    @Test
    void spendingIsStrictEarlyAndGenerousLate() {
        Looks looks = Looks.upTo(30, 0.05, 1);
        double first = looks.level(0, 5, false);
        double last = looks.level(23, 30, true);
        assertTrue(first < last, first + " vs " + last);
        assertEquals(0.0, looks.spent(0), 1e-15);
        assertEquals(1.0, looks.spent(30), 1e-15);
    }

    @Test
    void aBudgetThatEndsBetweenLooksSpendsAllThatIsLeftThere() {
        Looks looks = Looks.upTo(30, 0.05, 2);
        double spent = looks.level(0, 5, false) + looks.level(5, 8, false);
        assertEquals(0.025 - spent, looks.level(8, 10, true), 1e-15);
    }

    @Test
    void fewerForksThanTheFirstLookMakeOneLook() {
        assertEquals(List.of(3), Looks.upTo(3, 0.05, 1).at());
        assertEquals(List.of(5, 8, 10), Looks.upTo(10, 0.05, 1).at());
        assertThrows(IllegalArgumentException.class, () -> new Looks(List.of(5, 5), 0.05, 1, -2));
    }
}
