package io.github.poolbench.report.parse;

/**
 * The one text sanitiser of report, compare and merge: text from input files (benchmark names,
 * params, file names, environment records) made safe to show. Control characters (C0 and C1,
 * DEL, newlines included), the Unicode marks that turn text direction (U+202A..U+202E,
 * U+2066..U+2069, U+200E, U+200F, U+061C), the byte-order mark U+FEFF and the line and
 * paragraph separators U+2028 and U+2029 become visible {@code <U+202E>} tags, so a name can
 * neither hide part of itself, move a terminal's cursor, break a line, nor make another row's
 * text read backwards. Everything else, CJK and emoji included, is kept as written. Null stays
 * null (an absent value), and is printed as "null" where text is required.
 */
public final class Text {
    private Text() {
    }

    /** {@code s} with every invisible control or direction character shown as {@code <U+XXXX>}; null for null. */
    public static String visible(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (hidden(c)) {
                if (out == null) {
                    out = new StringBuilder(s.length() + 8).append(s, 0, i);
                }
                out.append(String.format(java.util.Locale.ROOT, "<U+%04X>", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? s : out.toString();
    }

    /** True for C0 and C1 controls (DEL included), the direction marks, U+FEFF, U+2028 and U+2029. */
    static boolean hidden(char c) {
        return c < 0x20 || (c >= 0x7F && c <= 0x9F)
                || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)
                || c == 0x200E || c == 0x200F || c == 0x061C || c == 0xFEFF || c == 0x2028 || c == 0x2029;
    }

    /**
     * Markdown text that renders exactly as written: every ASCII punctuation character is
     * backslash-escaped (CommonMark makes any escaped punctuation a literal), so no link
     * {@code [x](u)}, image {@code ![x](u)}, autolink {@code <u>}, raw HTML, entity, emphasis or
     * table pipe can form; {@code www.} and {@code ://} are split by the escapes, so GitHub's bare-URL
     * autolinks do not form either. Invisible characters become visible; null is "null".
     */
    public static String markdown(String s) {
        String v = String.valueOf(visible(s));
        StringBuilder b = new StringBuilder(v.length() + 16);
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < 128 && "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".indexOf(c) >= 0) {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }
}
