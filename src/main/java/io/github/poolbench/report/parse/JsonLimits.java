package io.github.poolbench.report.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

import java.util.Locale;

/**
 * The limits the JSON reader puts on a file, and what to tell a user whose file passes one.
 *
 * <p>Each limit is Jackson's default ({@link StreamReadConstraints}) unless raised with a system
 * property, e.g. {@code java -Dpoolbench.json.maxStringLength=100000000 -jar benchmarks.jar report x.json}:
 * {@value #STRING} (characters in one string), {@value #NUMBER} (digits in one number),
 * {@value #NESTING} (arrays and objects inside each other), {@value #NAME} (characters in one field
 * name). JMH's own files stay far below all four; a file above one is most likely not a JMH
 * result, and the limit keeps it from taking all the memory.
 */
public final class JsonLimits {
    static final String STRING = "poolbench.json.maxStringLength";
    static final String NUMBER = "poolbench.json.maxNumberLength";
    static final String NESTING = "poolbench.json.maxNestingDepth";
    static final String NAME = "poolbench.json.maxNameLength";

    private JsonLimits() {
    }

    /** A factory whose parsers keep to the limits (Jackson's defaults, or the raised ones). */
    static JsonFactory factory() {
        StreamReadConstraints d = StreamReadConstraints.defaults();
        StreamReadConstraints limits = StreamReadConstraints.builder()
                .maxStringLength(limit(STRING, d.getMaxStringLength()))
                .maxNumberLength(limit(NUMBER, d.getMaxNumberLength()))
                .maxNestingDepth(limit(NESTING, d.getMaxNestingDepth()))
                .maxNameLength(limit(NAME, d.getMaxNameLength()))
                .build();
        return JsonFactory.builder().streamReadConstraints(limits).build();
    }

    private static int limit(String property, int fallback) {
        String v = System.getProperty(property);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.trim().replace("_", ""));
            return n > 0 ? n : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** Which limit the file passed and how to raise it, in one line without Jackson's words. */
    static String explain(StreamConstraintsException e) {
        String m = String.valueOf(e.getOriginalMessage());
        String at = location(e);
        if (m.contains("getMaxStringLength")) {
            return "holds a string longer than the reader's limit of " + max(m) + " characters" + at + raise(STRING);
        }
        if (m.contains("getMaxNumberLength")) {
            return "holds a number longer than the reader's limit of " + max(m) + " digits" + at + raise(NUMBER);
        }
        if (m.contains("getMaxNestingDepth")) {
            return "nests arrays or objects deeper than the reader's limit of " + max(m) + " levels" + at + raise(NESTING);
        }
        if (m.contains("getMaxNameLength")) {
            return "holds a field name longer than the reader's limit of " + max(m) + " characters" + at + raise(NAME);
        }
        return "passes a limit of the JSON reader" + at + " (" + m.replaceAll("\\s*\\(from `[^`]*`\\)", "")
                .replaceAll("\\s+", " ") + ")";
    }

    /** The line for a file too large for the heap this JVM may use. */
    static String outOfMemory() {
        long mb = Runtime.getRuntime().maxMemory() / (1024 * 1024);
        return "too large to read in the " + mb + " MB of memory this JVM may use; give java more with -Xmx,"
                + " e.g. java -Xmx" + Math.max(1, (mb * 4 + 1023) / 1024) + "g -jar benchmarks.jar ...";
    }

    /** The line for a nesting deeper than this JVM's stack (a raised nesting limit). */
    static String tooDeep() {
        return "nests arrays or objects deeper than this JVM's stack can read; give it a larger stack with -Xss,"
                + " e.g. java -Xss64m -jar benchmarks.jar ..., or leave " + NESTING + " at its default";
    }

    private static String raise(String property) {
        return "; not a JMH result as JMH writes it? To read it anyway, raise the limit with java -D" + property
                + "=N -jar benchmarks.jar ...";
    }

    private static String max(String m) {
        java.util.regex.Matcher x = java.util.regex.Pattern.compile("maximum allowed \\((\\d+)").matcher(m);
        return x.find() ? String.format(Locale.ROOT, "%,d", Long.parseLong(x.group(1))) : "(unknown)";
    }

    private static String location(StreamConstraintsException e) {
        var l = e.getLocation();
        return l == null || l.getLineNr() < 0 ? "" : " (at line " + l.getLineNr() + ", column " + l.getColumnNr() + ")";
    }
}
