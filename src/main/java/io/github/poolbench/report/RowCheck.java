package io.github.poolbench.report;

import io.github.poolbench.report.analysis.Units;
import io.github.poolbench.report.compare.RowKey;
import io.github.poolbench.report.model.BenchmarkResult;
import io.github.poolbench.report.model.ResultFile;
import io.github.poolbench.report.parse.ReportInputException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What the report accepts of a parsed file before any number of it reaches a headline: a row
 * whose primary score, or any of whose samples ({@code rawData}, one value per iteration), is
 * not a positive finite number in a unit its mode can have (a time per operation for avgt,
 * sample and ss; operations per time for thrpt) is left out with one warning naming it, the
 * data {@code compare} refuses to judge; a file that holds the same row twice is refused, as {@code compare}
 * refuses it, since either copy could be the one shown; a file with no usable row is refused.
 */
public final class RowCheck {
    private RowCheck() {
    }

    /**
     * The file with its unusable rows left out, each with one warning to {@code warnings}.
     *
     * @throws ReportInputException when the file holds a row twice or no usable row at all
     */
    public static ResultFile usable(ResultFile file, Consumer<String> warnings) throws ReportInputException {
        Set<RowKey> seen = new HashSet<>();
        List<BenchmarkResult> kept = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        for (BenchmarkResult r : file.results()) {
            RowKey key = RowKey.of(r);
            if (!seen.add(key)) {
                throw new ReportInputException(file.source() + ": holds " + key + " more than once");
            }
            String problem = problem(r);
            if (problem == null) {
                kept.add(r);
            } else {
                dropped.add(file.source() + ": " + key + ": " + problem + "; the row is left out of the report");
            }
        }
        if (kept.isEmpty()) {
            throw new ReportInputException(file.source() + ": none of its " + file.results().size()
                    + (file.results().size() == 1 ? " result is" : " results are") + " usable: " + firstProblem(dropped));
        }
        dropped.forEach(warnings);
        return kept.size() == file.results().size() ? file
                : file.withResults(kept);
    }

    /** Why a row cannot be shown, or null when it can. */
    static String problem(BenchmarkResult r) {
        double score = r.primary().score();
        String unit = r.primary().unit();
        Units.Kind kind = Units.kind(unit);
        boolean timeMode = !r.mode().equals("thrpt");
        if (kind == Units.Kind.OTHER) {
            return "its unit \"" + unit + "\" is not one JMH writes for " + r.mode()
                    + (timeMode ? " (a time per operation, such as us/op)" : " (operations per time, such as ops/s)");
        }
        if (timeMode && kind != Units.Kind.TIME_PER_OP) {
            return r.mode() + " is a time per operation, but its unit is " + unit;
        }
        if (!timeMode && kind != Units.Kind.OPS_PER_TIME) {
            return "thrpt is operations per time, but its unit is " + unit;
        }
        if (Double.isNaN(score) || Double.isInfinite(score)) {
            return "its score is " + (Double.isNaN(score) ? "NaN" : score > 0 ? "infinite" : "minus infinity")
                    + ", not a measurement";
        }
        if (score <= 0) {
            return "its score " + plain(score) + " " + unit + " is not a positive " + (timeMode ? "time" : "rate");
        }
        List<List<Double>> forks = r.primary().forks();
        for (int f = 0; f < forks.size(); f++) {
            List<Double> fork = forks.get(f);
            for (int i = 0; i < fork.size(); i++) {
                Double v = fork.get(i);
                if (v == null || !Double.isFinite(v) || v <= 0) {
                    String what = v == null ? "missing" : Double.isNaN(v) ? "NaN" : Double.isInfinite(v)
                            ? (v > 0 ? "infinite" : "minus infinity") : plain(v) + " " + unit;
                    return "the sample of fork " + (f + 1) + ", iteration " + (i + 1) + " in its rawData is " + what
                            + ", not a positive " + (timeMode ? "time" : "rate");
                }
            }
        }
        return null;
    }

    private static String plain(double v) {
        return v == 0 ? "0" : new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }

    private static String firstProblem(List<String> dropped) {
        if (dropped.isEmpty()) {
            return "(none)";
        }
        String first = dropped.get(0);
        String p = first.replace("; the row is left out of the report", "");
        int colon = p.indexOf(": ");
        p = colon < 0 ? p : p.substring(colon + 2);
        return p + (dropped.size() > 1 ? " (and " + (dropped.size() - 1) + " more)" : "");
    }
}
