package io.github.poolbench;

import io.github.poolbench.report.RunFiles;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.options.Options;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What a run is checked for before anything is written or forked: a word that looks like a
 * subcommand, the benchmark patterns, {@code -jvm}, the {@code -p} names and values (against each
 * selected benchmark's declared values and its field's type), and the {@code -rff} target. Each
 * failure is one {@link Refusal}: one line, exit 2.
 */
final class RunChecks {
    /** A run refused before it started: the message is the whole line after "poolbench: ". */
    static final class Refusal extends Exception {
        Refusal(String message) {
            super(message);
        }
    }

    /** The lowest JDK the forks can run on: the jar is built with {@code --release 17}. */
    static final int LOWEST_JDK = 17;

    private RunChecks() {
    }

    /**
     * A first word that is no option and close to a subcommand ("Compare", "reprot") is a typo,
     * not a benchmark pattern, unless it matches a benchmark.
     */
    static void subcommandTypo(String[] args, Collection<String> subcommands, Collection<String> benchmarks)
            throws Refusal {
        if (args.length == 0 || args[0].startsWith("-") || !args[0].matches("[A-Za-z-]{3,}")) {
            return;
        }
        String word = args[0];
        Pattern asPattern = Pattern.compile(word);
        if (benchmarks.stream().anyMatch(b -> asPattern.matcher(b).find())) {
            return;
        }
        for (String s : subcommands) {
            if (s.equalsIgnoreCase(word) || distance(s, word.toLowerCase(Locale.ROOT)) <= 2) {
                throw new Refusal("'" + word + "' is neither a subcommand nor a benchmark; did you mean " + s + "?");
            }
        }
    }

    /** Every include ({@code -l} too) and exclude pattern is a valid regular expression. */
    static void patterns(Options options) throws Refusal {
        for (String p : options.getIncludes()) {
            pattern(p, "benchmark pattern");
        }
        for (String p : options.getExcludes()) {
            pattern(p, "-e pattern");
        }
    }

    private static void pattern(String p, String what) throws Refusal {
        try {
            Pattern.compile(p);
        } catch (PatternSyntaxException e) {
            throw new Refusal("'" + p + "' is not a valid " + what + " (a Java regular expression): "
                    + e.getDescription() + " at index " + e.getIndex() + "; to match a name, e.g. 'Increment' or"
                    + " '.*Increment.*'");
        }
    }

    /**
     * {@code -jvm}: an executable file that answers {@code -version} as a Java of
     * {@value #LOWEST_JDK} or later. Returns its version, or null without {@code -jvm}.
     */
    static String jvm(Options options) throws Refusal {
        if (!options.getJvm().hasValue()) {
            return null;
        }
        String jvm = options.getJvm().get();
        Path path;
        try {
            path = Paths.get(jvm);
        } catch (InvalidPathException e) {
            throw new Refusal("-jvm " + jvm + " is not a path");
        }
        if (!Files.exists(path)) {
            throw new Refusal("-jvm " + jvm + " does not exist (give the path of a java executable, e.g. "
                    + "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java)");
        }
        if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
            throw new Refusal("-jvm " + jvm + " is not an executable file (give the path of a java executable)");
        }
        String version = JvmProbe.version(jvm);
        if (version == null) {
            throw new Refusal("-jvm " + jvm + " did not answer '-version' as a java executable does");
        }
        if (JvmProbe.major(version) < LOWEST_JDK) {
            throw new Refusal("-jvm " + jvm + " is Java " + version + "; the suite needs Java " + LOWEST_JDK + " or later");
        }
        return version;
    }

    /**
     * {@code -rf}/{@code -rff}: a non-empty name of a regular file (or a new one) in an existing
     * folder; its environment record beside it is a new file or a record of ours.
     */
    static void resultFile(Options options) throws Refusal {
        if (!options.getResult().hasValue()) {
            return;
        }
        String name = options.getResult().get();
        if (name.isBlank()) {
            throw new Refusal("-rff needs a file name (it was empty)");
        }
        Path file;
        try {
            file = Paths.get(name).toAbsolutePath();
        } catch (InvalidPathException e) {
            throw new Refusal("-rff " + name + " is not a valid file name");
        }
        if (Files.isDirectory(file)) {
            throw new Refusal("-rff " + name + " is a folder; name a file in it, e.g. " + file.resolve("result.json"));
        }
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new Refusal("-rff " + name + " is not a regular file (a device, link or socket); name a new or"
                    + " regular file");
        }
        Path parent = file.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new Refusal("-rff " + name + ": the folder " + parent + " does not exist");
        }
        if (!Files.isWritable(parent)) {
            throw new Refusal("-rff " + name + ": the folder " + parent + " is not writable");
        }
        if (file.getFileName().toString().equals(RunFiles.DEFAULT_RESULT) && Files.exists(parent.resolve("index.html"))) {
            return; // a run folder of ours, as results/runs/<run>/jmh.json
        }
        Path env = RunFiles.envFileFor(file);
        if (Files.exists(env, LinkOption.NOFOLLOW_LINKS) && !isOurEnvironmentRecord(env)) {
            throw new Refusal("-rff " + name + ": " + env + " exists and is not an environment record of this suite;"
                    + " the run would write its record there (name another result file, or move it)");
        }
    }

    private static boolean isOurEnvironmentRecord(Path env) {
        if (!Files.isRegularFile(env, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try {
            String text = Files.readString(env);
            return text.contains("\"recordedAt\"") && text.contains("\"commandLine\"");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** What a param's field accepts. */
    enum Kind { ENUM, WHOLE, DECIMAL, BOOLEAN, TEXT }

    /** The declared kind of {@code param} in the benchmark of {@code entry}: its {@code @Param} field's type. */
    static Kind kind(BenchmarkListEntry entry, String param) {
        Field f = paramField(entry, param);
        if (f == null) {
            return Kind.TEXT;
        }
        Class<?> t = f.getType();
        if (t.isEnum()) {
            return Kind.ENUM;
        }
        if (t == int.class || t == long.class || t == short.class || t == byte.class
                || t == Integer.class || t == Long.class || t == Short.class || t == Byte.class) {
            return Kind.WHOLE;
        }
        if (t == double.class || t == float.class || t == Double.class || t == Float.class) {
            return Kind.DECIMAL;
        }
        if (t == boolean.class || t == Boolean.class) {
            return Kind.BOOLEAN;
        }
        return Kind.TEXT;
    }

    /**
     * Whether a benchmark whose {@code param} has the {@code declared} values runs with {@code value}:
     * a declared value always; otherwise a whole number (at least 1, or 0 when a declared value is 0)
     * where the field is numeric or a declared value is a whole number, {@code NxCores} where
     * {@code cores} is declared, a decimal of 0 or more in a decimal field. Enum constants and words
     * (spawners, flag sets) that are not declared are not run.
     *
     * @return null when it runs, else why not
     */
    static String unfit(Kind kind, String[] declared, String value) {
        List<String> d = Arrays.asList(declared);
        if (d.contains(value)) {
            return null;
        }
        boolean zeroDeclared = d.stream().anyMatch(v -> v.matches("0+"));
        boolean wholeDeclared = d.stream().anyMatch(v -> v.matches("-?\\d+"));
        switch (kind) {
            case WHOLE:
                return whole(value, zeroDeclared);
            case DECIMAL:
                try {
                    double v = Double.parseDouble(value);
                    return Double.isFinite(v) && v >= 0 ? null : "must be a number of 0 or more";
                } catch (NumberFormatException e) {
                    return "is not a number";
                }
            case BOOLEAN:
                return value.equals("true") || value.equals("false") ? null : "must be true or false";
            case ENUM:
                return "is not one of " + d;
            default:
                if (d.contains("cores") && value.matches("[1-9]\\d*xcores")) {
                    return null;
                }
                if (wholeDeclared && value.matches("-?\\d+")) {
                    return whole(value, zeroDeclared);
                }
                return "is not one of " + d + (wholeDeclared ? " or a whole number" : "");
        }
    }

    private static String whole(String value, boolean zeroAllowed) {
        long v;
        try {
            v = Long.parseLong(value);
        } catch (NumberFormatException e) {
            return "is not a whole number";
        }
        long lowest = zeroAllowed ? 0 : 1;
        return v >= lowest && v <= Integer.MAX_VALUE ? null : "must be a whole number of " + lowest + " or more";
    }

    /** Every param name of the selected benchmarks, for the refusal of an unknown one. */
    static Set<String> paramNames(Collection<BenchmarkListEntry> entries) {
        Set<String> names = new TreeSet<>();
        for (BenchmarkListEntry e : entries) {
            if (e.getParams().hasValue()) {
                names.addAll(e.getParams().get().keySet());
            }
        }
        return names;
    }

    /** The {@code @Param} field named {@code param} in the benchmark class or a state its method takes. */
    private static Field paramField(BenchmarkListEntry entry, String param) {
        Class<?> cls = load(entry.getUserClassQName());
        if (cls == null) {
            return null;
        }
        Set<Class<?>> where = new LinkedHashSet<>();
        where.add(cls);
        String method = entry.getUsername().substring(entry.getUsername().lastIndexOf('.') + 1);
        for (Method m : cls.getMethods()) {
            if (m.getName().equals(method)) {
                where.addAll(Arrays.asList(m.getParameterTypes()));
            }
        }
        for (Class<?> c : where) {
            for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
                for (Field f : k.getDeclaredFields()) {
                    if (f.getName().equals(param) && f.isAnnotationPresent(Param.class)) {
                        return f;
                    }
                }
            }
        }
        return null;
    }

    /** {@code a.b.Outer.Inner} as JMH names a nested class: tried as {@code a.b.Outer$Inner} too. */
    private static Class<?> load(String name) {
        List<String> tries = new ArrayList<>(List.of(name));
        String n = name;
        for (int dot = n.lastIndexOf('.'); dot > 0; dot = n.lastIndexOf('.', dot - 1)) {
            n = n.substring(0, dot) + "$" + n.substring(dot + 1);
            tries.add(n);
        }
        for (String t : tries) {
            try {
                return Class.forName(t, false, RunChecks.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                // the next spelling
            }
        }
        return null;
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
