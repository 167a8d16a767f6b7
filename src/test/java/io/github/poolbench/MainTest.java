package io.github.poolbench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MainTest {
    /** Run folders go here, never into the working tree's results/runs/. */
    @TempDir
    Path results;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** JMH's help and list write to System.out themselves, so it is captured too. */
    private int run(String... args) {
        PrintStream stdout = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream saved = System.out;
        System.setOut(stdout);
        try {
            return Main.run(args, stdout, new PrintStream(err, true, StandardCharsets.UTF_8), results);
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

    @Test
    void aRegexThatMatchesNothingLeavesNoRunFolderBehind() throws IOException {
        assertEquals(1, run("NoSuchBenchmarkAnywhere", "x.json", "-f", "0"));
        assertTrue(err().contains("poolbench: no benchmark matches [NoSuchBenchmarkAnywhere, x.json] (try -l to list them)"), err());
        try (Stream<Path> left = Files.list(results)) {
            assertEquals(List.of(), left.toList(), "no run folder, no empty jmh.json");
        }
    }

    /** The smallest real run: one row, in-process, one short iteration (a smoke run, not a measurement). */
    private static final String[] SMOKE = {"IncrementBenchmark.map", "-p", "strategy=CALLER_THREAD", "-p", "chunksize=1",
            "-f", "0", "-wi", "0", "-i", "1", "-r", "100ms"};

    private static String[] smoke(String... more) {
        return Stream.concat(Stream.of(SMOKE), Stream.of(more)).toArray(String[]::new);
    }

    @Test
    @Timeout(120)
    void aRunFirstSaysWhatItRunsAndAboutHowLongThenLeavesItsFolderWithTheReport() throws IOException {
        assertEquals(0, run(smoke()));
        String first = err().lines().findFirst().orElse("");
        assertEquals("poolbench: running 1 benchmark in 1 param combination with their warmup, measurement and fork"
                + " settings: about 1 s (estimated from those settings; -l lists them)", first);
        Path runDir;
        try (Stream<Path> dirs = Files.list(results)) {
            runDir = dirs.findFirst().orElseThrow();
        }
        for (String name : List.of("jmh.json", "env.json", "index.html", "style.css", "charts")) {
            assertTrue(Files.exists(runDir.resolve(name)), name + " in " + runDir);
        }
        assertTrue(out().contains("poolbench report: " + runDir.toAbsolutePath().resolve("index.html")), out());
    }

    @Test
    @Timeout(120)
    void aNamedResultFileInAUsersFolderGetsItsReportInANewFolderBesideItAndNothingThereIsTouched(@TempDir Path user)
            throws IOException {
        Files.writeString(user.resolve("style.css"), "body { color: red }");
        Files.writeString(user.resolve("index.html"), "<p>my own page</p>");
        Files.setLastModifiedTime(user.resolve("style.css"), FileTime.fromMillis(1_000_000_000_000L));
        Map<Path, String> before = snapshot(user);

        assertEquals(0, run(smoke("-rf", "json", "-rff", user.resolve("x.json").toString())));

        Map<Path, String> after = snapshot(user);
        before.forEach((file, state) -> assertEquals(state, after.get(file), file + " was changed"));
        assertTrue(Files.isRegularFile(user.resolve("x.json")));
        assertTrue(Files.isRegularFile(user.resolve("x-report/index.html")), "the report went to x-report/");
        assertFalse(Files.exists(user.resolve("charts")), "no charts/ among the user's files");
        try (Stream<Path> left = Files.list(results)) {
            assertEquals(0, left.count(), "a named result file makes no run folder");
        }
    }

    /** Every file under {@code dir}: its size, modification time and content hash. */
    static Map<Path, String> snapshot(Path dir) throws IOException {
        Map<Path, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(f), Files.size(f) + " " + Files.getLastModifiedTime(f) + " "
                        + java.util.Arrays.hashCode(Files.readAllBytes(f)));
            }
        }
        return out;
    }
}
