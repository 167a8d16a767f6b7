package io.github.poolbench;

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
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.runner.format.OutputFormat;
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
import java.nio.file.StandardCopyOption;
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

/**
 * Entry point of {@code benchmarks.jar}.
 *
 * <pre>
 *   java -jar benchmarks.jar [JMH options] [benchmark regex...]   run the suite (JMH's own command line)
 *   java -jar benchmarks.jar report FILE.json... [-o DIR]          render an HTML/PNG report
 *   java -jar benchmarks.jar compare BASE.json CURRENT.json        regression gate
 * </pre>
 * JMH options are parsed by JMH's {@link CommandLineOptions} and checked before anything starts
 * ({@link RunChecks}: one line, exit 2); the rows run in passes ({@link RunPlan}, {@link RunPasses}),
 * each by JMH's {@link Runner}. Unless a result file is named ({@code -rf}/{@code -rff}), results
 * go to {@code results/runs/<yyyyMMdd-HHmmss>/jmh.json} with {@code env.json}, in a default run the
 * article's Python ({@link PythonStep}: {@code python.json}) and the report beside them.
 *
 * <p>A run first prints one line: how many benchmarks and param combinations, and about how
 * long they take ({@link RunEstimate}). Its files are staged and moved into place once it has
 * results ({@link RunGuard}): no match, a run that writes no results, or Ctrl-C leaves no run
 * folder and no temporary file, and never empties or replaces an earlier result; with
 * {@code -rff DIR/x.json} the report goes to a new {@code DIR/x-report/}.
 *
 * <p>Exit codes: 0 success; 1 the run failed (a benchmark error, no matching benchmark, no
 * results written); 2 bad option or input; 130 interrupted. {@code compare} adds 1 = regression,
 * 3 = not comparable.
 */
public final class Main {
    static final String PARAM_STRATEGY = "strategy";
    /** Param name -> the value of it that needs virtual threads (JDK 21+). */
    private static final Map<String, String> VIRTUAL_ONLY = Map.of(
            PARAM_STRATEGY, Strategy.VIRTUAL_THREAD_PER_TASK.name(),
            "handler", ConnectionHandler.VIRTUAL_THREAD_PER_CONNECTION.name());
    private static final String RESULTS_ROOT = "results/runs";
    /** The subcommands, for the refusal of a typo ("Compare a b" would otherwise run every benchmark). */
    static final List<String> SUBCOMMANDS = List.of("report", "compare", "history", "gate");
    static final String NO_PYTHON = "--no-python";
    static final String WITH_PYTHON = "--python";
    /** {@code --history} (the default store) or {@code --history=URL}: the run adds itself to a history store. */
    static final String HISTORY = "--history";
    /**
     * Benchmarks that only sweep a knob: too long for the default run (which must stay within
     * 12 minutes on 2 cores), so they run when named or through scripts/run-sweeps.sh.
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
        if (args.length > 0 && "history".equals(args[0])) {
            return io.github.poolbench.history.HistoryCli.run(Arrays.copyOfRange(args, 1, args.length), out, err);
        }
        if (args.length > 0 && "compare".equals(args[0])) {
            return CompareCli.run(Arrays.copyOfRange(args, 1, args.length), out, err);
        }
        if (args.length > 0 && "gate".equals(args[0])) {
            return io.github.poolbench.gate.GateCli.run(Arrays.copyOfRange(args, 1, args.length), out, err);
        }
        return runSuite(args, out, err, resultsRoot);
    }

    private static int runSuite(String[] given, PrintStream out, PrintStream err, Path resultsRoot) {
        List<String> jmhArgs = new ArrayList<>(Arrays.asList(given));
        Boolean python = null; // null: the default (Python beside Java in the default run)
        if (jmhArgs.remove(NO_PYTHON)) {
            python = false;
        }
        if (jmhArgs.remove(WITH_PYTHON)) {
            if (Boolean.FALSE.equals(python)) {
                err.println("poolbench: " + NO_PYTHON + " and " + WITH_PYTHON + " together; give one (see -h)");
                return 2;
            }
            python = true;
        }
        String history = null; // the store's URL, "" for the default store; null: none
        for (java.util.Iterator<String> it = jmhArgs.iterator(); it.hasNext(); ) {
            String a = it.next();
            if (a.equals(HISTORY) || a.startsWith(HISTORY + "=")) {
                it.remove();
                history = a.equals(HISTORY) ? "" : a.substring(HISTORY.length() + 1);
                // the default store goes into results/, which the run makes if need be
                String problem = history.isEmpty() ? null : io.github.poolbench.history.HistoryCli.storeProblem(history);
                if (problem != null) {
                    err.println("poolbench: " + HISTORY + ": " + problem + " (history --help)");
                    return 2;
                }
            }
        }
        String[] args = jmhArgs.toArray(new String[0]);
        CommandLineOptions options;
        try {
            RunChecks.subcommandTypo(args, SUBCOMMANDS, allBenchmarks());
            options = new CommandLineOptions(args);
            RunChecks.patterns(options);
        } catch (CommandLineOptionException e) {
            err.println("poolbench: " + e.getMessage() + " (see -h)");
            return 2;
        } catch (RunChecks.Refusal e) {
            err.println("poolbench: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) { // JMH's parser throws IllegalStateException for some values (-bm nope)
            err.println("poolbench: " + firstLine(e.getMessage() == null ? e.toString() : e.getMessage()) + " (see -h)");
            return 2;
        }
        try {
            if (options.shouldHelp()) {
                options.showHelp();
                out.println();
                out.println("poolbench subcommands and options (besides JMH's options above):");
                out.println("  report FILE.json [FILE.json ...] [-o DIR] [--label NAME ...]   render an HTML/PNG report");
                out.println("  compare BASE.json CURRENT.json [options]                        regression gate (compare --help)");
                out.println("  history add|detect|report|export|prune [options]                results over time (history --help)");
                out.println("  gate --base REF --head-jar JAR --out DIR [options]              the sequential A/B gate (gate --help)");
                out.println("  " + NO_PYTHON + "   leave the document's own Python (section 2) out of the default run");
                out.println("  " + WITH_PYTHON + "      measure it beside a run that names its benchmarks too (needs python3 3.8+)");
                out.println("  " + HISTORY + "[=URL]  add the run to a history store when it ends (default jdbc:sqlite:"
                        + "results/history.db; history --help)");
                out.println("Without -rf/-rff, results go to " + RESULTS_ROOT + "/<yyyyMMdd-HHmmss>/ (jmh.json, env.json,"
                        + " python.json, index.html);");
                out.println("with -rf json -rff DIR/x.json, to DIR/x.json and DIR/x.env.json, and the report to DIR/x-report/.");
                out.println("A run takes its forks in passes: one fork of every row per pass, the rows in another order each pass.");
                out.println("Exit codes: 0 done; 1 the run failed (a benchmark error, no match, no results; or --history"
                        + " could not add it); 2 bad option or input; 130 interrupted.");
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
            return runBenchmarks(given, args, python, history, options, out, err, resultsRoot);
        } catch (RunChecks.Refusal e) {
            err.println("poolbench: " + e.getMessage());
            return 2;
        } catch (NoBenchmarksException e) {
            err.println("poolbench: no benchmark matches " + options.getIncludes() + " (try -l to list them)");
            return 1;
        } catch (RunGuard.Interrupted e) {
            return 130;
        } catch (RunnerException e) {
            err.println("poolbench: the run failed: " + firstLine(rootMessage(e)));
            return 1;
        } catch (IOException e) {
            err.println("poolbench: cannot write the results: " + IoWords.withFile(e));
            return 2;
        }
    }

    private static int runBenchmarks(String[] given, String[] args, Boolean python, String history,
                                     CommandLineOptions commandLine,
                                     PrintStream out, PrintStream err, Path resultsRoot)
            throws RunnerException, IOException, RunChecks.Refusal {
        boolean defaultRun = commandLine.getIncludes().isEmpty();
        Options options = commandLine;
        if (defaultRun) {
            ChainedOptionsBuilder b = new OptionsBuilder().parent(commandLine);
            SWEEPS.forEach(name -> b.exclude("\\." + name + "\\."));
            options = b.build();
        }
        // what will run, before anything is written: no match leaves no run folder behind
        SortedSet<BenchmarkListEntry> selected = BenchmarkList.defaultList().find(
                OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT),
                defaultRun ? List.of(".*") : options.getIncludes(), options.getExcludes());
        if (selected.isEmpty()) {
            if (defaultRun) {
                err.println(sweepsLeftOut());
            }
            throw new NoBenchmarksException();
        }
        String targetJvm = options.getJvm().orElse(null);
        String forkVersion = targetJvm == null ? System.getProperty("java.version") : RunChecks.jvm(options);
        RunChecks.resultFile(options);
        List<String> notices = new ArrayList<>();
        Map<String, Set<String>> dropped = dropped(selected, options, targetJvm, forkVersion, notices);
        long seed = new java.util.Random().nextInt(1_000_000);
        RunPlan plan = RunPlan.of(selected, options, RunPlan.paramNames(args), dropped, seed, notices::add);
        if (plan.rows.isEmpty()) {
            err.println("poolbench: no row of " + selected.size() + " matching benchmarks takes the -p values given"
                    + " (-lp lists each benchmark's params)");
            return 2;
        }
        boolean userNamedResult = options.getResult().hasValue() || options.getResultFormat().hasValue();
        if (history != null && userNamedResult && options.getResultFormat().orElse(ResultFormatType.CSV) != ResultFormatType.JSON) {
            err.println("poolbench: " + HISTORY + " stores JMH JSON; this run writes " + options.getResultFormat()
                    .orElse(ResultFormatType.CSV) + " (add -rf json)");
            return 2;
        }
        PythonStep pythonStep = null;
        boolean wantPython = python == null ? defaultRun : python;
        if (wantPython && userNamedResult) {
            notices.add("poolbench: the document's Python is measured into a run folder only; this run names its result"
                    + " file, so it is left out (scripts/python-reference.sh measures it alone)");
        } else if (wantPython) {
            PythonStep.Found found = PythonStep.find();
            if (found.python() == null) {
                notices.add("poolbench: " + found.why() + "; the document's Python is left out of this run"
                        + " (with python3 3.8+ on PATH the default run measures it; scripts/python-reference.sh alone)");
            } else {
                pythonStep = new PythonStep(found.python(), PythonStep.Settings.DEFAULT_RUN, err);
            }
        } else if (python != null && defaultRun) {
            notices.add("poolbench: " + NO_PYTHON + ": the document's Python is left out of this run");
        }
        // the first line of a run: what it runs and about how long that takes
        err.println(RunEstimate.of(plan, options, pythonStep == null ? 0 : pythonStep.estimatedSeconds(plan.passes)).line());
        if (defaultRun) {
            err.println(sweepsLeftOut());
        }
        notices.forEach(err::println);
        if (plan.passes > 1) {
            err.println("poolbench: " + plan.passes + " passes, one fork of every row each, the rows shuffled in passes 2"
                    + " and later (seed " + plan.seed + ")");
        }

        Path resultFile = userNamedResult ? Paths.get(options.getResult().orElse("jmh-result."
                + options.getResultFormat().orElse(ResultFormatType.CSV).toString().toLowerCase())).toAbsolutePath() : null;
        ResultFormatType type = userNamedResult ? options.getResultFormat().orElse(ResultFormatType.CSV) : ResultFormatType.JSON;
        Map<String, Object> env = RunEnvironment.collect(Arrays.asList(given), targetJvm, forkVersion);
        Map<String, Object> passes = new LinkedHashMap<>();
        passes.put("passes", plan.passes);
        passes.put("order", "pass 1 in JMH's order, each later pass shuffled with java.util.Random(seed + pass index)");
        passes.put("seed", plan.seed);
        env.put("forkPasses", passes);
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));

        try (RunGuard guard = new RunGuard(err)) {
            Path scratch = guard.temporaryFolder("poolbench-run-");
            if (pythonStep != null) {
                pythonStep.prepare(scratch, guard);
            }
            // JMH's -o: its human-readable output to a file instead of the console
            PrintStream human = options.getOutput().hasValue()
                    ? new PrintStream(new java.io.FileOutputStream(options.getOutput().get()), true, java.nio.charset.StandardCharsets.UTF_8)
                    : System.out;
            OutputFormat format = OutputFormatFactory.createFormatInstance(human,
                    options.verbosity().orElse(org.openjdk.jmh.runner.Defaults.VERBOSITY));
            List<RunResult> results = RunPasses.run(plan, options, format, guard, scratch,
                    pythonStep == null ? null : pythonStep::run);
            err.flush();
            if (results.isEmpty()) {
                err.println("poolbench: the run wrote no results (did every benchmark fail? JMH's output above says why)");
                return 1;
            }
            Path pythonResult = pythonStep == null ? null : pythonStep.merged(err);
            // Everything is written to temporary files first and moved into place at once, so a failure
            // or a Ctrl-C never leaves half a result, an empty file, or a user's earlier file emptied.
            Path staged = guard.temporary(scratch.resolve("staged"));
            Files.createDirectories(staged);
            Path stagedResult = staged.resolve("result");
            ResultFormatFactory.getInstance(type, stagedResult.toString()).writeOut(results);
            Path stagedEnv = staged.resolve("env.json");
            RunEnvironment.write(stagedEnv, env);
            Path[] written = new Path[1];
            guard.commit(() -> {
                if (resultFile != null) {
                    moveInto(stagedResult, resultFile);
                    moveInto(stagedEnv, RunFiles.envFileFor(resultFile));
                    written[0] = resultFile;
                } else {
                    Path runDir = newRunDir(resultsRoot, stamp);
                    try {
                        moveInto(stagedResult, runDir.resolve(RunFiles.DEFAULT_RESULT));
                        moveInto(stagedEnv, runDir.resolve("env.json"));
                        if (pythonResult != null) {
                            moveInto(pythonResult, runDir.resolve(PythonStep.RESULT));
                            Path pythonEnv = RunFiles.envFileFor(pythonResult);
                            if (Files.isRegularFile(pythonEnv)) {
                                moveInto(pythonEnv, RunFiles.envFileFor(runDir.resolve(PythonStep.RESULT)));
                            }
                        }
                    } catch (IOException e) {
                        RunGuard.deleteTree(runDir);
                        throw e;
                    }
                    written[0] = runDir.resolve(RunFiles.DEFAULT_RESULT);
                }
            });
            int rc = report(written[0], pythonResult != null && resultFile == null, type, out, err);
            return history == null ? rc : Math.max(rc, addToHistory(written[0], history, out, err));
        }
    }

    /** A staged file moved to its place in one step (a rename in the same file system, else a copy and a rename beside it). */
    private static void moveInto(Path staged, Path target) throws IOException {
        try {
            Files.move(staged, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (java.nio.file.AtomicMoveNotSupportedException e) {
            Path beside = Files.createTempFile(target.toAbsolutePath().getParent(), "." + target.getFileName() + ".", ".tmp");
            try {
                Files.copy(staged, beside, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                Files.move(beside, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(beside);
            }
        }
    }

    /** {@code --history}: the run's JSON and env record into the store; the results stay whatever the store says. */
    private static int addToHistory(Path result, String url, PrintStream out, PrintStream err) {
        List<String> add = new ArrayList<>(List.of("add", result.toString()));
        if (!url.isEmpty()) {
            add.addAll(List.of("--db", url));
        } else {
            try {
                Files.createDirectories(Paths.get(RESULTS_ROOT));
            } catch (IOException e) {
                err.println("poolbench: the results are intact; cannot make " + RESULTS_ROOT + "/ for the history store ("
                        + IoWords.withFile(e) + ")");
                return 1;
            }
        }
        int rc = io.github.poolbench.history.HistoryCli.run(add.toArray(new String[0]), out, err);
        if (rc != 0) {
            err.println("poolbench: the results are intact; they were not added to the history store (exit " + rc + ")");
            return 1;
        }
        return 0;
    }

    private static int report(Path result, boolean withPython, ResultFormatType type, PrintStream out, PrintStream err) {
        out.println();
        out.println("poolbench: results in " + result);
        if (withPython) {
            out.println("poolbench: the document's Python in " + result.resolveSibling(PythonStep.RESULT));
        }
        out.println("poolbench: environment in " + RunFiles.envFileFor(result));
        if (type != ResultFormatType.JSON) {
            return 0;
        }
        // the report's own default: the run folder, or for -rff x.json a new x-report/ beside it,
        // never index.html, style.css and charts/ among the user's files
        List<String> reportArgs = new ArrayList<>(List.of(result.toString()));
        if (withPython) {
            reportArgs.addAll(List.of(result.resolveSibling(PythonStep.RESULT).toString(), "-o", result.getParent().toString(),
                    "--label", "Java", "--label", "Python"));
        }
        int rc = ReportCli.run(reportArgs.toArray(new String[0]), out, err);
        if (rc != 0) {
            err.println("poolbench: the results are intact; the report could not be rendered (exit " + rc + ")");
        }
        return 0;
    }

    private static String sweepsLeftOut() {
        return "poolbench: the default run leaves out the sweeps " + SWEEPS + "; name them to run them, or use"
                + " scripts/run-sweeps.sh";
    }

    private static List<String> allBenchmarks() {
        List<String> names = new ArrayList<>();
        for (BenchmarkListEntry e : BenchmarkList.defaultList().getAll(
                OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT), List.of())) {
            names.add(e.getUsername());
        }
        return names;
    }

    /** {@code results/runs/<yyyyMMdd-HHmmss>/}, new: a second run in the same second gets {@code -2}. */
    private static Path newRunDir(Path root, String stamp) throws IOException {
        Files.createDirectories(root);
        for (int n = 1; ; n++) {
            Path dir = root.resolve(n == 1 ? stamp : stamp + "-" + n);
            try {
                return Files.createDirectory(dir).toAbsolutePath();
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // another run started in the same second: take the next name
            }
        }
    }

    /**
     * Param values the forks' JVM cannot run, left out of the plan unless the user names the
     * param: VIRTUAL_THREAD_PER_TASK and VIRTUAL_THREAD_PER_CONNECTION without virtual threads
     * (JDK 21+), and the JDK launch mechanisms it does not offer; each said in a notice.
     */
    private static Map<String, Set<String>> dropped(Collection<BenchmarkListEntry> entries, Options options,
                                                    String targetJvm, String forkVersion, List<String> notices) {
        Map<String, Set<String>> dropped = new LinkedHashMap<>();
        boolean forksHaveVirtualThreads = targetJvm == null ? VirtualThreads.available()
                : forkVersion != null && JvmProbe.major(forkVersion) >= 21;
        if (!forksHaveVirtualThreads) {
            Set<String> listed = new TreeSet<>();
            VIRTUAL_ONLY.forEach((param, value) -> {
                if (!options.getParameter(param).hasValue() && lists(entries, param, value)) {
                    dropped.computeIfAbsent(param, k -> new TreeSet<>()).add(value);
                    listed.add(value);
                }
            });
            if (!listed.isEmpty()) {
                notices.add("poolbench: " + String.join(", ", listed) + " left out of this run: virtual threads need JDK 21"
                        + " or later; the forks run on " + (forkVersion == null ? "an unknown version" : forkVersion)
                        + " (" + (targetJvm == null ? System.getProperty("java.home") : targetJvm) + ")");
            }
        }
        Map<String, String> mechanisms = launchMechanismsLeftOut(entries, options, targetJvm, forkVersion, notices);
        if (!mechanisms.isEmpty()) {
            dropped.put(LaunchProbe.PARAM, mechanisms.keySet());
            mechanisms.forEach((m, why) -> notices.add("poolbench: " + LaunchProbe.PARAM + "=" + m
                    + " left out of this run: " + why));
        }
        return dropped;
    }

    private static boolean lists(Collection<BenchmarkListEntry> entries, String param, String value) {
        for (BenchmarkListEntry e : entries) {
            String[] values = e.getParams().hasValue() ? e.getParams().get().get(param) : null;
            if (values != null && Arrays.asList(values).contains(value)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The JDK launch mechanisms the selected benchmarks list but the forks' JVM does not offer,
     * with the JDK's reason (asked of that JVM, see {@link LaunchProbe}); and once, when VFORK
     * runs on JDK 25 or later, why its deprecation is not on the console.
     */
    private static Map<String, String> launchMechanismsLeftOut(Collection<BenchmarkListEntry> entries, Options options,
                                                               String targetJvm, String forkVersion, List<String> notices) {
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
            notices.add("poolbench: launchMechanism=VFORK is deprecated since JDK 25 (JDK-8357179, planned for removal);"
                    + " it is measured because it is the JDK's cheapest path, and the JDK's warning is kept off the console");
        }
        return out;
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getMessage() != null ? c.getMessage() : c.toString();
    }

    private static String firstLine(String message) {
        String m = message == null ? "" : message.strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl).strip();
    }
}
