package io.github.poolbench.report.render;

import io.github.poolbench.report.analysis.BenchmarkNames;
import io.github.poolbench.report.analysis.Choice;
import io.github.poolbench.report.analysis.Spread;
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
        Headline.second(gap, multi).ifPresent(headlines::add);
        String lead = Headline.lead(gap, multi).orElse(null);
        if (lead == null) {
            long rows = files.stream().mapToLong(f -> f.results().size()).sum();
            lead = rows + (rows == 1 ? " result" : " results") + " in " + groups.size()
                    + (groups.size() == 1 ? " benchmark group" : " benchmark groups") + " from "
                    + String.join(", ", labels) + ".";
        }
        List<PageModel.HeadlineRow> headlineTable = new ArrayList<>();
        List<List<Optional<Headline.Gap>>> table = Headline.table(gap);
        // only the ratios some file has: a column of dashes says nothing
        List<Integer> shown = new ArrayList<>();
        for (int i = 0; i < Headline.TABLE.size(); i++) {
            int column = i;
            if (table.stream().anyMatch(r -> r.get(column).isPresent())) {
                shown.add(i);
            }
        }
        for (List<Optional<Headline.Gap>> row : table) {
            String label = row.stream().flatMap(Optional::stream).findFirst().orElseThrow().label();
            List<PageModel.Cell> cells = new ArrayList<>();
            for (int i : shown) {
                String name = Headline.TABLE.get(i).name();
                cells.add(row.get(i).map(x -> new PageModel.Cell(name, x.ratioText(), x.shortInterval()))
                        .orElse(new PageModel.Cell(name, "–", "")));
            }
            headlineTable.add(new PageModel.HeadlineRow(label, cells));
        }
        List<String> headlineColumns = shown.stream().map(i -> Headline.TABLE.get(i).name()).toList();
        String headlineNote = "Each ratio is the median of the per-task strategy's fork means ÷ the median of the "
                + "pool's, for " + OverheadGap.DOCUMENTED_TASKS + " increments. Its interval is the widest the two "
                + "ranges of fork means allow (smallest ÷ largest to largest ÷ smallest): with 3 forks a t interval "
                + "would rest on 2 degrees of freedom, the range claims only what was seen. “(1 fork)”: no fork-to-fork "
                + "spread was measured, the interval is JMH's 99.9% over that fork's iterations.";
        List<String> findings = new ArrayList<>(scenarios.findings());
        List<PageModel.ChoiceRow> choices = choices(gap, scenarios.weight(), multi);
        List<String> rowWarnings = rowWarnings(files, multi);
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
                gap.isEmpty() ? null : Headline.documented(), headlineColumns, headlineTable, headlineNote, findings,
                choices, "Within 10% means even the strategy's slowest fork mean is within 10% of the quickest's "
                + "fastest; clearly over means even its fastest is more than 10% over the quickest's slowest; "
                + "the rest the forks cannot place on this machine.", rowWarnings,
                !gap.isEmpty(), gapChart, gapRows, ratios,
                Units.formatRatio(OverheadGap.documentedGap()),
                "Overhead per task = (batch time − " + Strategies.BASELINE + " batch time) / tasks: what handing a task "
                        + "to the strategy costs beyond doing the work inline. Times are medians of fork means "
                        + "(range of the fork means in brackets); “within noise” means the interval of the row "
                        + "and that of the baseline overlap.",
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
                    overhead = Units.formatSeconds(e.overhead().value()) + " (within noise: the intervals overlap"
                            + Spread.warning(e.result().primary()).map(w -> "; " + w).orElse("") + ")";
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
                        ScenarioPages.time(e.perThousand()),
                        Units.formatSeconds(e.perTask().value()),
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

    /** The one way a ratio's interval is shown: "2,620× – 2,890×", "up to ..." when it reaches zero, "" when none. */
    static String interval(Estimate e) {
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
        boolean anyDetails = false;
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
                var m = r.result().primary();
                int n = m.samples().size();
                String forks = n > 0 ? " · " + (Spread.warning(m).isPresent() ? "⚠ " : "") + m.forkCount()
                        + (m.forkCount() == 1 ? " fork" : " forks") + ", n=" + n : "";
                return Figures.value(r).map(scale::cell).orElse("n/a") + forks;
            }).toList();
            List<String> details = new ArrayList<>();
            for (String label : g.labels()) {
                Row r = combination.get(label);
                if (r != null) {
                    String prefix = g.labels().size() > 1 ? label + ": " : "";
                    details(r.result()).forEach(d -> details.add(prefix + d));
                }
            }
            anyDetails |= !details.isEmpty();
            rows.add(new TableRow(params, cells, details));
        }
        String benchmark = g.rows().stream().map(r -> r.result().benchmark()).distinct().collect(Collectors.joining(", "));
        return new GroupView("group-" + (index + 1), g.title(), benchmark, Figures.modeName(g.mode()),
                Params.describe(g.commonParams()), chart, paramColumns, g.labels(), rows, scale.unitName(), anyDetails);
    }

    /**
     * What a row holds beyond its score: two clusters of iterations, sample-mode percentiles,
     * every secondary metric (allocation per op, the EVENTS counters...).
     */
    static List<String> details(BenchmarkResult r) {
        List<String> out = new ArrayList<>();
        var m = r.primary();
        boolean time = Units.kind(m.unit()) == Units.Kind.TIME_PER_OP;
        Spread.bimodal(m.samples()).ifPresent(b -> out.add(bimodalText(b, m.unit(), time)));
        if ("sample".equals(r.mode()) && !m.percentiles().isEmpty()) {
            List<String> p = new ArrayList<>();
            for (double q : new double[] {50, 90, 99, 99.9}) {
                Double v = m.percentiles().get(q);
                if (v != null) {
                    p.add("p" + Units.formatNumberShort(q) + " " + unitValue(v, m.unit(), time));
                }
            }
            if (!p.isEmpty()) {
                out.add(String.join(" · ", p));
            }
        }
        r.secondary().forEach((name, sm) -> {
            // JMH's own score: an EVENTS counter is a sum over iterations, not a mean per fork
            Estimate e = Estimate.of(sm.score(), sm.scoreError());
            String interval = e.high() > e.low() && Double.isFinite(e.low())
                    ? " (" + Units.formatNumber(e.low()) + " – " + Units.formatNumber(e.high()) + ")" : "";
            out.add(name + ": " + Units.formatNumber(e.value()) + interval + (sm.unit().isEmpty() ? "" : " " + sm.unit()));
        });
        return out;
    }

    /** "bimodal: ~6.5 µs and ~50 µs (1 and 4 iterations)" in the row's own unit. */
    static String bimodalText(Spread.Bimodal b, String unit, boolean time) {
        return "bimodal: ~" + unitValue(b.low(), unit, time) + " and ~" + unitValue(b.high(), unit, time) + " ("
                + b.lowCount() + " and " + b.highCount() + " iterations; often cross-CPU wake-ups: compare a pinned run)";
    }

    private static String unitValue(double v, String unit, boolean time) {
        if (time) {
            return Units.formatSeconds(Units.secondsPerOp(v, Double.NaN, unit).orElseThrow().value());
        }
        return Units.formatNumber(v) + " " + unit;
    }

    /**
     * "What should I use here?": per file, the increment workload at its task count and every
     * task size of the weight sweep (per setting), with the strategies within 10% of the quickest.
     */
    static List<PageModel.ChoiceRow> choices(OverheadGap gap, io.github.poolbench.report.analysis.TaskWeight weight,
                                             boolean multi) {
        List<PageModel.ChoiceRow> out = new ArrayList<>();
        for (String label : gap.labels()) {
            if (OverheadGap.DOCUMENTED_LABEL.equals(label)) {
                continue;
            }
            Map<String, Estimate> times = new java.util.LinkedHashMap<>();
            gap.entries().stream().filter(e -> e.label().equals(label)).forEach(e -> times.put(e.strategy(), e.perThousand()));
            Choice.of(times).ifPresent(c -> out.add(choiceRow(label, OverheadGap.DOCUMENTED_TASKS + " increments", c)));
        }
        Map<List<Object>, Map<String, Estimate>> sizes = new java.util.LinkedHashMap<>();
        for (var e : weight.entries()) {
            sizes.computeIfAbsent(List.of(e.label(), e.setting(), e.workMicros()), k -> new java.util.LinkedHashMap<>())
                    .putIfAbsent(e.strategy(), e.measured());
        }
        sizes.forEach((key, times) -> {
            String setting = Params.describe(new TreeMap<>((Map<String, String>) key.get(1)));
            String workload = "tasks of " + Units.formatSecondsShort((double) key.get(2) * 1e-6) + " CPU work"
                    + (setting.isEmpty() ? "" : " (" + setting + ")");
            Choice.of(times).ifPresent(c -> out.add(choiceRow((String) key.get(0), workload, c)));
        });
        return out;
    }

    private static PageModel.ChoiceRow choiceRow(String label, String workload, Choice.Result c) {
        java.util.function.Function<Choice.Verdict, String> list = v -> c.options().stream()
                .filter(o -> o.verdict() == v).map(o -> o.strategy() + " " + ScenarioPages.time(o.seconds()))
                .collect(Collectors.joining("; "));
        return new PageModel.ChoiceRow(label, workload, list.apply(Choice.Verdict.WITHIN), list.apply(Choice.Verdict.OVER),
                list.apply(Choice.Verdict.UNDECIDED));
    }

    /** One line per file whose rows cannot carry a claim: 1 fork, or fewer than 5 samples. */
    static List<String> rowWarnings(List<ResultFile> files, boolean multi) {
        List<String> out = new ArrayList<>();
        for (ResultFile f : files) {
            int total = f.results().size();
            long oneFork = f.results().stream().filter(r -> r.primary().forkCount() <= 1).count();
            List<String> few = f.results().stream().filter(r -> r.primary().samples().size() < Spread.FEW_SAMPLES)
                    .map(r -> r.simpleClassName() + "." + r.method()).distinct().toList();
            long fewRows = f.results().stream().filter(r -> r.primary().samples().size() < Spread.FEW_SAMPLES).count();
            List<String> parts = new ArrayList<>();
            if (oneFork > 0) {
                parts.add((oneFork == total ? "every row" : oneFork + " of " + total + " rows") + " ran in 1 fork"
                        + " (the interval comes from iterations of one JVM and shows no run-to-run spread)");
            }
            if (fewRows > 0) {
                parts.add(fewRows + (fewRows == 1 ? " row has" : " rows have") + " fewer than " + Spread.FEW_SAMPLES
                        + " samples (" + String.join(", ", few) + ")");
            }
            if (!parts.isEmpty()) {
                out.add((multi ? f.label() + ": " : "") + String.join("; ", parts) + ".");
            }
        }
        return out;
    }

    private static FileView fileView(ResultFile f, Links links) {
        // one block per distinct combination of settings, with the rows that share it
        Map<List<Entry>, List<BenchmarkResult>> byRun = new java.util.LinkedHashMap<>();
        for (BenchmarkResult r : f.results()) {
            byRun.computeIfAbsent(runEntries(r.run()), k -> new ArrayList<>()).add(r);
        }
        List<PageModel.SettingsView> runs = new ArrayList<>();
        byRun.forEach((settings, rows) -> {
            List<String> names = rows.stream().map(r -> r.simpleClassName() + "." + r.method()).distinct().toList();
            runs.add(new PageModel.SettingsView(rows.size() + (rows.size() == 1 ? " row: " : " rows: ")
                    + String.join(", ", names), settings));
        });
        List<Entry> env = new ArrayList<>();
        f.env().forEach((k, v) -> add(env, k, envValue(k, v)));
        return new FileView(f.label(), f.source().toString(), links.json(), links.env(), runs, env);
    }

    /** "23.5 GiB (25,276,510,208 bytes)" for a byte count; lists joined by spaces; the rest as written. */
    static String envValue(String key, Object v) {
        if (v instanceof Number n && key.toLowerCase(java.util.Locale.ROOT).endsWith("bytes")) {
            return String.format(java.util.Locale.ROOT, "%.1f GiB (%,d bytes)", n.doubleValue() / (1L << 30), n.longValue());
        }
        return v instanceof Collection<?> c ? c.stream().map(String::valueOf).collect(Collectors.joining(" ")) : String.valueOf(v);
    }

    private static List<Entry> runEntries(BenchmarkResult.RunSettings s) {
        List<Entry> run = new ArrayList<>();
        add(run, "JMH", s.jmhVersion());
        add(run, "JDK", s.jdkVersion());
        add(run, "VM", join(s.vmName(), s.vmVersion()));
        add(run, "JVM", s.jvm());
        add(run, "JVM args", s.jvmArgs().isEmpty() ? null : String.join(" ", s.jvmArgs()));
        add(run, "forks", s.forks() > 0 ? String.valueOf(s.forks()) : null);
        add(run, "threads", s.threads() > 0 ? String.valueOf(s.threads()) : null);
        add(run, "warmup", s.warmupTime() == null ? null : s.warmupIterations() + " × " + s.warmupTime());
        add(run, "measurement", s.measurementTime() == null ? null : s.measurementIterations() + " × " + s.measurementTime());
        return List.copyOf(run);
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
