package io.github.poolbench.report;

import io.github.poolbench.report.compare.CompareSettings;
import io.github.poolbench.report.compare.CompareView;
import io.github.poolbench.report.compare.Comparison;
import io.github.poolbench.report.compare.Environment;
import io.github.poolbench.report.compare.MarkdownReport;
import io.github.poolbench.report.compare.VerdictPage;
import io.github.poolbench.report.compare.ResultMerge;
import io.github.poolbench.report.compare.TerminalTable;
import io.github.poolbench.report.model.ResultFile;
import io.github.poolbench.report.parse.JmhJsonParser;
import io.github.poolbench.report.parse.ReportInputException;
import io.github.poolbench.report.render.ChartStyle;
import io.github.poolbench.report.render.ReportRenderer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code compare}: the noise-aware regression gate. Reads the files through the JMH parser,
 * judges them with {@link Comparison} (pure, unit-tested) and prints a terminal table; writes
 * Markdown and a rerun plan on request. See {@link #HELP} for the command line and
 * {@link CompareSettings} for why the defaults are what they are.
 */
public final class CompareCli {
    static final String HELP = String.join("\n",
            "usage: java -jar benchmarks.jar compare BASE.json CURRENT.json [MORE.json...] [options]",
            "       java -jar benchmarks.jar compare --env-key RESULT.json",
            "       java -jar benchmarks.jar compare --merge OUT.json IN.json [IN.json...]",
            "       java -jar benchmarks.jar compare --merge-forks OUT.json IN.json [IN.json...]",
            "",
            "Compares the primary score of every row (benchmark + mode + params) of CURRENT with BASE and",
            "gives each row its change in time per op (a throughput is inverted: +10% is always slower),",
            "an interval for that change, and one of three answers:",
            "  within ±T     the whole interval lies inside ±threshold: shown to be small (equivalence)",
            "  slower/faster the interval lies above/below 0 and reaches beyond the threshold",
            "  cannot tell   neither: the measurement cannot carry \"unchanged\"; the row says how far its",
            "                interval reaches",
            "The interval is Welch's, on the logs of one sample per fork (the fork's mean, from JMH's",
            "rawData) when both sides have >= 3 forks; with fewer forks the iterations stand in and the row",
            "says \"pseudo-replicated: N iterations of K fork(s)\" (such an interval is too narrow). The",
            "intervals of all rows hold together at 1 - alpha (Bonferroni: each row at alpha / rows).",
            "\"would catch\" is the change the row's measurement detects with 80% power, from its own fork",
            "spread; the summary names the weakest row. Several current files are pooled. New rows (absent",
            "from BASE) are listed as new, never failures.",
            "Environments (from the env.json beside each file) must match in OS, CPU architecture, CPU",
            "model, cores and JDK major; a file without an environment record, or one that does not name",
            "these, cannot be checked and is refused unless --force. A different kernel, JDK vendor or full",
            "version, cgroup CPU limit or process launch mechanism is one warning line each, and so is a",
            "row measured with other threads, warm-up or measurement settings on the two sides.",
            "",
            "options:",
            "  --threshold T     the change that matters: 20% or 0.2 (default "
                    + (int) Math.round(CompareSettings.DEFAULT_THRESHOLD * 100) + "%); a bare number above 1 is",
            "                    refused (10 would mean 1000%: write 10%)",
            "  --alpha A         error rate of all the intervals together, in (0, 0.5] (default "
                    + CompareSettings.DEFAULT_ALPHA + ")",
            "  --markdown FILE   also write the result as Markdown to FILE (for a CI summary); never an input",
            "  -o DIR            write compare.md, compare.txt, verdict.html (the same table) and an HTML",
            "                    page of both runs (index.html, charts) into DIR: a new or empty folder, or",
            "                    one an earlier compare wrote (it leaves a " + OutputFolder.MARKER + " file there)",
            "  --allow-missing   a baseline row missing from CURRENT is listed, not a failure",
            "  --force           compare even when the environments differ or are not recorded",
            "  --aa              A/A calibration: both files are the same build; a row answered slower or",
            "                    faster is a false alarm, reported, not a failure (exit 0); bad data still fails",
            "  --env-key FILE    print the baseline name of FILE's environment, e.g. linux-amd64-2cpu-jdk17",
            "  --merge OUT.json  join result files with different rows into OUT.json (a new file; the env",
            "                    record of the first input is copied beside it)",
            "  --merge-forks OUT.json  join runs of the same rows into OUT.json (a new file): each row holds",
            "                    the forks of every input in order, its score and interval recomputed; inputs",
            "                    whose environment records name different machines are refused (exit 3)",
            "  -h, --help        this text",
            "",
            "exit codes: 0 every row decided (within or faster), none slower (--aa: the calibration ran)",
            "            1 a row is slower, or a baseline row is missing from CURRENT",
            "            2 bad input or usage, or a row the gate cannot judge (a score or sample that is",
            "              zero, negative, NaN or infinite; a unit that is not a JMH time unit for its",
            "              mode or does not convert): such data is never a pass",
            "            3 not comparable: the environments differ or are not recorded (--force compares",
            "              anyway), or the files share no row (nothing was judged)",
            "            4 no row is slower, but at least one cannot tell (measure more forks)");

    private CompareCli() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        Options o;
        try {
            o = Options.parse(args);
        } catch (UsageException e) {
            err.println("poolbench compare: " + e.getMessage() + " (see compare --help)");
            return Comparison.BAD_INPUT;
        }
        if (o.help) {
            out.println(HELP);
            return 0;
        }
        try {
            if (o.envKeyOf != null) {
                return envKey(o.envKeyOf, out, err);
            }
            if (o.mergeInto != null) {
                List<Path> inputs = o.files.stream().map(Paths::get).collect(Collectors.toList());
                Path target = Paths.get(o.mergeInto);
                refuseInputsAsOutputs(inputs, List.of(target, RunFiles.envFileFor(target)));
                if (o.mergeForks) {
                    List<ResultFile> parsed = new ArrayList<>();
                    for (String f : o.files) {
                        parsed.add(read(f, err));
                    }
                    String other = ResultMerge.otherMachine(parsed);
                    if (other != null) {
                        err.println("poolbench compare: not comparable: " + oneLine(other));
                        return Comparison.NOT_COMPARABLE;
                    }
                    ResultMerge.mergeForks(inputs, target, w -> err.println("poolbench compare: warning: " + w));
                } else {
                    ResultMerge.merge(inputs, target, w -> err.println("poolbench compare: warning: " + w));
                }
                out.println("compare: merged " + o.files.size() + " files into " + o.mergeInto);
                return 0;
            }
            List<Path> inputs = new ArrayList<>();
            for (String f : o.files) {
                inputs.add(Paths.get(f));
                inputs.add(RunFiles.envFileFor(Paths.get(f)));
            }
            List<Path> outputs = new ArrayList<>();
            if (o.markdown != null) {
                outputs.add(Paths.get(o.markdown));
            }
            if (o.outDir != null) {
                Path dir = Paths.get(o.outDir);
                outputs.add(dir);
                outputs.add(dir.resolve("compare.md"));
                outputs.add(dir.resolve("compare.txt"));
                outputs.add(dir.resolve("verdict.html"));
            }
            refuseInputsAsOutputs(inputs, outputs);
            if (o.outDir != null) {
                OutputFolder.check(Paths.get(o.outDir));
            }

            ResultFile base = read(o.files.get(0), err);
            List<ResultFile> currents = new ArrayList<>();
            for (String f : o.files.subList(1, o.files.size())) {
                currents.add(read(f, err));
            }
            Comparison comparison = Comparison.of(base, currents, o.settings());
            CompareView view = new CompareView(comparison);
            if (o.markdown != null) {
                write(Paths.get(o.markdown), MarkdownReport.render(view));
            }
            if (o.outDir != null) {
                writeVerdict(view, Paths.get(o.outDir));
            }
            TerminalTable.print(view, out);
            if (o.outDir != null) {
                renderPage(base, currents, Paths.get(o.outDir), o.aa, out, err);
            }
            return comparison.exitCode();
        } catch (ReportInputException e) {
            err.println("poolbench compare: " + oneLine(e.getMessage()));
            return Comparison.BAD_INPUT;
        }
    }

    /**
     * The verdict in DIR, three ways that say the same: compare.md, compare.txt and verdict.html.
     * DIR must be new, empty or one compare wrote earlier ({@link OutputFolder}).
     */
    public static void writeVerdict(CompareView view, Path dir) throws ReportInputException {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        TerminalTable.print(view, new PrintStream(text, true, StandardCharsets.UTF_8));
        java.util.Map<String, String> files = new java.util.LinkedHashMap<>();
        files.put("compare.md", MarkdownReport.render(view));
        files.put("compare.txt", text.toString(StandardCharsets.UTF_8));
        files.put("verdict.html", VerdictPage.render(view));
        OutputFolder.writeText(dir, files);
    }

    /**
     * A command never writes over one of its inputs: {@code --markdown C.json} would replace the
     * current run with Markdown. Checked before anything is read or written.
     */
    private static void refuseInputsAsOutputs(List<Path> inputs, List<Path> outputs) throws ReportInputException {
        for (Path output : outputs) {
            for (Path input : inputs) {
                if (same(input, output)) {
                    throw new ReportInputException(output + " is an input of this comparison; compare never writes"
                            + " over an input (choose another output name)");
                }
            }
        }
    }

    private static boolean same(Path a, Path b) {
        Path x = a.toAbsolutePath().normalize();
        Path y = b.toAbsolutePath().normalize();
        if (x.equals(y)) {
            return true;
        }
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The HTML page: the report's renderer draws the baseline and the current run side by side
     * (tables and charts per benchmark). The verdict stays in compare.md/.txt beside it. A
     * failure here is reported and does not change the verdict's exit code: the gate's answer
     * is already out.
     */
    public static void renderPage(ResultFile base, List<ResultFile> currents, Path dir, boolean aa, PrintStream out,
                                   PrintStream err) {
        List<ResultFile> files = new ArrayList<>();
        files.add(base.withLabel(aa ? "A" : "baseline"));
        for (int i = 0; i < currents.size(); i++) {
            files.add(currents.get(i).withLabel(aa ? "B" : currents.size() == 1 ? "current" : "current " + (i + 1)));
        }
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        try {
            ReportRenderer.Output page = new ReportRenderer(ChartStyle.light()).render(files, dir);
            out.println("compare: " + dir.resolve("compare.md") + ", " + dir.resolve("compare.txt") + ", "
                    + dir.resolve("verdict.html") + ", " + page.index());
        } catch (IOException e) {
            err.println("poolbench compare: warning: the HTML page could not be rendered into " + dir + " ("
                    + oneLine(IoWords.of(e)) + "); compare.md and compare.txt are written");
        } catch (RuntimeException e) {
            err.println("poolbench compare: warning: the HTML page could not be rendered into " + dir + " ("
                    + oneLine(e.getMessage() == null ? "an internal error" : e.getMessage())
                    + "); compare.md and compare.txt are written");
        }
    }

    private static int envKey(String file, PrintStream out, PrintStream err) throws ReportInputException {
        ResultFile f = read(file, err);
        Environment env = Environment.of(f);
        Optional<String> key = env.key();
        if (key.isEmpty()) {
            throw new ReportInputException(file + ": its environment record (" + RunFiles.envFileFor(Paths.get(file))
                    + ") does not name OS, CPU architecture, cores and JDK major (found: " + env + ")");
        }
        out.println(key.get());
        return 0;
    }

    private static ResultFile read(String file, PrintStream err) throws ReportInputException {
        try {
            return JmhJsonParser.parse(Paths.get(file), w -> err.println("poolbench compare: warning: " + w))
                    .withLabel(file);
        } catch (RuntimeException e) {
            // The parser promises ReportInputException; this keeps a stack trace off the screen if it slips.
            throw new ReportInputException(file + ": cannot be read as a JMH result file"
                    + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"), e);
        }
    }

    private static void write(Path file, String text) throws ReportInputException {
        for (Path p = file.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p)) {
                throw new ReportInputException("cannot write " + file + " (" + p + " is a file, not a folder)");
            }
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ReportInputException("cannot write " + file + " (" + IoWords.of(e) + ")", e);
        }
    }

    private static String oneLine(String s) {
        return s == null ? "bad input" : s.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }

    private static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    /** The command line, checked. */
    private static final class Options {
        final List<String> files = new ArrayList<>();
        double threshold = CompareSettings.DEFAULT_THRESHOLD;
        double alpha = CompareSettings.DEFAULT_ALPHA;
        String markdown;
        String outDir;
        String envKeyOf;
        String mergeInto;
        boolean mergeForks;
        boolean aa;
        boolean allowMissing;
        boolean force;
        boolean help;

        static Options parse(String[] args) throws UsageException {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "-h":
                    case "--help":
                        o.help = true;
                        return o;
                    case "--threshold":
                        o.threshold = threshold(value(args, ++i, a));
                        break;
                    case "--alpha":
                        o.alpha = alpha(value(args, ++i, a));
                        break;
                    case "--markdown":
                        o.markdown = value(args, ++i, a);
                        break;
                    case "-o":
                        o.outDir = value(args, ++i, a);
                        break;
                    case "--env-key":
                        o.envKeyOf = value(args, ++i, a);
                        break;
                    case "--merge":
                    case "--merge-forks":
                        if (o.mergeInto != null) {
                            throw new UsageException("give --merge or --merge-forks once");
                        }
                        o.mergeInto = value(args, ++i, a);
                        o.mergeForks = a.equals("--merge-forks");
                        break;
                    case "--aa":
                        o.aa = true;
                        break;
                    case "--allow-missing":
                        o.allowMissing = true;
                        break;
                    case "--force":
                        o.force = true;
                        break;
                    default:
                        if (a.startsWith("-") && a.length() > 1) {
                            throw new UsageException("unknown option " + a);
                        }
                        o.files.add(a);
                }
            }
            if (o.envKeyOf != null) {
                if (!o.files.isEmpty()) {
                    throw new UsageException("--env-key takes one result file and nothing else");
                }
                return o;
            }
            if (o.mergeInto != null) {
                if (o.files.isEmpty()) {
                    throw new UsageException((o.mergeForks ? "--merge-forks" : "--merge") + " needs the files to join");
                }
                return o;
            }
            if (o.files.size() < 2) {
                throw new UsageException("needs BASE.json and CURRENT.json, got " + o.files.size() + " file"
                        + (o.files.size() == 1 ? "" : "s"));
            }
            return o;
        }

        CompareSettings settings() {
            return new CompareSettings(threshold, alpha, allowMissing, force, aa);
        }

        private static String value(String[] args, int i, String option) throws UsageException {
            if (i >= args.length) {
                throw new UsageException(option + " needs a value");
            }
            return args[i];
        }

        /** {@code 0.2}, {@code 20%}; a bare number above 1 is refused (10 would be 1000%). */
        static double threshold(String s) throws UsageException {
            String e = thresholdError(s);
            if (e != null) {
                throw new UsageException(e);
            }
            return parseThreshold(s);
        }

        static double alpha(String s) throws UsageException {
            String e = alphaError(s);
            if (e != null) {
                throw new UsageException(e);
            }
            return Double.parseDouble(s.trim());
        }
    }

    /** The threshold's value, once {@link #thresholdError} said it is fine. */
    public static double parseThreshold(String s) {
        String t = s.trim();
        return t.endsWith("%") ? Double.parseDouble(t.substring(0, t.length() - 1)) / 100 : Double.parseDouble(t);
    }

    /** Why {@code s} is no threshold, in one line, or null: shared by compare and the gate. */
    public static String thresholdError(String s) {
        String t = s.trim();
        boolean percent = t.endsWith("%");
        String digits = percent ? t.substring(0, t.length() - 1).trim() : t;
        double v;
        if (!digits.matches("[0-9]*\\.?[0-9]+([eE][-+]?[0-9]+)?")) {
            return "--threshold needs a fraction (0.1) or a percentage (10%), not " + s;
        }
        v = Double.parseDouble(digits);
        if (percent) {
            v /= 100;
        }
        if (!(v > 0)) {
            return "--threshold must be above 0 (e.g. 0.1 or 10%), not " + s;
        }
        if (!percent && v > 1 && v < 1e6) {
            return "--threshold " + s + " would mean " + (java.math.BigDecimal.valueOf(v * 100).stripTrailingZeros().toPlainString() + "%") + "; write " + s
                    + "% for a percentage, or a fraction such as 0.1";
        }
        if (v >= 10) {
            return "--threshold " + s + " is too large: the change that matters is a fraction such as 0.1 or 10%";
        }
        return null;
    }

    /** Why {@code s} is no alpha, in one line, or null. */
    public static String alphaError(String s) {
        String t = s.trim();
        if (!t.matches("[0-9]*\\.?[0-9]+([eE][-+]?[0-9]+)?")) {
            return "--alpha needs a number between 0 and 0.5 (e.g. 0.05), not " + s;
        }
        double v = Double.parseDouble(t);
        if (!(v > 0 && v <= 0.5)) {
            return "--alpha must be above 0 and at most 0.5 (e.g. 0.05), not " + s;
        }
        return null;
    }
}
