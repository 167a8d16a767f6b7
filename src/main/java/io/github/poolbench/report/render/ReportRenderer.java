package io.github.poolbench.report.render;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import io.github.poolbench.report.RunFiles;
import io.github.poolbench.report.analysis.Floors;
import io.github.poolbench.report.analysis.Group;
import io.github.poolbench.report.analysis.Groups;
import io.github.poolbench.report.analysis.OverheadGap;
import io.github.poolbench.report.analysis.Row;
import io.github.poolbench.report.analysis.Scenarios;
import io.github.poolbench.report.analysis.Units;
import io.github.poolbench.report.model.ResultFile;
import io.github.poolbench.report.render.PageModel.Image;
import org.jfree.chart.JFreeChart;

import java.awt.Dimension;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Renders a report into a directory: {@code index.html}, {@code style.css}, {@code charts/*.png}
 * and, for input files that are not already inside it, {@code data/} copies of the JSON so the
 * page links to its raw data.
 *
 * <p>It writes only into a folder of its own: one it creates, an empty one, or one where it
 * wrote a report before (its marker file {@code .poolbench-report} is at the top); it never
 * touches any other file there. A temp folder left by a killed run is removed by the next.
 *
 * <p>Everything is written to a temporary directory inside the target first and moved into
 * place only when all of it was written: a failure leaves the previous report as it was and no
 * half-written one; {@code index.html} is moved last.
 */
public final class ReportRenderer {
    static final String INDEX = "index.html";
    static final String STYLE = "style.css";
    static final String CHARTS = "charts";
    static final String DATA = "data";
    private static final String TEMPLATE_ROOT = "report";
    private static final String TEMPLATE = "index.html.mustache";
    /** Left in charts/ and data/ so a later report knows they are its own to replace. */
    static final String MARKER = ".poolbench-report";
    /** What the template writes into every page, so a later report knows the page is its own. */
    static final String GENERATOR = "<meta name=\"generator\" content=\"poolbench report\">";
    /** What the marker at the top of a report folder says to a reader who finds it. */
    private static final String MARKER_TEXT = "This folder holds a report written by poolbench (java -jar benchmarks.jar report)."
            + System.lineSeparator() + "The next report written here replaces index.html, style.css, charts/ and data/;"
            + " nothing else in this folder is touched." + System.lineSeparator();
    /** Where a report is assembled before it is moved into place. */
    static final String TMP_PREFIX = ".report-tmp-";
    /**
     * Files the suite's own commands write into a folder before its report: a run's
     * {@code jmh.json} and {@code env.json} (results/runs/<stamp>/), compare's verdict files and
     * the marker of a folder compare made.
     */
    private static final java.util.Set<String> RUN_FILES = java.util.Set.of(RunFiles.DEFAULT_RESULT, "env.json",
            "python.json", "python.env.json", "compare.md", "compare.txt", io.github.poolbench.report.compare.OutputDir.MARKER);

    private final ChartStyle style;
    private Charts charts;
    private ChartText chartText;

    /**
     * What was written.
     *
     * @param warnings what the charts could not show as written (one line each), also on the page
     */
    public record Output(Path index, int charts, List<String> warnings) {
        public Output {
            warnings = List.copyOf(warnings);
        }

        public Output(Path index, int charts) {
            this(index, charts, List.of());
        }
    }

    public ReportRenderer(ChartStyle style) {
        this.style = Objects.requireNonNull(style);
    }

    public Output render(List<ResultFile> files, Path outDir) throws IOException {
        return render(files, outDir, List.of());
    }

    /**
     * Renders {@code files} into {@code outDir}, showing {@code warnings} (one line each, as
     * printed on stderr) at the top of the page.
     *
     * <p>{@code outDir} must be a folder this renderer may write: one that does not exist yet
     * (it is created), an empty one, or a report folder written earlier (see {@link #owns}).
     * Anything else is refused with a {@link RefusedException} before anything is written.
     *
     * @throws RefusedException when {@code outDir} is not a folder the report may write into
     */
    public Output render(List<ResultFile> files, Path outDir, List<String> warnings) throws IOException {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("nothing to render");
        }
        Path out = outDir.toAbsolutePath().normalize();
        boolean created = !Files.exists(out, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(out);
        if (!created) {
            refuseUnlessOurs(out);
        }
        Files.createDirectories(out);
        Path marker = out.resolve(MARKER);
        boolean marked = !Files.exists(marker);
        if (marked) {
            Files.writeString(marker, MARKER_TEXT, StandardCharsets.UTF_8);
        }
        boolean done = false;
        try (FileChannel channel = FileChannel.open(marker, StandardOpenOption.WRITE);
             FileLock lock = lock(channel)) {
            if (lock != null) {
                // no other report is writing here: a temp folder left here was a killed run's
                removeStaleTemps(out);
            }
            refuseToReplaceForeignFiles(out);
            Path tmp = Files.createTempDirectory(out, TMP_PREFIX);
            try {
                Output written = writeAll(files, out, tmp, warnings);
                commit(tmp, out);
                done = true;
                return new Output(out.resolve(INDEX), written.charts(), written.warnings());
            } finally {
                deleteRecursively(tmp);
            }
        } finally {
            if (!done && marked) {
                // leave the folder as it was: no marker of a report that was never written
                Files.deleteIfExists(marker);
                if (created) {
                    try {
                        Files.deleteIfExists(out);
                    } catch (IOException e) {
                        // not empty after all: leave it
                    }
                }
            }
        }
    }

    /** Another process rendering into the same folder holds this lock; null where locks are not supported. */
    private static FileLock lock(FileChannel channel) {
        try {
            return channel.lock();
        } catch (IOException | java.nio.channels.OverlappingFileLockException e) {
            return null;
        }
    }

    /** A report refused to write into a folder that is not its own: the message is the whole story. */
    public static final class RefusedException extends IOException {
        RefusedException(String message) {
            super(message);
        }
    }

    /**
     * True when a report may write into {@code dir}: it does not exist, is empty, holds this
     * renderer's marker file (a report written there before), holds a page of an earlier
     * version of this report (its {@code <meta name="generator">}), or holds nothing but files
     * the suite's commands write there first (a run's {@code jmh.json} and {@code env.json},
     * compare's {@code compare.md} and {@code compare.txt}).
     */
    public static boolean owns(Path dir) {
        Path d = dir.toAbsolutePath().normalize();
        if (!Files.exists(d)) {
            return true;
        }
        if (!Files.isDirectory(d)) {
            return false;
        }
        if (Files.isRegularFile(d.resolve(MARKER)) || isOurPage(d.resolve(INDEX))) {
            return true;
        }
        try (java.util.stream.Stream<Path> entries = Files.list(d)) {
            return entries.allMatch(p -> RUN_FILES.contains(p.getFileName().toString()) && Files.isRegularFile(p));
        } catch (IOException e) {
            return false;
        }
    }

    private static void refuseUnlessOurs(Path out) throws IOException {
        if (!Files.isDirectory(out)) {
            throw new RefusedException(out + " is a file, not a folder; give -o a folder for the report");
        }
        if (owns(out)) {
            return;
        }
        List<String> names = new ArrayList<>();
        try (java.util.stream.Stream<Path> entries = Files.list(out)) {
            entries.map(p -> p.getFileName().toString()).sorted().limit(4).forEach(names::add);
        }
        throw new RefusedException(out + " holds files that are not from a poolbench report (" + String.join(", ", names)
                + (names.size() == 4 ? ", ..." : "") + "); nothing was written: give -o a new or empty folder");
    }

    private static boolean isOurPage(Path index) {
        if (!Files.isRegularFile(index)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(index)) {
            String head = new String(in.readNBytes(2048), StandardCharsets.UTF_8);
            return head.contains(GENERATOR);
        } catch (IOException e) {
            return false;
        }
    }

    /** Temp folders of runs that were killed before they could remove them. */
    private static void removeStaleTemps(Path out) throws IOException {
        List<Path> stale;
        try (java.util.stream.Stream<Path> entries = Files.list(out)) {
            stale = entries.filter(p -> p.getFileName().toString().startsWith(TMP_PREFIX)
                    && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).toList();
        }
        for (Path p : stale) {
            deleteRecursively(p);
        }
    }

    private Output writeAll(List<ResultFile> files, Path out, Path tmp, List<String> inputWarnings) throws IOException {
        // a font that has the names' characters when one is installed; else they are drawn as "?"
        ChartStyle chartStyle = style.withFontsFor(namesOf(files));
        charts = new Charts(chartStyle);
        chartText = new ChartText(chartStyle.tickLabel());
        List<String> labels = Groups.labels(files);
        List<Row> rows = Groups.rows(files);
        OverheadGap gap = OverheadGap.of(rows);
        List<Group> groups = Groups.of(files);
        Floors.Analysis floors = Floors.of(rows);
        Path chartDir = Files.createDirectories(tmp.resolve(CHARTS));
        Files.createFile(chartDir.resolve(MARKER));

        Scenarios scenarios = Scenarios.of(files, Runtime.getRuntime().availableProcessors());

        // each chart is drawn and encoded on its own: spread them over the cores
        List<Callable<Image>> jobs = new ArrayList<>();
        if (!gap.isEmpty()) {
            BarData data = Figures.gap(gap);
            jobs.add(() -> png(charts.bar(data), charts.size(data), chartDir, "gap.png",
                    "Bar chart, " + data.axisLabel() + ", per strategy. " + describe(data)));
        }
        for (int i = 0; i < groups.size(); i++) {
            Group g = groups.get(i);
            String name = String.format(Locale.ROOT, "%02d-%s.png", i + 1, slug(g.title() + "-" + g.mode()));
            String alt = "Chart of " + g.title() + " (" + Figures.modeName(g.mode()) + ")";
            if (Figures.isLine(g)) {
                LineData data = Figures.lines(g);
                jobs.add(() -> png(charts.line(data), charts.size(data), chartDir, name, alt + " over " + g.xParam()));
            } else {
                BarData data = Figures.bars(g);
                jobs.add(() -> png(charts.bar(data), charts.size(data), chartDir, name, alt));
            }
        }
        int generic = jobs.size();
        List<String> scenarioNames = new ArrayList<>();
        scenarioJobs(scenarios, chartDir, jobs, scenarioNames);
        ScenarioFigures.parentSize(floors).ifPresent(data -> add(jobs, scenarioNames, ScenarioPages.PARENT_SIZE,
                () -> png(charts.line(data), charts.size(data), chartDir, ScenarioPages.PARENT_SIZE,
                        "Line chart of the cost per child by the parent's touched heap, per spawn path. " + describe(data))));
        List<Image> images = runAll(jobs);
        Image gapImage = gap.isEmpty() ? null : images.get(0);
        List<Image> groupImages = images.subList(gap.isEmpty() ? 0 : 1, generic);
        Map<String, Image> scenarioImages = new HashMap<>();
        for (int i = 0; i < scenarioNames.size(); i++) {
            scenarioImages.put(scenarioNames.get(i), images.get(generic + i));
        }
        int count = images.size();
        List<String> warnings = new ArrayList<>(inputWarnings);
        List<String> chartWarnings = new ArrayList<>();
        if (!chartText.missing().isEmpty()) {
            chartWarnings.add("charts: no installed font has the characters " + chartText.missing()
                    + " of some names; the PNGs draw them as " + ChartText.REPLACEMENT + " (the tables on this page show them)");
        }
        warnings.addAll(chartWarnings);
        List<Page.Links> links = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            links.add(link(files.get(i), i, out, tmp));
        }
        PageModel.Root page = Page.build(files, labels, gap, gapImage, groups, groupImages, floors, links, scenarios,
                scenarioImages);
        try (InputStream css = resource(STYLE)) {
            Files.copy(css, tmp.resolve(STYLE));
        }
        MustacheFactory factory = new DefaultMustacheFactory(TEMPLATE_ROOT);
        Mustache template = factory.compile(TEMPLATE);
        try (Writer w = Files.newBufferedWriter(tmp.resolve(INDEX), StandardCharsets.UTF_8)) {
            // the warnings are a scope of their own, so the page model does not need to know them
            template.execute(w, new Object[] {page, new Warnings(List.copyOf(warnings))});
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return new Output(tmp.resolve(INDEX), count, chartWarnings);
    }

    /** Every name a chart may show: labels, benchmark names, param names and values. */
    private static String namesOf(List<ResultFile> files) {
        StringBuilder all = new StringBuilder();
        for (ResultFile f : files) {
            all.append(f.label());
            f.results().forEach(r -> {
                all.append(r.benchmark());
                r.params().forEach((k, v) -> all.append(k).append(v));
            });
        }
        return all.toString();
    }

    /** What the page's warnings block shows: each line as printed on stderr. */
    public record Warnings(List<String> warnings) {
        public boolean hasWarnings() {
            return !warnings.isEmpty();
        }
    }

    /** The chart's numbers as text, for its alt attribute: "JDK 17: CALLER_THREAD 41.1 µs, ...". */
    static String describe(BarData data) {
        List<String> parts = new ArrayList<>();
        for (String series : data.series()) {
            Map<String, io.github.poolbench.report.analysis.Estimate> values = data.values().getOrDefault(series, Map.of());
            List<String> items = new ArrayList<>();
            for (String category : data.categories()) {
                if (values.containsKey(category)) {
                    items.add(category + " " + data.format().apply(values.get(category).value()));
                }
            }
            if (!items.isEmpty()) {
                parts.add(series + ": " + String.join(", ", items));
            }
        }
        return String.join("; ", parts) + ".";
    }

    /** The charts of the scenario sections present in the files, each named by its file. */
    private void scenarioJobs(Scenarios s, Path chartDir, List<Callable<Image>> jobs, List<String> names) {
        if (!s.apply().isEmpty()) {
            BarData data = ScenarioFigures.apply(s.apply());
            add(jobs, names, ScenarioPages.APPLY, () -> png(charts.bar(data), charts.size(data), chartDir, ScenarioPages.APPLY,
                    "Bar chart of apply and apply_async, measured beside the model. " + describe(data)));
        }
        if (!s.echo().isEmpty()) {
            LineData data = ScenarioFigures.echo(s.echo());
            add(jobs, names, ScenarioPages.ECHO, () -> png(charts.line(data), charts.size(data), chartDir, ScenarioPages.ECHO,
                    "Line chart of the wait for the first reply by client rank. " + describe(data)));
        }
        ScenarioFigures.lifecycle(s.lifecycle()).ifPresent(data -> add(jobs, names, ScenarioPages.LIFECYCLE,
                () -> png(charts.line(data), charts.size(data), chartDir, ScenarioPages.LIFECYCLE,
                        "Line chart of pool create-and-close time by pool size. " + describe(data))));
        if (!s.sweep().isEmpty()) {
            LineData total = ScenarioFigures.sweepTotal(s.sweep());
            LineData perTask = ScenarioFigures.sweepPerTask(s.sweep());
            add(jobs, names, ScenarioPages.SWEEP_TOTAL, () -> png(charts.line(total), charts.size(total), chartDir,
                    ScenarioPages.SWEEP_TOTAL, "Log-log chart of batch time by task count. " + describe(total)));
            add(jobs, names, ScenarioPages.SWEEP_PER_TASK, () -> png(charts.line(perTask), charts.size(perTask), chartDir,
                    ScenarioPages.SWEEP_PER_TASK, "Chart of the cost per task by task count. " + describe(perTask)));
        }
        ScenarioFigures.efficiency(s.weight()).ifPresent(data -> add(jobs, names, ScenarioPages.WEIGHT,
                () -> png(charts.line(data), charts.size(data), chartDir, ScenarioPages.WEIGHT,
                        "Line chart of efficiency by CPU work per task. " + describe(data))));
        ScenarioFigures.poolSize(s.poolSize()).ifPresent(data -> add(jobs, names, ScenarioPages.POOL_SIZE,
                () -> png(charts.line(data), charts.size(data), chartDir, ScenarioPages.POOL_SIZE,
                        "Line chart of batch time by pool size. " + describe(data))));
    }

    private static void add(List<Callable<Image>> jobs, List<String> names, String name, Callable<Image> job) {
        jobs.add(job);
        names.add(name);
    }

    /** A line chart's numbers as text, for its alt attribute: "FIXED_THREAD_POOL: 1 → 2.3 ms, 2 → 4.1 ms; ...". */
    static String describe(LineData data) {
        List<String> parts = new ArrayList<>();
        for (String series : data.order()) {
            List<String> items = new ArrayList<>();
            data.series().getOrDefault(series, new TreeMap<>()).forEach((x, e) ->
                    items.add(Units.formatNumberShort(x) + " → " + data.format().apply(e.value())));
            if (!items.isEmpty()) {
                parts.add(series + ": " + String.join(", ", items));
            }
        }
        return String.join("; ", parts) + ".";
    }

    private static List<Image> runAll(List<Callable<Image>> jobs) throws IOException {
        int threads = Math.max(1, Math.min(jobs.size(), Math.min(4, Runtime.getRuntime().availableProcessors())));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "poolbench-chart");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Image>> futures = new ArrayList<>();
            for (Callable<Image> job : jobs) {
                futures.add(pool.submit(job));
            }
            List<Image> images = new ArrayList<>();
            for (Future<Image> f : futures) {
                images.add(f.get());
            }
            return images;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while drawing the charts", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } finally {
            pool.shutdownNow();
        }
    }

    private Image png(JFreeChart chart, Dimension size, Path dir, String name, String alt) throws IOException {
        chartText.apply(chart);
        Charts.writePng(chart, size, dir.resolve(name));
        return new Image(CHARTS + "/" + name, alt, size.width, size.height);
    }

    /**
     * The page links a file's raw JSON (and env record) where it lies when that is inside the
     * report directory, as in a run directory; otherwise a copy goes to {@code data/}.
     */
    private static Page.Links link(ResultFile f, int index, Path out, Path tmp) throws IOException {
        Path source = f.source().toAbsolutePath().normalize();
        Path env = RunFiles.envFileFor(source);
        // charts/ and data/ are replaced by this report: a file read from there (re-rendering a
        // report from its own copied data) is copied into the new data/, never linked in place
        boolean inReplaced = source.startsWith(out.resolve(DATA)) || source.startsWith(out.resolve(CHARTS))
                || out.relativize(source).toString().startsWith(TMP_PREFIX);
        if (source.startsWith(out) && !inReplaced) {
            return new Page.Links(href(out.relativize(source)), Files.isRegularFile(env) ? href(out.relativize(env)) : null);
        }
        Path dataDir = Files.createDirectories(tmp.resolve(DATA));
        if (!Files.exists(dataDir.resolve(MARKER))) {
            Files.createFile(dataDir.resolve(MARKER));
        }
        String name = source.startsWith(out.resolve(DATA)) ? source.getFileName().toString()
                : String.format(Locale.ROOT, "%02d-%s.json", index + 1, slug(stem(source)));
        for (int n = 2; Files.exists(dataDir.resolve(name)) || Files.exists(dataDir.resolve(RunFiles.envFileFor(Path.of(name)))); n++) {
            name = String.format(Locale.ROOT, "%02d-%s-%d.json", index + 1, slug(stem(source)), n);
        }
        Path copy = dataDir.resolve(name);
        Files.copy(source, copy);
        String envHref = null;
        if (Files.isRegularFile(env)) {
            Path envCopy = RunFiles.envFileFor(copy);
            Files.copy(env, envCopy);
            envHref = DATA + "/" + envCopy.getFileName();
        }
        return new Page.Links(DATA + "/" + name, envHref);
    }

    private static String href(Path relative) {
        List<String> parts = new ArrayList<>();
        relative.forEach(p -> parts.add(URLEncoder.encode(p.toString(), StandardCharsets.UTF_8).replace("+", "%20")));
        return String.join("/", parts);
    }

    private static String stem(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    /** File-name-safe: letters, digits and single dashes, at most 60 characters. */
    static String slug(String s) {
        String slug = s.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > 60) {
            slug = slug.substring(0, 60).replaceAll("-+$", "");
        }
        return slug.isEmpty() ? "benchmark" : slug;
    }

    /**
     * A report replaces only what an earlier report wrote: an {@code index.html} or a
     * {@code charts/} or {@code data/} of somebody else's in the output directory stops it.
     */
    static void refuseToReplaceForeignFiles(Path out) throws IOException {
        Path index = out.resolve(INDEX);
        if (Files.exists(index)) {
            String head;
            try (java.io.BufferedReader r = Files.newBufferedReader(index, StandardCharsets.UTF_8)) {
                char[] buf = new char[2048];
                int n = r.read(buf);
                head = n < 0 ? "" : new String(buf, 0, n);
            } catch (java.nio.charset.MalformedInputException e) {
                head = "";
            }
            if (!head.contains(GENERATOR)) {
                throw new IOException(index + " exists and is not a poolbench report; choose another -o");
            }
        }
        for (String dir : List.of(CHARTS, DATA)) {
            Path d = out.resolve(dir);
            if (Files.exists(d) && !Files.exists(d.resolve(MARKER))) {
                throw new IOException(d + " exists and is not from a poolbench report; choose another -o");
            }
        }
    }

    /**
     * Moves the finished report into place: the directories first (the old ones out of the way,
     * then the new ones in), the stylesheet, and {@code index.html} last.
     */
    private static void commit(Path tmp, Path out) throws IOException {
        Path old = Files.createDirectory(tmp.resolve(".old"));
        for (String dir : List.of(CHARTS, DATA)) {
            Path target = out.resolve(dir);
            if (Files.exists(target)) {
                move(target, old.resolve(dir));
            }
            if (Files.exists(tmp.resolve(dir))) {
                move(tmp.resolve(dir), target);
            }
        }
        move(tmp.resolve(STYLE), out.resolve(STYLE));
        move(tmp.resolve(INDEX), out.resolve(INDEX));
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = ReportRenderer.class.getClassLoader().getResourceAsStream(TEMPLATE_ROOT + "/" + name);
        if (in == null) {
            throw new IOException("the jar lacks its resource " + TEMPLATE_ROOT + "/" + name);
        }
        return in;
    }

    /** Removes a folder and everything in it (links are removed, not followed); nothing when it is not there. */
    public static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
