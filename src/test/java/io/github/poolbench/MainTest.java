package io.github.poolbench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** JMH's help and list write to System.out themselves, so it is captured too. */
    private int run(String... args) {
        PrintStream stdout = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream saved = System.out;
        System.setOut(stdout);
        try {
            return Main.run(args, stdout, new PrintStream(err, true, StandardCharsets.UTF_8));
        } finally {
            System.setOut(saved);
        }
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpExitsZeroAndNamesTheSubcommands() {
        assertEquals(0, run("-h"));
        assertTrue(out().contains("report FILE.json"), out());
        assertTrue(out().contains("compare BASE.json CURRENT.json"), out());
    }

    @Test
    void listNamesIncrementBenchmark() {
        assertEquals(0, run("-l"));
        assertTrue(out().contains("io.github.poolbench.bench.IncrementBenchmark.map"), out());
    }

    @Test
    void anUnknownOptionIsOneLineAndExitsTwo() {
        assertEquals(2, run("-zz"));
        String message = err().trim();
        assertFalse(message.contains("\n"), "one line: " + message);
        assertEquals("poolbench: z is not a recognized option (see -h)", message);
    }

    @Test
    void aBadOptionValueIsOneLineAndExitsTwo() {
        assertEquals(2, run("-f", "lots"));
        String message = err().trim();
        assertFalse(message.contains("\n"), "one line: " + message);
        assertTrue(message.startsWith("poolbench: "), message);
    }

    @Test
    void theDefaultRunLeavesTheSweepsOutAndSaysSo(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        // Everything but the sweeps excluded: if the sweeps were still in, they would match.
        String result = dir.resolve("r.json").toString();
        assertEquals(1, run("-e", "Increment|Floor|Apply|Echo|Lifecycle", "-f", "0", "-rf", "json", "-rff", result));
        assertTrue(err().contains("poolbench: the default run leaves out the sweeps [TaskWeightBenchmark, PoolSizeBenchmark, ParentSizeBenchmark]"), err());
        assertTrue(err().contains("no benchmark matches"), err());
    }

    @Test
    void aRegexThatMatchesNothingSaysSoAndExitsOne() {
        assertEquals(1, run("NoSuchBenchmarkAnywhere", "-f", "0"));
        assertTrue(err().contains("no benchmark matches [NoSuchBenchmarkAnywhere]"), err());
    }
}
