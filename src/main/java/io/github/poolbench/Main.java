package io.github.poolbench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.github.poolbench.echo.ConnectionHandler;
import io.github.poolbench.exec.LaunchMechanisms;
import io.github.poolbench.exec.Strategy;
import io.github.poolbench.exec.VirtualThreads;
import io.github.poolbench.report.CompareCli;
import io.github.poolbench.report.IoWords;
import io.github.poolbench.report.ReportCli;
import io.github.poolbench.report.RunFiles;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.results.format.ResultFormatType;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Entry point of {@code benchmarks.jar}.
 *
 * <pre>
 *   java -jar benchmarks.jar [JMH options] [benchmark regex...]   run the suite (JMH's own command line)
 *   java -jar benchmarks.jar report FILE.json... [-o DIR]          render an HTML/PNG report
 *   java -jar benchmarks.jar compare BASE.json CURRENT.json        regression gate
 * </pre>
 * JMH options are parsed by JMH's {@link CommandLineOptions} and run by its {@link Runner}.
 * Unless a result file is named ({@code -rf}/{@code -rff}), results go to
 * {@code results/runs/<yyyyMMdd-HHmmss>/jmh.json} with {@code env.json} and the report beside it.
 *
 * <p>A run first prints one line: how many benchmarks and param combinations, and about how
 * long they take ({@link RunEstimate}). No match, or a run that writes no results, leaves no
 * run folder; with {@code -rff DIR/x.json} the report goes to a new {@code DIR/x-report/}.
 *
 * <p>Exit codes: 0 success; 1 the run failed (a benchmark error, no matching benchmark, no
 * results written); 2 bad option or input. {@code compare} adds 1 = regression, 3 = not comparable.
 */
public final class Main {
    static final String PARAM_STRATEGY = "strategy";
    /** Param name -> the value of it that needs virtual threads (JDK 21+). */
    private static final Map<String, String> VIRTUAL_ONLY = Map.of(
            PARAM_STRATEGY, Strategy.VIRTUAL_THREAD_PER_TASK.name(),
            "handler", ConnectionHandler.VIRTUAL_THREAD_PER_CONNECTION.name());
    private static final String RESULTS_ROOT = "results/runs";
    /**
     * Benchmarks that only sweep a knob: too long for the default run (which must stay within
     * 15 minutes on 2 cores), so they run when named or through scripts/run-sweeps.sh.
     */
    static final List<String> SWEEPS = List.of("TaskWeightBenchmark", "PoolSizeBenchmark", "ParentSizeBenchmark");

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, Paths.get(RESULTS_ROOT));
    }

    /** As {@link #run(String[], PrintStream, PrintStream)}, with run folders under {@code resultsRoot}. */
    static int run(String[] args, PrintStream out, PrintStream err, Path resultsRoot) {
        if (args.length > 0 && "report".equals(args[0])) {
            return ReportCli.run(Arrays.copyOfRange(args, 1, args.length), out, err);
        }
        if (args.length > 0 && "history".equals(args[0])) return io.github.poolbench.history.HistoryCli.run(Arrays.copyOfRange(args, 1, args.length), out, err);
        if (args.length > 0 && "compare".equals(args[0])) {
            return CompareCli.run(Arrays.copyOfRange(args, 1, args.length), out, err);
        }
        CommandLineOptions options;
        try {
            options = new CommandLineOptions(args);
        } catch (CommandLineOptionException e) {
            err.println("poolbench: " + e.getMessage() + " (see -h)");
            return 2;
        }
        try {
            if (options.shouldHelp()) {
                options.showHelp();
                out.println();
                out.println("poolbench subcommands (besides JMH's options above):");
                out.println("  report FILE.json [FILE.json ...] [-o DIR] [--label NAME ...]   render an HTML/PNG report");
                out.println("  compare BASE.json CURRENT.json [options]                        regression gate (compare --help)");
                out.println("  history add|detect|report|export|prune [options]                results over time (history --help)");
                out.println("Without -rf/-rff, results go to " + RESULTS_ROOT + "/<yyyyMMdd-HHmmss>/ (jmh.json, env.json, index.html);");
                out.println("with -rf json -rff DIR/x.json, to DIR/x.json and DIR/x.env.json, and the report to DIR/x-report/.");
                out.println("Exit codes: 0 done; 1 the run failed (a benchmark error, no match, no results); 2 bad option or input.");
                return 0;
            }
            if (options.shouldListProfilers()) {
                options.listProfilers();
                return 0;
            }
            if (options.shouldListResultFormats()) {
                options.listResultFormats();
                return 0;
            }
            Runner runner = new Runner(options);
            if (options.shouldList()) {
                runner.list();
                return 0;
            }
            if (options.shouldListWithParams()) {
                runner.listWithParams(options);
                return 0;
            }
            return runBenchmarks(args, options, out, err, resultsRoot);
        } catch (NoBenchmarksException e) {
            err.println("poolbench: no benchmark matches " + options.getIncludes() + " (try -l to list them)");
            return 1;
        } catch (RunnerException e) {
            err.println("poolbench: the run failed: " + rootMessage(e));
            return 1;
        } catch (IOException e) {
            err.println("poolbench: cannot write the results: " + IoWords.withFile(e));
            return 2;
        }
    }

    private static int runBenchmarks(String[] args, CommandLineOptions commandLine, PrintStream out, PrintStream err,
                                     Path resultsRoot) throws RunnerException, IOException {
        Options options = commandLine;
        if (commandLine.getIncludes().isEmpty()) {
            ChainedOptionsBuilder b = new OptionsBuilder().parent(commandLine);
            SWEEPS.forEach(name -> b.exclude("\\." + name + "\\."));
            options = b.build();
        }
        // what will run, before anything is written: no match leaves no run folder behind
        SortedSet<BenchmarkListEntry> selected = BenchmarkList.defaultList().find(
                OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT),
                options.getIncludes().isEmpty() ? List.of(".*") : options.getIncludes(), options.getExcludes());
        String sweepsLeftOut = commandLine.getIncludes().isEmpty() ? "poolbench: the default run leaves out the sweeps "
                + SWEEPS + "; name them to run them, or use scripts/run-sweeps.sh" : null;
        if (!selected.isEmpty()) {
            // the first line of a run: what it runs and about how long that takes
            err.println(RunEstimate.of(selected, options).line());
        }
        if (sweepsLeftOut != null) {
            err.println(sweepsLeftOut);
        }
        if (selected.isEmpty()) {
            throw new NoBenchmarksException();
        }
        boolean userNamedResult = options.getResult().hasValue() || options.getResultFormat().hasValue();
        Path resultFile;
        Path runDir = null;
        if (userNamedResult) {
            ResultFormatType type = options.getResultFormat().orElse(ResultFormatType.CSV);
            resultFile = Paths.get(options.getResult().orElse("jmh-result." + type.toString().toLowerCase()));
        } else {
            runDir = newRunDir(resultsRoot);
            resultFile = runDir.resolve("jmh.json");
        }
        // Ctrl-C before JMH wrote its results: the run folder holds only env.json; remove it
        Path created = runDir;
        Thread cleanup = new Thread(() -> {
            if (created != null) {
                removeIfNoResults(created, resultFile);
            }
        }, "poolbench-run-folder-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            int rc = runAndReport(args, options, userNamedResult, resultFile, out, err);
            if (rc != 0 && runDir != null) {
                removeIfNoResults(runDir, resultFile);
            }
            return rc;
        } catch (RunnerException | IOException | RuntimeException e) {
            if (runDir != null) {
                removeIfNoResults(runDir, resultFile);
            }
            throw e;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException e) {
                // already shutting down: the hook runs
            }
        }
    }

    /** {@code results/runs/<yyyyMMdd-HHmmss>/}, new: a second run in the same second gets {@code -2}. */
    private static Path newRunDir(Path root) throws IOException {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Files.createDirectories(root);
        for (int n = 1; ; n++) {
            Path dir = root.resolve(n == 1 ? stamp : stamp + "-" + n);
            try {
                return Files.createDirectory(dir);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // another run started in the same second: take the next name
            }
        }
    }

    /** False for a missing or empty file and for an empty JSON array ("[ ]"). */
    private static boolean hasResults(Path file) throws IOException {
        if (!Files.isRegularFile(file) || Files.size(file) == 0) {
            return false;
        }
        if (Files.size(file) > 64) {
            return true;
        }
        return !Files.readString(file).replaceAll("\\s", "").equals("[]");
    }

    /** A run folder this run created and that holds no results is removed, so no empty run is left. */
    private static void removeIfNoResults(Path runDir, Path resultFile) {
        try {
            if (hasResults(resultFile)) {
                return;
            }
            Files.deleteIfExists(resultFile);
            Files.deleteIfExists(RunFiles.envFileFor(resultFile));
            Files.deleteIfExists(runDir);
        } catch (IOException e) {
            // something else is in it: leave it
        }
    }

    private static int runAndReport(String[] args, Options options, boolean userNamedResult, Path resultFile,
                                    PrintStream out, PrintStream err) throws RunnerException, IOException {
        Path absolute = resultFile.toAbsolutePath();
        if (absolute.getParent() != null) {
            Files.createDirectories(absolute.getParent());
        }
        String targetJvm = options.getJvm().orElse(null);
        // Asked once: the environment record and the virtual-thread check both need it.
        String forkVersion = targetJvm == null ? System.getProperty("java.version") : JvmProbe.version(targetJvm);
        RunEnvironment.write(RunFiles.envFileFor(absolute),
                RunEnvironment.collect(Arrays.asList(args), targetJvm, forkVersion));

        List<Pass> passes = plan(options, targetJvm, forkVersion, err);
        if (passes.size() == 1 && passes.get(0).extra == null) {
            ChainedOptionsBuilder b = new OptionsBuilder().parent(options);
            if (!userNamedResult) {
                b.result(absolute.toString()).resultFormat(ResultFormatType.JSON);
            }
            new Runner(b.build()).run();
        } else {
            runInPasses(passes, options, absolute, userNamedResult, err);
        }
        err.flush();
        if (!hasResults(absolute)) {
            err.println("poolbench: the run wrote no results (did every benchmark fail? JMH's output above says why)");
            return 1;
        }
        out.println();
        out.println("poolbench: results in " + absolute);
        out.println("poolbench: environment in " + RunFiles.envFileFor(absolute));
        boolean json = !userNamedResult || options.getResultFormat().orElse(ResultFormatType.CSV) == ResultFormatType.JSON;
        if (json && Files.exists(absolute) && Files.size(absolute) > 0) {
            // the report's own default: the run folder, or for -rff x.json a new x-report/ beside it,
            // never index.html, style.css and charts/ among the user's files
            int rc = ReportCli.run(new String[] {absolute.toString()}, out, err);
            if (rc != 0) {
                err.println("poolbench: the results are intact; the report could not be rendered (exit " + rc + ")");
            }
        }
        return 0;
    }

    /**
     * One JMH run normally. When the forks' JVM has no virtual threads, benchmarks whose
     * {@code strategy} list includes VIRTUAL_THREAD_PER_TASK, or whose {@code handler} list
     * includes VIRTUAL_THREAD_PER_CONNECTION, run in a pass of their own with it left out
     * (JMH's {@code -p} is global, so a per-class list needs its own pass), unless the user set
     * that param; the JSON of the passes is merged into one file.
     */
    private static List<Pass> plan(Options options, String targetJvm, String forkVersion, PrintStream err) {
        List<Pass> single = List.of(new Pass(List.of(), null, null));
        boolean forksHaveVirtualThreads = targetJvm == null ? VirtualThreads.available()
                : forkVersion != null && JvmProbe.major(forkVersion) >= 21;
        List<String> includes = new ArrayList<>(options.getIncludes());
        if (includes.isEmpty()) {
            includes.add(".*");
        }
        SortedSet<BenchmarkListEntry> entries = BenchmarkList.defaultList().find(
                OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT), includes, options.getExcludes());
        Map<String, Set<String>> dropped = new LinkedHashMap<>(); // param -> values this JVM cannot run
        if (!forksHaveVirtualThreads) {
            VIRTUAL_ONLY.forEach((param, value) -> dropped.computeIfAbsent(param, k -> new TreeSet<>()).add(value));
        }
        Map<String, String> mechanisms = launchMechanismsLeftOut(entries, options, targetJvm, forkVersion, err);
        if (!mechanisms.isEmpty()) {
            dropped.put(LaunchProbe.PARAM, mechanisms.keySet());
        }
        if (dropped.isEmpty()) {
            return single;
        }
        Map<List<String>, List<String>> groups = new LinkedHashMap<>(); // [param, reduced list...] -> benchmarks
        List<String> untouched = new ArrayList<>();
        Set<String> leftOut = new TreeSet<>();
        for (BenchmarkListEntry e : entries) {
            List<String> key = null;
            for (Map.Entry<String, Set<String>> drop : dropped.entrySet()) {
                String[] values = e.getParams().hasValue() ? e.getParams().get().get(drop.getKey()) : null;
                if (values != null && Arrays.stream(values).anyMatch(drop.getValue()::contains)
                        && !options.getParameter(drop.getKey()).hasValue()) {
                    key = new ArrayList<>();
                    key.add(drop.getKey());
                    Arrays.stream(values).filter(v -> !drop.getValue().contains(v)).forEach(key::add);
                    Arrays.stream(values).filter(drop.getValue()::contains).forEach(leftOut::add);
                    break;
                }
            }
            if (key == null) {
                untouched.add(e.getUsername());
            } else {
                groups.computeIfAbsent(key, k -> new ArrayList<>()).add(e.getUsername());
            }
        }
        if (groups.isEmpty()) {
            return single;
        }
        Set<String> virtualLeftOut = new TreeSet<>(leftOut);
        virtualLeftOut.retainAll(VIRTUAL_ONLY.values());
        if (!virtualLeftOut.isEmpty()) {
            err.println("poolbench: " + String.join(", ", virtualLeftOut) + " left out of this run: virtual threads need JDK 21"
                    + " or later; the forks run on " + (forkVersion == null ? "an unknown version" : forkVersion)
                    + " (" + (targetJvm == null ? System.getProperty("java.home") : targetJvm) + ")");
        }
        mechanisms.forEach((m, why) -> {
            if (leftOut.contains(m)) {
                err.println("poolbench: " + LaunchProbe.PARAM + "=" + m + " left out of this run: " + why);
            }
        });
        List<String> all = entries.stream().map(BenchmarkListEntry::getUsername).collect(Collectors.toList());
        List<Pass> passes = new ArrayList<>();
        if (!untouched.isEmpty()) {
            passes.add(new Pass(excludeAllBut(all, untouched), null, null));
        }
        groups.forEach((key, names) -> {
            if (key.size() > 1) {
                passes.add(new Pass(excludeAllBut(all, names), key.get(0), key.subList(1, key.size())));
            }
        });
        return passes;
    }

    /**
     * The JDK launch mechanisms the selected benchmarks list but the forks' JVM does not offer,
     * with the JDK's reason (asked of that JVM, see {@link LaunchProbe}); and once, when VFORK
     * runs on JDK 25 or later, why its deprecation is not on the console.
     */
    private static Map<String, String> launchMechanismsLeftOut(Collection<BenchmarkListEntry> entries, Options options,
                                                               String targetJvm, String forkVersion, PrintStream err) {
        Set<String> listed = new TreeSet<>();
        if (options.getParameter(LaunchProbe.PARAM).hasValue()) {
            listed.addAll(options.getParameter(LaunchProbe.PARAM).get());
        }
        boolean userSet = !listed.isEmpty();
        for (BenchmarkListEntry e : entries) {
            String[] values = e.getParams().hasValue() ? e.getParams().get().get(LaunchProbe.PARAM) : null;
            if (values != null && !userSet) {
                listed.addAll(Arrays.asList(values));
            }
        }
        listed.remove(LaunchMechanisms.DEFAULT);
        if (listed.isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = userSet ? Map.of() : LaunchProbe.unavailable(LaunchProbe.javaOf(targetJvm), listed);
        if (listed.contains("VFORK") && !out.containsKey("VFORK") && forkVersion != null && JvmProbe.major(forkVersion) >= 25) {
            err.println("poolbench: launchMechanism=VFORK is deprecated since JDK 25 (JDK-8357179, planned for removal);"
                    + " it is measured because it is the JDK's cheapest path, and the JDK's warning is kept off the console");
        }
        return out;
    }

    private static List<String> excludeAllBut(List<String> all, List<String> keep) {
        return all.stream().filter(n -> !keep.contains(n))
                .map(n -> "^" + Pattern.quote(n) + "$").collect(Collectors.toList());
    }

    private static void runInPasses(List<Pass> passes, Options options, Path resultFile,
                                    boolean userNamedResult, PrintStream err) throws RunnerException, IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ArrayNode merged = mapper.createArrayNode();
        for (int i = 0; i < passes.size(); i++) {
            Pass pass = passes.get(i);
            Path part = Files.createTempFile("poolbench-pass-" + i + "-", ".json");
            try {
                ChainedOptionsBuilder b = new OptionsBuilder().parent(options)
                        .result(part.toString()).resultFormat(ResultFormatType.JSON);
                pass.excludes.forEach(b::exclude);
                if (pass.extra != null) {
                    b.param(pass.param, pass.extra.toArray(new String[0]));
                }
                new Runner(b.build()).run();
                if (Files.size(part) > 0) {
                    JsonNode node = mapper.readTree(part.toFile());
                    if (node != null && node.isArray()) {
                        merged.addAll((ArrayNode) node);
                    }
                }
            } finally {
                Files.deleteIfExists(part);
            }
        }
        if (userNamedResult && options.getResultFormat().orElse(ResultFormatType.CSV) != ResultFormatType.JSON) {
            err.println("poolbench: this run was split in passes; their results are merged as JSON into " + resultFile);
        }
        mapper.writeValue(resultFile.toFile(), merged);
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getMessage() != null ? c.getMessage() : c.toString();
    }

    /** One JMH run: exclude patterns and, when not null, the list of values to run for {@code param}. */
    private static final class Pass {
        final List<String> excludes;
        final String param;
        final List<String> extra;

        Pass(List<String> excludes, String param, List<String> extra) {
            this.excludes = excludes;
            this.param = param;
            this.extra = extra;
        }
    }

}
