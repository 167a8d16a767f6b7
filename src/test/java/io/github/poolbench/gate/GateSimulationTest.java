package io.github.poolbench.gate;

import io.github.poolbench.report.compare.CompareSettings;
import io.github.poolbench.report.compare.Verdict;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stopping rule's statistics, on seeded simulations of the whole loop as the gate runs it
 * (ABBA rounds, looks at 5..30 forks a side, alpha spent over the looks and shared by 4 rows, rows
 * dropped once decided), at a fork CV of 8% (the upper end of what the 2-core VM gave per row).
 * The budget is the rounds of 30 forks a side of 4 rows. The intervals are the gate's: paired by
 * round pair. A second set adds a machine that drifts (a random walk of 3% a round: over the 120
 * rounds of a full run it wanders by about a third, as fork means did on the VM).
 */
class GateSimulationTest {
    static final double ALPHA = 0.05;
    static final double CV = 0.08;
    static final double DRIFT = 0.03;
    static final CompareSettings SETTINGS = new CompareSettings(0.10, ALPHA, false, false, false, true);
    static final CompareSettings UNPAIRED = new CompareSettings(0.10, ALPHA, false, false, false, false);

    static GateLoop.Result simulate(long seed, double... effects) throws GateException {
        return simulate(SETTINGS, 0, seed, effects);
    }

    static GateLoop.Result simulate(CompareSettings settings, double drift, long seed, double... effects)
            throws GateException {
        Synthetic s = Synthetic.drifting(seed, CV, drift, effects);
        long budget = 2L * 30 * effects.length * 1_000_000_000L + 1;
        return new GateLoop(s, settings, 30, s::now, budget, line -> { }).run();
    }

    @Test
    void overTwoThousandAaComparisonsTheFalseAlarmRateIsAtMostAlpha() throws GateException {
        int runs = 2000;
        int alarms = 0;
        int within = 0;
        for (int i = 0; i < runs; i++) {
            GateLoop.Result r = simulate(1000 + i, 0, 0, 0, 0);
            if (r.decisions().stream().anyMatch(d -> d.verdict() == Verdict.SLOWER || d.verdict() == Verdict.FASTER)) {
                alarms++;
            }
            within += (int) r.decisions().stream().filter(d -> d.verdict() == Verdict.WITHIN).count();
        }
        double rate = alarms / (double) runs;
        System.out.printf("gate simulation, CV 8%%: A/A false alarms %.2f%% of %d, rows within ±10%% %.1f%%%n", 100 * rate,
                runs, 100 * within / (4.0 * runs));
        assertTrue(rate <= ALPHA, "false-alarm rate " + rate + " over " + runs + " A/A comparisons");
        // and the A/A rows are mostly shown to be small, not left undecided
        assertTrue(within / (4.0 * runs) >= 0.85, "share of A/A rows within ±10%: " + within / (4.0 * runs));
    }

    @Test
    void aTrueTenPercentSlowdownAtCvEightIsCaughtWithEightyPercentPowerWithinTheBudget() throws GateException {
        int runs = 500;
        int caught = 0;
        int calledWithin = 0;
        for (int i = 0; i < runs; i++) {
            GateLoop.Result r = simulate(5000 + i, 0.10, 0, 0, 0);
            Verdict v = r.decisions().get(0).verdict();
            caught += v == Verdict.SLOWER ? 1 : 0;
            calledWithin += v == Verdict.WITHIN ? 1 : 0;
        }
        System.out.printf("gate simulation, CV 8%%: +10%% caught %.1f%% of %d, called within %d%n", 100.0 * caught / runs,
                runs, calledWithin);
        assertTrue(caught / (double) runs >= 0.80, "power " + caught / (double) runs);
        assertTrue(calledWithin / (double) runs <= ALPHA, "a true +10% called within ±10%: " + calledWithin);
    }

    @Test
    void aLargeSlowdownIsDecidedAtAnEarlierLookThanASmallOne() throws GateException {
        double forks10 = 0;
        double forks25 = 0;
        for (int i = 0; i < 200; i++) {
            forks10 += simulate(9000 + i, 0.10, 0, 0, 0).decisions().get(0).forks();
            forks25 += simulate(9000 + i, 0.25, 0, 0, 0).decisions().get(0).forks();
        }
        assertTrue(forks25 < 0.7 * forks10, "mean forks at decision: +25% " + forks25 / 200 + ", +10% " + forks10 / 200);
    }

    @Test
    void onADriftingMachineThePairedGateKeepsItsFalseAlarmRateAndItsPower() throws GateException {
        int runs = 2000;
        int alarms = 0;
        for (int i = 0; i < runs; i++) {
            GateLoop.Result r = simulate(SETTINGS, DRIFT, 20_000 + i, 0, 0, 0, 0);
            if (r.decisions().stream().anyMatch(d -> d.verdict() == Verdict.SLOWER || d.verdict() == Verdict.FASTER)) {
                alarms++;
            }
        }
        assertTrue(alarms / (double) runs <= ALPHA, "false-alarm rate with drift " + alarms / (double) runs);
        int caught = 0;
        int caughtUnpaired = 0;
        for (int i = 0; i < 500; i++) {
            caught += simulate(SETTINGS, DRIFT, 30_000 + i, 0.10, 0, 0, 0).decisions().get(0).verdict()
                    == Verdict.SLOWER ? 1 : 0;
            caughtUnpaired += simulate(UNPAIRED, DRIFT, 30_000 + i, 0.10, 0, 0, 0).decisions().get(0).verdict()
                    == Verdict.SLOWER ? 1 : 0;
        }
        System.out.printf("gate simulation, drift 3%%/round: A/A false alarms %.2f%% of %d; +10%% caught %.1f%% paired,"
                + " %.1f%% unpaired%n", 100.0 * alarms / runs, runs, caught / 5.0, caughtUnpaired / 5.0);
        assertTrue(caught / 500.0 >= 0.80, "power with drift, paired: " + caught / 500.0);
        // the reason the gate pairs: the same forks judged as two unpaired samples lose the drift's share
        assertTrue(caughtUnpaired < caught, "unpaired " + caughtUnpaired / 500.0 + " vs paired " + caught / 500.0);
    }
}
