package io.github.poolbench.report.compare;

import io.github.poolbench.report.IoWords;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.poolbench.report.RunFiles;
import io.github.poolbench.report.model.BenchmarkResult;
import io.github.poolbench.report.model.ResultFile;
import io.github.poolbench.report.parse.JmhJsonParser;
import io.github.poolbench.report.parse.ReportInputException;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Joins JMH result files of one machine into one.
 *
 * <p>{@link #merge}: files with <em>different</em> rows (the quick profile needs one JMH run per
 * benchmark class: JMH's {@code -p} applies to every class of a run) become one file; the top-level
 * arrays are concatenated and a row present twice is refused.
 *
 * <p>{@link #mergeForks}: runs of the <em>same</em> rows (the ABBA rounds of
 * {@code scripts/perf-regression.sh}, one fork each) become one file whose rows hold the forks of
 * every input in input order, as if JMH had run them with {@code -f N}: {@code rawData} (and
 * {@code rawDataHistogram}) are concatenated per fork, and the score, its 99.9% interval and
 * percentiles are recomputed the way JMH computes them (mean of the iterations; Student's t
 * half-width; commons-math3 percentiles, as JMH uses). This is the one place outside
 * {@code report/parse} that writes JMH's field names: it must produce JMH's JSON, not read it.
 *
 * <p>Each input is first read by the parser, so only valid JMH files are joined. The output is a
 * new file: an existing one is refused, never replaced. The environment record of the first
 * input is copied beside the output when there is one.
 */
public final class ResultMerge {
    private ResultMerge() {
    }

    /** @throws ReportInputException on a bad input, a row present twice, an existing output or a write failure */
    public static void merge(List<Path> inputs, Path output, Consumer<String> warnings) throws ReportInputException {
        refuseExisting(output, inputs);
        Map<RowKey, Path> seen = new HashMap<>();
        for (Path in : inputs) {
            ResultFile file = JmhJsonParser.parse(in, warnings);
            for (BenchmarkResult r : file.results()) {
                Path before = seen.putIfAbsent(RowKey.of(r), in);
                if (before != null) {
                    throw new ReportInputException(in + ": " + RowKey.of(r) + " is already in " + before);
                }
            }
        }
        ObjectMapper mapper = mapper();
        ArrayNode merged = mapper.createArrayNode();
        try {
            for (Path in : inputs) {
                merged.addAll((ArrayNode) mapper.readTree(in.toFile()));
            }
        } catch (IOException | ClassCastException e) {
            throw new ReportInputException("cannot read the inputs again (" + e.getMessage() + ")", e);
        }
        write(mapper, merged, inputs, output);
    }

    /**
     * Joins the forks of rows present in several inputs; a row present in only some inputs keeps
     * the forks it has.
     */
    public static void mergeForks(List<Path> inputs, Path output, Consumer<String> warnings)
            throws ReportInputException {
        refuseExisting(output, inputs);
        List<ResultFile> parsed = new ArrayList<>();
        for (Path in : inputs) {
            parsed.add(JmhJsonParser.parse(in, warnings));
        }
        String other = otherMachine(parsed);
        if (other != null) {
            throw new ReportInputException("not comparable: " + other);
        }
        ObjectMapper mapper = mapper();
        Map<String, ObjectNode> rows = new LinkedHashMap<>();
        try {
            for (Path in : inputs) {
                for (JsonNode n : mapper.readTree(in.toFile())) {
                    String key = key(n);
                    ObjectNode row = rows.get(key);
                    if (row == null) {
                        rows.put(key, n.deepCopy());
                    } else {
                        join(row, (ObjectNode) n, in, key);
                    }
                }
            }
        } catch (IOException | ClassCastException e) {
            throw new ReportInputException("cannot read the inputs again (" + e.getMessage() + ")", e);
        }
        ArrayNode merged = mapper.createArrayNode();
        for (ObjectNode row : rows.values()) {
            recompute((ObjectNode) row.get("primaryMetric"));
            JsonNode secondary = row.get("secondaryMetrics");
            if (secondary instanceof ObjectNode) {
                Iterator<JsonNode> it = secondary.elements();
                while (it.hasNext()) {
                    JsonNode m = it.next();
                    if (m instanceof ObjectNode) {
                        recompute((ObjectNode) m);
                    }
                }
            }
            merged.add(row);
        }
        write(mapper, merged, inputs, output);
    }

    /**
     * Why the inputs cannot be forks of one measurement: their environment records name different
     * machines (or some have a record and others none), or null when they agree. Joining them would
     * keep only the first record and let a change of machine pass as one run.
     */
    public static String otherMachine(List<ResultFile> files) {
        ResultFile first = files.get(0);
        Environment firstEnv = Environment.of(first);
        boolean anyRecord = files.stream().anyMatch(f -> !f.env().isEmpty());
        if (!anyRecord) {
            return null;
        }
        for (ResultFile f : files) {
            Environment env = Environment.of(f);
            if (f.env().isEmpty()) {
                return f.source() + " has no environment record, while " + files.stream().filter(x -> !x.env().isEmpty())
                        .findFirst().map(ResultFile::source).orElseThrow() + " has one: the forks may come from"
                        + " different machines";
            }
            if (!env.problems().isEmpty()) {
                return f.source() + ": " + env.problems().get(0);
            }
            List<String> differences = Environment.check(firstEnv, env).differences();
            if (!differences.isEmpty()) {
                return "the inputs were measured on different machines: " + first.source() + " vs " + f.source()
                        + ": " + String.join("; ", differences).replace("(baseline)", "(first)")
                        .replace("(current)", "(" + f.source().getFileName() + ")");
            }
        }
        return null;
    }

    private static String key(JsonNode n) {
        Map<String, String> params = new TreeMap<>();
        JsonNode p = n.get("params");
        if (p != null) {
            p.fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
        }
        return n.path("benchmark").asText() + " " + n.path("mode").asText() + " " + params;
    }

    private static void join(ObjectNode into, ObjectNode from, Path in, String key) throws ReportInputException {
        if (!into.path("primaryMetric").path("scoreUnit").asText()
                .equals(from.path("primaryMetric").path("scoreUnit").asText())) {
            throw new ReportInputException(in + ": " + key + " is in another unit than in the earlier inputs");
        }
        appendForks((ObjectNode) into.get("primaryMetric"), from.get("primaryMetric"));
        JsonNode intoSecondary = into.get("secondaryMetrics");
        JsonNode fromSecondary = from.get("secondaryMetrics");
        if (intoSecondary instanceof ObjectNode && fromSecondary instanceof ObjectNode) {
            Iterator<Map.Entry<String, JsonNode>> it = fromSecondary.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode target = intoSecondary.get(e.getKey());
                if (target instanceof ObjectNode) {
                    appendForks((ObjectNode) target, e.getValue());
                } else {
                    ((ObjectNode) intoSecondary).set(e.getKey(), e.getValue().deepCopy());
                }
            }
        }
        into.put("forks", into.path("forks").asInt(0) + from.path("forks").asInt(1));
    }

    private static void appendForks(ObjectNode into, JsonNode from) {
        for (String field : List.of("rawData", "rawDataHistogram")) {
            JsonNode add = from.get(field);
            if (add instanceof ArrayNode) {
                JsonNode have = into.get(field);
                if (have instanceof ArrayNode) {
                    ((ArrayNode) have).addAll((ArrayNode) add.deepCopy());
                } else {
                    into.set(field, add.deepCopy());
                }
            }
        }
    }

    /** Score, interval and percentiles from the (joined) raw data, as JMH computes them. */
    private static void recompute(ObjectNode metric) {
        List<Double> values = new ArrayList<>();
        double histogramSum = 0;
        double histogramCount = 0;
        JsonNode histogram = metric.get("rawDataHistogram");
        if (histogram instanceof ArrayNode) {
            for (JsonNode fork : histogram) {
                for (JsonNode iteration : fork) {
                    double sum = 0;
                    double count = 0;
                    for (JsonNode bucket : iteration) {
                        sum += bucket.path(0).asDouble() * bucket.path(1).asDouble();
                        count += bucket.path(1).asDouble();
                    }
                    if (count > 0) {
                        values.add(sum / count);
                    }
                    histogramSum += sum;
                    histogramCount += count;
                }
            }
        } else {
            JsonNode raw = metric.get("rawData");
            if (raw instanceof ArrayNode) {
                for (JsonNode fork : raw) {
                    for (JsonNode v : fork) {
                        if (v.isNumber()) {
                            values.add(v.asDouble());
                        }
                    }
                }
            }
        }
        if (values.isEmpty()) {
            return;
        }
        double[] a = values.stream().mapToDouble(Double::doubleValue).toArray();
        double mean = histogramCount > 0 ? histogramSum / histogramCount : java.util.Arrays.stream(a).average().orElse(0);
        double error = io.github.poolbench.report.analysis.Samples.halfWidth(a);
        metric.put("score", mean);
        metric.put("scoreError", error);
        ArrayNode confidence = metric.putArray("scoreConfidence");
        confidence.add(Double.isNaN(error) ? mean : mean - error);
        confidence.add(Double.isNaN(error) ? mean : mean + error);
        JsonNode percentiles = metric.get("scorePercentiles");
        if (percentiles instanceof ObjectNode) {
            Percentile percentile = new Percentile();
            percentile.setData(a);
            ObjectNode out = (ObjectNode) percentiles;
            List<String> names = new ArrayList<>();
            out.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                try {
                    double p = Double.parseDouble(name);
                    out.put(name, p <= 0 ? java.util.Arrays.stream(a).min().orElse(mean) : percentile.evaluate(Math.min(p, 100)));
                } catch (NumberFormatException e) {
                    // not a percentile name: left as it was
                }
            }
        }
    }

    private static ObjectMapper mapper() {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    private static void refuseExisting(Path output, List<Path> inputs) throws ReportInputException {
        if (inputs.isEmpty()) {
            throw new ReportInputException("nothing to merge");
        }
        if (Files.exists(output, LinkOption.NOFOLLOW_LINKS)) {
            throw new ReportInputException(output + " exists; a merge writes a new file only (remove it or choose"
                    + " another name)");
        }
        Path env = RunFiles.envFileFor(output);
        if (Files.isRegularFile(RunFiles.envFileFor(inputs.get(0))) && Files.exists(env, LinkOption.NOFOLLOW_LINKS)) {
            throw new ReportInputException(env + " exists; a merge writes a new environment record beside its output"
                    + " only (remove it or choose another name)");
        }
    }

    private static void write(ObjectMapper mapper, ArrayNode merged, List<Path> inputs, Path output)
            throws ReportInputException {
        try {
            Path parent = output.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            // Write beside and move, so a failure never leaves half a file.
            Path tmp = Files.createTempFile(parent, ".merge-", ".json");
            try {
                mapper.writeValue(tmp.toFile(), merged);
                Files.move(tmp, output);
            } finally {
                Files.deleteIfExists(tmp);
            }
            Path env = RunFiles.envFileFor(inputs.get(0));
            if (Files.isRegularFile(env)) {
                Files.copy(env, RunFiles.envFileFor(output), StandardCopyOption.COPY_ATTRIBUTES);
            }
        } catch (IOException e) {
            throw new ReportInputException("cannot write " + output + " (" + IoWords.of(e) + ")", e);
        }
    }
}
