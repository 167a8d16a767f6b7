package io.github.poolbench.gate;

import io.github.poolbench.report.compare.RowKey;
import io.github.poolbench.report.model.BenchmarkResult;
import io.github.poolbench.report.model.ResultFile;
import io.github.poolbench.report.parse.JmhJsonParser;
import io.github.poolbench.report.parse.ReportInputException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Real forks: each run is a child process {@code [taskset -c CPUS] java [opts] -cp SIDE.jar org.openjdk.jmh.Main
 * PATTERN -p ... -f 1 TIMING [user's JMH options] -foe true -rf json -rff FILE}, its output in
 * {@code FILE.log}. JMH's own main, not the suite's, so a base jar of any age runs the same
 * command line. A run that exits non-zero, times out, or leaves out a row it was asked for is a
 * failed run (the gate stops, exit 2), never a row that silently drops out.
 */
public final class JmhForks implements ForkSource {
    private final Map<Side, Path> jars = new EnumMap<>(Side.class);
    private final Map<Side, String> lists = new EnumMap<>(Side.class);
    private final Map<Side, List<Path>> files = new EnumMap<>(Side.class);
    private final Map<Side, String> names;
    private final Profile profile;
    private final List<String> java;
    private final List<String> javaOpts;
    private final List<String> jmhExtra;
    private final Path roundsDir;
    private final long timeoutSeconds;

    /**
     * @param names how files and messages name each side (base/head, or a/b in an A/A run)
     */
    public JmhForks(Path baseJar, Path headJar, Map<Side, String> names, Profile profile, List<String> launcher,
                    List<String> javaOpts, List<String> jmhExtra, Path roundsDir, long timeoutSeconds)
            throws GateException {
        jars.put(Side.BASE, baseJar);
        jars.put(Side.HEAD, headJar);
        this.names = Map.copyOf(names);
        this.profile = profile;
        this.java = launcher;
        this.javaOpts = List.copyOf(javaOpts);
        this.jmhExtra = List.copyOf(jmhExtra);
        this.roundsDir = roundsDir;
        this.timeoutSeconds = timeoutSeconds;
        for (Side s : Side.values()) {
            files.put(s, new ArrayList<>());
            lists.put(s, list(s));
        }
    }

    /** The JMH files one side's rounds wrote, in order. */
    public List<Path> files(Side side) {
        return List.copyOf(files.get(side));
    }

    @Override
    public Map<RowKey, Fork> run(Side side, int round, List<RowKey> rows) throws GateException {
        List<List<String>> runs = new ArrayList<>();
        if (rows == null) {
            for (Profile.Part p : profile.parts()) {
                if (Pattern.compile(p.regex()).matcher(lists.get(side)).find()) {
                    List<String> a = new ArrayList<>(List.of(p.regex()));
                    a.addAll(p.params());
                    runs.add(a);
                }
            }
        } else {
            runs.addAll(Invocations.of(rows));
        }
        Map<RowKey, Fork> out = new LinkedHashMap<>();
        for (int i = 0; i < runs.size(); i++) {
            Path file = roundsDir.resolve(String.format("%02d-%s-%d.json", round + 1, names.get(side), i + 1));
            Path log = roundsDir.resolve(file.getFileName() + ".log");
            List<String> cmd = new ArrayList<>(java);
            cmd.addAll(javaOpts);
            cmd.addAll(List.of("-cp", jars.get(side).toString(), "org.openjdk.jmh.Main"));
            cmd.addAll(runs.get(i));
            cmd.addAll(List.of("-f", "1"));
            cmd.addAll(profile.timing());
            cmd.addAll(jmhExtra);
            cmd.addAll(List.of("-foe", "true", "-rf", "json", "-rff", file.toString()));
            String what = "the " + names.get(side) + " run of round " + (round + 1);
            int rc = exec(cmd, log, what);
            if (rc != 0) {
                throw new GateException(what + " failed (exit " + rc + "; see " + log + ")");
            }
            if (!Files.isRegularFile(file)) {
                throw new GateException(what + " wrote no results (see " + log + ")");
            }
            ResultFile parsed;
            try {
                parsed = JmhJsonParser.parse(file, w -> { });
            } catch (ReportInputException e) {
                throw new GateException(what + ": " + e.getMessage(), e);
            }
            for (BenchmarkResult r : parsed.results()) {
                out.put(RowKey.of(r), new Fork(r.primary().unit(), r.primary().samples()));
            }
            files.get(side).add(file);
        }
        return out;
    }

    private String list(Side side) throws GateException {
        Path log = roundsDir.resolve(names.get(side) + "-benchmarks.txt");
        List<String> cmd = new ArrayList<>(java);
        cmd.addAll(javaOpts);
        cmd.addAll(List.of("-cp", jars.get(side).toString(), "org.openjdk.jmh.Main", "-l"));
        String what = "listing the benchmarks of " + jars.get(side);
        int rc = exec(cmd, log, what);
        if (rc != 0) {
            throw new GateException(what + " failed (exit " + rc + "; see " + log + ")");
        }
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new GateException(what + ": cannot read " + log, e);
        }
    }

    private int exec(List<String> cmd, Path log, String what) throws GateException {
        Process p;
        try {
            Files.createDirectories(log.getParent());
            p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        } catch (IOException e) {
            throw new GateException(what + ": cannot start " + cmd.get(0) + " (" + e.getMessage() + ")", e);
        }
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                kill(p);
                throw new GateException(what + " took longer than " + timeoutSeconds + " s and was stopped (see " + log
                        + ")");
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            kill(p);
            Thread.currentThread().interrupt();
            throw new GateException(what + " was interrupted", e);
        }
    }

    /** The run and the forks it started. */
    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
