package io.github.poolbench.history;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code history add|detect|report|export|prune}: results over time. See {@link #usage} for the
 * options and exit statuses.
 */
public final class HistoryCli {
    static final int OK = 0;
    static final int CHANGE = 1;
    static final int BAD_INPUT = 2;
    static final int STORE_FAILED = 3;
    static final int DEFAULT_RECENT = 5;

    private HistoryCli() {
    }

    static void usage(PrintStream out) {
        out.println("usage: history add RUN... [--db URL]");
        out.println("       history detect [--db URL] [--benchmark REGEX] [--machine ID] [--recent K] [--alpha A] [--min-runs N]");
        out.println("       history report -o DIR [--db URL] [--benchmark REGEX] [--machine ID]");
        out.println("       history export --format csv|bmf [-o FILE] [--db URL] [--benchmark REGEX] [--machine ID]");
        out.println("       history prune --keep-last N [--db URL]");
        out.println("RUN: a run folder (jmh.json + env.json) or a JMH JSON file with NAME.env.json beside it.");
        out.println("URL: jdbc:sqlite:FILE (default jdbc:sqlite:" + Store.DEFAULT_FILE + ") or jdbc:postgresql://HOST[:PORT]/DB?user=U&password=P");
        out.println("detect: E-divisive means with a t-test (Apache Otava's variant) per row and machine, fork means as samples;");
        out.println("  --recent K (default " + DEFAULT_RECENT + "): exit 1 when a change point falls on one of the latest K runs of a series;");
        out.println("  --alpha (default " + Detector.DEFAULT_ALPHA + "), --min-runs (default " + Detector.DEFAULT_MIN_RUNS
                + ": runs on each side of a change).");
        out.println("exit: 0 done (detect: no recent change point); 1 detect: a change point among the latest K runs;");
        out.println("      2 bad option or input (nothing is written); 3 store unreachable, missing, or of a newer schema.");
    }

    /**
     * Why {@code url} cannot be a store to add to, found without connecting (a run checks its
     * {@code --history=URL} before it measures), or null when it may be one.
     */
    public static String storeProblem(String url) {
        return Store.problemOf(url);
    }

    /** Runs {@code history ARGS}; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || List.of("-h", "--help", "help").contains(args[0])) {
            usage(args.length == 0 ? err : out);
            return args.length == 0 ? BAD_INPUT : OK;
        }
        try {
            Options o = Options.parse(args);
            return switch (args[0]) {
                case "add" -> add(o, out, err);
                case "detect" -> detect(o, out);
                case "report" -> report(o, out, err);
                case "export" -> export(o, out);
                case "prune" -> prune(o, out);
                default -> throw HistoryException.badInput("unknown history command \"" + args[0]
                        + "\"; expected add, detect, report, export or prune (history --help)");
            };
        } catch (HistoryException e) {
            err.println("history: " + e.getMessage());
            return e.exitStatus();
        }
    }

    private static int add(Options o, PrintStream out, PrintStream err) throws HistoryException {
        if (o.positional.isEmpty()) {
            throw HistoryException.badInput("add needs at least one RUN (a run folder or a JMH JSON file)");
        }
        o.only("--db");
        // Read every run first: a bad one stops the command before anything is written.
        List<StoredRun> runs = new ArrayList<>();
        for (String p : o.positional) {
            runs.add(RunInput.read(Paths.get(p), w -> err.println("history: warning: " + w)));
        }
        try (Store store = Store.open(Store.url(o.db), true)) {
            for (StoredRun r : runs) {
                boolean added = store.add(r);
                out.println((added ? "added " : "already stored ") + r.source() + " (run " + r.id().substring(0, 12)
                        + ", " + r.rows().size() + " rows, " + r.forkCount() + " forks, machine " + r.machine().id()
                        + (r.gitCommit() == null ? "" : ", commit " + shortCommit(r.gitCommit())) + ")");
            }
            out.println("history: " + store.runCount() + " runs in " + store.displayUrl());
        }
        return OK;
    }

    private static int detect(Options o, PrintStream out) throws HistoryException {
        o.only("--db", "--benchmark", "--machine", "--recent", "--alpha", "--min-runs");
        int recent = o.intValue("--recent", DEFAULT_RECENT, 1);
        int minRuns = o.intValue("--min-runs", Detector.DEFAULT_MIN_RUNS, 1);
        double alpha = o.doubleValue("--alpha", Detector.DEFAULT_ALPHA);
        Detector detector = new Detector(minRuns, alpha);
        Predicate<Series> filter = o.filter();
        List<Series> all;
        try (Store store = Store.open(Store.url(o.db), false)) {
            all = store.series(filter);
        }
        if (all.isEmpty()) {
            out.println("history: no series match" + o.filterText());
            return OK;
        }
        int changes = 0;
        int recentChanges = 0;
        for (Series s : all) {
            for (Change c : detector.changes(s)) {
                changes++;
                boolean isRecent = c.index() >= s.points().size() - recent;
                if (isRecent) {
                    recentChanges++;
                }
                out.println(describe(c, isRecent));
            }
        }
        out.println("history: " + all.size() + " series, " + changes + " change points, " + recentChanges
                + " among the latest " + recent + " runs of their series");
        return recentChanges > 0 ? CHANGE : OK;
    }

    static String describe(Change c, boolean recent) {
        Series s = c.series();
        StringBuilder b = new StringBuilder(recent ? "NEW    " : "change ");
        b.append(s.rowLabel()).append(" [machine ").append(s.machineId()).append("]: ");
        b.append(String.format(Locale.ROOT, "%+.1f%% (95%% %+.1f%% .. %+.1f%%) %s", 100 * c.relative(), 100 * c.low(),
                100 * c.high(), c.slower() ? "slower" : "faster"));
        b.append(" at run ").append(c.index() + 1).append('/').append(s.points().size());
        b.append(", commit ").append(shortCommit(c.after().gitCommit()));
        b.append(" (").append(Instant.ofEpochMilli(c.after().recordedAt())).append(')');
        b.append(", after ").append(shortCommit(c.before().gitCommit()));
        b.append(", p").append(pText(c.pValue()));
        if (c.bimodal()) {
            b.append(", bimodal: compared mode by mode");
        }
        b.append(c.envChanges().isEmpty() ? ", environment unchanged" : ", environment: " + String.join("; ", c.envChanges()));
        return b.toString();
    }

    /** {@code =0.00012}, or {@code <1e-15} below what a double's t-test tail still tells apart. */
    static String pText(double p) {
        return p < 1e-15 ? "<1e-15" : String.format(Locale.ROOT, "=%.2g", p);
    }

    static String shortCommit(String commit) {
        return commit == null ? "(no commit)" : commit.length() > 12 ? commit.substring(0, 12) : commit;
    }

    private static int report(Options o, PrintStream out, PrintStream err) throws HistoryException {
        o.only("--db", "--benchmark", "--machine", "-o", "--alpha", "--min-runs");
        String dir = o.value("-o");
        if (dir == null) {
            throw HistoryException.badInput("report needs -o DIR (a new or empty folder, or one it wrote before)");
        }
        Detector detector = new Detector(o.intValue("--min-runs", Detector.DEFAULT_MIN_RUNS, 1),
                o.doubleValue("--alpha", Detector.DEFAULT_ALPHA));
        Predicate<Series> filter = o.filter();
        List<Series> all;
        try (Store store = Store.open(Store.url(o.db), false)) {
            all = store.series(filter);
        }
        Path target = Paths.get(dir);
        TrendReport.prepare(target);
        Path page = TrendReport.write(target, all, detector);
        out.println("history: report of " + all.size() + " series in " + page);
        return OK;
    }

    private static int export(Options o, PrintStream out) throws HistoryException {
        o.only("--db", "--benchmark", "--machine", "-o", "--format");
        String format = o.value("--format");
        if (format == null || !List.of("csv", "bmf").contains(format)) {
            throw HistoryException.badInput("export needs --format csv or --format bmf");
        }
        Predicate<Series> filter = o.filter();
        try (Store store = Store.open(Store.url(o.db), false)) {
            Export.write(store, format, filter, o.value("-o") == null ? null : Paths.get(o.value("-o")), out);
        } catch (IOException e) {
            throw HistoryException.badInput("cannot write " + o.value("-o") + ": " + e.getMessage());
        }
        return OK;
    }

    private static int prune(Options o, PrintStream out) throws HistoryException {
        o.only("--db", "--keep-last");
        if (o.value("--keep-last") == null) {
            throw HistoryException.badInput("prune needs --keep-last N (runs kept per machine)");
        }
        int keep = o.intValue("--keep-last", 0, 1);
        try (Store store = Store.open(Store.url(o.db), false)) {
            int dropped = store.prune(keep);
            out.println("history: pruned " + dropped + " runs; " + store.runCount() + " left in " + store.displayUrl());
        }
        return OK;
    }

    /** The parsed options of one command: {@code --name value} pairs and positional arguments. */
    static final class Options {
        private static final List<String> VALUED = List.of("--db", "--benchmark", "--machine", "--recent", "--alpha",
                "--min-runs", "-o", "--format", "--keep-last");
        final List<String> positional = new ArrayList<>();
        final java.util.Map<String, String> values = new java.util.LinkedHashMap<>();
        String db;

        static Options parse(String[] args) throws HistoryException {
            Options o = new Options();
            for (int i = 1; i < args.length; i++) {
                String a = args[i];
                if (VALUED.contains(a)) {
                    if (i + 1 >= args.length) {
                        throw HistoryException.badInput(a + " needs a value");
                    }
                    o.values.put(a, args[++i]);
                } else if (a.startsWith("-") && a.length() > 1) {
                    throw HistoryException.badInput("unknown option " + a + " for history " + args[0] + " (history --help)");
                } else {
                    o.positional.add(a);
                }
            }
            o.db = o.values.get("--db");
            return o;
        }

        void only(String... allowed) throws HistoryException {
            for (String k : values.keySet()) {
                if (!List.of(allowed).contains(k)) {
                    throw HistoryException.badInput("option " + k + " does not apply here (history --help)");
                }
            }
        }

        String value(String name) {
            return values.get(name);
        }

        int intValue(String name, int dflt, int min) throws HistoryException {
            String v = values.get(name);
            if (v == null) {
                return dflt;
            }
            try {
                int n = Integer.parseInt(v);
                if (n < min) {
                    throw HistoryException.badInput(name + " " + v + ": must be at least " + min);
                }
                return n;
            } catch (NumberFormatException e) {
                throw HistoryException.badInput(name + " " + v + ": not a whole number");
            }
        }

        double doubleValue(String name, double dflt) throws HistoryException {
            String v = values.get(name);
            if (v == null) {
                return dflt;
            }
            try {
                double d = Double.parseDouble(v);
                if (!(d > 0 && d < 1)) {
                    throw HistoryException.badInput(name + " " + v + ": must be between 0 and 1");
                }
                return d;
            } catch (NumberFormatException e) {
                throw HistoryException.badInput(name + " " + v + ": not a number");
            }
        }

        Predicate<Series> filter() throws HistoryException {
            Pattern bench;
            try {
                bench = values.containsKey("--benchmark") ? Pattern.compile(values.get("--benchmark")) : null;
            } catch (PatternSyntaxException e) {
                throw HistoryException.badInput("--benchmark " + values.get("--benchmark") + ": not a regular expression: "
                        + e.getDescription());
            }
            String machine = values.get("--machine");
            return s -> (bench == null || bench.matcher(s.rowLabel()).find() || bench.matcher(s.benchmark()).find())
                    && (machine == null || s.machineId().startsWith(machine));
        }

        String filterText() {
            StringBuilder b = new StringBuilder();
            if (values.containsKey("--benchmark")) {
                b.append(" --benchmark ").append(values.get("--benchmark"));
            }
            if (values.containsKey("--machine")) {
                b.append(" --machine ").append(values.get("--machine"));
            }
            return b.toString();
        }
    }
}
