package io.github.poolbench.report.render;

import io.github.poolbench.report.analysis.ApplyModel;
import io.github.poolbench.report.analysis.Cores;
import io.github.poolbench.report.analysis.EchoWaits;
import io.github.poolbench.report.analysis.Floors;
import io.github.poolbench.report.analysis.Estimate;
import io.github.poolbench.report.analysis.Lifecycle;
import io.github.poolbench.report.analysis.Params;
import io.github.poolbench.report.analysis.PoolSize;
import io.github.poolbench.report.analysis.TaskCountSweep;
import io.github.poolbench.report.analysis.TaskWeight;
import io.github.poolbench.report.analysis.Units;
import io.github.poolbench.report.render.PageModel.ApplyRow;
import io.github.poolbench.report.render.PageModel.ApplyView;
import io.github.poolbench.report.render.PageModel.BreakEvenRow;
import io.github.poolbench.report.render.PageModel.EchoRow;
import io.github.poolbench.report.render.PageModel.EchoView;
import io.github.poolbench.report.render.PageModel.Entry;
import io.github.poolbench.report.render.PageModel.FitRow;
import io.github.poolbench.report.render.PageModel.FloorItem;
import io.github.poolbench.report.render.PageModel.FloorRow;
import io.github.poolbench.report.render.PageModel.FloorsView;
import io.github.poolbench.report.render.PageModel.Image;
import io.github.poolbench.report.render.PageModel.LifecycleRow;
import io.github.poolbench.report.render.PageModel.LifecycleView;
import io.github.poolbench.report.render.PageModel.ParentRow;
import io.github.poolbench.report.render.PageModel.PathRow;
import io.github.poolbench.report.render.PageModel.PoolSizeRow;
import io.github.poolbench.report.render.PageModel.PoolSizeView;
import io.github.poolbench.report.render.PageModel.SpeedupRow;
import io.github.poolbench.report.render.PageModel.SweepView;
import io.github.poolbench.report.render.PageModel.WeightRow;
import io.github.poolbench.report.render.PageModel.WeightView;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/** Builds the views of the scenario sections: every number they show is written here. */
final class ScenarioPages {
    /** Chart file names (without the directory), one per chart a section may have. */
    static final String APPLY = "apply.png";
    static final String ECHO = "echo-first-reply.png";
    static final String LIFECYCLE = "lifecycle.png";
    static final String SWEEP_TOTAL = "task-count-total.png";
    static final String SWEEP_PER_TASK = "task-count-per-task.png";
    static final String WEIGHT = "task-weight-efficiency.png";
    static final String POOL_SIZE = "pool-size.png";
    static final String PARENT_SIZE = "parent-size.png";

    private ScenarioPages() {
    }

    static ApplyView apply(ApplyModel m, Image chart) {
        if (m.isEmpty()) {
            return null;
        }
        List<ApplyRow> rows = new ArrayList<>();
        for (ApplyModel.Entry e : m.entries()) {
            SortedMap<String, String> varying = ScenarioFigures.varyingOf(m.entries(), ApplyModel.Entry::params, e.params());
            String model = !Double.isFinite(e.model()) ? "n/a"
                    : (e.formula().isEmpty() ? "" : e.formula() + " = ") + Units.formatSeconds(e.model());
            rows.add(new ApplyRow(e.label(), e.strategy(), e.method(), Params.describe(varying), time(e.measured()), model,
                    e.ratio().isFinite() ? Units.formatRatio(e.ratio().value()) : "n/a"));
        }
        List<SpeedupRow> speedups = new ArrayList<>();
        for (ApplyModel.Speedup s : m.speedups()) {
            SortedMap<String, String> varying = ScenarioFigures.varyingOf(m.entries(), ApplyModel.Entry::params, s.params());
            speedups.add(new SpeedupRow(s.label(), s.strategy(), Params.describe(varying), Units.formatRatio(s.measured().value()),
                    Page.interval(s.measured()), Double.isFinite(s.model()) ? Units.formatRatio(s.model()) : "n/a"));
        }
        return new ApplyView(chart, m.labels().size() > 1, rows.stream().anyMatch(r -> !r.params().isEmpty()),
                Params.describe(ScenarioFigures.commonOf(m.entries(), ApplyModel.Entry::params)), rows, speedups);
    }

    static EchoView echo(EchoWaits w, Image chart) {
        if (w.isEmpty()) {
            return null;
        }
        int maxRank = w.maxRank();
        List<String> ranks = new ArrayList<>();
        for (int k = 1; k <= maxRank; k++) {
            ranks.add(String.valueOf(k));
        }
        List<EchoRow> rows = new ArrayList<>();
        for (EchoWaits.Entry e : w.entries()) {
            Map<Integer, Estimate> byRank = new TreeMap<>();
            e.waits().forEach(x -> byRank.put(x.rank(), x.seconds()));
            List<String> cells = new ArrayList<>();
            for (int k = 1; k <= maxRank; k++) {
                Estimate v = byRank.get(k);
                cells.add(v == null ? "–" : time(v));
            }
            SortedMap<String, String> varying = ScenarioFigures.varyingOf(w.entries(), EchoWaits.Entry::params, e.params());
            rows.add(new EchoRow(e.label(), e.handler(), Params.describe(varying), cells, echoReading(e)));
        }
        return new EchoView(chart, w.labels().size() > 1, rows.stream().anyMatch(r -> !r.params().isEmpty()),
                Params.describe(ScenarioFigures.commonOf(w.entries(), EchoWaits.Entry::params)), ranks, rows);
    }

    /** What the model expects of a handler and what the waits show. */
    static String echoReading(EchoWaits.Entry e) {
        if (e.capacity() <= 0 || e.clients() <= 0) {
            return "";
        }
        int waiting = e.expectedWaiting();
        if (waiting == 0) {
            return "model: all " + e.clients() + " clients are served at once, nobody waits";
        }
        int served = e.clients() - waiting;
        double[] means = e.servedAndWaitingMeans();
        String model = "model: " + served + (served == 1 ? " client" : " clients") + " at a time, "
                + waiting + " wait" + (waiting == 1 ? "s" : "") + " (" + ranks(served + 1, e.clients()) + ")";
        if (!Double.isFinite(means[0]) || !Double.isFinite(means[1])) {
            return model;
        }
        String measured = "measured: " + ranks(1, served) + " " + Units.formatSeconds(means[0]) + ", "
                + ranks(served + 1, e.clients()) + " " + Units.formatSeconds(means[1]);
        return model + "; " + measured + (means[0] > 0 ? " (" + Units.formatRatio(means[1] / means[0]) + ")" : "");
    }

    private static String ranks(int from, int to) {
        return from == to ? "rank " + from : "ranks " + from + "–" + to;
    }

    static LifecycleView lifecycle(Lifecycle l, Image chart) {
        if (l.isEmpty()) {
            return null;
        }
        List<LifecycleRow> rows = new ArrayList<>();
        boolean anyBreakEven = false;
        for (Lifecycle.Entry e : l.entries()) {
            String workers = e.workers() > 0 ? String.valueOf(e.workers()) : "unresolved";
            if (e.breakEvens().isEmpty()) {
                rows.add(new LifecycleRow(e.label(), e.strategy(), e.size(), workers, time(e.seconds()), "–", "", "", ""));
            }
            for (Lifecycle.BreakEven b : e.breakEvens()) {
                anyBreakEven = true;
                // a break-even (or "never") only where the two per-task costs' intervals separate
                boolean separated = io.github.poolbench.report.analysis.Spread.separated(b.perTask(), b.pooled());
                String tasks = !separated ? "indistinguishable on this machine (the per-task costs' intervals overlap)"
                        : b.paysOff() ? "≈ " + Units.formatNumber(b.tasks().value())
                        + (b.tasks().value() == 1 ? " task" : " tasks") : "never (not dearer per task here)";
                rows.add(new LifecycleRow(e.label(), e.strategy(), e.size(), workers, time(e.seconds()), b.perTaskStrategy(),
                        time(b.perTask()) + " vs " + time(b.pooled()), tasks,
                        separated && b.paysOff() ? bounds(b.tasks()) : ""));
            }
        }
        List<String> notes = new ArrayList<>(coresNotes(coresByLabel(l.entries(), Lifecycle.Entry::label, Lifecycle.Entry::cores),
                l.entries().stream().anyMatch(e -> Cores.isSymbolic(e.size()))));
        if (!anyBreakEven) {
            notes.add("No break-even: it needs the per-task costs of the same file's increment workload "
                    + "(IncrementBenchmark: THREAD_PER_TASK and FIXED_THREAD_POOL; IncrementProcessBenchmark: "
                    + "PROCESS_PER_TASK and FIXED_PROCESS_POOL).");
        }
        return new LifecycleView(chart, l.labels().size() > 1, rows, notes);
    }

    static SweepView sweep(TaskCountSweep s, Image total, Image perTask) {
        if (s.isEmpty()) {
            return null;
        }
        List<FitRow> fits = new ArrayList<>();
        List<String> capped = new ArrayList<>();
        for (TaskCountSweep.Series ser : s.series()) {
            TaskCountSweep.Fit f = ser.fit();
            TaskCountSweep.Point first = ser.points().get(0);
            TaskCountSweep.Point last = ser.points().get(ser.points().size() - 1);
            fits.add(new FitRow(ser.label(), ser.name(), count(ser.minTasks()) + " – " + count(ser.maxTasks())
                    + " (" + ser.points().size() + " points)",
                    Units.formatSeconds(first.perTask().value()) + " → " + Units.formatSeconds(last.perTask().value()),
                    String.format(Locale.ROOT, "%.2f", f.slope()),
                    Double.isFinite(f.rSquared()) ? String.format(Locale.ROOT, "%.3f", f.rSquared()) : "n/a (2 points)",
                    slopeReading(f.slope())));
            if (ser.maxTasks() < s.maxTasks(ser.label())) {
                capped.add(ser.name() + (s.labels().size() > 1 ? " [" + ser.label() + "]" : "") + " up to "
                        + count(ser.maxTasks()));
            }
        }
        String note = "Slope of the least-squares line through log10(batch time) against log10(tasks) "
                + "(commons-math SimpleRegression); R² says how straight the points lie. Linear (0.9 to 1.1): every "
                + "task costs about the same; sub-linear: a fixed cost per batch still weighs; super-linear: tasks get "
                + "dearer as the batch grows."
                + (capped.isEmpty() ? "" : " Measured at fewer tasks than the rest of their file: "
                + String.join("; ", capped) + " (a JVM per task is capped at 1,000 tasks in the default run).");
        return new SweepView(total, perTask, s.labels().size() > 1, fits, note);
    }

    /** How a growth exponent reads. */
    static String slopeReading(double slope) {
        if (!Double.isFinite(slope)) {
            return "";
        }
        slope = Math.round(slope * 100) / 100.0; // read as printed: a slope shown as 0.90 is linear
        if (slope < 0.9) {
            return "sub-linear";
        }
        if (slope > 1.1) {
            return "super-linear";
        }
        return "linear";
    }

    static WeightView weight(TaskWeight w, Image chart) {
        if (w.isEmpty()) {
            return null;
        }
        TreeSet<Double> sizes = new TreeSet<>();
        w.entries().forEach(e -> sizes.add(e.workMicros()));
        List<String> sizeHeaders = sizes.stream().map(ScenarioPages::micros).toList();
        Map<List<Object>, Map<Double, TaskWeight.Entry>> table = new LinkedHashMap<>();
        for (TaskWeight.Entry e : w.entries()) {
            table.computeIfAbsent(List.of(e.label(), e.strategy(), e.setting()), k -> new TreeMap<>()).putIfAbsent(e.workMicros(), e);
        }
        List<WeightRow> rows = new ArrayList<>();
        table.forEach((key, bySize) -> {
            TaskWeight.Entry any = bySize.values().iterator().next();
            List<String> cells = new ArrayList<>();
            for (double size : sizes) {
                TaskWeight.Entry e = bySize.get(size);
                if (e == null) {
                    cells.add("–");
                } else {
                    String eff = e.workMicros() > 0 && e.efficiency().isFinite()
                            ? " · " + Units.formatNumber(e.efficiency().value()) : "";
                    cells.add(Units.formatSeconds(e.measured().value()) + eff);
                }
            }
            SortedMap<String, String> varying = ScenarioFigures.varyingOf(w.entries(), TaskWeight.Entry::setting, any.setting());
            rows.add(new WeightRow(any.label(), any.strategy(), Params.describe(varying),
                    any.usable() + (any.cores().recorded() ? "" : " (assumed)"), cells));
        });
        List<BreakEvenRow> breakEvens = new ArrayList<>();
        for (TaskWeight.BreakEven b : w.breakEvens()) {
            List<String> overheads = new ArrayList<>();
            b.points().forEach(p -> overheads.add(micros(p.workMicros()) + ": " + percent(p.overhead())
                    + (p.high() > p.low() ? " (" + percent(p.low()) + " … " + percent(p.high()) + ")" : "")));
            SortedMap<String, String> varying = ScenarioFigures.varyingOf(w.entries(), TaskWeight.Entry::setting, b.setting());
            breakEvens.add(new BreakEvenRow(b.label(), b.perTaskStrategy(), b.pooledStrategy(), Params.describe(varying),
                    breakEvenText(b), String.join(", ", overheads)));
        }
        List<Entry> calibrations = new ArrayList<>();
        for (TaskWeight.Calibration c : w.calibrations()) {
            String spread = c.samples() > 1 && c.max() > c.min()
                    ? " (" + Units.formatNumber(c.min()) + " – " + Units.formatNumber(c.max()) + " over " + c.samples() + " iterations)"
                    : c.samples() > 1 ? " (" + c.samples() + " iterations)" : "";
            calibrations.add(new Entry(c.label(), Units.formatNumber(c.mean()) + " CPU-work units per µs" + spread));
        }
        return new WeightView(chart, w.labels().size() > 1,
                rows.stream().anyMatch(r -> !r.setting().isEmpty()) || breakEvens.stream().anyMatch(b -> !b.setting().isEmpty()),
                sizeHeaders, rows, breakEvens, calibrations,
                coresNotes(coresByLabel(w.entries(), TaskWeight.Entry::label, TaskWeight.Entry::cores), true));
    }

    private static String percent(double fraction) {
        return (fraction >= 0 ? "+" : "") + Units.formatNumber(fraction * 100) + "%";
    }

    static String breakEvenText(TaskWeight.BreakEven b) {
        if (!b.decided()) {
            // a size whose interval straddles the limit: the forks cannot place the crossing
            return "indistinguishable on this machine (an interval straddles +"
                    + Math.round(TaskWeight.OVERHEAD_LIMIT * 100) + "%)";
        }
        String size = b.micros() == 0 ? "0 µs" : Units.formatSecondsShort(b.micros() * 1e-6);
        switch (b.where()) {
            case INTERPOLATED:
                return "≈ " + Units.formatSeconds(b.micros() * 1e-6);
            case AT_OR_BELOW_SMALLEST:
                return "≤ " + size + (b.micros() == 0 ? " (fine at every size measured)" : " (the smallest measured)");
            default:
                return "> " + size + " (the largest measured)";
        }
    }

    static PoolSizeView poolSize(PoolSize p, Image chart) {
        if (p.isEmpty()) {
            return null;
        }
        // columns: every size written, in the order of the workers it resolves to
        Map<String, Integer> sizeOrder = new LinkedHashMap<>();
        p.series().forEach(s -> s.points().forEach(pt -> sizeOrder.merge(pt.size(), pt.workers() > 0 ? pt.workers() : Integer.MAX_VALUE, Math::min)));
        List<String> sizes = sizeOrder.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).toList();
        boolean oneCoreCount = p.series().stream().map(s -> s.cores().count()).distinct().count() == 1;
        List<String> headers = sizes.stream().map(size -> {
            int w = sizeOrder.get(size);
            return Cores.isSymbolic(size) && oneCoreCount && w != Integer.MAX_VALUE ? size + " (" + w + ")" : size;
        }).toList();
        List<PoolSizeRow> rows = new ArrayList<>();
        for (PoolSize.Series s : p.series()) {
            Map<String, PoolSize.Point> bySize = new LinkedHashMap<>();
            s.points().forEach(pt -> bySize.putIfAbsent(pt.size(), pt));
            List<String> cells = sizes.stream().map(size -> bySize.containsKey(size) ? time(bySize.get(size).seconds()) : "–").toList();
            String best = s.best().map(b -> s.clearlyBest()
                    ? b.size() + (Cores.isSymbolic(b.size()) && b.workers() > 0 ? " = " + b.workers() : "")
                    + " (" + Units.formatSeconds(b.seconds().value()) + ")"
                    : "indistinguishable on this machine: " + s.tiedWithBest().stream().map(PoolSize.Point::size)
                    .collect(java.util.stream.Collectors.joining(", ")) + " overlap (quickest " + time(b.seconds()) + ")")
                    .orElse("");
            rows.add(new PoolSizeRow(s.label(), s.work(), s.strategy(), Params.describe(s.extra()), cells, best));
        }
        return new PoolSizeView(chart, p.labels().size() > 1, rows.stream().anyMatch(r -> !r.extra().isEmpty()), headers, rows,
                coresNotes(coresByLabel(p.series(), PoolSize.Series::label, PoolSize.Series::cores),
                        p.series().stream().anyMatch(s -> s.points().stream().anyMatch(pt -> Cores.isSymbolic(pt.size())))));
    }

    /**
     * The floors section: every floor with what it is, each Java spawn path above the OS floor,
     * the strategies against their floors (a ratio only like with like), the parent-size sweep.
     */
    static FloorsView floors(Floors.Analysis f, List<String> labels, Image parentChart) {
        if (f.isEmpty()) {
            return null;
        }
        List<FloorItem> items = new ArrayList<>();
        for (Floors.Floor fl : f.floors()) {
            if (f.spawnPaths().stream().anyMatch(p -> p.floor() == fl && !fl.isOs())) {
                continue; // a Java spawn path: in the table of paths below
            }
            items.add(new FloorItem(fl.label(), fl.name(), Floors.what(fl), time(fl.seconds()) + (fl.perTask() ? " per child" : " per call")));
        }
        List<PathRow> paths = new ArrayList<>();
        for (Floors.SpawnPath p : f.spawnPaths()) {
            boolean os = p.floor().isOs();
            paths.add(new PathRow(p.label(), p.path(), time(p.floor().seconds()),
                    os ? "the floor" : p.above() == null ? "no OS floor in this file" : signed(p.above()),
                    os ? "1×" : p.ratio() == null ? "–" : Units.formatRatio(p.ratio().value()) + ratioBounds(p.ratio())));
        }
        List<FloorRow> rows = new ArrayList<>();
        for (Floors.Comparison c : f.comparisons()) {
            rows.add(new FloorRow(c.label(), c.strategy(), c.settings(), time(c.perTask()), c.floor().name(), time(c.floor().seconds()),
                    c.ratio() == null ? "–" : Units.formatRatio(c.ratio().value()) + ratioBounds(c.ratio()), c.note()));
        }
        List<String> osFloors = new ArrayList<>();
        for (String label : labels) {
            Floors.osFloor(f.floors(), label).ifPresent(o -> osFloors.add((labels.size() > 1 ? label + ": " : "")
                    + Units.formatSeconds(o.seconds().value()) + " per child"));
        }
        TreeSet<Integer> sizes = new TreeSet<>();
        f.parentSize().forEach(p -> sizes.add(p.parentHeapMb()));
        Map<List<String>, Map<Integer, Estimate>> table = new LinkedHashMap<>();
        f.parentSize().forEach(p -> table.computeIfAbsent(List.of(p.label(), p.path()), k -> new TreeMap<>())
                .putIfAbsent(p.parentHeapMb(), p.perChild()));
        List<ParentRow> parentRows = new ArrayList<>();
        table.forEach((key, bySize) -> parentRows.add(new ParentRow(key.get(0), key.get(1),
                sizes.stream().map(mb -> bySize.containsKey(mb) ? time(bySize.get(mb)) : "–").toList())));
        return new FloorsView(labels.size() > 1, String.join("; ", osFloors), items, paths, rows, parentChart,
                sizes.stream().map(mb -> count(mb) + " MB").toList(), parentRows);
    }

    private static String signed(Estimate e) {
        return (e.value() >= 0 ? "+" : "") + time(e);
    }

    /** " (1.9–2.5×)" from a ratio's interval, "" when it has none. */
    private static String ratioBounds(Estimate e) {
        if (!(e.high() > e.low()) || !Double.isFinite(e.low()) || !Double.isFinite(e.high()) || e.low() <= 0) {
            return "";
        }
        return " (" + Units.formatRatio(e.low()) + "–" + Units.formatRatio(e.high()) + ")";
    }

    /** "Cores: 2 (from the environment record).", one line per label when the labels' cores differ. */
    static List<String> coresNotes(Map<String, Cores> byLabel, boolean used) {
        if (!used || byLabel.isEmpty()) {
            return List.of();
        }
        if (byLabel.values().stream().distinct().count() == 1) {
            return List.of("Cores: " + byLabel.values().iterator().next().describe() + ".");
        }
        List<String> out = new ArrayList<>();
        byLabel.forEach((label, c) -> out.add("Cores of " + label + ": " + c.describe() + "."));
        return out;
    }

    /** Each label's cores, from the entries of a section (first entry of a label wins). */
    static <T> Map<String, Cores> coresByLabel(List<T> entries, Function<T, String> label,
                                               Function<T, Cores> cores) {
        Map<String, Cores> out = new LinkedHashMap<>();
        for (T e : entries) {
            if (cores.apply(e) != null) {
                out.putIfAbsent(label.apply(e), cores.apply(e));
            }
        }
        return out;
    }

    /** A work size in µs as a time: "0 µs", "10 µs", "1 ms". */
    static String micros(double micros) {
        return micros == 0 ? "0 µs" : Units.formatSecondsShort(micros * 1e-6);
    }

    /** A whole number with thousands grouped: "10,000". */
    static String count(int n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** "70.3 ms ± 5.12 ms", or the value alone when there is no interval. */
    /** "117 µs (90.1 µs – 123 µs)": the figure and its interval, which need not be symmetric. */
    static String time(Estimate e) {
        String v = Units.formatSeconds(e.value());
        return e.high() > e.low() && Double.isFinite(e.low()) && Double.isFinite(e.high())
                ? v + " (" + Units.formatSeconds(e.low()) + " – " + Units.formatSeconds(e.high()) + ")" : v;
    }

    private static String bounds(Estimate e) {
        if (!(e.high() > e.low()) || !Double.isFinite(e.low())) {
            return "";
        }
        return Units.formatNumber(e.low()) + " – " + Units.formatNumber(e.high());
    }
}
