package io.github.poolbench.report.compare;

import io.github.poolbench.report.model.BenchmarkResult.RunSettings;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a row was run on each side, as JMH recorded it: threads, warm-up and measurement. Two
 * sides measured with different settings measure different things (more threads contend, a
 * shorter warm-up leaves the JIT unsettled), so each difference is said, one line each.
 */
final class RunSettingsCheck {
    private RunSettingsCheck() {
    }

    static List<String> of(RunSettings base, RunSettings current) {
        List<String> out = new ArrayList<>();
        if (base.threads() > 0 && current.threads() > 0 && base.threads() != current.threads()) {
            out.add(differs("threads", base.threads(), current.threads()));
        }
        if (base.warmupIterations() >= 0 && current.warmupIterations() >= 0
                && base.warmupIterations() != current.warmupIterations()) {
            out.add(differs("warm-up iterations", base.warmupIterations(), current.warmupIterations()));
        }
        if (base.warmupTime() != null && current.warmupTime() != null
                && !Objects.equals(base.warmupTime(), current.warmupTime())) {
            out.add(differs("warm-up time", base.warmupTime(), current.warmupTime()));
        }
        if (base.measurementIterations() > 0 && current.measurementIterations() > 0
                && base.measurementIterations() != current.measurementIterations()) {
            out.add(differs("measurement iterations", base.measurementIterations(), current.measurementIterations()));
        }
        if (base.measurementTime() != null && current.measurementTime() != null
                && !Objects.equals(base.measurementTime(), current.measurementTime())) {
            out.add(differs("measurement time", base.measurementTime(), current.measurementTime()));
        }
        return out;
    }

    private static String differs(String what, Object base, Object current) {
        return "measured with other settings: " + what + " " + base + " (baseline) vs " + current + " (current)";
    }
}
