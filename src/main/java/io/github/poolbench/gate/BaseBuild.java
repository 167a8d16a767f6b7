package io.github.poolbench.gate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The base's jar, built from a commit in a temporary clone: {@code git clone --shared
 * --no-checkout} of the head's checkout, a checkout of the commit, then Maven's package without
 * tests. The user's checkout and its .git are never touched; the clone is removed by
 * {@link #close()} (and by a shutdown hook on Ctrl-C).
 */
final class BaseBuild implements AutoCloseable {
    static final String JAR = "target/benchmarks.jar";

    private final Path tmp;
    private final Thread hook;
    final String sha;
    final Path checkout;
    final Path jar;

    private BaseBuild(Path tmp, String sha) {
        this.tmp = tmp;
        this.sha = sha;
        this.checkout = tmp.resolve("base");
        this.jar = checkout.resolve(JAR);
        this.hook = new Thread(this::remove, "poolbench-base-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** The commit {@code ref} names in the repository at {@code repo}, or a one-line error. */
    static String resolve(Path repo, String ref) throws GateException {
        Run r = run(List.of("git", "-C", repo.toString(), "rev-parse", "--verify", "--quiet", ref + "^{commit}"), null, 30);
        if (r.code != 0 || r.out.isBlank()) {
            throw new GateException("--base " + ref + " is not a commit of this repository (a shallow clone? fetch it,"
                    + " e.g. actions/checkout with fetch-depth: 0)");
        }
        return r.out.strip();
    }

    /**
     * Clones {@code repo} at {@code sha} into a temporary folder and builds it with {@code mvn}
     * (a command and its arguments), the output in {@code log}.
     */
    static BaseBuild build(Path repo, String ref, String sha, List<String> mvn, Path log) throws GateException {
        Path tmp;
        try {
            tmp = Files.createTempDirectory("poolbench-base.");
        } catch (IOException e) {
            throw new GateException("cannot make a temporary folder for the base's clone (" + e.getMessage() + ")", e);
        }
        BaseBuild b = new BaseBuild(tmp, sha);
        try {
            String what = ref + " (" + sha + ")";
            if (run(List.of("git", "clone", "--quiet", "--shared", "--no-checkout", repo.toAbsolutePath().toString(),
                    b.checkout.toString()), log, 300).code != 0
                    || run(List.of("git", "-C", b.checkout.toString(), "-c", "advice.detachedHead=false", "checkout",
                    "--quiet", sha), log, 300).code != 0) {
                throw new GateException("cannot check out " + what + " in a temporary clone (see " + log + ")");
            }
            List<String> cmd = new ArrayList<>(mvn);
            cmd.addAll(List.of("-B", "-q", "-DskipTests", "package"));
            Run built = runIn(cmd, b.checkout, log, 900);
            if (built.code != 0) {
                throw new GateException("the base " + what + " does not build (see " + log + ")");
            }
            if (!Files.isRegularFile(b.jar)) {
                throw new GateException("the base " + what + " built no " + JAR + " (see " + log + ")");
            }
            return b;
        } catch (GateException | RuntimeException e) {
            b.close();
            throw e;
        }
    }

    @Override
    public void close() {
        remove();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs remove() itself
        }
    }

    private void remove() {
        if (!Files.exists(tmp)) {
            return;
        }
        try (Stream<Path> all = Files.walk(tmp)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // best effort: a temporary folder
        }
    }

    private record Run(int code, String out) {
    }

    private static Run run(List<String> cmd, Path log, long seconds) throws GateException {
        return runIn(cmd, null, log, seconds);
    }

    private static Run runIn(List<String> cmd, Path dir, Path log, long seconds) throws GateException {
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            if (dir != null) {
                pb.directory(dir.toFile());
            }
            Path out = log != null ? log : Files.createTempFile("poolbench-git", ".out");
            pb.redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()));
            Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                throw new GateException("cannot start " + cmd.get(0) + " (" + e.getMessage() + ")", e);
            }
            try {
                if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                    throw new GateException(String.join(" ", cmd.subList(0, Math.min(3, cmd.size())))
                            + " took longer than " + seconds + " s");
                }
                return new Run(p.exitValue(), log == null ? Files.readString(out) : "");
            } finally {
                if (log == null) {
                    Files.deleteIfExists(out);
                }
            }
        } catch (IOException e) {
            throw new GateException("cannot run " + cmd.get(0) + " (" + e.getMessage() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GateException("interrupted", e);
        }
    }
}
