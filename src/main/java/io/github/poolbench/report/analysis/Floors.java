package io.github.poolbench.report.analysis;

import io.github.poolbench.report.model.BenchmarkResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Strategies against their floors: what the cheapest possible version of their per-task cost
 * is on this machine (start a bare JVM, spawn a native process, one round trip over a pipe,
 * start a thread), from a {@code FloorBenchmark} when the run has one. Floor methods are
 * matched by what their names hold, so new floors show up without a change here.
 */
public final class Floors {
    static final String CLASS_MARK = "Floor";

    /** Which floor each strategy's per-task cost is set against: word in the floor's method name. */
    static final Map<String, List<String>> FLOOR_WORDS = Map.of(
            "PROCESS_PER_TASK", List.of("jvm", "java"),
            "NATIVE_PROCESS_PER_TASK", List.of("os", "native", "spawn", "exec"),
            "FIXED_PROCESS_POOL", List.of("ipc", "pipe", "roundtrip"),
            "THREAD_PER_TASK", List.of("thread"),
            "VIRTUAL_THREAD_PER_TASK", List.of("virtual"),
            "FIXED_THREAD_POOL", List.of("handoff", "queue"));

    /**
     * One floor: the seconds for one operation, divided by its {@code tasks} param if it has one.
     */
    public record Floor(String label, String name, BenchmarkResult result, Estimate seconds) {
    }

    /** A strategy's per-task cost set against a floor. */
    public record Comparison(String label, String strategy, Estimate perTask, Floor floor, Estimate ratio) {
    }

    private Floors() {
    }

    public static boolean isFloor(BenchmarkResult r) {
        return r.simpleClassName().contains(CLASS_MARK) && Units.kind(r.primary().unit()) != Units.Kind.OTHER;
    }

    public static List<Floor> floors(List<Row> rows) {
        List<Floor> out = new ArrayList<>();
        for (Row row : rows) {
            BenchmarkResult r = row.result();
            if (!isFloor(r)) {
                continue;
            }
            Optional<Estimate> s = Units.secondsPerOp(r.primary());
            OptionalInt tasks = OverheadGap.tasks(r);
            if (s.isPresent()) {
                String params = Params.describe(r.params());
                String name = r.method() + (params.isEmpty() ? "" : " (" + params + ")");
                out.add(new Floor(row.label(), name, r, tasks.isPresent() ? s.get().times(1.0 / tasks.getAsInt()) : s.get()));
            }
        }
        return out;
    }

    /** Every measured strategy whose floor is present in the same file, set against it. */
    public static List<Comparison> compare(OverheadGap gap, List<Floor> floors) {
        List<Comparison> out = new ArrayList<>();
        for (OverheadGap.Entry e : gap.entries()) {
            if (e.documented() || !e.perTask().isFinite()) {
                continue;
            }
            List<String> words = FLOOR_WORDS.getOrDefault(e.strategy(), List.of());
            for (Floor f : floors) {
                if (f.label().equals(e.label()) && mentions(f.result().method(), words)) {
                    out.add(new Comparison(e.label(), e.strategy(), e.perTask(), f, e.perTask().dividedBy(f.seconds())));
                }
            }
        }
        return out;
    }

    static boolean mentions(String method, List<String> words) {
        String m = method.toLowerCase(Locale.ROOT);
        for (String w : words) {
            // a word at the start of the name or after a lower-to-upper boundary: "osFloor", "bareJvmStart"
            if (m.startsWith(w) || method.contains(Character.toUpperCase(w.charAt(0)) + w.substring(1))) {
                return true;
            }
        }
        return false;
    }
}
