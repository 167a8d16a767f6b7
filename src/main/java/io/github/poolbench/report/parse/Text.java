package io.github.poolbench.report.parse;

/**
 * Names as the report and compare show them: control characters and the Unicode marks that
 * turn text direction (U+202A..U+202E, U+2066..U+2069, U+200E, U+200F, U+061C) become visible
 * {@code <U+202E>} tags, so a benchmark name can neither hide part of itself nor make another
 * row's text read backwards. Everything else, CJK and emoji included, is kept as written.
 */
public final class Text {
    private Text() {
    }

    /** {@code s} with every invisible control or direction character shown as {@code <U+XXXX>}. */
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

    /** True for C0 and C1 controls (DEL included) and the bidirectional formatting marks. */
    static boolean hidden(char c) {
        return c < 0x20 || (c >= 0x7F && c <= 0x9F)
                || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)
                || c == 0x200E || c == 0x200F || c == 0x061C;
    }
}
