package io.github.poolbench.report.render;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import io.github.poolbench.report.OutputFolder;
import io.github.poolbench.report.analysis.Group;
import io.github.poolbench.report.analysis.OverheadGap;
import io.github.poolbench.report.analysis.ReportAnalysis;
import io.github.poolbench.report.analysis.Scenarios;
import io.github.poolbench.report.model.ResultFile;
import io.github.poolbench.report.render.PageModel.Image;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Renders a report into a directory: {@code index.html}, {@code style.css}, {@code charts/*.png}
 * and, for input files that are not already inside it, {@code data/} copies of the JSON so the
 * page links to its raw data.
 *
 * <p>Which folder it may write and how the files are committed (a temporary folder, then
 * renames, {@code index.html} last) is {@link OutputFolder}'s; a failure leaves the previous
 * report as it was and no half-written one.
 */
public final class ReportRenderer {
    static final String INDEX = "index.html";
    static final String STYLE = "style.css";
    static final String CHARTS = "charts";
    static final String DATA = "data";
    private static final String TEMPLATE_ROOT = "report";
    private static final String TEMPLATE = "index.html.mustache";
    /** Left in charts/ and data/ so a later report knows they are its own to replace. */
    static final String MARKER = OutputFolder.MARKER;
    /** The overhead gap's chart. */
    static final String GAP_CHART = "gap.png";
    private final ChartStyle style;

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

    /** As {@link #render(List, ReportAnalysis, Path, List)}, analysing the files first (this machine's cores assumed where none are recorded). */
    public Output render(List<ResultFile> files, Path outDir, List<String> warnings) throws IOException {
        return render(files, ReportAnalysis.of(files, Runtime.getRuntime().availableProcessors()), outDir, warnings);
    }

    /**
     * Renders {@code files} into {@code outDir}, showing {@code warnings} (one line each, as
     * printed on stderr) at the top of the page.
     *
     * <p>{@code outDir} must be a folder this renderer may write: one that does not exist yet
     * (it is created), an empty one, or a report folder written earlier (see {@link OutputFolder#owns}).
     * Anything else is refused with an {@link OutputFolder.Refused} before anything is written.
     *
     * @throws OutputFolder.Refused when {@code outDir} is not a folder the report may write into
     * @throws InputCopies.InputUnreadable when an input file can no longer be read for its copy in {@code data/}
     */
    public Output render(List<ResultFile> files, ReportAnalysis analysis, Path outDir, List<String> warnings)
            throws IOException {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("nothing to render");
        }
        Path out = outDir.toAbsolutePath().normalize();
        Output written = OutputFolder.write(out, List.of(CHARTS, DATA, STYLE, INDEX), ReportRenderer::whose,
                tmp -> writeAll(files, analysis, out, tmp, warnings));
        return new Output(out.resolve(INDEX), written.charts(), written.warnings());
    }

    /**
     * A report replaces only what an earlier report wrote: an {@code index.html}, or a
     * {@code charts/} or {@code data/} without the marker, of somebody else's stops it.
     */
    private static String whose(Path entry) {
        String name = entry.getFileName().toString();
        if (name.equals(INDEX) && Files.exists(entry) && !OutputFolder.isOurPage(entry)) {
            return entry + " exists and is not a poolbench report; choose another -o";
        }
        if ((name.equals(CHARTS) || name.equals(DATA)) && Files.exists(entry) && !Files.exists(entry.resolve(MARKER))) {
            return entry + " exists and is not from a poolbench report; choose another -o";
        }
        return null;
    }

    private Output writeAll(List<ResultFile> files, ReportAnalysis analysis, Path out, Path tmp, List<String> inputWarnings)
            throws IOException {
        // a font that has the names' characters when one is installed; else they are drawn as "?"
        ChartStyle chartStyle = style.withFontsFor(namesOf(files));
        ChartText chartText = new ChartText(chartStyle.tickLabel());
        Path chartDir = Files.createDirectories(tmp.resolve(CHARTS));
        Files.createFile(chartDir.resolve(MARKER));
        ChartJobs jobs = new ChartJobs(new Charts(chartStyle), chartText, chartDir);
        OverheadGap gap = analysis.gap();
        if (!gap.isEmpty()) {
            BarData data = Figures.gap(gap);
            jobs.bar(GAP_CHART, data, "Bar chart, " + data.axisLabel() + ", per strategy. ");
        }
        List<String> groupCharts = new ArrayList<>();
        List<Group> groups = analysis.groups();
        for (int i = 0; i < groups.size(); i++) {
            Group g = groups.get(i);
            String name = String.format(Locale.ROOT, "%02d-%s.png", i + 1, slug(g.title() + "-" + g.mode()));
            String alt = "Chart of " + g.title() + " (" + Figures.modeName(g.mode()) + ")";
            if (Figures.isLine(g)) {
                jobs.lineWithAlt(name, Figures.lines(g), alt + " over " + g.xParam());
            } else {
                jobs.barWithAlt(name, Figures.bars(g), alt);
            }
            groupCharts.add(name);
        }
        scenarioCharts(analysis, jobs);
        Map<String, Image> images = jobs.drawAll();
        List<String> warnings = new ArrayList<>(inputWarnings);
        List<String> chartWarnings = new ArrayList<>();
        if (!chartText.missing().isEmpty()) {
            chartWarnings.add("charts: no installed font has the characters " + chartText.missing()
                    + " of some names; the PNGs draw them as " + ChartText.REPLACEMENT + " (the tables on this page show them)");
        }
        warnings.addAll(chartWarnings);
        List<Page.Links> links = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            links.add(InputCopies.link(files.get(i), i, out, tmp));
        }
        PageModel.Root page = Page.build(files, analysis.labels(), gap, images.get(GAP_CHART), groups,
                groupCharts.stream().map(images::get).toList(), analysis.floors(), links, analysis.scenarios(), images);
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
        return new Output(tmp.resolve(INDEX), images.size(), chartWarnings);
    }

    /** The charts of the scenario sections present in the files, each named by its file. */
    private static void scenarioCharts(ReportAnalysis analysis, ChartJobs jobs) {
        Scenarios s = analysis.scenarios();
        if (!s.apply().isEmpty()) {
            jobs.bar(ScenarioPages.APPLY, ScenarioFigures.apply(s.apply()),
                    "Bar chart of apply and apply_async, measured beside the model. ");
        }
        if (!s.echo().isEmpty()) {
            jobs.line(ScenarioPages.ECHO, ScenarioFigures.echo(s.echo()),
                    "Line chart of the wait for the first reply by client rank. ");
        }
        ScenarioFigures.lifecycle(s.lifecycle()).ifPresent(data -> jobs.line(ScenarioPages.LIFECYCLE, data,
                "Line chart of pool create-and-close time by pool size. "));
        if (!s.sweep().isEmpty()) {
            jobs.line(ScenarioPages.SWEEP_TOTAL, ScenarioFigures.sweepTotal(s.sweep()),
                    "Log-log chart of batch time by task count. ");
            jobs.line(ScenarioPages.SWEEP_PER_TASK, ScenarioFigures.sweepPerTask(s.sweep()),
                    "Chart of the cost per task by task count. ");
        }
        ScenarioFigures.efficiency(s.weight()).ifPresent(data -> jobs.line(ScenarioPages.WEIGHT, data,
                "Line chart of efficiency by CPU work per task. "));
        ScenarioFigures.poolSize(s.poolSize()).ifPresent(data -> jobs.line(ScenarioPages.POOL_SIZE, data,
                "Line chart of batch time by pool size. "));
        ScenarioFigures.parentSize(analysis.floors()).ifPresent(data -> jobs.line(ScenarioPages.PARENT_SIZE, data,
                "Line chart of the cost per child by the parent's touched heap, per spawn path. "));
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

    /** File-name-safe: letters, digits and single dashes, at most 60 characters. */
    static String slug(String s) {
        String slug = s.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > 60) {
            slug = slug.substring(0, 60).replaceAll("-+$", "");
        }
        return slug.isEmpty() ? "benchmark" : slug;
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = ReportRenderer.class.getClassLoader().getResourceAsStream(TEMPLATE_ROOT + "/" + name);
        if (in == null) {
            throw new IOException("the jar lacks its resource " + TEMPLATE_ROOT + "/" + name);
        }
        return in;
    }

}
