package io.github.poolbench.report;

import io.github.poolbench.report.analysis.ReportAnalysis;
import io.github.poolbench.report.model.ResultFile;
import io.github.poolbench.report.parse.JmhJsonParser;
import io.github.poolbench.report.parse.ReportInputException;
import io.github.poolbench.report.parse.Text;
import io.github.poolbench.report.render.ChartStyle;
import io.github.poolbench.report.render.InputCopies;
import io.github.poolbench.report.render.ReportRenderer;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code report}: renders JMH JSON files into an HTML page with PNG charts.
 *
 * <pre>
 *   report FILE.json [FILE.json ...] [-o DIR] [--label NAME ...]
 * </pre>
 * Exit codes: 0 the report was written (warnings, if any, on stderr and on the page); 2 bad
 * usage or input (a missing, empty, truncated or non-JMH file, a file over a JSON reader limit or
 * too large for the memory, a file with a row twice or no usable row, an output folder that
 * cannot be written or is not the report's own), with one
 * line naming the problem; 1 an unexpected failure while rendering. A failure never leaves half
 * a report nor replaces a good one; the report never writes an input or a file it did not write.
 */
public final class ReportCli {
    static final String PREFIX = "poolbench report: ";

    private ReportCli() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        Arguments a;
        try {
            a = Arguments.parse(args);
        } catch (UsageException e) {
            err.println(PREFIX + e.getMessage() + " (see report --help)");
            return 2;
        }
        if (a.help) {
            out.print(help());
            return 0;
        }
        if (a.newFolder != null) {
            return newFolder(a.newFolder, out, err);
        }
        long start = System.nanoTime();
        List<ResultFile> files = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Consumer<String> warn = w -> {
            warnings.add(w);
            err.println(PREFIX + "warning: " + w);
        };
        try {
            for (Path p : a.files) {
                files.add(RowCheck.usable(JmhJsonParser.parse(p, warn), warn));
            }
        } catch (ReportInputException e) {
            err.println(PREFIX + e.getMessage());
            return 2;
        }
        files = label(files, a.labels);
        Path outDir = a.outDir != null ? a.outDir : defaultOutDir(a.files);
        if (System.getProperty("java.awt.headless") == null) {
            // charts are drawn off-screen; without this a machine with no display can fail in AWT
            System.setProperty("java.awt.headless", "true");
        }
        ReportRenderer.Output written;
        String kept = Files.exists(outDir.resolve("index.html")) ? "; the earlier report there is left as it was"
                : "; nothing was left behind";
        try {
            // a file without an environment record is taken to have run on a machine like this one
            ReportAnalysis analysis = ReportAnalysis.of(files, Runtime.getRuntime().availableProcessors());
            written = new ReportRenderer(ChartStyle.light()).render(files, analysis, outDir, warnings);
        } catch (OutputFolder.Refused | InputCopies.InputUnreadable e) {
            err.println(PREFIX + e.getMessage() + (e instanceof OutputFolder.Refused ? "" : kept));
            return 2;
        } catch (IOException | UncheckedIOException e) {
            err.println(PREFIX + "cannot write the report to " + outDir.toAbsolutePath().normalize() + ": " + IoWords.withFile(e) + kept);
            return 2;
        } catch (OutOfMemoryError e) {
            err.println(PREFIX + "ran out of memory while drawing the charts in the "
                    + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB this JVM may use (give java more with -Xmx,"
                    + " e.g. java -Xmx2g -jar benchmarks.jar report ...); nothing was written to "
                    + outDir.toAbsolutePath().normalize());
            return 2;
        } catch (RuntimeException | Error e) {
            Throwable io = ioCause(e);
            if (io != null) {
                err.println(PREFIX + "cannot write the report to " + outDir.toAbsolutePath().normalize() + ": " + IoWords.withFile(io) + kept);
                return 2;
            }
            err.println(PREFIX + "rendering failed (an internal error: " + IoWords.message(e) + "); nothing was written to "
                    + outDir.toAbsolutePath().normalize() + "; please report it with the input file");
            return 1;
        }
        written.warnings().forEach(w -> err.println(PREFIX + "warning: " + w));
        double seconds = (System.nanoTime() - start) / 1e9;
        out.println(PREFIX + written.index() + String.format(Locale.ROOT, "  (%d chart%s, %.1f s)",
                written.charts(), written.charts() == 1 ? "" : "s", seconds));
        return 0;
    }

    /** {@code report --new-folder DIR}: a new folder with the marker, for a script to write its runs and report into. */
    private static int newFolder(Path dir, PrintStream out, PrintStream err) {
        try {
            OutputFolder.create(dir);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            err.println(PREFIX + dir.toAbsolutePath().normalize() + " exists and is not an empty folder; --new-folder makes a new or empty folder a report folder");
            return 2;
        } catch (IOException e) {
            err.println(PREFIX + "cannot create " + dir.toAbsolutePath().normalize() + ": " + IoWords.withFile(e));
            return 2;
        }
        out.println(dir);
        return 0;
    }

    /**
     * Labels in order from {@code --label}, the rest by file name; two files of the same name,
     * and the suite's {@code jmh.json}, are told apart by their directory.
     */
    static List<ResultFile> label(List<ResultFile> files, List<String> labels) {
        List<String> names = new ArrayList<>();
        Map<String, Integer> count = new HashMap<>();
        for (ResultFile f : files) {
            count.merge(f.label(), 1, Integer::sum);
        }
        for (int i = 0; i < files.size(); i++) {
            ResultFile f = files.get(i);
            if (i < labels.size()) {
                names.add(labels.get(i));
                continue;
            }
            String name = f.label();
            Path parent = f.source().toAbsolutePath().getParent();
            // every run writes jmh.json: its directory (the run's time stamp) is what names it
            boolean generic = RunFiles.DEFAULT_RESULT.equals(name);
            if ((count.get(name) > 1 || generic) && parent != null && parent.getFileName() != null) {
                name = parent.getFileName() + "/" + name;
            }
            names.add(name);
        }
        Set<String> seen = new HashSet<>();
        List<ResultFile> out = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            String name = names.get(i);
            String unique = name;
            for (int n = 2; !seen.add(unique); n++) {
                unique = name + " #" + n;
            }
            out.add(files.get(i).withLabel(Text.visible(unique)));
        }
        return out;
    }

    /**
     * For one file: its own folder when that is a report folder of ours or a suite run folder
     * (see {@link OutputFolder#owns}), else a new folder beside the file named after it
     * ({@code x.json} → {@code x-report/}), so a report never lands among a user's files.
     * {@code report/} here for several.
     */
    static Path defaultOutDir(List<Path> files) {
        if (files.size() == 1) {
            Path file = files.get(0).toAbsolutePath().normalize();
            Path parent = file.getParent() != null ? file.getParent() : Paths.get(".").toAbsolutePath();
            if (OutputFolder.owns(parent)) {
                return parent;
            }
            String name = file.getFileName() == null ? "result" : file.getFileName().toString();
            int dot = name.lastIndexOf('.');
            return parent.resolve((dot > 0 ? name.substring(0, dot) : name) + "-report");
        }
        return Paths.get("report");
    }

    /** The first I/O exception in a chain (a PNG encoder wraps the disk's own error), or null. */
    private static Throwable ioCause(Throwable t) {
        for (Throwable c = t; c != null && c.getCause() != c; c = c.getCause()) {
            if (c instanceof IOException) {
                return c;
            }
        }
        return null;
    }

    static String help() {
        return String.join(System.lineSeparator(),
                "Usage: java -jar benchmarks.jar report FILE.json [FILE.json ...] [-o DIR] [--label NAME ...]",
                "       java -jar benchmarks.jar report --new-folder DIR",
                "",
                "Renders JMH JSON result files (ours or any project's, JMH 1.18 to 1.37) into DIR/index.html",
                "with PNG charts in DIR/charts/: the overhead gap of the suite's strategies next to the",
                "document's own figures; apply vs apply_async against the model, the echo server's",
                "waits, pool start-up and its break-even, the task-count, task-weight and pool-size",
                "sweeps, each when its rows are in the files; then a chart and a table for every",
                "benchmark method and mode.",
                "",
                "  FILE.json        a file written by JMH with -rf json; env.json (or NAME.env.json) beside",
                "                   it is shown as the environment when present",
                "  -o, --output DIR where to write the report: a new or empty folder, or one that holds a",
                "                   report or compare written before (marked by its " + OutputFolder.MARKER + " file), or",
                "                   a run folder holding only jmh.json and env.json; any other folder (one",
                "                   with a user's compare.md in it too) is refused. Default for one file: its own folder when that is a",
                "                   run folder (results/runs/<stamp>/) or a report folder, else a new folder",
                "                   beside it named after it (x.json -> x-report/); ./report for several.",
                "                   A good report there is only replaced by a complete new one.",
                "  --label NAME     names the files in the order given (repeat it); default: the file name",
                "  --new-folder DIR creates DIR (or takes an empty one) with the marker, prints it and exits: a",
                "                   script writes its JSON files there, then the report beside them with -o DIR",
                "  -h, --help       this text",
                "",
                "Several files are shown side by side, e.g. the same suite on two JDKs:",
                "",
                "  java -jar target/benchmarks.jar IncrementBenchmark -rf json -rff jdk17.json",
                "  java -jar target/benchmarks.jar IncrementBenchmark -jvm /usr/lib/jvm/temurin-25-jdk-amd64/bin/java \\",
                "       -rf json -rff jdk25.json",
                "  java -jar target/benchmarks.jar report jdk17.json jdk25.json -o report --label \"JDK 17\" --label \"JDK 25\"",
                "  # open report/index.html",
                "",
                "Pinned and unpinned runs side by side:",
                "",
                "  taskset -c 0 java -jar target/benchmarks.jar ApplyBenchmark -rf json -rff pinned.json",
                "  java -jar target/benchmarks.jar ApplyBenchmark -rf json -rff unpinned.json",
                "  java -jar target/benchmarks.jar report unpinned.json pinned.json -o report --label unpinned --label pinned",
                "",
                "A normal run (without -rf/-rff) renders its own report into results/runs/<stamp>/index.html;",
                "a run with -rf json -rff DIR/x.json renders it into a new DIR/x-report/.",
                "",
                "The report writes only index.html, style.css, charts/, data/ and " + OutputFolder.MARKER + " in its",
                "folder, never an input nor a file it did not write. A row it cannot show (a score or a",
                "rawData sample that is not a positive number, a unit its mode cannot have) is left out with a warning on stderr",
                "and at the top of the page; a file with the same row twice, or no usable row, is refused.",
                "",
                "A file over one of the JSON reader's limits (a string over 20,000,000 characters, a number",
                "over 1,000 digits, arrays nested over 1,000 deep) is refused with the limit named; raise one",
                "with java -Dpoolbench.json.maxStringLength=N (maxNumberLength, maxNestingDepth, maxNameLength)",
                "-jar ... A file too large for the JVM's memory is refused likewise; raise it with java -Xmx.",
                "",
                "Exit codes: 0 written (warnings, if any, on stderr and on the page); 2 bad usage or input,",
                "an output folder that cannot or may not be written, or too little memory (one line names",
                "the file and the problem); 1 an unexpected rendering failure. Nothing is half-written or",
                "overwritten on failure.",
                "");
    }

    private static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    private static final class Arguments {
        final List<Path> files = new ArrayList<>();
        final List<String> labels = new ArrayList<>();
        Path outDir;
        Path newFolder;
        boolean help;

        static Arguments parse(String[] args) throws UsageException {
            Arguments a = new Arguments();
            boolean onlyFiles = false;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (!onlyFiles && arg.startsWith("-") && arg.length() > 1) {
                    switch (arg) {
                        case "-h":
                        case "--help":
                            a.help = true;
                            break;
                        case "-o":
                        case "--output":
                            if (a.outDir != null) {
                                throw new UsageException(arg + " given twice");
                            }
                            String dir = value(args, ++i, arg);
                            if (dir.isBlank()) {
                                throw new UsageException(arg + " needs a folder name, not an empty string");
                            }
                            a.outDir = path(dir, arg);
                            break;
                        case "--new-folder":
                            if (a.newFolder != null) {
                                throw new UsageException(arg + " given twice");
                            }
                            a.newFolder = path(value(args, ++i, arg), arg);
                            break;
                        case "--label":
                            String label = value(args, ++i, arg);
                            if (label.isBlank()) {
                                throw new UsageException("--label needs a non-empty name");
                            }
                            if (a.labels.contains(label)) {
                                throw new UsageException("label \"" + label + "\" given twice");
                            }
                            a.labels.add(label);
                            break;
                        case "--":
                            onlyFiles = true;
                            break;
                        default:
                            throw new UsageException("unknown option " + arg);
                    }
                } else {
                    a.files.add(path(arg, "file"));
                }
            }
            if (a.help) {
                return a;
            }
            if (a.newFolder != null) {
                if (!a.files.isEmpty() || a.outDir != null || !a.labels.isEmpty()) {
                    throw new UsageException("--new-folder takes no other argument");
                }
                return a;
            }
            if (a.files.isEmpty()) {
                throw new UsageException("no result file given");
            }
            if (a.labels.size() > a.files.size()) {
                throw new UsageException(a.labels.size() + " labels for " + a.files.size()
                        + (a.files.size() == 1 ? " file" : " files"));
            }
            return a;
        }

        private static String value(String[] args, int i, String option) throws UsageException {
            if (i >= args.length) {
                throw new UsageException(option + " needs a value");
            }
            return args[i];
        }

        private static Path path(String s, String what) throws UsageException {
            try {
                return Paths.get(s);
            } catch (InvalidPathException e) {
                throw new UsageException("not a path for " + what + ": " + s);
            }
        }
    }
}
