package io.github.poolbench.report.compare;

import io.github.poolbench.report.parse.Text;

import java.util.List;

/**
 * The comparison as GitHub-flavoured Markdown, for {@code $GITHUB_STEP_SUMMARY} or a PR
 * comment. Headings start at level 3 so the text composes into a larger summary.
 */
public final class MarkdownReport {
    private MarkdownReport() {
    }

    public static String render(CompareView view) {
        Comparison c = view.comparison();
        StringBuilder md = new StringBuilder();
        md.append("### poolbench performance comparison: ").append(status(c)).append("\n\n");
        for (String l : view.header()) {
            md.append("- ").append(inline(l)).append('\n');
        }
        for (String w : c.warnings()) {
            md.append("- **warning:** ").append(inline(w)).append('\n');
        }
        md.append('\n');
        if (c.exitCode() == Comparison.NOT_COMPARABLE && !c.nothingInCommon()) {
            md.append("**Not comparable:** ").append(inline(String.join("; ", c.differences())))
                    .append(". Make a baseline in this environment, or pass `--force` to compare anyway.\n\n");
            md.append("Result: ").append(inline(c.summary())).append('\n');
            return md.toString();
        }
        List<CompareView.Row> rows = view.rows();
        if (!rows.isEmpty()) {
            md.append('|');
            CompareView.HEADERS.forEach(h -> md.append(' ').append(h).append(" |"));
            md.append("\n|");
            for (int i = 0; i < CompareView.HEADERS.size(); i++) {
                md.append(i >= 4 && i <= 8 ? "---:|" : "---|");
            }
            md.append('\n');
            for (CompareView.Row r : rows) {
                md.append('|');
                for (int i = 0; i < r.cells().size(); i++) {
                    String cell = cell(r.cells().get(i));
                    if (i == 0 && (r.verdict() == Verdict.SLOWER || r.verdict() == Verdict.CANNOT_TELL)) {
                        cell = "**" + cell + "**";
                    }
                    md.append(' ').append(cell).append(" |");
                }
                md.append('\n');
            }
            md.append('\n');
            view.largestChange().ifPresent(l -> md.append(inline(l)).append("\n\n"));
            view.weakestRow().ifPresent(l -> md.append(inline(l)).append("\n\n"));
        }
        list(md, "Notes", view.notes());
        list(md, c.missingFails() ? "Missing from the current run (a failure; `--allow-missing` accepts it)"
                : "Missing from the current run", view.missing());
        list(md, "New in the current run (not judged)", view.added());
        md.append("Result: ").append(inline(c.summary())).append('\n');
        return md.toString();
    }

    static String status(Comparison c) {
        switch (c.exitCode()) {
            case Comparison.OK:
                if (c.settings().aa()) {
                    int flagged = c.falseAlarms().size();
                    return "A/A calibration, " + flagged + " of " + c.rows().size() + " rows flagged (false alarms), "
                            + c.with(Verdict.WITHIN).size() + " within ±" + CompareView.percent(c.settings().threshold());
                }
                return "✅ no row slower, every row decided";
            case Comparison.CANNOT_TELL:
                int n4 = c.with(Verdict.CANNOT_TELL).size();
                return "⚠️ no row slower, but " + n4 + (n4 == 1 ? " row" : " rows") + " cannot tell";
            case Comparison.NOT_COMPARABLE:
                return c.nothingInCommon() && (c.comparable() || c.settings().force())
                        ? "⚠️ not comparable: no row in common" : "⚠️ not comparable";
            case Comparison.BAD_INPUT:
                return "❌ rows the gate cannot judge";
            default:
                int n = c.regressions().size();
                return n > 0 ? "❌ " + n + (n == 1 ? " row" : " rows") + " slower" : "❌ benchmarks missing";
        }
    }

    private static void list(StringBuilder md, String title, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        md.append("**").append(title).append(":**\n\n");
        lines.forEach(l -> md.append("- ").append(inline(l)).append('\n'));
        md.append('\n');
    }

    /** A table cell: the escaped pipe {@code \\|} is GFM's literal pipe inside a cell. */
    static String cell(String s) {
        return inline(s);
    }

    /** Text from the inputs, rendered literally: see {@link Text#markdown}. */
    static String inline(String s) {
        return Text.markdown(s);
    }
}
