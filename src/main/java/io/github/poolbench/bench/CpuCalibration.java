package io.github.poolbench.bench;

import io.github.poolbench.workload.Task;

/**
 * Turns microseconds of CPU work into {@link Task#CPU_BURN} units on this JVM: warms the loop
 * up until the JIT has compiled it, then takes the best of several timed runs (the least
 * disturbed one on a noisy machine).
 */
final class CpuCalibration {
    private static final int UNITS = 2_000_000;
    private static volatile double cached;

    private CpuCalibration() {
    }

    static double unitsPerMicro() {
        double c = cached;
        if (c > 0) {
            return c;
        }
        long sink = 0;
        for (int i = 0; i < 30; i++) {
            sink += (Integer) Task.CPU_BURN.run(i, UNITS / 10);
        }
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 15; i++) {
            long t0 = System.nanoTime();
            sink += (Integer) Task.CPU_BURN.run(i, UNITS);
            best = Math.min(best, System.nanoTime() - t0);
        }
        if (sink == 42) {
            System.out.print("");
        }
        cached = UNITS / (Math.max(1, best) / 1000.0);
        return cached;
    }
}
