package io.github.poolbench.report.analysis;

import io.github.poolbench.report.model.BenchmarkResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Strategies against their floors: the cheapest possible version of their per-task cost on
 * this machine (spawn a native process, start a bare JVM, one round trip over a pipe), from a
 * {@code FloorBenchmark} when the run has one. Floor methods are matched by what their names
 * hold, so new floors show up without a change here.
 *
 * <h2>Which floor is honest</h2>
 * <ul>
 *   <li><b>The OS floor</b> is a spawn floor ({@code spawnTrue}) whose {@code spawner} is
 *       {@value #OS_SPAWNER}: libc's posix_spawn + waitpid called from the JVM, no helper exec,
 *       no thread per child ({@link #osFloor}). Every other spawn floor (the JDK's
 *       ProcessBuilder per launch mechanism, NuProcess) is a Java path to the same
 *       {@code /bin/true}, shown as its cost above the OS floor ({@link #spawnPaths}). A file
 *       from before the direct spawner has no OS floor: its spawn floors are the Java paths'
 *       own, and nothing is called the OS floor.</li>
 *   <li><b>The runtime floor</b> is the bare JVM start ({@code startBareJvm}), one per flag
 *       set; PROCESS_PER_TASK is set against the one with its own flags.</li>
 * </ul>
 *
 * <h2>Like with like</h2>
 * A ratio is printed only between two per-task costs measured the same way: the strategy's
 * batch time ÷ its tasks against a floor that is itself a batch ÷ its {@code tasks}, with the
 * same settings where both have them (spawner, launch mechanism, flags, children at once).
 * A floor without a {@code tasks} param (the round trip: one call's latency) is shown beside
 * the strategy with no ratio. The one deliberate exception: every native process per task is
 * also set against the OS floor, whatever its spawner, because that is the question ("how far
 * is this path from what the OS needs?").
 */
public final class Floors {
    static final String CLASS_MARK = "Floor";
    /** The spawner whose spawn floor is the OS floor. */
    public static final String OS_SPAWNER = "posix_spawn";
    static final String SPAWNER = "spawner";
    static final String MECHANISM = "launchMechanism";
    static final String DEFAULT_MECHANISM = "default";
    static final String PARENT_HEAP = "parentHeapMb";
    /** Params that say how much was measured, not how: never part of "the same settings". */
    static final Set<String> SIZE_PARAMS = Set.of("tasks", "strategy", "chunksize", "workers");

    /** Which floor each strategy's per-task cost is set against: word in the floor's method name. */
    static final Map<String, List<String>> FLOOR_WORDS = Map.of(
            "PROCESS_PER_TASK", List.of("jvm", "java"),
            "NATIVE_PROCESS_PER_TASK", List.of("os", "native", "spawn", "exec"),
            "FIXED_PROCESS_POOL", List.of("ipc", "pipe", "roundtrip"),
            "THREAD_PER_TASK", List.of("thread"),
            "VIRTUAL_THREAD_PER_TASK", List.of("virtual"),
            "FIXED_THREAD_POOL", List.of("handoff", "queue"));

    /**
     * One floor: the seconds for one operation, divided by its {@code tasks} param if it has
     * one ({@code perTask}: then it is a cost per child in a batch, comparable with a strategy's
     * per-task cost).
     */
    public record Floor(String label, String name, BenchmarkResult result, Estimate seconds) {
        public boolean perTask() {
            return OverheadGap.tasks(result).isPresent();
        }

        /** Is this the OS floor (a spawn floor through posix_spawn)? */
        public boolean isOs() {
            return isSpawnFloor(result) && OS_SPAWNER.equals(result.param(SPAWNER));
        }
    }

    /**
     * A strategy's per-task cost set against a floor; {@code ratio} is null when the two are
     * not like with like, and {@code note} says why.
     */
    public record Comparison(String label, String strategy, String settings, Estimate perTask, Floor floor, Estimate ratio,
                             String note) {
    }

    /** One Java path to a new process, set against the OS floor of the same file (null fields: no OS floor). */
    public record SpawnPath(String label, String path, Floor floor, Estimate above, Estimate ratio) {
    }

    /**
     * One point of the parent-size sweep ({@code ParentSizeBenchmark}): seconds per child of
     * spawn path {@code path} from a parent that has touched {@code parentHeapMb} MB of heap.
     */
    public record ParentPoint(String label, String path, int parentHeapMb, Estimate perChild) {
    }

    /**
     * What the floors section shows: the floors, each spawn path against the OS floor, the
     * strategies against theirs, and the parent-size sweep.
     */
    public record Analysis(List<Floor> floors, List<SpawnPath> spawnPaths, List<Comparison> comparisons,
                           List<ParentPoint> parentSize) {
        public boolean isEmpty() {
            return floors.isEmpty() && parentSize.isEmpty();
        }
    }

    private Floors() {
    }

    public static Analysis of(List<Row> rows) {
        List<Floor> floors = floors(rows);
        return new Analysis(floors, spawnPaths(floors), compare(rows, floors), parentSize(rows));
    }

    /** The rows with a {@code parentHeapMb} param that spawn per input, as seconds per child. */
    public static List<ParentPoint> parentSize(List<Row> rows) {
        List<ParentPoint> out = new ArrayList<>();
        for (Row row : rows) {
            BenchmarkResult r = row.result();
            OptionalDouble mb = Params.number(r.param(PARENT_HEAP));
            OptionalInt tasks = OverheadGap.tasks(r);
            Optional<Estimate> s = Units.secondsPerOp(r.primary());
            if (mb.isPresent() && tasks.isPresent() && s.isPresent() && mentions(r.method(), FLOOR_WORDS.get("NATIVE_PROCESS_PER_TASK"))) {
                out.add(new ParentPoint(row.label(), pathName(r), (int) mb.getAsDouble(), s.get().times(1.0 / tasks.getAsInt())));
            }
        }
        return out;
    }

    public static boolean isFloor(BenchmarkResult r) {
        return r.simpleClassName().contains(CLASS_MARK) && Units.kind(r.primary().unit()) != Units.Kind.OTHER;
    }

    /** A floor that spawns a trivial native program per input ("spawnTrue", "osFloor", ...). */
    static boolean isSpawnFloor(BenchmarkResult r) {
        return isFloor(r) && mentions(r.method(), FLOOR_WORDS.get("NATIVE_PROCESS_PER_TASK"));
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

    /**
     * The OS floor of file {@code label}: seconds per child of {@code /bin/true} through
     * posix_spawn called from the JVM. Empty when the file has none (then no ratio or headline
     * should call anything "the OS floor"). With several such rows (other task counts or
     * children at once), the one with the document's 1000 tasks and 5 children wins.
     */
    public static Optional<Floor> osFloor(List<Floor> floors, String label) {
        return floors.stream().filter(f -> f.label().equals(label) && f.isOs())
                .max((a, b) -> Integer.compare(preference(a.result()), preference(b.result())));
    }

    /** {@link #osFloor(List, String)} straight from the rows of a report. */
    public static Optional<Floor> osFloorOf(List<Row> rows, String label) {
        return osFloor(floors(rows), label);
    }

    private static int preference(BenchmarkResult r) {
        return (Params.matches(r.params(), "tasks", "1000") ? 2 : 0) + (Params.matches(r.params(), "maxChildren", "5") ? 1 : 0);
    }

    /** Every spawn floor that is not the OS floor, with its cost above the OS floor of its file. */
    public static List<SpawnPath> spawnPaths(List<Floor> floors) {
        List<SpawnPath> out = new ArrayList<>();
        for (Floor f : floors) {
            if (!isSpawnFloor(f.result()) || !f.perTask()) {
                continue;
            }
            Optional<Floor> os = osFloor(floors, f.label()).filter(o -> sameSize(o.result(), f.result()));
            if (f.isOs()) {
                out.add(new SpawnPath(f.label(), pathName(f.result()), f, Estimate.exact(0), Estimate.exact(1)));
                continue;
            }
            out.add(new SpawnPath(f.label(), pathName(f.result()), f, os.map(o -> f.seconds().minus(o.seconds())).orElse(null),
                    os.map(o -> f.seconds().dividedBy(o.seconds())).orElse(null)));
        }
        return out;
    }

    /** What a floor stands for, in words ("" for a floor this suite does not know). */
    public static String what(Floor f) {
        String m = f.result().method();
        if (f.isOs()) {
            return "the OS floor: libc's posix_spawn + waitpid from the JVM";
        }
        if (isSpawnFloor(f.result())) {
            return "a Java path to the same process: " + pathName(f.result());
        }
        if (mentions(m, FLOOR_WORDS.get("PROCESS_PER_TASK")) || mentions(m, List.of("bare"))) {
            String flags = f.result().param("jvmFlags");
            return "the runtime floor: a bare JVM start" + (flags == null ? "" : ", jvmFlags=" + flags);
        }
        if (mentions(m, FLOOR_WORDS.get("FIXED_PROCESS_POOL")) || mentions(m, List.of("round"))) {
            return "one int there and back to a pooled worker (a latency, not a per-task share of a batch)";
        }
        return "";
    }

    /** "posix_spawn (OS floor)", "processbuilder, default mechanism", "processbuilder, VFORK", "nuprocess". */
    public static String pathName(BenchmarkResult r) {
        String spawner = r.param(SPAWNER);
        if (spawner == null) {
            return r.method();
        }
        if (OS_SPAWNER.equals(spawner)) {
            return spawner + " (OS floor)";
        }
        String m = r.param(MECHANISM);
        if ("processbuilder".equals(spawner)) {
            return spawner + ", " + (m == null || DEFAULT_MECHANISM.equals(m) ? "default mechanism" : m);
        }
        return spawner;
    }

    /** Every per-task strategy row of the headline workload whose floor is in the same file, like with like. */
    public static List<Comparison> compare(List<Row> rows, List<Floor> floors) {
        List<Comparison> out = new ArrayList<>();
        for (Row row : rows) {
            BenchmarkResult r = row.result();
            if (!OverheadGap.isGapRow(r)) {
                continue;
            }
            String strategy = r.param(Strategies.PARAM);
            List<String> words = FLOOR_WORDS.getOrDefault(strategy, List.of());
            OptionalInt tasks = OverheadGap.tasks(r);
            Optional<Estimate> batch = OverheadGap.batchSeconds(r);
            if (words.isEmpty() || tasks.isEmpty() || batch.isEmpty()) {
                continue;
            }
            Estimate perTask = batch.get().times(1.0 / tasks.getAsInt());
            String settings = Params.describe(settings(r));
            boolean nativeTask = "NATIVE_PROCESS_PER_TASK".equals(strategy);
            Optional<Floor> os = nativeTask ? osFloor(floors, row.label()) : Optional.empty();
            os.ifPresent(o -> out.add(new Comparison(row.label(), strategy, settings, perTask, o, perTask.dividedBy(o.seconds()),
                    "the OS floor")));
            for (Floor f : floors) {
                if (!f.label().equals(row.label()) || !mentions(f.result().method(), words)
                        || (os.isPresent() && f == os.get()) || !sameSettings(r, f.result())) {
                    continue;
                }
                if (!f.perTask()) {
                    out.add(new Comparison(row.label(), strategy, settings, perTask, f, null,
                            "no ratio: the floor is one call's latency, the strategy a per-task share of a batch"));
                } else {
                    out.add(new Comparison(row.label(), strategy, settings, perTask, f, perTask.dividedBy(f.seconds()),
                            nativeTask ? "the same spawn path" : "the same settings"));
                }
            }
        }
        return out;
    }

    /** The params that say how a row was measured: all but the sizes, with the default mechanism written out. */
    static SortedMap<String, String> settings(BenchmarkResult r) {
        SortedMap<String, String> out = new TreeMap<>(r.params());
        out.keySet().removeAll(SIZE_PARAMS);
        if ("processbuilder".equals(out.get(SPAWNER))) {
            out.putIfAbsent(MECHANISM, DEFAULT_MECHANISM);
        }
        if (!"processbuilder".equals(out.get(SPAWNER)) && DEFAULT_MECHANISM.equals(out.get(MECHANISM))) {
            out.remove(MECHANISM); // a mechanism means nothing to another spawner
        }
        return out;
    }

    /** Same value for every setting both rows have. */
    static boolean sameSettings(BenchmarkResult a, BenchmarkResult b) {
        SortedMap<String, String> x = settings(a);
        SortedMap<String, String> y = settings(b);
        for (Map.Entry<String, String> e : x.entrySet()) {
            String other = y.get(e.getKey());
            if (other != null && !other.equals(e.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** Same children at once (the one size that changes a per-child cost). */
    private static boolean sameSize(BenchmarkResult a, BenchmarkResult b) {
        String x = a.param("maxChildren");
        String y = b.param("maxChildren");
        return x == null || y == null || x.equals(y);
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
