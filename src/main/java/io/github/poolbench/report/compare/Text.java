package io.github.poolbench.report.compare;

/**
 * Text from input files (benchmark names, params, file names, environment records) made safe to
 * print: in a terminal a control character could move the cursor or recolour the log, and a
 * bidirectional override could make a row read as another; in Markdown a link, an image or HTML
 * in a benchmark name would load or point somewhere from a CI summary.
 */
final class Text {
    private Text() {
    }

    /** Control characters and bidirectional formatting characters as visible {@code <U+202E>}. */
    static String visible(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            if (invisible(cp)) {
                b.append(String.format("<U+%04X>", cp));
            } else {
                b.append(Character.toChars(cp));
            }
        });
        return b.toString();
    }

    static boolean invisible(int cp) {
        return Character.getType(cp) == Character.CONTROL
                || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)
                || cp == 0x200E || cp == 0x200F || cp == 0x061C || cp == 0xFEFF
                || Character.getType(cp) == Character.LINE_SEPARATOR || Character.getType(cp) == Character.PARAGRAPH_SEPARATOR;
    }

    /**
     * Markdown text that renders exactly as written: every ASCII punctuation character is
     * backslash-escaped (CommonMark makes any escaped punctuation a literal), so no link
     * {@code [x](u)}, image {@code ![x](u)}, autolink {@code <u>}, raw HTML, entity, emphasis or
     * table pipe can form; {@code www.} and {@code ://} are split by the escapes, so GitHub's bare-URL
     * autolinks do not form either. Invisible characters become visible.
     */
    static String markdown(String s) {
        String v = visible(s).replace('\n', ' ');
        StringBuilder b = new StringBuilder(v.length() + 16);
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < 128 && isPunctuation(c)) {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }

    private static boolean isPunctuation(char c) {
        return "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".indexOf(c) >= 0;
    }
}
