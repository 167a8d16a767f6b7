package io.github.poolbench.report.render;

import io.github.poolbench.report.analysis.BenchmarkNames;
import io.github.poolbench.report.analysis.Estimate;
import io.github.poolbench.report.analysis.Floors;
import io.github.poolbench.report.analysis.Group;
import io.github.poolbench.report.analysis.Headline;
import io.github.poolbench.report.analysis.OverheadGap;
import io.github.poolbench.report.analysis.Params;
import io.github.poolbench.report.analysis.Row;
import io.github.poolbench.report.analysis.Scenarios;
import io.github.poolbench.report.analysis.Strategies;
import io.github.poolbench.report.analysis.Units;
import io.github.poolbench.report.model.BenchmarkResult;
import io.github.poolbench.report.model.ResultFile;
import io.github.poolbench.report.render.PageModel.Entry;
import io.github.poolbench.report.render.PageModel.FileView;
import io.github.poolbench.report.render.PageModel.GapRow;
import io.github.poolbench.report.render.PageModel.GroupView;
import io.github.poolbench.report.render.PageModel.Image;
import io.github.poolbench.report.render.PageModel.RatioRow;
import io.github.poolbench.report.render.PageModel.TableRow;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Builds the {@link PageModel} from the analysis: every number on the page is written here. */
final class Page {
    private Page() {
    }

    /** Where a file's raw JSON and environment record are linked from the page (null: not linked). */
    record Links(String json, String env) {
    }

    static PageModel.Root build(List<ResultFile> files, List<String> labels, OverheadGap gap, Image gapChart,
                                List<Group> groups, List<Image> groupCharts, Floors.Analysis floors,
                                List<Links> links, Scenarios scenarios, Map<String, Image> scenarioCharts) {
        boolean multi = labels.size() > 1;
        List<String> headlines = new ArrayList<>();
        for (String label : labels) {
            Headline.sentence(gap, label, !multi).ifPresent(headlines::add);
        }
        // the break-even task sizes belong to the headline section, after the gap's sentences
        headlines.addAll(scenarios.findings());
        String lead;
        if (!headlines.isEmpty()) {
            lead = headlines.remove(0);
        } else {
            long rows = files.stream().mapToLong(f -> f.results().size()).sum();
            lead = rows + (rows == 1 ? " result" : " results") + " in " + groups.size()
                    + (groups.size() == 1 ? " benchmark group" : " benchmark groups") + " from "
                    + String.join(", ", labels) + ".";
        }
        List<GapRow> gapRows = gapRows(gap);
        List<RatioRow> ratios = gap.ratios().stream().map(r -> new RatioRow(r.label(), r.perTask(), r.pooled(),
                Units.formatRatio(r.ratio().value()), interval(r.ratio()))).toList();
        PageModel.FloorsView floorsView = ScenarioPages.floors(floors, labels, scenarioCharts.get(ScenarioPages.PARENT_SIZE));
        List<GroupView> views = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            views.add(groupView(i, groups.get(i), groupCharts.get(i)));
        }
        List<FileView> fileViews = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            fileViews.add(fileView(files.get(i), links.get(i)));
        }
        return new PageModel.Root("poolbench report: " + String.join(" vs ", labels), labels, multi, lead, headlines,
                gap.isEmpty() ? null : Headline.documented(), !gap.isEmpty(), gapChart, gapRows, ratios,
                Units.formatRatio(OverheadGap.documentedGap()),
                "Overhead per task = (batch time − " + Strategies.BASELINE + " batch time) / tasks: what handing a task "
                        + "to the strategy costs beyond doing the work inline. “within noise” means the JMH "
                        + "intervals of the two overlap.",
                floorsView != null, floorsView,
                ScenarioPages.apply(scenarios.apply(), scenarioCharts.get(ScenarioPages.APPLY)),
                ScenarioPages.echo(scenarios.echo(), scenarioCharts.get(ScenarioPages.ECHO)),
                ScenarioPages.lifecycle(scenarios.lifecycle(), scenarioCharts.get(ScenarioPages.LIFECYCLE)),
                ScenarioPages.sweep(scenarios.sweep(), scenarioCharts.get(ScenarioPages.SWEEP_TOTAL),
                        scenarioCharts.get(ScenarioPages.SWEEP_PER_TASK)),
                ScenarioPages.weight(scenarios.weight(), scenarioCharts.get(ScenarioPages.WEIGHT)),
                ScenarioPages.poolSize(scenarios.poolSize(), scenarioCharts.get(ScenarioPages.POOL_SIZE)),
                views, fileViews, "poolbench report");
    }

    private static List<GapRow> gapRows(OverheadGap gap) {
        List<GapRow> rows = new ArrayList<>();
        for (String strategy : gap.strategies()) {
            for (String label : gap.labels()) {
                Optional<OverheadGap.Entry> found = gap.entry(label, strategy);
                if (found.isEmpty()) {
                    continue;
                }
                OverheadGap.Entry e = found.get();
                String vsPooled = Strategies.pooledCounterpart(strategy).flatMap(p -> gap.entry(label, p))
                        .map(p -> Units.formatRatio(OverheadGap.gapRatio(e.perThousand(), p.perThousand()).value()) + " "
                                + p.strategy())
                        .orElse("");
                String overhead;
                if (e.overhead() == null) {
                    overhead = Strategies.BASELINE.equals(strategy) ? "baseline" : "";
                } else if (e.overhead().includesZero()) {
                    overhead = Units.formatSeconds(e.overhead().value()) + " (within noise)";
                } else if (e.overhead().value() < 0) {
                    overhead = Units.formatSeconds(e.overhead().value()) + " (below the baseline: noise)";
                } else {
                    overhead = Units.formatSeconds(e.overhead().value());
                }
                String measuredAs;
                if (e.documented()) {
                    measuredAs = "the document's figure";
                } else {
                    BenchmarkResult r = e.result();
                    measuredAs = r.simpleClassName() + "." + r.method() + ", " + Figures.modeName(r.mode())
                            + paramsNote(r) + (e.tasks() > 0 && e.tasks() != OverheadGap.DOCUMENTED_TASKS
                            ? "; scaled from " + e.tasks() + " tasks" : "");
                }
                String description = e.documented()
                        ? ("PROCESS_PER_TASK".equals(strategy) ? "a new Python Process per task" : "Python's Pool(5)")
                        : Strategies.describe(strategy, e.result().className());
                rows.add(new GapRow(strategy, description, label, e.documented(),
                        Units.formatSeconds(e.perThousand().value()), Units.formatSeconds(e.perTask().value()),
                        overhead, vsPooled, measuredAs));
            }
        }
        return rows;
    }

    private static String paramsNote(BenchmarkResult r) {
        TreeMap<String, String> p = new TreeMap<>(r.params());
        p.remove(Strategies.PARAM);
        String s = Params.describe(p);
        return s.isEmpty() ? "" : " (" + s + ")";
    }

    private static String interval(Estimate e) {
        if (!(e.high() > e.low()) || !Double.isFinite(e.low()) || !Double.isFinite(e.high())) {
            return "";
        }
        if (e.low() <= 0) {
            // JMH's interval is symmetric, so a score whose error exceeds it reaches below zero;
            // a ratio of times cannot, so only the upper bound says anything.
            return "up to " + Units.formatRatio(e.high()) + " (error wider than the score)";
        }
        return Units.formatRatio(e.low()) + " – " + Units.formatRatio(e.high());
    }

    private static GroupView groupView(int index, Group g, Image chart) {
        Figures.Scale scale = Figures.scale(g);
        List<String> paramColumns = new ArrayList<>();
        if (g.seriesParam() != null) {
            paramColumns.add(g.seriesParam());
        }
        g.varyingParams().stream().filter(p -> !p.equals(g.seriesParam())).forEach(paramColumns::add);
        List<TableRow> rows = new ArrayList<>();
        for (Map<String, Row> combination : g.byCombination()) {
            Row any = combination.values().iterator().next();
            List<String> params = paramColumns.stream().map(p -> {
                String v = any.result().param(p);
                return v == null ? "–" : v;
            }).toList();
            List<String> cells = g.labels().stream().map(label -> {
                Row r = combination.get(label);
                if (r == null) {
                    return "–";
                }
                int n = r.result().primary().samples().size();
                return Figures.value(r).map(scale::cell).orElse("n/a") + (n > 0 ? " (n=" + n + ")" : "")
                        + allocation(r.result());
            }).toList();
            rows.add(new TableRow(params, cells));
        }
        String benchmark = g.rows().stream().map(r -> r.result().benchmark()).distinct().collect(Collectors.joining(", "));
        return new GroupView("group-" + (index + 1), g.title(), benchmark, Figures.modeName(g.mode()),
                Params.describe(g.commonParams()), chart, paramColumns, g.labels(), rows, scale.unitName());
    }

    /** " · 37,200 B/op" from {@code -prof gc} (JMH before 1.30 prefixed its name with "·"); "" without it. */
    private static String allocation(BenchmarkResult r) {
        return r.secondary().entrySet().stream()
                .filter(e -> e.getKey().endsWith("gc.alloc.rate.norm") && Double.isFinite(e.getValue().score()))
                .findFirst()
                .map(e -> " · " + Units.formatNumber(e.getValue().score()) + " " + e.getValue().unit() + " allocated")
                .orElse("");
    }

    private static FileView fileView(ResultFile f, Links links) {
        List<Entry> run = new ArrayList<>();
        BenchmarkResult.RunSettings s = f.results().get(0).run();
        add(run, "results", String.valueOf(f.results().size()));
        add(run, "JMH", s.jmhVersion());
        add(run, "JDK", s.jdkVersion());
        add(run, "VM", join(s.vmName(), s.vmVersion()));
        add(run, "JVM", s.jvm());
        add(run, "JVM args", s.jvmArgs().isEmpty() ? null : String.join(" ", s.jvmArgs()));
        add(run, "forks", s.forks() > 0 ? String.valueOf(s.forks()) : null);
        add(run, "threads", s.threads() > 0 ? String.valueOf(s.threads()) : null);
        add(run, "warmup", s.warmupTime() == null ? null : s.warmupIterations() + " × " + s.warmupTime());
        add(run, "measurement", s.measurementTime() == null ? null : s.measurementIterations() + " × " + s.measurementTime());
        List<Entry> env = new ArrayList<>();
        f.env().forEach((k, v) -> add(env, k, v instanceof Collection<?> c
                ? c.stream().map(String::valueOf).collect(Collectors.joining(" ")) : String.valueOf(v)));
        return new FileView(f.label(), f.source().toString(), links.json(), links.env(), run, env);
    }

    private static String join(String a, String b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : a + " " + b;
    }

    private static void add(List<Entry> list, String key, String value) {
        if (value != null && !value.isEmpty()) {
            list.add(new Entry(key, value));
        }
    }
}
