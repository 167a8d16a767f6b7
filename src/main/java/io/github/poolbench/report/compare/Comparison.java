package io.github.poolbench.report.compare;

import io.github.poolbench.report.model.BenchmarkResult;
import io.github.poolbench.report.model.ResultFile;
import io.github.poolbench.report.parse.ReportInputException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A whole comparison of a baseline with a current run: pure function of the parsed files and
 * the settings, so every rule of the gate is unit-tested without touching a disk.
 *
 * @param baseline     label of the baseline file
 * @param current      labels of the current file(s); several are pooled (a confirmation rerun
 *                     writes one file per row)
 * @param settings     threshold, alpha, flags
 * @param baseEnv      the baseline's environment
 * @param currentEnv   the (first) current file's environment
 * @param differences  environment differences that make the runs not comparable
 * @param warnings     things the reader must know (unchecked environment, forced comparison)
 * @param rows         matched rows, in baseline order
 * @param missing      baseline rows absent from the current run
 * @param added        current rows absent from the baseline
 */
public record Comparison(String baseline, List<String> current, CompareSettings settings, Environment baseEnv,
                         Environment currentEnv, List<String> differences, List<String> warnings,
                         List<RowComparison> rows, List<RowKey> missing, List<RowKey> added) {

    public static final int OK = 0;
    public static final int REGRESSED = 1;
    public static final int BAD_INPUT = 2;
    public static final int NOT_COMPARABLE = 3;

    public Comparison {
        current = List.copyOf(current);
        differences = List.copyOf(differences);
        warnings = List.copyOf(warnings);
        rows = List.copyOf(rows);
        missing = List.copyOf(missing);
        added = List.copyOf(added);
    }

    public static Comparison of(ResultFile base, List<ResultFile> currents, CompareSettings settings)
            throws ReportInputException {
        return of(base, currents, settings, k -> true);
    }

    /**
     * Compares, looking only at rows whose key passes {@code only} (the confirmation rerun
     * judges just the rows flagged the first time).
     *
     * @throws ReportInputException when a file holds the same row twice
     */
    public static Comparison of(ResultFile base, List<ResultFile> currents, CompareSettings settings,
                                Predicate<RowKey> only) throws ReportInputException {
        if (currents.isEmpty()) {
            throw new IllegalArgumentException("no current file");
        }
        Map<RowKey, BenchmarkResult> baseRows = index(List.of(base), only);
        Map<RowKey, BenchmarkResult> currentRows = index(currents, only);

        Environment baseEnv = Environment.of(base);
        Environment currentEnv = Environment.of(currents.get(0));
        List<String> differences = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        if (baseEnv.lacksRecord()) {
            warnings.add(base.label() + " has no environment record (env.json): comparability cannot be fully checked");
        }
        for (ResultFile cur : currents) {
            Environment env = Environment.of(cur);
            if (env.lacksRecord()) {
                warnings.add(cur.label() + " has no environment record (env.json): comparability cannot be fully checked");
            }
            Environment.Check check = Environment.check(baseEnv, env);
            String prefix = currents.size() > 1 ? cur.label() + ": " : "";
            check.differences().forEach(d -> differences.add(prefix + d));
            if (!check.unchecked().isEmpty()) {
                warnings.add(prefix + "not checked (unknown on one side): " + String.join(", ", check.unchecked()));
            }
        }
        if (!differences.isEmpty() && settings.force()) {
            warnings.add("the environments differ (" + String.join("; ", differences)
                    + "); compared anyway because of --force");
        }

        List<RowComparison> rows = new ArrayList<>();
        List<RowKey> missing = new ArrayList<>();
        baseRows.forEach((key, b) -> {
            BenchmarkResult c = currentRows.get(key);
            if (c == null) {
                missing.add(key);
            } else {
                rows.add(RowComparison.judge(b, c, settings));
            }
        });
        List<RowKey> added = currentRows.keySet().stream().filter(k -> !baseRows.containsKey(k))
                .collect(Collectors.toList());
        return new Comparison(base.label(), currents.stream().map(ResultFile::label).collect(Collectors.toList()),
                settings, baseEnv, currentEnv, differences, warnings, rows, missing, added);
    }

    private static Map<RowKey, BenchmarkResult> index(List<ResultFile> files, Predicate<RowKey> only)
            throws ReportInputException {
        Map<RowKey, BenchmarkResult> rows = new LinkedHashMap<>();
        for (ResultFile f : files) {
            for (BenchmarkResult r : f.results()) {
                RowKey key = RowKey.of(r);
                if (!only.test(key)) {
                    continue;
                }
                if (rows.putIfAbsent(key, r) != null) {
                    throw new ReportInputException(f.source() + ": holds " + key + " more than once"
                            + (files.size() > 1 ? " (across the current files)" : ""));
                }
            }
        }
        return rows;
    }

    public boolean comparable() {
        return differences.isEmpty();
    }

    public List<RowComparison> with(Verdict verdict) {
        return rows.stream().filter(r -> r.verdict() == verdict).collect(Collectors.toList());
    }

    public List<RowComparison> regressions() {
        return with(Verdict.REGRESSION);
    }

    /** True when missing rows make the gate fail. */
    public boolean missingFails() {
        return !missing.isEmpty() && !settings.allowMissing();
    }

    /** 0 no regression, 1 regression (or missing rows), 3 not comparable. */
    public int exitCode() {
        if (!comparable() && !settings.force()) {
            return NOT_COMPARABLE;
        }
        return !regressions().isEmpty() || missingFails() ? REGRESSED : OK;
    }

    /** One line: what the gate concluded, e.g. {@code 1 regression, 7 unchanged; exit 1}. */
    public String summary() {
        if (exitCode() == NOT_COMPARABLE) {
            return "not comparable: " + String.join("; ", differences) + " (--force compares anyway); exit 3";
        }
        List<String> parts = new ArrayList<>();
        for (Verdict v : Verdict.values()) {
            int n = with(v).size();
            if (n > 0) {
                parts.add(n + " " + plural(v, n));
            }
        }
        if (!missing.isEmpty()) {
            parts.add(missing.size() + " missing" + (settings.allowMissing() ? " (allowed)" : ""));
        }
        if (!added.isEmpty()) {
            parts.add(added.size() + " new");
        }
        if (parts.isEmpty()) {
            parts.add("nothing to compare");
        }
        return String.join(", ", parts) + "; exit " + exitCode();
    }

    private static String plural(Verdict v, int n) {
        if (n == 1) {
            return v.words();
        }
        switch (v) {
            case REGRESSION:
                return "regressions";
            case IMPROVEMENT:
                return "improvements";
            default:
                return v.words();
        }
    }
}
