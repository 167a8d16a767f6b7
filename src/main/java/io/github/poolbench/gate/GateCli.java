package io.github.poolbench.gate;

import io.github.poolbench.report.CompareCli;
import io.github.poolbench.report.IoWords;
import io.github.poolbench.report.compare.CompareSettings;
import io.github.poolbench.report.compare.CompareView;
import io.github.poolbench.report.compare.Comparison;
import io.github.poolbench.report.compare.MarkdownReport;
import io.github.poolbench.report.compare.ResultMerge;
import io.github.poolbench.report.compare.RowKey;
import io.github.poolbench.report.model.ResultFile;
import io.github.poolbench.report.parse.JmhJsonParser;
import io.github.poolbench.report.parse.ReportInputException;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code gate}: the pull-request performance gate, measuring two jars side by side on this
 * machine until each row is decided or the budget is spent ({@link GateLoop}), then judging the
 * joined forks with the same {@link Comparison} as {@code compare}. {@code
 * scripts/perf-regression.sh --base REF} builds the two jars and calls this; see {@link #HELP}.
 */
public final class GateCli {
    static final String HELP = String.join("\n",
            "usage: java -jar benchmarks.jar gate --base REF --head-jar HEAD.jar --out DIR [options] [-- JMH options]",
            "       java -jar benchmarks.jar gate --base-jar BASE.jar --head-jar HEAD.jar --out DIR [options] [-- JMH options]",
            "       java -jar benchmarks.jar gate --aa --head-jar HEAD.jar --out DIR [options] [-- JMH options]",
            "       java -jar benchmarks.jar gate --check [options]      (only check the options, exit 0 or 2)",
            "",
            "Measures the profile's rows with both jars on this machine, one JMH fork per row and round, in",
            "ABBA order (A B B A A B B A ...: a drift of the machine or a neighbour's load hits both sides",
            "alike), and decides each row on its fork pairs (a round pair's two forks of the row ran next to",
            "each other; a paired t interval on their log ratios, so the machine's drift cancels out of it):",
            "its change in time per op, a 95% interval,",
            "and one answer: within ±T (the interval lies inside the threshold), slower / faster (it lies",
            "above / below 0 and reaches beyond the threshold) or cannot tell. Rows still undecided get more",
            "rounds; a decided row is not measured again. Sequential without cheating: the gate looks only at",
            "5, 8, 12, 17, 23 and 30 forks a side, and each look spends a share of alpha fixed in advance",
            "(Lan-DeMets alpha spending, Hwang-Shih-DeCani gamma = -2), shared by the rows (Bonferroni), so",
            "all intervals of all rows and looks hold together at 1 - alpha. It stops when every row is",
            "decided, at the most forks, or when the next pair of rounds would end past the budget; that",
            "look spends all the alpha left, and a row still undecided is \"cannot tell\" with its interval.",
            "",
            "options:",
            "  --base REF        the base (A): a commit-ish of the --head-git repository, built in a temporary",
            "                    clone (removed at exit) after every option was checked",
            "  --base-jar JAR    or the base's jar, already built; with --aa the head jar runs on both sides",
            "  --mvn CMD         the Maven command that builds --base, split into words (default: mvn)",
            "  --head-jar JAR    the head build (B)",
            "  --aa              A/A calibration: the head jar against itself; rows answered slower or faster",
            "                    are false alarms, reported, not failures",
            "  --out DIR         where the run goes: rounds/, base.json + head.json (a.json + b.json with",
            "                    --aa) with env records, compare/ (compare.md, compare.txt, verdict.html,",
            "                    index.html); a new folder, or one that holds only build logs (*.log)",
            "  --threshold T     the change that matters: 10% or 0.1 (default 10%)",
            "  --alpha A         error rate of all intervals together, in (0, 0.5] (default 0.05)",
            "  --budget D        wall time for the whole gate: 600s, 10m (default 10m)",
            "  --started EPOCH   when the budget began, in seconds since 1970 (the script passes the time",
            "                    it started, so the builds count); default: now",
            "  --max-forks N     forks a side at most: the last look (default 30; at least 2)",
            "  --profile P       quick (default: 4 rows, see --help of scripts/perf-regression.sh) or smoke",
            "  --base-git DIR    the base's checkout, for its env record's commit (default: none)",
            "  --head-git DIR    the head's checkout (default: the current folder)",
            "  --allow-missing   a base row missing from the head run is listed, not a failure",
            "  --java-opt OPT    an option for the JVM of each JMH run (repeatable), e.g. -Djmh.ignoreLock=true",
            "  --cpus LIST       run every JMH run (and the env records) under taskset -c LIST, e.g. 0: both",
            "                    sides on one CPU set; the env records then name the cores the forks saw",
            "  -- ARGS           passed to every JMH run, e.g. -jvm /path/to/java",
            "  -h, --help        this text",
            "",
            "The Markdown verdict is appended to $GITHUB_STEP_SUMMARY when that is set (a summary that",
            "cannot be written is one warning; the verdict's exit code stands).",
            "",
            "exit codes: 0 every row decided, none slower (--aa: the calibration ran)",
            "            1 a row is slower, or a base row is missing from the head run",
            "            2 bad usage, a failed or incomplete JMH run, or data the gate cannot judge",
            "            3 not comparable (the two runs' environment records name different machines; no row",
            "              in common)",
            "            4 no row is slower, but at least one cannot tell within the budget (its interval",
            "              is printed; give the gate more time or a quieter machine)");

    /** Seconds the gate keeps for joining, judging and drawing after its last round. */
    static final long RESERVE_SECONDS = 25;

    private GateCli() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        Options o;
        try {
            o = Options.parse(args);
        } catch (UsageException e) {
            err.println("poolbench gate: " + e.getMessage() + " (see gate --help)");
            return Comparison.BAD_INPUT;
        }
        if (o.help) {
            out.println(HELP);
            return 0;
        }
        if (o.check) {
            return 0;
        }
        try {
            return gate(o, out, err);
        } catch (GateException e) {
            err.println("poolbench gate: " + oneLine(e.getMessage()));
            return Comparison.BAD_INPUT;
        } catch (ReportInputException e) {
            err.println("poolbench gate: " + oneLine(e.getMessage()));
            return e.getMessage() != null && e.getMessage().startsWith("not comparable") ? Comparison.NOT_COMPARABLE
                    : Comparison.BAD_INPUT;
        }
    }

    private static int gate(Options o, PrintStream out, PrintStream err) throws GateException, ReportInputException {
        if (o.baseRef == null) {
            return gate(o, o.baseJar, out, err);
        }
        String sha = BaseBuild.resolve(o.headGit, o.baseRef);
        prepare(o.out);
        out.println("gate: building the base " + o.baseRef + " (" + sha + ") in a temporary clone");
        try (BaseBuild base = BaseBuild.build(o.headGit, o.baseRef, sha, o.mvn, o.out.resolve("base-build.log"))) {
            o.baseGit = base.checkout;
            return gate(o, base.jar, out, err);
        }
    }

    private static int gate(Options o, Path baseJarPath, PrintStream out, PrintStream err)
            throws GateException, ReportInputException {
        Path dir = o.out;
        prepare(dir);
        Map<Side, String> names = new EnumMap<>(Side.class);
        names.put(Side.BASE, o.aa ? "a" : "base");
        names.put(Side.HEAD, o.aa ? "b" : "head");
        Path rounds = dir.resolve("rounds");
        // Both sides run from copies side by side, DIR/jars/base.jar and head.jar (a.jar, b.jar): the same
        // folder and the same path length. Run from where they were built (a temporary clone, the
        // checkout), two byte-identical jars of one commit read 2.6-3.9% apart on every row; the copies
        // are removed when the gate ends.
        Path jarDir = dir.resolve("jars");
        Path baseJar;
        Path headJar;
        try {
            Files.createDirectories(jarDir);
            baseJar = Files.copy(o.aa ? o.headJar : baseJarPath, jarDir.resolve(names.get(Side.BASE) + ".jar"));
            headJar = Files.copy(o.headJar, jarDir.resolve(names.get(Side.HEAD) + ".jar"));
        } catch (IOException e) {
            throw new GateException("cannot copy the jars into " + jarDir + " (" + IoWords.of(e) + ")", e);
        }
        try {
            return gate(o, dir, names, rounds, baseJar, headJar, out, err);
        } finally {
            try {
                Files.deleteIfExists(baseJar);
                Files.deleteIfExists(headJar);
                Files.deleteIfExists(jarDir);
            } catch (IOException e) {
                err.println("poolbench gate: warning: cannot remove the copies of the jars in " + jarDir + " ("
                        + IoWords.of(e) + ")");
            }
        }
    }

    private static int gate(Options o, Path dir, Map<Side, String> names, Path rounds, Path baseJar, Path headJar,
                            PrintStream out, PrintStream err) throws GateException, ReportInputException {
        JmhForks forks = new JmhForks(baseJar, headJar, names, o.profile, o.launcher(), o.javaOpts, o.jmhExtra,
                rounds, Math.max(120, o.budgetSeconds));
        CompareSettings settings = new CompareSettings(o.threshold, o.alpha, o.allowMissing, false, o.aa, true);
        long now = System.nanoTime();
        long startedAgo = Math.max(0, System.currentTimeMillis() / 1000 - o.started);
        long deadline = now + (o.budgetSeconds - startedAgo - RESERVE_SECONDS) * 1_000_000_000L;
        out.println("gate: " + (o.aa ? "A/A, " + o.headJar + " against itself" : "the base vs " + o.headJar + " (head)")
                + ", both run from copies in " + baseJar.getParent() + "; profile " + o.profile.name() + ", up to " + o.maxForks + " forks a side, budget "
                + o.budgetSeconds + " s (" + startedAgo + " s spent before the first round); results in " + dir);
        GateLoop.Result result = new GateLoop(forks, settings, o.maxForks, System::nanoTime, deadline,
                line -> out.println("gate: " + line)).run();

        Path baseOut = dir.resolve(names.get(Side.BASE) + ".json");
        Path headOut = dir.resolve(names.get(Side.HEAD) + ".json");
        join(forks.files(Side.BASE), baseOut, o.baseGit, o, err);
        join(forks.files(Side.HEAD), headOut, o.headGit, o, err);
        ResultFile base = JmhJsonParser.parse(baseOut, w -> err.println("poolbench gate: warning: " + w))
                .withLabel(baseOut.toString());
        ResultFile head = JmhJsonParser.parse(headOut, w -> err.println("poolbench gate: warning: " + w))
                .withLabel(headOut.toString());
        Map<RowKey, Double> levels = result.levels();
        Comparison comparison = Comparison.of(base, List.of(head), settings, k -> true,
                (key, family) -> levels.getOrDefault(key, o.alpha / family));
        CompareView view = new CompareView(comparison, method(o, result));
        Path compareDir = dir.resolve("compare");
        CompareCli.writeVerdict(view, compareDir);
        io.github.poolbench.report.compare.TerminalTable.print(view, out);
        CompareCli.renderPage(base, List.of(head), compareDir, o.aa, out, err);
        summary(System.getenv("GITHUB_STEP_SUMMARY"), MarkdownReport.render(view), err);
        return comparison.exitCode();
    }

    /** How this verdict's intervals were built: the lines that replace compare's one-look wording. */
    static List<String> method(Options o, GateLoop.Result result) {
        List<String> lines = new ArrayList<>();
        Looks looks = Looks.upTo(o.maxForks, o.alpha, Math.max(1, result.decisions().size()));
        lines.add("sequential: ABBA rounds of one fork per undecided row, looks at "
                + looks.at().stream().map(String::valueOf).collect(Collectors.joining(", ")) + " forks a side; alpha "
                + plain(o.alpha) + " spent over the looks (Lan-DeMets, Hwang-Shih-DeCani gamma -2) and shared by the "
                + looks.rows() + " rows (Bonferroni): all intervals of all rows and looks hold together at "
                + plain(100 * (1 - o.alpha)) + "%; a row's interval is the one of the look that decided it");
        lines.add("interval = paired t on the log ratio of each round pair's two forks of a row (run next to each"
                + " other, so the machine's drift cancels); would catch = the change the row's"
                + " measurement detects with 80% power at its look's level; stopped: " + result.stop() + " after "
                + result.rounds() + " rounds");
        for (GateLoop.Decision d : result.decisions()) {
            lines.add(d.key().shortName() + " " + d.key().paramsText() + ": " + d.verdict().words() + " at " + d.forks()
                    + " forks a side (interval at " + String.format(Locale.ROOT, "%.2f%%", 100 * (1 - d.level())) + ")");
        }
        return lines;
    }

    private static void join(List<Path> rounds, Path out, Path git, Options o, PrintStream err)
            throws ReportInputException, GateException {
        if (rounds.isEmpty()) {
            throw new GateException("no results for " + out);
        }
        ResultMerge.mergeForks(rounds, out, w -> err.println("poolbench gate: warning: " + w));
        List<String> cmd = new ArrayList<>(o.launcher());
        cmd.addAll(List.of("-cp", o.headJar.toString(), "io.github.poolbench.RunEnvironment",
                io.github.poolbench.report.RunFiles.envFileFor(out).toString()));
        int jvm = o.jmhExtra.indexOf("-jvm");
        if (jvm >= 0 && jvm + 1 < o.jmhExtra.size()) {
            cmd.addAll(List.of("--jvm", o.jmhExtra.get(jvm + 1)));
        }
        if (git != null) {
            cmd.addAll(List.of("--git", git.toString()));
        }
        cmd.add("--");
        cmd.addAll(o.profile.timing());
        cmd.addAll(o.jmhExtra);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new GateException("cannot write the environment record of " + out);
            }
        } catch (IOException e) {
            throw new GateException("cannot write the environment record of " + out + " (" + IoWords.of(e) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GateException("interrupted while writing the environment record of " + out, e);
        }
    }

    /** The run folder: a new or empty one (the script makes it), never a user's folder with files in it. */
    private static void prepare(Path dir) throws GateException {
        try {
            if (Files.exists(dir)) {
                if (!Files.isDirectory(dir)) {
                    throw new GateException("--out " + dir + " exists and is not a folder");
                }
                try (var entries = Files.list(dir)) {
                    if (entries.anyMatch(p -> !p.getFileName().toString().startsWith(".")
                            && !p.getFileName().toString().endsWith(".log"))) {
                        throw new GateException("--out " + dir + " is not empty; the gate writes into a new or empty"
                                + " folder");
                    }
                }
            }
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new GateException("--out " + dir + ": cannot be written (" + IoWords.of(e) + ")", e);
        }
    }

    /** Appends the verdict to the CI job's summary; a summary that cannot be written changes no verdict. */
    static void summary(String file, String markdown, PrintStream err) {
        if (file == null || file.isBlank()) {
            return;
        }
        try {
            Files.writeString(Path.of(file), markdown + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException | RuntimeException e) {
            err.println("poolbench gate: warning: the job summary " + file + " cannot be written ("
                    + (e instanceof IOException ? IoWords.of((IOException) e) : e.getMessage())
                    + "); the verdict stands");
        }
    }

    private static String plain(double v) {
        return java.math.BigDecimal.valueOf(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }

    private static String oneLine(String s) {
        return s == null ? "failed" : s.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }

    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    /** The command line, checked in full before anything runs. */
    static final class Options {
        Path baseJar;
        Path headJar;
        Path out;
        boolean aa;
        boolean check;
        boolean help;
        boolean allowMissing;
        String baseRef;
        List<String> mvn = List.of("mvn");
        double threshold = 0.10;
        double alpha = 0.05;
        long budgetSeconds = 600;
        long started = System.currentTimeMillis() / 1000;
        int maxForks = 30;
        Profile profile = Profile.QUICK;
        Path baseGit;
        Path headGit = Path.of(".");
        String cpus;

        /** The command that starts a JVM of the gate's runs: this JDK's java, under taskset with --cpus. */
        List<String> launcher() {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            return cpus == null ? List.of(java) : List.of("taskset", "-c", cpus, java);
        }
        final List<String> javaOpts = new ArrayList<>();
        final List<String> jmhExtra = new ArrayList<>();

        static Options parse(String[] args) throws UsageException {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "-h":
                    case "--help":
                        o.help = true;
                        return o;
                    case "--check":
                        o.check = true;
                        break;
                    case "--aa":
                        o.aa = true;
                        break;
                    case "--allow-missing":
                        o.allowMissing = true;
                        break;
                    case "--base-jar":
                        o.baseJar = Path.of(value(args, ++i, a));
                        break;
                    case "--base":
                        o.baseRef = value(args, ++i, a);
                        if (o.baseRef.isBlank()) {
                            throw new UsageException("--base needs a commit");
                        }
                        break;
                    case "--mvn":
                        o.mvn = List.of(value(args, ++i, a).trim().split("\\s+"));
                        if (o.mvn.get(0).isEmpty()) {
                            throw new UsageException("--mvn needs a command");
                        }
                        break;
                    case "--head-jar":
                        o.headJar = Path.of(value(args, ++i, a));
                        break;
                    case "--out":
                        o.out = Path.of(value(args, ++i, a));
                        break;
                    case "--base-git":
                        o.baseGit = Path.of(value(args, ++i, a));
                        break;
                    case "--head-git":
                        o.headGit = Path.of(value(args, ++i, a));
                        break;
                    case "--threshold": {
                        String v = value(args, ++i, a);
                        String e = CompareCli.thresholdError(v);
                        if (e != null) {
                            throw new UsageException(e);
                        }
                        o.threshold = CompareCli.parseThreshold(v);
                        break;
                    }
                    case "--alpha": {
                        String v = value(args, ++i, a);
                        String e = CompareCli.alphaError(v);
                        if (e != null) {
                            throw new UsageException(e);
                        }
                        o.alpha = Double.parseDouble(v.trim());
                        break;
                    }
                    case "--budget":
                        o.budgetSeconds = duration(value(args, ++i, a));
                        break;
                    case "--started":
                        o.started = whole(value(args, ++i, a), "--started", 0);
                        break;
                    case "--max-forks":
                        o.maxForks = (int) whole(value(args, ++i, a), "--max-forks", 2);
                        if (o.maxForks > 1000) {
                            throw new UsageException("--max-forks " + o.maxForks + " is more than 1000");
                        }
                        break;
                    case "--profile": {
                        String v = value(args, ++i, a);
                        o.profile = Profile.named(v);
                        if (o.profile == null) {
                            throw new UsageException("unknown profile '" + v + "' (quick or smoke)");
                        }
                        break;
                    }
                    case "--cpus":
                        o.cpus = value(args, ++i, a);
                        if (!o.cpus.matches("[0-9]+([-,][0-9]+)*")) {
                            throw new UsageException("--cpus needs a CPU list such as 0 or 0-1, not '" + o.cpus + "'");
                        }
                        break;
                    case "--java-opt":
                        o.javaOpts.add(value(args, ++i, a));
                        break;
                    case "--":
                        o.jmhExtra.addAll(List.of(args).subList(i + 1, args.length));
                        i = args.length;
                        break;
                    default:
                        throw new UsageException("unknown option " + a);
                }
            }
            if (o.check) {
                return o;
            }
            if (o.headJar == null) {
                throw new UsageException("needs --head-jar");
            }
            int sides = (o.aa ? 1 : 0) + (o.baseJar != null ? 1 : 0) + (o.baseRef != null ? 1 : 0);
            if (sides != 1) {
                throw new UsageException(sides == 0 ? "needs --base REF, --base-jar JAR or --aa"
                        : "give one of --base, --base-jar and --aa");
            }
            for (Path jar : o.baseJar == null ? List.of(o.headJar) : List.of(o.baseJar, o.headJar)) {
                if (!Files.isRegularFile(jar)) {
                    throw new UsageException(jar + " is not a file");
                }
            }
            if (o.out == null) {
                throw new UsageException("needs --out DIR");
            }
            return o;
        }

        private static String value(String[] args, int i, String option) throws UsageException {
            if (i >= args.length) {
                throw new UsageException(option + " needs a value");
            }
            return args[i];
        }

        /** A whole number written as people write it: no sign, no leading zero (08 is a typo, not 8). */
        static long whole(String s, String option, long min) throws UsageException {
            if (!s.matches("0|[1-9][0-9]{0,17}")) {
                throw new UsageException(option + " needs a whole number such as 8, not '" + s + "'");
            }
            long v = Long.parseLong(s);
            if (v < min) {
                throw new UsageException(option + " must be at least " + min + ", not " + s);
            }
            return v;
        }

        /** {@code 600}, {@code 600s}, {@code 10m}: seconds, at least 30. */
        static long duration(String s) throws UsageException {
            String t = s.trim().toLowerCase(Locale.ROOT);
            long factor = 1;
            if (t.endsWith("m")) {
                factor = 60;
                t = t.substring(0, t.length() - 1);
            } else if (t.endsWith("s")) {
                t = t.substring(0, t.length() - 1);
            }
            if (!t.matches("[1-9][0-9]{0,6}")) {
                throw new UsageException("--budget needs a duration such as 10m or 600s, not '" + s + "'");
            }
            long v = Long.parseLong(t) * factor;
            if (v < 30) {
                throw new UsageException("--budget " + s + " is too short: at least 30s");
            }
            return v;
        }
    }
}
