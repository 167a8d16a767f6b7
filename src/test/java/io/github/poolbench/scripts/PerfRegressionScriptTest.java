package io.github.poolbench.scripts;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * scripts/perf-regression.sh's command line, up to the build step and never further: every
 * refusal is one line and exit 2, before anything is built or measured; a base that does not
 * build is one line and exit 2, and its temporary clone is gone afterwards. The end-to-end run
 * with PERF_PROFILE=smoke is in scripts/ci-compare-smoke.sh (it needs the packaged jar).
 */
class PerfRegressionScriptTest {
    private static final Path SCRIPT = Paths.get("scripts", "perf-regression.sh").toAbsolutePath();

    @TempDir
    Path tmp;

    @BeforeAll
    static void needsBashAndGit() throws Exception {
        assumeTrue(new File("/bin/bash").canExecute(), "no bash");
        Result git = exec(List.of("git", "rev-parse", "--verify", "--quiet", "HEAD^{commit}"), Map.of());
        assumeTrue(git.code == 0, "not a git checkout with a commit: " + git.err);
    }

    record Result(int code, String out, String err) {
    }

    private static Result exec(List<String> command, Map<String, String> env) throws Exception {
        Path outFile = Files.createTempFile("perf-test", ".out");
        Path errFile = Files.createTempFile("perf-test", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(outFile.toFile()).redirectError(errFile.toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            p.getOutputStream().close();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                fail("timed out: " + command);
            }
            return new Result(p.exitValue(), Files.readString(outFile, StandardCharsets.UTF_8),
                    Files.readString(errFile, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(outFile);
            Files.deleteIfExists(errFile);
        }
    }

    private Result script(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("/bin/bash", SCRIPT.toString()));
        command.addAll(List.of(args));
        Map<String, String> e = new java.util.HashMap<>(Map.of("PERF_RESULTS_DIR", tmp.resolve("runs").toString(),
                "TMPDIR", Files.createDirectories(tmp.resolve("tmp")).toString()));
        e.putAll(env);
        return exec(command, e);
    }

    private static void assertOneLine(Result r, String line) {
        assertEquals(2, r.code, r.out + r.err);
        assertEquals(line + "\n", r.err);
    }

    @Test
    void aRefThatIsNotACommitIsOneLineAndExitTwoBeforeAnythingIsBuilt() throws Exception {
        Result r = script(Map.of(), "--base", "no-such-ref-4f1c");
        assertOneLine(r, "perf-regression: --base no-such-ref-4f1c is not a commit of this repository (a shallow"
                + " clone? fetch it, e.g. actions/checkout with fetch-depth: 0)");
        assertEquals("", r.out);
        assertTrue(!Files.exists(tmp.resolve("runs")), "no results folder for a refused run");
    }

    @Test
    void usageMistakesAreOneLineAndExitTwo() throws Exception {
        assertOneLine(script(Map.of(), "--base"), "perf-regression: --base needs a commit (see --help)");
        assertOneLine(script(Map.of(), "--aa", "--base", "HEAD"), "perf-regression: give one of --base and --aa (see --help)");
        assertOneLine(script(Map.of(), "--bogus"), "perf-regression: unknown option --bogus (see --help)");
        assertOneLine(script(Map.of(), "--aa", "--update-baseline"),
                "perf-regression: --update-baseline belongs to the stored-baseline mode, not to --base or --aa (see --help)");
        assertOneLine(script(Map.of("PERF_PROFILE", "huge"), "--aa"),
                "perf-regression: unknown PERF_PROFILE 'huge' (quick or smoke)");
    }

    @Test
    void helpNamesTheModesTheRowsAndTheExitCodes() throws Exception {
        Result r = script(Map.of(), "--help");
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.contains("--base REF (the pull-request gate)"), r.out);
        assertTrue(r.out.contains("IncrementProcessBenchmark.NativePerTask (processbuilder)"), r.out);
        assertTrue(r.out.contains("exit codes: 0 every row decided, none slower"), r.out);
        assertTrue(r.out.contains("4 no row is slower, but at least one cannot tell"), r.out);
    }
}
