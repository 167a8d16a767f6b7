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
    public static final int CANNOT_TELL = 4;

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
        return of(base, currents, settings, k -> true, RowLevels.bonferroni(settings.alpha()));
    }

    /**
     * Compares, looking only at rows whose key passes {@code only} (a rerun judges just the rows
     * flagged the first time), each row's interval built at the level {@code levels} gives it.
     *
     * @throws ReportInputException when a file holds the same row twice
     */
    public static Comparison of(ResultFile base, List<ResultFile> currents, CompareSettings settings,
                                Predicate<RowKey> only, RowLevels levels) throws ReportInputException {
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
            differences.add(base.label() + " has no environment record (env.json beside it): the machines cannot be"
                    + " compared");
        } else {
            baseEnv.problems().forEach(p -> differences.add(base.label() + ": " + p));
        }
        for (ResultFile cur : currents) {
            Environment env = Environment.of(cur);
            if (env.lacksRecord()) {
                differences.add(cur.label() + " has no environment record (env.json beside it): the machines cannot be"
                        + " compared");
            } else {
                env.problems().forEach(p -> differences.add(cur.label() + ": " + p));
            }
            Environment.Check check = Environment.check(baseEnv, env);
            String prefix = currents.size() > 1 ? cur.label() + ": " : "";
            check.differences().forEach(d -> differences.add(prefix + d));
            check.warnings().forEach(w -> warnings.add(prefix + w));
        }
        if (!differences.isEmpty() && settings.force()) {
            warnings.add("the environments differ (" + String.join("; ", differences)
                    + "); compared anyway because of --force");
        }

        List<RowKey> missing = new ArrayList<>();
        Map<RowKey, BenchmarkResult[]> pairs = new LinkedHashMap<>();
        baseRows.forEach((key, b) -> {
            BenchmarkResult c = currentRows.get(key);
            if (c == null) {
                missing.add(key);
            } else {
                pairs.put(key, new BenchmarkResult[] {b, c});
            }
        });
        int family = (int) pairs.values().stream().filter(p -> RowComparison.unjudgeable(p[0], p[1]) == null).count();
        List<RowComparison> rows = new ArrayList<>();
        pairs.forEach((key, p) -> {
            rows.add(RowComparison.judge(p[0], p[1], settings, levels.level(key, Math.max(1, family))));
            RunSettingsCheck.of(p[0].run(), p[1].run()).forEach(w -> warnings.add(key.shortName() + " "
                    + key.paramsText() + ": " + w));
        });
        List<RowKey> added = currentRows.keySet().stream().filter(k -> !baseRows.containsKey(k))
                .collect(Collectors.toList());
        return new Comparison(base.label(), currents.stream().map(ResultFile::label).collect(Collectors.toList()),
                settings, baseEnv, currentEnv, differences, warnings, rows, missing, added);
    }

    /**
     * The two-sided error rate of one row's interval. The intervals of all rows (and, in the
     * sequential gate, of all looks) must hold together with probability 1 - alpha: Bonferroni
     * gives each of the {@code family} rows alpha / family.
     */
    @FunctionalInterface
    public interface RowLevels {
        double level(RowKey key, int family);

        static RowLevels bonferroni(double alpha) {
            return (key, family) -> alpha / family;
        }
    }

    /** Rows whose samples were iterations of too few forks. */
    public List<RowComparison> pseudoReplicated() {
        return rows.stream().filter(RowComparison::pseudoReplicated).collect(Collectors.toList());
    }

    /** How many rows got an interval (the family the alpha is shared by). */
    public long judgedRows() {
        return rows.stream().filter(r -> r.interval() != null).count();
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
        return with(Verdict.SLOWER);
    }

    /** Rows an A/A calibration would have mistaken for a change (both sides are the same build). */
    public List<RowComparison> falseAlarms() {
        return rows.stream().filter(r -> r.verdict() == Verdict.SLOWER || r.verdict() == Verdict.FASTER)
                .collect(Collectors.toList());
    }

    /** True when missing rows make the gate fail. */
    public boolean missingFails() {
        return !missing.isEmpty() && !settings.allowMissing();
    }

    /** True when the two files share no row: nothing was judged, which is no pass. */
    public boolean nothingInCommon() {
        return rows.isEmpty();
    }

    /**
     * 3 not comparable (environments differ or are not recorded, without --force; or no row in
     * common); 2 a row holds data the gate cannot judge (a score or sample zero, negative, NaN or
     * infinite, a unit that is not a time unit for its mode or does not convert): never a pass; 1 a
     * row is slower, or a baseline row is missing; 4 no row is slower but at least one cannot tell
     * (the measurement could not decide it: not a pass it can vouch for); 0 every row decided, none
     * slower. An A/A calibration fails only on 2 and 3: its flagged rows are the noise it measures.
     */
    public int exitCode() {
        if ((!comparable() && !settings.force()) || nothingInCommon()) {
            return NOT_COMPARABLE;
        }
        if (!with(Verdict.NOT_JUDGED).isEmpty()) {
            return BAD_INPUT;
        }
        if (settings.aa()) {
            return OK;
        }
        if (!regressions().isEmpty() || missingFails()) {
            return REGRESSED;
        }
        return with(Verdict.CANNOT_TELL).isEmpty() ? OK : CANNOT_TELL;
    }

    /** The row with the largest |change| in time per op, if any row was judged. */
    public java.util.Optional<RowComparison> largestChange() {
        return rows.stream().filter(r -> r.verdict() != Verdict.NOT_JUDGED && Double.isFinite(r.change()))
                .max(java.util.Comparator.comparingDouble(r -> Math.abs(r.change())));
    }

    /** The judged row whose measurement could catch the least: the largest detectable change. */
    public java.util.Optional<RowComparison> weakestRow() {
        return rows.stream().filter(r -> r.interval() != null)
                .max(java.util.Comparator.comparingDouble(r -> r.interval().detectable()));
    }

    /** One line: what the gate concluded, e.g. {@code 1 slower, 3 within ±10%; exit 1}. */
    public String summary() {
        if (exitCode() == NOT_COMPARABLE) {
            if (comparable() || settings.force()) {
                return "not comparable: no benchmark row in common (baseline " + baseline + ", current "
                        + String.join(" + ", current) + "): nothing was judged; exit 3";
            }
            return "not comparable: " + String.join("; ", differences) + " (--force compares anyway); exit 3";
        }
        List<String> parts = new ArrayList<>();
        for (Verdict v : Verdict.values()) {
            int n = with(v).size();
            if (n > 0) {
                parts.add(n + " " + (v == Verdict.WITHIN ? "within ±" + CompareView.percent(settings.threshold())
                        : v.words()));
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
        String tail = "";
        int notJudged = with(Verdict.NOT_JUDGED).size();
        if (notJudged > 0) {
            tail = " (" + notJudged + (notJudged == 1 ? " row" : " rows") + " the gate cannot judge: bad data, no pass)";
        }
        if (settings.aa()) {
            int flagged = falseAlarms().size();
            tail += largestChange().map(r -> "; A/A: largest |change| " + String.format(java.util.Locale.ROOT, "%.1f%%",
                    Math.abs(r.change()) * 100) + " (" + r.key().shortName() + " " + r.key().paramsText() + "), "
                    + flagged + " of " + rows.size() + (rows.size() == 1 ? " row" : " rows") + " flagged (false alarms)")
                    .orElse("");
        }
        return String.join(", ", parts) + tail + "; exit " + exitCode();
    }
}
