package io.github.poolbench.history;

import org.apache.commons.math3.distribution.TDistribution;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The change points of each series: {@link EDivisive} on the fork means, with the
 * {@link Modes bimodal rule} as its test, and for each change its magnitude, interval and the
 * environment differences across it.
 */
final class Detector {
    /** Otava's default threshold. */
    static final double DEFAULT_ALPHA = 0.001;
    static final int DEFAULT_MIN_RUNS = 3;

    private final EDivisive method;

    Detector(int minRuns, double alpha) {
        this.method = new EDivisive(minRuns, alpha, Modes::pValue);
    }

    Detector() {
        this(DEFAULT_MIN_RUNS, DEFAULT_ALPHA);
    }

    List<Change> changes(Series s) {
        List<double[]> runs = s.points().stream().map(Series.Point::forkMeans).toList();
        List<Integer> cps = method.changePoints(runs);
        List<Change> out = new ArrayList<>();
        for (int i = 0; i < cps.size(); i++) {
            int from = i == 0 ? 0 : cps.get(i - 1);
            int at = cps.get(i);
            int to = i == cps.size() - 1 ? runs.size() : cps.get(i + 1);
            double[] left = EDivisive.flatten(runs, from, at);
            double[] right = EDivisive.flatten(runs, at, to);
            double p = method.pValue(runs, from, at, to);
            boolean bimodal = Modes.bimodal(Modes.concat(left, right));
            double[] interval = relativeChange(left, right);
            Series.Point before = s.points().get(at - 1);
            Series.Point after = s.points().get(at);
            out.add(new Change(s, at, before, after, interval[0], interval[1], interval[2], p, bimodal,
                    envChanges(before.env(), after.env())));
        }
        return out;
    }

    /**
     * (mean right − mean left) / mean left with a 95% Welch interval of the difference, divided by
     * the left mean (whose own uncertainty is left out: it is the smaller part with many runs).
     */
    static double[] relativeChange(double[] left, double[] right) {
        double ml = EDivisive.mean(left);
        double mr = EDivisive.mean(right);
        double vl = EDivisive.variance(left, ml) / left.length;
        double vr = EDivisive.variance(right, mr) / right.length;
        double diff = mr - ml;
        double half = 0;
        if (vl + vr > 0 && left.length > 1 && right.length > 1) {
            double df = (vl + vr) * (vl + vr) / (vl * vl / (left.length - 1) + vr * vr / (right.length - 1));
            half = new TDistribution(null, df).inverseCumulativeProbability(0.975) * Math.sqrt(vl + vr);
        }
        return new double[] {diff / ml, (diff - half) / ml, (diff + half) / ml};
    }

    static List<String> envChanges(StoredRun.RunEnv a, StoredRun.RunEnv b) {
        List<String> out = new ArrayList<>();
        String jdkA = jdk(a);
        String jdkB = jdk(b);
        if (!Objects.equals(jdkA, jdkB)) {
            out.add("JDK " + jdkA + " -> " + jdkB);
        }
        if (!Objects.equals(a.kernel(), b.kernel())) {
            out.add("kernel " + a.kernel() + " -> " + b.kernel());
        }
        if (!Objects.equals(a.launchMechanism(), b.launchMechanism())) {
            out.add("launch mechanism " + a.launchMechanism() + " -> " + b.launchMechanism());
        }
        return out;
    }

    private static String jdk(StoredRun.RunEnv e) {
        return (e.jdkVendor() == null ? "" : e.jdkVendor() + " ") + e.jdkVersion();
    }
}
