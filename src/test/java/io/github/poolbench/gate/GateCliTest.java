package io.github.poolbench.gate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class GateCliTest {
    @TempDir
    Path tmp;

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int run(String... args) {
        return GateCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    void assertUsage(String line, String... args) {
        err.reset();
        out.reset();
        assertEquals(2, run(args), err());
        assertEquals("poolbench gate: " + line + " (see gate --help)\n", err());
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void everyOptionIsCheckedBeforeAnythingIsBuiltOrMeasured() throws Exception {
        Path jar = Files.writeString(tmp.resolve("head.jar"), "not run");
        assertUsage("--threshold needs a fraction (0.1) or a percentage (10%), not abc", "--check", "--threshold", "abc");
        assertUsage("--threshold 10 would mean 1000%; write 10% for a percentage, or a fraction such as 0.1",
                "--check", "--threshold", "10");
        assertUsage("--alpha must be above 0 and at most 0.5 (e.g. 0.05), not 0", "--check", "--alpha", "0");
        assertUsage("--max-forks needs a whole number such as 8, not '08'", "--check", "--max-forks", "08");
        assertUsage("--max-forks must be at least 2, not 1", "--check", "--max-forks", "1");
        assertUsage("--budget needs a duration such as 10m or 600s, not 'soon'", "--check", "--budget", "soon");
        assertUsage("unknown profile 'huge' (quick or smoke)", "--check", "--profile", "huge");
        assertUsage("needs --base REF, --base-jar JAR or --aa", "--head-jar", jar.toString(), "--out", "x");
        assertUsage("give one of --base, --base-jar and --aa", "--aa", "--base", "HEAD", "--head-jar", jar.toString());
        assertUsage(tmp.resolve("nope.jar") + " is not a file", "--aa", "--head-jar", tmp.resolve("nope.jar").toString());
        err.reset();
        assertEquals(0, run("--check", "--threshold", "10%", "--alpha", "0.05", "--max-forks", "8", "--budget", "10m"));
        assertEquals("", err());
    }

    @Test
    void aRefThatIsNotACommitIsOneLine() throws Exception {
        assumeTrue(Files.isDirectory(Path.of(".git")), "not a git checkout");
        Path jar = Files.writeString(tmp.resolve("head.jar"), "not run");
        assertEquals(2, run("--base", "no-such-ref-4f1c", "--head-jar", jar.toString(), "--out",
                tmp.resolve("run").toString()));
        assertEquals("poolbench gate: --base no-such-ref-4f1c is not a commit of this repository (a shallow clone?"
                + " fetch it, e.g. actions/checkout with fetch-depth: 0)\n", err());
        assertFalse(Files.exists(tmp.resolve("run")), "nothing was written");
    }

    @Test
    void aBaseThatDoesNotBuildIsOneLineAndItsCloneIsRemoved() throws Exception {
        assumeTrue(Files.isDirectory(Path.of(".git")), "not a git checkout");
        Path jar = Files.writeString(tmp.resolve("head.jar"), "not run");
        Path run = tmp.resolve("run");
        List<Path> before = clones();
        assertEquals(2, run("--base", "HEAD", "--mvn", "false", "--head-jar", jar.toString(), "--out", run.toString()));
        assertEquals(1, err().lines().count(), err());
        assertTrue(err().startsWith("poolbench gate: the base HEAD ("), err());
        assertTrue(err().contains(") does not build (see " + run.resolve("base-build.log") + ")"), err());
        assertEquals(before, clones(), "the temporary clone of the base is removed");
    }

    @Test
    void aJobSummaryThatCannotBeWrittenIsOneWarningAndChangesNoVerdict() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("summary-is-a-folder"));
        GateCli.summary(folder.toString(), "### x\n", new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(1, err().lines().count(), err());
        assertTrue(err().startsWith("poolbench gate: warning: the job summary " + folder + " cannot be written"), err());
        assertTrue(err().endsWith("; the verdict stands\n"), err());
        Path file = tmp.resolve("summary.md");
        GateCli.summary(file.toString(), "### a\n", System.err);
        GateCli.summary(file.toString(), "### b\n", System.err);
        assertEquals("### a\n\n### b\n\n", Files.readString(file), "appended, never replaced");
    }

    @Test
    void helpNamesTheMethodAndTheExitCodes() {
        assertEquals(0, run("--help"));
        String help = out.toString(StandardCharsets.UTF_8);
        assertTrue(help.contains("Hwang-Shih-DeCani gamma = -2"), help);
        assertTrue(help.contains("4 no row is slower, but at least one cannot tell"), help);
    }

    private static List<Path> clones() throws Exception {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().startsWith("poolbench-base.")).sorted().toList();
        }
    }
}
