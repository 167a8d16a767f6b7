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

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.DoubleFunction;
import java.util.function.Function;

/**
 * What the charts of the scenario sections show: the same {@link BarData} and {@link LineData}
 * as every other chart, so they share the one {@link ChartStyle}. Several files are told apart
 * by their label in square brackets after the series name, as in the generic charts.
 */
final class ScenarioFigures {
    /** The grey series of model makespans beside the measured bars. */
    static final String MODEL = "model";

    private ScenarioFigures() {
    }

    // ---- apply

    /** The category of an apply entry: strategy · method, with the params that differ between entries. */
    static String applyCategory(ApplyModel m, ApplyModel.Entry e) {
        SortedMap<String, String> varying = varyingOf(m.entries(), ApplyModel.Entry::params, e.params());
        String base = (e.strategy().isEmpty() ? "" : e.strategy() + " · ") + e.method();
        return varying.isEmpty() ? base : base + " · " + Params.describe(varying);
    }

    static BarData apply(ApplyModel m) {
        List<String> categories = new ArrayList<>();
        Map<String, Map<String, Estimate>> values = new LinkedHashMap<>();
        for (ApplyModel.Entry e : m.entries()) {
            String category = applyCategory(m, e);
            if (!categories.contains(category)) {
                categories.add(category);
            }
            values.computeIfAbsent(e.label(), k -> new LinkedHashMap<>()).putIfAbsent(category, e.measured());
            if (Double.isFinite(e.model())) {
                values.computeIfAbsent(MODEL, k -> new LinkedHashMap<>()).putIfAbsent(category, Estimate.exact(e.model()));
            }
        }
        List<String> series = new ArrayList<>(m.labels());
        if (values.containsKey(MODEL)) {
            series.add(MODEL);
        }
        String common = Params.describe(commonOf(m.entries(), ApplyModel.Entry::params));
        boolean log = new BarData("", "", "", categories, series, values, List.of(MODEL), Units::formatSeconds,
                Units::formatSecondsShort).range().log();
        return new BarData("apply and apply_async: measured batch time beside the model",
                "model (grey): n·d for apply, ceil(n/p)·d for the asynchronous calls" + (common.isEmpty() ? "" : "; " + common),
                "time for the batch" + (log ? " (log scale)" : ""), categories, series, values, List.of(MODEL),
                Units::formatSeconds, Units::formatSecondsShort);
    }

    // ---- echo

    static LineData echo(EchoWaits w) {
        Lines lines = new Lines(w.labels());
        for (EchoWaits.Entry e : w.entries()) {
            SortedMap<String, String> varying = varyingOf(w.entries(), EchoWaits.Entry::params, e.params());
            SortedMap<Double, Estimate> points = lines.series(e.handler()
                    + (varying.isEmpty() ? "" : " · " + Params.describe(varying)), e.label());
            e.waits().forEach(wait -> points.putIfAbsent((double) wait.rank(), wait.seconds()));
        }
        List<LineData.Marker> markers = new ArrayList<>();
        Set<Integer> poolCapacities = new TreeSet<>();
        w.entries().stream().filter(e -> e.handler().endsWith("_POOL") && e.expectedWaiting() > 0)
                .forEach(e -> poolCapacities.add(e.capacity()));
        if (poolCapacities.size() == 1) {
            int c = poolCapacities.iterator().next();
            markers.add(new LineData.Marker(true, c + 0.5, "all " + c + " workers busy"));
        }
        String common = Params.describe(commonOf(w.entries(), EchoWaits.Entry::params));
        return lines.data("Time to first reply, client by client",
                "clients ranked by their wait; mean over every exchange" + (common.isEmpty() ? "" : "; " + common),
                "client rank (1 = served first)", "wait for the first reply", Units::formatSeconds,
                Units::formatSecondsShort, LineData.Axis.AUTO, LineData.Axis.AUTO, markers);
    }

    // ---- lifecycle

    static Optional<LineData> lifecycle(Lifecycle l) {
        Lines lines = new Lines(l.labels());
        for (Lifecycle.Entry e : l.entries()) {
            if (e.workers() > 0) {
                lines.series(e.strategy().isEmpty() ? "pool" : e.strategy(), e.label())
                        .putIfAbsent((double) e.workers(), e.seconds());
            }
        }
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        List<LineData.Marker> markers = coreMarkers(l.entries().stream().map(Lifecycle.Entry::cores).toList());
        return Optional.of(lines.data("Creating and closing a pool, by size",
                "one operation: create a pool, close it, wait until every worker has ended",
                "workers in the pool", "create + close", Units::formatSeconds, Units::formatSecondsShort,
                LineData.Axis.AUTO, LineData.Axis.AUTO, markers));
    }

    // ---- task count

    static LineData sweepTotal(TaskCountSweep s) {
        return sweep(s, "Batch time against task count (log–log)",
                "a slope of 1 on these axes is linear growth: every task costs the same", "time for the batch",
                TaskCountSweep.Point::seconds, LineData.Axis.LOG);
    }

    static LineData sweepPerTask(TaskCountSweep s) {
        return sweep(s, "Cost per task against task count",
                "batch time ÷ tasks: falls while a fixed cost per batch is shared out, flat once tasks dominate",
                "time per task", TaskCountSweep.Point::perTask, LineData.Axis.AUTO);
    }

    private static LineData sweep(TaskCountSweep s, String title, String subtitle, String yLabel,
                                  Function<TaskCountSweep.Point, Estimate> value, LineData.Axis y) {
        Lines lines = new Lines(s.labels());
        for (TaskCountSweep.Series ser : s.series()) {
            SortedMap<Double, Estimate> points = lines.series(ser.name(), ser.label());
            ser.points().forEach(p -> points.putIfAbsent((double) p.tasks(), value.apply(p)));
        }
        LineData probe = lines.data("", "", "", "", Units::formatSeconds, Units::formatSecondsShort, LineData.Axis.LOG, y, List.of());
        return lines.data(title, subtitle, "tasks per batch (log scale)", yLabel + (probe.yRange().log() ? " (log scale)" : ""),
                Units::formatSeconds, Units::formatSecondsShort, LineData.Axis.LOG, y, List.of());
    }

    // ---- task weight

    static Optional<LineData> efficiency(TaskWeight w) {
        Lines lines = new Lines(w.labels());
        for (TaskWeight.Entry e : w.entries()) {
            if (!(e.workMicros() > 0) || !e.efficiency().isFinite()) {
                continue; // no work means no ideal time to compare with, and no place on a log axis
            }
            SortedMap<String, String> varying = varyingOf(w.entries(), TaskWeight.Entry::setting, e.setting());
            lines.series(e.strategy() + (varying.isEmpty() ? "" : " · " + Params.describe(varying)), e.label())
                    .putIfAbsent(e.workMicros(), e.efficiency());
        }
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        String common = Params.describe(commonOf(w.entries(), TaskWeight.Entry::setting));
        return Optional.of(lines.data("Efficiency against task size",
                "ideal time (tasks × work ÷ usable cores) ÷ measured time; 1 = no overhead" + (common.isEmpty() ? "" : "; " + common),
                "CPU work per task, µs (log scale)", "efficiency", Units::formatNumber, Units::formatNumberShort,
                LineData.Axis.LOG, LineData.Axis.LINEAR,
                List.of(new LineData.Marker(false, 1.0, "ideal"))));
    }

    // ---- pool size

    static Optional<LineData> poolSize(PoolSize p) {
        Lines lines = new Lines(p.labels());
        Set<SortedMap<String, String>> extras = new HashSet<>();
        p.series().forEach(s -> extras.add(s.extra()));
        for (PoolSize.Series s : p.series()) {
            if (s.points().stream().noneMatch(pt -> pt.workers() > 0)) {
                continue;
            }
            SortedMap<Double, Estimate> points = lines.series(s.name()
                    + (extras.size() > 1 && !s.extra().isEmpty() ? " · " + Params.describe(s.extra()) : ""), s.label());
            s.points().stream().filter(pt -> pt.workers() > 0).forEach(pt -> points.putIfAbsent((double) pt.workers(), pt.seconds()));
        }
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        LineData probe = lines.data("", "", "", "", Units::formatSeconds, Units::formatSecondsShort, LineData.Axis.AUTO,
                LineData.Axis.AUTO, List.of());
        String common = extras.size() == 1 ? Params.describe(extras.iterator().next()) : "";
        return Optional.of(lines.data("Batch time by pool size and kind of work",
                "sleeping tasks keep getting faster past the core count; trivial ones do not" + (common.isEmpty() ? "" : "; " + common),
                "workers in the pool", "time for the batch" + (probe.yRange().log() ? " (log scale)" : ""),
                Units::formatSeconds, Units::formatSecondsShort, LineData.Axis.AUTO, LineData.Axis.AUTO,
                coreMarkers(p.series().stream().map(PoolSize.Series::cores).toList())));
    }

    // ---- parent size (the floors section)

    /** Cost per child against the parent's touched heap, one line per spawn path. */
    static Optional<LineData> parentSize(Floors.Analysis f) {
        List<String> labels = f.parentSize().stream().map(Floors.ParentPoint::label).distinct().toList();
        Lines lines = new Lines(labels);
        f.parentSize().forEach(p -> lines.series(p.path(), p.label()).putIfAbsent((double) p.parentHeapMb(), p.perChild()));
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        // log y: FORK grows by orders of magnitude while the other paths stay flat, and a linear axis flattens them
        return Optional.of(lines.data("Cost per child against the parent's size",
                "/bin/true per input from a JVM that has touched this much heap; fork copies page tables, vfork and posix_spawn do not",
                "heap touched by the spawning JVM, MB", "time per child (log scale)",
                Units::formatSeconds, Units::formatSecondsShort, LineData.Axis.LINEAR, LineData.Axis.LOG, List.of()));
    }

    // ---- shared

    /** A dashed line at each distinct core count, marked "(assumed)" when no file recorded it. */
    static List<LineData.Marker> coreMarkers(Collection<Cores> cores) {
        Map<Integer, Boolean> recorded = new TreeMap<>();
        cores.stream().filter(Objects::nonNull).forEach(c -> recorded.merge(c.count(), c.recorded(), Boolean::logicalOr));
        List<LineData.Marker> out = new ArrayList<>();
        recorded.forEach((count, rec) -> out.add(new LineData.Marker(true, count, "cores = " + count + (rec ? "" : " (assumed)"))));
        return out;
    }

    static String suffix(boolean multi, String label) {
        return multi ? " [" + label + "]" : "";
    }

    /**
     * The series of a line chart being filled. With several files, a series is named
     * "name [label]"; it keeps one colour per name and one line pattern per file, so the same
     * strategy from two runs (pinned and not, two JDKs) reads as one colour, solid and dashed.
     */
    static final class Lines {
        private final List<String> labels;
        private final boolean multi;
        private final Map<String, SortedMap<Double, Estimate>> series = new LinkedHashMap<>();
        private final List<String> order = new ArrayList<>();
        private final List<String> families = new ArrayList<>();
        private final Map<String, LineData.Look> looks = new LinkedHashMap<>();

        Lines(List<String> labels) {
            this.labels = List.copyOf(labels);
            this.multi = labels.size() > 1;
        }

        /** The points of series {@code name} of file {@code label}, created empty the first time. */
        SortedMap<Double, Estimate> series(String name, String label) {
            String full = name + suffix(multi, label);
            return series.computeIfAbsent(full, k -> {
                order.add(k);
                if (!families.contains(name)) {
                    families.add(name);
                }
                looks.put(k, new LineData.Look(families.indexOf(name), Math.max(0, labels.indexOf(label))));
                return new TreeMap<>();
            });
        }

        boolean isEmpty() {
            return series.values().stream().allMatch(Map::isEmpty);
        }

        LineData data(String title, String subtitle, String xLabel, String yLabel,
                      DoubleFunction<String> format, DoubleFunction<String> tickFormat,
                      LineData.Axis x, LineData.Axis y, List<LineData.Marker> markers) {
            return new LineData(title, subtitle, xLabel, yLabel, series, order, format, tickFormat, x, y, markers, looks);
        }
    }

    /** The entries of {@code one} whose value differs between {@code all} (or is missing from some). */
    static <T> SortedMap<String, String> varyingOf(List<T> all, Function<T, SortedMap<String, String>> params,
                                                   SortedMap<String, String> one) {
        Set<String> names = new TreeSet<>();
        all.forEach(t -> names.addAll(params.apply(t).keySet()));
        SortedMap<String, String> out = new TreeMap<>();
        for (String name : names) {
            Set<String> values = new HashSet<>();
            boolean missing = false;
            for (T t : all) {
                String v = params.apply(t).get(name);
                if (v == null) {
                    missing = true;
                } else {
                    values.add(v);
                }
            }
            if ((values.size() > 1 || missing) && one.containsKey(name)) {
                out.put(name, one.get(name));
            }
        }
        return out;
    }

    /** The params every one of {@code all} has with the same value. */
    static <T> SortedMap<String, String> commonOf(List<T> all, Function<T, SortedMap<String, String>> params) {
        if (all.isEmpty()) {
            return new TreeMap<>();
        }
        SortedMap<String, String> out = new TreeMap<>(params.apply(all.get(0)));
        for (T t : all) {
            out.entrySet().removeIf(e -> !e.getValue().equals(params.apply(t).get(e.getKey())));
        }
        return out;
    }
}
