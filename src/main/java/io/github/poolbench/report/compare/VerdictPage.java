package io.github.poolbench.report.compare;

import io.github.poolbench.report.parse.Text;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The comparison as an HTML page ({@code verdict.html}): the same header, table, notes and result
 * line as the terminal table and the Markdown, from the same {@link CompareView}, through an
 * auto-escaping template (a name from the inputs is shown as text, never as markup).
 */
public final class VerdictPage {
    private static final Mustache TEMPLATE = new DefaultMustacheFactory("compare").compile("verdict.html.mustache");

    private VerdictPage() {
    }

    record Cell(String text, String css) {
    }

    record Line(String css, List<Cell> cells) {
    }

    record Section(String title, List<String> items) {
    }

    public static String render(CompareView view) {
        Comparison c = view.comparison();
        List<Line> rows = new ArrayList<>();
        for (CompareView.Row r : view.rows()) {
            List<Cell> cells = new ArrayList<>();
            for (int i = 0; i < r.cells().size(); i++) {
                cells.add(new Cell(Text.visible(r.cells().get(i)), i == 0 ? "answer" : i >= 4 && i <= 8 ? "num" : ""));
            }
            rows.add(new Line(r.verdict().name().toLowerCase(Locale.ROOT).replace('_', '-'), cells));
        }
        List<String> lines = new ArrayList<>();
        view.largestChange().ifPresent(lines::add);
        view.weakestRow().ifPresent(lines::add);
        List<Section> sections = new ArrayList<>();
        section(sections, "Notes", view.notes());
        section(sections, c.missingFails() ? "Missing from the current run (a failure; --allow-missing accepts it)"
                : "Missing from the current run", view.missing());
        section(sections, "New in the current run (not judged)", view.added());
        StringWriter w = new StringWriter();
        TEMPLATE.execute(w, new Object() {
            final String status = Text.visible(MarkdownReport.status(c));
            final List<String> header = visible(view.header());
            final List<String> warnings = visible(c.warnings());
            final boolean hasRows = !rows.isEmpty();
            final List<String> headers = CompareView.HEADERS;
            final List<Line> rowsList = rows;
            final List<String> linesList = visible(lines);
            final List<Section> sectionsList = sections;
            final String result = Text.visible(c.summary());
            final boolean page = true;
        });
        return w.toString();
    }

    private static void section(List<Section> out, String title, List<String> items) {
        if (!items.isEmpty()) {
            out.add(new Section(title, visible(items)));
        }
    }

    private static List<String> visible(List<String> lines) {
        return lines.stream().map(Text::visible).toList();
    }
}
