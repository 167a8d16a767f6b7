package io.github.poolbench.report.compare;

import io.github.poolbench.report.parse.Text;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The comparison as a plain-text table for a terminal or a CI log. */
public final class TerminalTable {
    private TerminalTable() {
    }

    public static void print(CompareView view, PrintStream out) {
        Comparison c = view.comparison();
        out.println("poolbench compare");
        view.header().forEach(l -> out.println("  " + Text.visible(l)));
        c.warnings().forEach(w -> out.println("warning: " + Text.visible(w)));
        if (c.exitCode() == Comparison.NOT_COMPARABLE && !c.nothingInCommon()) {
            out.println();
            out.println(Text.visible("NOT COMPARABLE: " + String.join("; ", c.differences())));
            out.println("  make a baseline in this environment, or pass --force to compare anyway");
            out.println();
            out.println(Text.visible("result: " + c.summary()));
            return;
        }
        List<List<String>> lines = new ArrayList<>();
        lines.add(CompareView.HEADERS);
        for (CompareView.Row r : view.rows()) {
            List<String> cells = new ArrayList<>();
            r.cells().forEach(cell -> cells.add(Text.visible(cell)));
            if (r.verdict() == Verdict.SLOWER || r.verdict() == Verdict.NOT_JUDGED || r.verdict() == Verdict.CANNOT_TELL) {
                // Upper case makes the rows that need a look stand out in a plain CI log.
                cells.set(0, cells.get(0).toUpperCase(Locale.ROOT));
            }
            lines.add(cells);
        }
        if (lines.size() > 1) {
            int[] width = new int[CompareView.HEADERS.size()];
            for (List<String> l : lines) {
                for (int i = 0; i < width.length; i++) {
                    width[i] = Math.max(width[i], l.get(i).length());
                }
            }
            out.println();
            lines.forEach(l -> out.println(pad(l, width)));
            view.largestChange().ifPresent(l -> out.println(Text.visible(l)));
            view.weakestRow().ifPresent(l -> out.println(Text.visible(l)));
        }
        section(out, "notes", view.notes());
        section(out, c.missingFails() ? "missing from the current run (a failure; --allow-missing accepts it)"
                : "missing from the current run", view.missing());
        section(out, "new in the current run (not judged)", view.added());
        out.println();
        out.println(Text.visible("result: " + c.summary()));
    }

    private static String pad(List<String> cells, int[] width) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            b.append(cells.get(i)).append(" ".repeat(width[i] - cells.get(i).length()));
            if (i < cells.size() - 1) {
                b.append("  ");
            }
        }
        return b.toString().stripTrailing();
    }

    private static void section(PrintStream out, String title, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        out.println();
        out.println(title + ":");
        lines.forEach(l -> out.println("  " + Text.visible(l)));
    }
}
