package io.github.poolbench.report.parse;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.poolbench.report.RunFiles;
import io.github.poolbench.report.model.BenchmarkResult;
import io.github.poolbench.report.model.BenchmarkResult.RunSettings;
import io.github.poolbench.report.model.Metric;
import io.github.poolbench.report.model.ResultFile;
import io.github.poolbench.report.model.StrategyFacts;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The only code that knows JMH's JSON field names.
 *
 * <p>Reads what JMH 1.18 to 1.37 write with {@code -rf json}: every mode ({@code thrpt},
 * {@code avgt}, {@code sample} with its {@code rawDataHistogram}, {@code ss}); numbers that JMH
 * writes as the strings {@code "NaN"}, {@code "+INF"}, {@code "-INF"}; secondary metrics (from
 * profilers such as {@code -prof gc}); params holding quotes, brackets or braces (JMH escapes
 * them properly since 1.22). Fields that older versions do not write ({@code jmhVersion},
 * {@code jvm}, {@code jvmArgs}, {@code jdkVersion}, {@code vmName}, {@code vmVersion} before
 * 1.19/1.21) are simply absent from the model (null or empty).
 *
 * <p>Every problem with the input is a {@link ReportInputException} with a one-line message that
 * starts with the file and says what is wrong; no Jackson message or stack trace leaks out.
 */
public final class JmhJsonParser {
    /** JMH's short mode labels. */
    public static final Set<String> MODES = BenchmarkResult.MODES;
    private static final Map<String, String> LONG_MODE_NAMES = Map.of(
            "throughput", "thrpt", "averagetime", "avgt", "sampletime", "sample", "singleshottime", "ss");

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonLimits.factory())
            // Tolerance: JMH before 1.22 wrote param values unescaped and its "tidy" step put raw
            // newlines inside strings when a value held a comma or a bracket.
            .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private JmhJsonParser() {
    }

    /**
     * Reads a JMH JSON result file and the environment record beside it (see
     * {@link RunFiles#envFileFor}), labelled with the file name. A bad environment record is
     * reported on {@code System.err} as a warning and left out.
     *
     * @throws ReportInputException with a one-line message naming the file and the problem
     */
    public static ResultFile parse(Path file) throws ReportInputException {
        return parse(file, w -> System.err.println("poolbench: warning: " + w));
    }

    /**
     * As {@link #parse(Path)}, handing each warning (one line, naming the file) to {@code warnings}.
     */
    public static ResultFile parse(Path file, Consumer<String> warnings) throws ReportInputException {
        JsonNode root = readJson(file);
        if (!root.isArray()) {
            throw new ReportInputException(file + ": not a JMH result file: expected a JSON array of results, found "
                    + describe(root));
        }
        if (root.isEmpty()) {
            throw new ReportInputException(file + ": holds no benchmark results (an empty array; did every benchmark fail?)");
        }
        List<BenchmarkResult> results = new ArrayList<>();
        int index = 0;
        List<Integer> hidden = new ArrayList<>();
        for (JsonNode node : root) {
            index++;
            BenchmarkResult r = result(file, index, node);
            if (!r.benchmark().equals(node.path("benchmark").asText()) || r.params().size() != node.path("params").size()
                    || r.params().entrySet().stream().anyMatch(e -> !node.path("params").has(e.getKey())
                    || !e.getValue().equals(paramText(node, e.getKey())))) {
                hidden.add(index);
            }
            results.add(r);
        }
        if (!hidden.isEmpty()) {
            warnings.accept(file + ": " + (hidden.size() == 1 ? "result " + hidden.get(0) + " has"
                    : "results " + abbreviate(hidden.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "))) + " have")
                    + " invisible control or text-direction characters in a name or param; they are shown as <U+XXXX>");
        }
        Path name = file.getFileName();
        Map<String, Object> env = EnvRecord.read(file, MAPPER, warnings);
        StrategyFacts facts = StrategyRecord.read(env, RunFiles.envFileFor(file), warnings);
        env.remove(StrategyRecord.FIELD);
        return new ResultFile(file, name == null ? file.toString() : name.toString(), results, env, facts);
    }

    /** A param's value as written (legacy files untidied), to tell whether it was neutralised. */
    private static String paramText(JsonNode node, String key) {
        String v = node.path("params").path(key).asText();
        return node.has("jmhVersion") ? v : untidy(v);
    }

    private static JsonNode readJson(Path file) throws ReportInputException {
        if (Files.isDirectory(file)) {
            throw new ReportInputException(file + ": is a directory, not a JMH JSON file");
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            // a FIFO would block the read forever, a device would never end
            throw new ReportInputException(file + ": is not a regular file (a pipe, device or socket); give the JSON file itself");
        }
        try (InputStream in = Files.newInputStream(file)) {
            JsonNode root = MAPPER.readTree(in);
            if (root == null || root.isMissingNode()) {
                throw new ReportInputException(file + ": is empty (a run that stopped before writing its results?)");
            }
            return root;
        } catch (NoSuchFileException e) {
            throw new ReportInputException(file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new ReportInputException(file + ": cannot be read (permission denied)");
        } catch (StreamConstraintsException e) {
            throw new ReportInputException(file + ": " + JsonLimits.explain(e));
        } catch (JsonEOFException e) {
            throw new ReportInputException(file + ": ends in the middle of the JSON" + at(e.getLocation())
                    + " (truncated? a run that was stopped?)");
        } catch (JsonProcessingException e) {
            throw new ReportInputException(file + ": not valid JSON" + at(e.getLocation()) + plainJson(e));
        } catch (OutOfMemoryError e) {
            throw new ReportInputException(file + ": " + JsonLimits.outOfMemory());
        } catch (StackOverflowError e) {
            throw new ReportInputException(file + ": " + JsonLimits.tooDeep());
        } catch (java.nio.file.FileSystemException e) {
            throw new ReportInputException(file + ": cannot be read"
                    + (e.getReason() == null ? "" : " (" + firstLine(e.getReason()) + ")"));
        } catch (IOException e) {
            throw new ReportInputException(file + ": cannot be read" + (e.getMessage() == null ? ""
                    : " (" + firstLine(e.getMessage()) + ")"));
        }
    }

    private static BenchmarkResult result(Path file, int index, JsonNode node) throws ReportInputException {
        String where = file + ": result " + index;
        if (!node.isObject()) {
            throw new ReportInputException(where + " is " + describe(node) + ", not a JMH result object");
        }
        JsonNode benchmark = node.get("benchmark");
        if (benchmark == null) {
            throw new ReportInputException(where + " is not a JMH result: it has no \"benchmark\" field (fields found: "
                    + fieldNames(node) + ")");
        }
        if (!benchmark.isTextual()) {
            throw new ReportInputException(where + ": the benchmark name is " + describe(benchmark) + ", not a name");
        }
        if (benchmark.asText().isBlank()) {
            throw new ReportInputException(where + " has an empty benchmark name");
        }
        String name = Text.visible(benchmark.asText());
        where = where + " (" + abbreviate(name) + ")";
        String mode = mode(where, node.get("mode"));
        JsonNode primaryNode = node.get("primaryMetric");
        if (primaryNode == null || !primaryNode.isObject()) {
            throw new ReportInputException(where + ": has no primaryMetric");
        }
        Metric primary = metric(where + ": primaryMetric", primaryNode, true);
        boolean legacy = !node.has("jmhVersion");
        TreeMap<String, String> params = new TreeMap<>();
        JsonNode paramsNode = node.get("params");
        if (paramsNode != null && !paramsNode.isNull()) {
            if (!paramsNode.isObject()) {
                // JMH writes an object of name -> value; a row read without its params would
                // pass for another row (and could become the headline)
                throw new ReportInputException(where + ": params is " + describe(paramsNode)
                        + ", not an object of name → value as JMH writes it");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = paramsNode.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = e.getValue();
                if (!(v.isTextual() || v.isNumber() || v.isBoolean())) {
                    throw new ReportInputException(where + ": param " + abbreviate(Text.visible(e.getKey())) + " is "
                            + describe(v) + ", not a value as JMH writes it (a string)");
                }
                String value = v.asText();
                params.put(Text.visible(e.getKey()), Text.visible(legacy ? untidy(value) : value));
            }
        }
        TreeMap<String, Metric> secondary = new TreeMap<>();
        JsonNode secondaryNode = node.get("secondaryMetrics");
        if (secondaryNode != null && secondaryNode.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = secondaryNode.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isObject()) {
                    secondary.put(Text.visible(e.getKey()), metric(where + ": secondary metric " + e.getKey(), e.getValue(), false));
                }
            }
        }
        return new BenchmarkResult(name, mode, params, primary, secondary, runSettings(node));
    }

    private static String mode(String where, JsonNode node) throws ReportInputException {
        if (node == null || !node.isTextual()) {
            throw new ReportInputException(where + ": has no mode");
        }
        String raw = node.asText();
        if (MODES.contains(raw)) {
            return raw;
        }
        String longName = LONG_MODE_NAMES.get(raw.toLowerCase(Locale.ROOT));
        if (longName != null) {
            return longName;
        }
        throw new ReportInputException(where + ": unknown mode \"" + abbreviate(raw) + "\"; expected one of thrpt, avgt, sample, ss");
    }

    private static Metric metric(String where, JsonNode node, boolean primary) throws ReportInputException {
        JsonNode scoreNode = node.get("score");
        if (scoreNode == null) {
            throw new ReportInputException(where + " has no score");
        }
        double score = number(where + ".score", scoreNode);
        JsonNode errorNode = node.get("scoreError");
        double error = errorNode == null || errorNode.isNull() ? Double.NaN : number(where + ".scoreError", errorNode);
        JsonNode unitNode = node.get("scoreUnit");
        if (primary && (unitNode == null || !unitNode.isTextual())) {
            throw new ReportInputException(where + " has no scoreUnit");
        }
        String unit = unitNode == null || unitNode.isNull() ? "" : Text.visible(unitNode.asText());
        List<List<Double>> forks = new ArrayList<>();
        JsonNode raw = node.get("rawData");
        JsonNode histogram = node.get("rawDataHistogram");
        if (raw != null && raw.isArray()) {
            // [fork][iteration] -> value
            for (JsonNode fork : raw) {
                List<Double> samples = new ArrayList<>();
                for (JsonNode iteration : fork) {
                    samples.add(number(where + ".rawData", iteration));
                }
                forks.add(samples);
            }
        } else if (histogram != null && histogram.isArray()) {
            // [fork][iteration][bucket] -> [value, count]; one sample per iteration: its mean
            for (JsonNode fork : histogram) {
                List<Double> samples = new ArrayList<>();
                forks.add(samples);
                for (JsonNode iteration : fork) {
                    double sum = 0;
                    double count = 0;
                    for (JsonNode bucket : iteration) {
                        if (bucket.isArray() && bucket.size() == 2) {
                            double n = number(where + ".rawDataHistogram", bucket.get(1));
                            sum += number(where + ".rawDataHistogram", bucket.get(0)) * n;
                            count += n;
                        }
                    }
                    if (count > 0) {
                        samples.add(sum / count);
                    }
                }
            }
        }
        // scorePercentiles: {"0.0": v, "50.0": v, ...}; a key or value that is not a number is left out
        java.util.SortedMap<Double, Double> percentiles = new java.util.TreeMap<>();
        JsonNode pct = node.get("scorePercentiles");
        if (pct != null && pct.isObject()) {
            for (var it = pct.fields(); it.hasNext(); ) {
                var e = it.next();
                try {
                    double v = number(where + ".scorePercentiles", e.getValue());
                    percentiles.put(Double.parseDouble(e.getKey()), v);
                } catch (NumberFormatException | ReportInputException ignored) {
                    // not a percentile JMH writes: the score still stands without it
                }
            }
        }
        return new Metric(score, error, unit, forks, percentiles);
    }

    /** A JSON number, or one of the strings JMH writes for values JSON cannot hold. */
    private static double number(String where, JsonNode node) throws ReportInputException {
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isTextual()) {
            String s = node.asText().trim();
            switch (s) {
                case "NaN":
                    return Double.NaN;
                case "+INF":
                case "INF":
                case "Infinity":
                case "+Infinity":
                    return Double.POSITIVE_INFINITY;
                case "-INF":
                case "-Infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    try {
                        return Double.parseDouble(s);
                    } catch (NumberFormatException e) {
                        // fall through to the error below
                    }
            }
        }
        throw new ReportInputException(where + " is " + describe(node) + ", not a number");
    }

    private static RunSettings runSettings(JsonNode node) {
        List<String> jvmArgs = new ArrayList<>();
        JsonNode args = node.get("jvmArgs");
        if (args != null && args.isArray()) {
            args.forEach(a -> jvmArgs.add(Text.visible(a.asText())));
        }
        return new RunSettings(text(node, "jmhVersion"), text(node, "jvm"), jvmArgs, text(node, "jdkVersion"),
                text(node, "vmName"), text(node, "vmVersion"), integer(node, "forks"), integer(node, "threads"),
                integer(node, "warmupIterations"), text(node, "warmupTime"), integer(node, "measurementIterations"),
                text(node, "measurementTime"));
    }

    /**
     * Jackson's message in plain words, without its internals (token types, class names,
     * feature names): " (unexpected character 'x')", or "" when there is nothing to add to the
     * location.
     */
    static String plainJson(JsonProcessingException e) {
        String m = String.valueOf(e.getOriginalMessage());
        java.util.regex.Matcher c = java.util.regex.Pattern.compile("Unexpected character \\('(.{1,4}?)' \\(code").matcher(m);
        if (c.find()) {
            return " (unexpected character '" + Text.visible(c.group(1)) + "')";
        }
        java.util.regex.Matcher t = java.util.regex.Pattern.compile("Unrecognized token '([^']{0,40})").matcher(m);
        if (t.find()) {
            return " (unexpected text '" + Text.visible(t.group(1)) + "')";
        }
        java.util.regex.Matcher close = java.util.regex.Pattern.compile("Unexpected close marker '(.)'").matcher(m);
        if (close.find()) {
            return " (unexpected '" + close.group(1) + "')";
        }
        if (m.contains("end-of-input")) {
            return " (it ends too early: truncated?)";
        }
        if (m.startsWith("Trailing token")) {
            return " (more data after the end of the JSON value: two files joined?)";
        }
        if (m.contains("UTF-8") || m.contains("UTF8") || m.contains("Invalid UTF")) {
            return " (not UTF-8 text)";
        }
        if (m.contains("was expecting double-quote") || m.contains("expecting double-quote")) {
            return " (a field name without double quotes)";
        }
        if (m.contains("was expecting comma")) {
            return " (a comma is missing)";
        }
        if (m.contains("was expecting a colon")) {
            return " (a colon is missing)";
        }
        return "";
    }

    /**
     * JMH before 1.19 (no {@code jmhVersion}) ran its output through a "tidy" step that put a
     * newline and indentation after every comma and bracket, also inside param values; undo it.
     */
    private static String untidy(String value) {
        return value.indexOf('\n') < 0 ? value : value.replaceAll("\n[ \t]*", "");
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : Text.visible(v.asText());
    }

    private static int integer(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.canConvertToInt() ? v.asInt() : 0;
    }

    static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    static String describe(JsonNode node) {
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return "an array";
        }
        if (node.isTextual()) {
            return "the string \"" + abbreviate(node.asText()) + "\"";
        }
        if (node.isNull()) {
            return "null";
        }
        return abbreviate(node.toString());
    }

    private static String fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names.isEmpty() ? "none" : abbreviate(String.join(", ", names));
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return abbreviate(nl < 0 ? s : s.substring(0, nl));
    }

    private static String abbreviate(String s) {
        String oneLine = s.replaceAll("[\\r\\n\\t]+", " ");
        return oneLine.length() <= 120 ? oneLine : oneLine.substring(0, 117) + "...";
    }
}
