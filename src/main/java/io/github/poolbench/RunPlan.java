package io.github.poolbench;

import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Defaults;
import org.openjdk.jmh.runner.options.Options;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The rows of a run (benchmark method × mode × one value of each param) and the passes that
 * run them: pass {@code k} runs one fork of every row that asks for more than {@code k} forks,
 * pass 0 in JMH's order and every later pass in an order shuffled with {@code seed + k}. So a
 * row's forks are spread over the whole run, and a drift of the machine over minutes lands
 * inside every row's fork-to-fork spread instead of between rows.
 *
 * <p>A row's param values: the user's {@code -p} values that fit the benchmark (see
 * {@link RunChecks#unfit}), else its declared values less those the forks' JVM cannot run.
 */
final class RunPlan {
    /** One JMH row: a benchmark method in one mode with one value for each param. */
    record Row(BenchmarkListEntry entry, Mode mode, Map<String, String> params, int forks) {
        String describe() {
            String name = RunEstimate.simpleName(entry.getUsername());
            return params.isEmpty() ? name : name + " " + params;
        }
    }

    final List<Row> rows;
    final long seed;
    final int passes;

    private RunPlan(List<Row> rows, long seed) {
        this.rows = List.copyOf(rows);
        this.seed = seed;
        this.passes = rows.stream().mapToInt(r -> Math.max(1, r.forks)).max().orElse(0);
    }

    /**
     * @param userParams the {@code -p} names of the command line ({@link #paramNames})
     * @param dropped param -> values the forks cannot run (left out unless the user named the param)
     * @param notices where a benchmark left out for a {@code -p} value that does not fit is said
     * @throws RunChecks.Refusal for an unknown param name or a value no selected benchmark can run
     */
    static RunPlan of(Collection<BenchmarkListEntry> entries, Options options, List<String> userParams,
                      Map<String, Set<String>> dropped, long seed, Consumer<String> notices) throws RunChecks.Refusal {
        Set<String> names = RunChecks.paramNames(entries);
        for (String p : userParams) {
            if (!names.contains(p)) {
                throw new RunChecks.Refusal("-p " + p + ": no selected benchmark has a param of that name"
                        + (names.isEmpty() ? "" : " (they have: " + String.join(", ", names) + ")"));
            }
        }
        // every -p value must fit at least one selected benchmark that has the param
        for (String p : userParams) {
            for (String v : options.getParameter(p).get()) {
                String why = null;
                boolean fits = false;
                for (BenchmarkListEntry e : entries) {
                    String[] declared = declared(e, p);
                    if (declared == null) {
                        continue;
                    }
                    String w = RunChecks.unfit(RunChecks.kind(e, p), declared, v);
                    if (w == null) {
                        fits = true;
                        break;
                    }
                    why = why == null ? w : why;
                }
                if (!fits) {
                    throw new RunChecks.Refusal("-p " + p + "=" + v + " " + why);
                }
            }
        }
        Set<List<Object>> seen = new LinkedHashSet<>();
        List<Row> rows = new ArrayList<>();
        Set<String> leftOut = new TreeSet<>();
        for (BenchmarkListEntry e : entries) {
            Map<String, List<String>> values = new LinkedHashMap<>();
            boolean runs = true;
            if (e.getParams().hasValue()) {
                for (Map.Entry<String, String[]> p : e.getParams().get().entrySet()) {
                    List<String> list = new ArrayList<>();
                    if (options.getParameter(p.getKey()).hasValue()) {
                        RunChecks.Kind kind = RunChecks.kind(e, p.getKey());
                        for (String v : options.getParameter(p.getKey()).get()) {
                            if (RunChecks.unfit(kind, p.getValue(), v) == null) {
                                list.add(v);
                            }
                        }
                    } else {
                        Set<String> drop = dropped.getOrDefault(p.getKey(), Set.of());
                        Arrays.stream(p.getValue()).filter(v -> !drop.contains(v)).forEach(list::add);
                    }
                    if (list.isEmpty()) {
                        runs = false;
                        if (options.getParameter(p.getKey()).hasValue()) {
                            leftOut.add(RunEstimate.simpleName(e.getUsername()) + " (no " + p.getKey() + "="
                                    + String.join(",", options.getParameter(p.getKey()).get()) + ")");
                        }
                    }
                    values.put(p.getKey(), list);
                }
            }
            if (!runs) {
                continue;
            }
            int forks = options.getForkCount().orElse(e.getForks().orElse(Defaults.MEASUREMENT_FORKS));
            for (Mode mode : modes(e, options)) {
                for (Map<String, String> combination : product(values)) {
                    if (seen.add(List.of(e.getUsername(), mode, combination))) {
                        rows.add(new Row(e, mode, combination, forks));
                    }
                }
            }
        }
        if (!leftOut.isEmpty()) {
            notices.accept("poolbench: left out, their params do not take the -p values: " + String.join(", ", leftOut));
        }
        return new RunPlan(rows, seed);
    }

    /** The rows of pass {@code k} in the order they run. */
    List<Row> pass(int k) {
        List<Row> out = new ArrayList<>();
        for (Row r : rows) {
            if (Math.max(1, r.forks) > k) {
                out.add(r);
            }
        }
        if (k > 0) {
            Collections.shuffle(out, new Random(seed + k));
        }
        return out;
    }

    /** How many measured forks the whole plan runs (a fork of {@code -f 0} counts as one in-process run). */
    int forks() {
        return rows.stream().mapToInt(r -> Math.max(1, r.forks)).sum();
    }

    /** The {@code -p} names on a command line ({@code -p name=v1,v2} or {@code -pname=v}); JMH's Options cannot list them. */
    static List<String> paramNames(String[] args) {
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < args.length; i++) {
            String spec = null;
            if (args[i].equals("-p") && i + 1 < args.length) {
                spec = args[++i];
            } else if (args[i].startsWith("-p") && !args[i].startsWith("-prof") && args[i].contains("=")) {
                spec = args[i].substring(2);
            }
            if (spec != null && spec.indexOf('=') > 0) {
                out.add(spec.substring(0, spec.indexOf('=')));
            }
        }
        return new ArrayList<>(out);
    }

    private static String[] declared(BenchmarkListEntry e, String param) {
        return e.getParams().hasValue() ? e.getParams().get().get(param) : null;
    }

    private static List<Mode> modes(BenchmarkListEntry e, Options options) {
        Collection<Mode> user = options.getBenchModes();
        if (user.isEmpty()) {
            return List.of(e.getMode());
        }
        List<Mode> out = new ArrayList<>();
        for (Mode m : user) {
            if (m == Mode.All) {
                Arrays.stream(Mode.values()).filter(x -> x != Mode.All).forEach(out::add);
            } else {
                out.add(m);
            }
        }
        return out;
    }

    private static List<Map<String, String>> product(Map<String, List<String>> values) {
        List<Map<String, String>> out = new ArrayList<>();
        out.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<String>> p : values.entrySet()) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> partial : out) {
                for (String v : p.getValue()) {
                    Map<String, String> m = new LinkedHashMap<>(partial);
                    m.put(p.getKey(), v);
                    next.add(m);
                }
            }
            out = next;
        }
        return out;
    }
}
