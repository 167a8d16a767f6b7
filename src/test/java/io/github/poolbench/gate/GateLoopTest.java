package io.github.poolbench.gate;

import io.github.poolbench.report.compare.CompareSettings;
import io.github.poolbench.report.compare.RowKey;
import io.github.poolbench.report.compare.Verdict;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GateLoopTest {
    static final CompareSettings SETTINGS = new CompareSettings(0.10, 0.05, false, false, false);
    static final long SECOND = 1_000_000_000L;

    @Test
    void roundsGoInAbbaOrder() {
        StringBuilder b = new StringBuilder();
        for (int r = 0; r < 10; r++) {
            b.append(Side.ofRound(r) == Side.BASE ? 'A' : 'B');
        }
        assertEquals("ABBAABBAAB", b.toString());
    }

    @Test
    void aDecidedRowIsNotMeasuredAgainWhileAnUndecidedOneGetsTheRounds() throws GateException {
        // row 0: +60% at CV 5%: decided at the first look; row 1: +4% at CV 8%: needs more forks
        Synthetic noisy = new Synthetic(8, 0.05, 0.60, 0.04);
        GateLoop.Result r = new GateLoop(noisy, SETTINGS, 30, noisy::now, Long.MAX_VALUE, l -> { }).run();
        assertEquals(Verdict.SLOWER, r.decisions().get(0).verdict());
        assertEquals(5, r.decisions().get(0).forks());
        assertEquals(2 * 5, noisy.forksRun.get(Synthetic.row("S0")), "5 forks a side, then no more");
        assertEquals(2 * r.decisions().get(1).forks(), noisy.forksRun.get(Synthetic.row("S1")));
        assertTrue(r.decisions().get(1).forks() > 5);
    }

    @Test
    void theBudgetEndsTheRunAtAnUnplannedLookThatSpendsTheRestAndLeavesRowsCannotTell() throws GateException {
        Synthetic s = new Synthetic(3, 0.16, 0.05, 0.0);
        // 2 rows, 1 s a fork, 4 s a pair of rounds: by 38 s, 9 forks a side; a 10th pair would end at 40 s
        GateLoop.Result r = new GateLoop(s, SETTINGS, 30, s::now, 38 * SECOND, l -> { }).run();
        assertTrue(r.stop().startsWith("the budget is spent"), r.stop());
        GateLoop.Decision d = r.decisions().get(0);
        assertEquals(9, d.forks());
        assertEquals(Verdict.CANNOT_TELL, d.verdict());
        Looks looks = Looks.upTo(30, 0.05, 2);
        assertEquals(looks.level(8, d.forks(), true), d.level(), 1e-15, "the last look spends what is left");
        assertTrue(s.clock <= 38 * SECOND, "no round ends past the deadline: " + s.clock);
    }

    @Test
    void aRowTheHeadDoesNotRunIsMissingAndOneOnlyTheHeadRunsIsNew() throws GateException {
        ForkSource source = new ForkSource() {
            final Synthetic s = new Synthetic(1, 0.01, 0, 0);

            @Override
            public Map<RowKey, Fork> run(Side side, int round, List<RowKey> rows) {
                Map<RowKey, Fork> got = new LinkedHashMap<>(s.run(side, round, rows));
                if (rows == null) {
                    got.remove(Synthetic.row(side == Side.BASE ? "S1" : "S0"));
                }
                return got;
            }
        };
        GateLoop.Result r = new GateLoop(source, SETTINGS, 30, System::nanoTime, Long.MAX_VALUE, l -> { }).run();
        assertEquals(List.of(Synthetic.row("S0")), r.missing());
        assertEquals(List.of(Synthetic.row("S1")), r.added());
        assertEquals(List.of(), r.decisions());
    }

    @Test
    void aRowARoundDidNotMeasureStopsTheGateWithOneLine() {
        ForkSource source = new ForkSource() {
            final Synthetic s = new Synthetic(1, 0.05, 0, 0);

            @Override
            public Map<RowKey, Fork> run(Side side, int round, List<RowKey> rows) {
                Map<RowKey, Fork> got = new LinkedHashMap<>(s.run(side, round, rows));
                if (round == 4) {
                    got.remove(Synthetic.row("S1"));
                }
                return got;
            }
        };
        GateException e = assertThrows(GateException.class,
                () -> new GateLoop(source, SETTINGS, 30, System::nanoTime, Long.MAX_VALUE, l -> { }).run());
        assertEquals("the base run of round 5 did not measure " + Synthetic.row("S1") + " (a benchmark error?)",
                e.getMessage());
    }

    @Test
    void progressIsPrintedEveryRoundAndAtEveryLook() throws GateException {
        Synthetic s = new Synthetic(11, 0.05, 0.3);
        List<String> lines = new ArrayList<>();
        new GateLoop(s, SETTINGS, 30, s::now, Long.MAX_VALUE, lines::add).run();
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("round 4: 2 forks a side of 1 undecided row")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("look at 5 forks a side: each row's interval at ")),
                lines.toString());
        assertTrue(lines.get(lines.size() - 1).startsWith("stopped: "), lines.toString());
    }
}
