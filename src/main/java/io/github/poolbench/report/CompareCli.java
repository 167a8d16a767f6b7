package io.github.poolbench.report;

import io.github.poolbench.report.compare.CompareSettings;
import io.github.poolbench.report.compare.CompareView;
import io.github.poolbench.report.compare.Comparison;
import io.github.poolbench.report.compare.Environment;
import io.github.poolbench.report.compare.MarkdownReport;
import io.github.poolbench.report.compare.RerunPlan;
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
            "",
            "Compares the primary score of every row (benchmark + mode + params) of CURRENT with BASE.",
            "A row regresses only when it is worse by more than the threshold (time per op; throughput",
            "is inverted, so higher is better there) AND Welch's t-test on the logs of the per-iteration",
            "samples is significant at alpha. With fewer than 2 samples a side the threshold alone decides.",
            "Several current files are pooled (a rerun may write one file per row).",
            "Environments (OS, CPU architecture, cores, JDK major, from env.json beside each file) must match.",
            "",
            "options:",
            "  --threshold R     smallest slowdown that counts: 0.2 or 20% (default "
                    + (int) Math.round(CompareSettings.DEFAULT_THRESHOLD * 100) + "%)",
            "  --alpha A         significance level of the t-test (default " + CompareSettings.DEFAULT_ALPHA + ")",
            "  --markdown FILE   also write the result as Markdown to FILE (for a CI summary)",
            "  -o DIR            write compare.md, compare.txt and an HTML page of both runs (index.html,",
            "                    charts, by the report's renderer) into DIR",
            "  --allow-missing   a baseline row missing from CURRENT is listed, not a failure",
            "  --force           compare even when the environments differ",
            "  --rerun-plan FILE write the JMH arguments that rerun each regressed row (one row a line)",
            "  --only FILE       judge only the rows named in such a plan (the confirmation run)",
            "  --env-key FILE    print the baseline name of FILE's environment, e.g. linux-amd64-2cpu-jdk17",
            "  --merge OUT.json  join result files of one machine into OUT.json (env record of the first",
            "                    copied beside it); used by scripts/perf-regression.sh",
            "  -h, --help        this text",
            "",
            "exit codes: 0 no regression, 1 regression (or a baseline row missing), 2 bad input or usage,",
            "            3 not comparable (environments differ)");

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
                ResultMerge.merge(o.files.stream().map(Paths::get).collect(Collectors.toList()), Paths.get(o.mergeInto),
                        w -> err.println("poolbench compare: warning: " + w));
                out.println("compare: merged " + o.files.size() + " files into " + o.mergeInto);
                return 0;
            }
            ResultFile base = read(o.files.get(0), err);
            List<ResultFile> currents = new ArrayList<>();
            for (String f : o.files.subList(1, o.files.size())) {
                currents.add(read(f, err));
            }
            Set<String> only = o.only == null ? null : RerunPlan.keys(readLines(o.only));
            Comparison comparison = Comparison.of(base, currents, o.settings(),
                    only == null ? k -> true : k -> only.contains(k.toString()));
            CompareView view = new CompareView(comparison);
            String markdown = MarkdownReport.render(view);
            if (o.markdown != null) {
                write(Paths.get(o.markdown), markdown);
            }
            if (o.outDir != null) {
                Path dir = Paths.get(o.outDir);
                write(dir.resolve("compare.md"), markdown);
                ByteArrayOutputStream text = new ByteArrayOutputStream();
                TerminalTable.print(view, new PrintStream(text, true, StandardCharsets.UTF_8));
                write(dir.resolve("compare.txt"), text.toString(StandardCharsets.UTF_8));
            }
            if (o.rerunPlan != null) {
                write(Paths.get(o.rerunPlan), RerunPlan.of(comparison));
            }
            TerminalTable.print(view, out);
            if (o.outDir != null) {
                renderPage(base, currents, Paths.get(o.outDir), out, err);
            }
            return comparison.exitCode();
        } catch (ReportInputException e) {
            err.println("poolbench compare: " + oneLine(e.getMessage()));
            return Comparison.BAD_INPUT;
        }
    }

    /**
     * The HTML page: the report's renderer draws the baseline and the current run side by side
     * (tables and charts per benchmark). The verdict stays in compare.md/.txt beside it. A
     * failure here is reported and does not change the verdict's exit code: the gate's answer
     * is already out.
     */
    private static void renderPage(ResultFile base, List<ResultFile> currents, Path dir, PrintStream out,
                                   PrintStream err) {
        List<ResultFile> files = new ArrayList<>();
        files.add(base.withLabel("baseline"));
        for (int i = 0; i < currents.size(); i++) {
            files.add(currents.get(i).withLabel(currents.size() == 1 ? "current" : "current " + (i + 1)));
        }
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        try {
            ReportRenderer.Output page = new ReportRenderer(ChartStyle.light()).render(files, dir);
            out.println("compare: " + dir.resolve("compare.md") + ", " + dir.resolve("compare.txt") + ", " + page.index());
        } catch (IOException | RuntimeException e) {
            err.println("poolbench compare: warning: the HTML page could not be rendered into " + dir + " ("
                    + oneLine(String.valueOf(e)) + "); compare.md and compare.txt are written");
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
            throw new ReportInputException(file + ": cannot be read as a JMH result file: " + e, e);
        }
    }

    private static List<String> readLines(String file) throws ReportInputException {
        try {
            return Files.readAllLines(Paths.get(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ReportInputException(file + ": cannot be read (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    private static void write(Path file, String text) throws ReportInputException {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ReportInputException("cannot write " + file + " (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ")", e);
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
        String rerunPlan;
        String only;
        String envKeyOf;
        String mergeInto;
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
                    case "--rerun-plan":
                        o.rerunPlan = value(args, ++i, a);
                        break;
                    case "--only":
                        o.only = value(args, ++i, a);
                        break;
                    case "--env-key":
                        o.envKeyOf = value(args, ++i, a);
                        break;
                    case "--merge":
                        o.mergeInto = value(args, ++i, a);
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
                    throw new UsageException("--merge needs the files to join");
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
            return new CompareSettings(threshold, alpha, allowMissing, force);
        }

        private static String value(String[] args, int i, String option) throws UsageException {
            if (i >= args.length) {
                throw new UsageException(option + " needs a value");
            }
            return args[i];
        }

        /** {@code 0.2}, {@code 20%}. */
        static double threshold(String s) throws UsageException {
            String t = s.trim();
            boolean percent = t.endsWith("%");
            double v = number(percent ? t.substring(0, t.length() - 1) : t, "--threshold", s);
            if (percent) {
                v /= 100;
            }
            if (!(v > 0) || Double.isInfinite(v)) {
                throw new UsageException("--threshold must be above 0 (e.g. 0.2 or 20%), not " + s);
            }
            return v;
        }

        static double alpha(String s) throws UsageException {
            double v = number(s.trim(), "--alpha", s);
            if (!(v > 0 && v < 1)) {
                throw new UsageException("--alpha must be between 0 and 1 (e.g. 0.01), not " + s);
            }
            return v;
        }

        private static double number(String t, String option, String original) throws UsageException {
            try {
                return Double.parseDouble(t.toLowerCase(Locale.ROOT));
            } catch (NumberFormatException e) {
                throw new UsageException(option + " needs a number, not " + original);
            }
        }
    }
}
