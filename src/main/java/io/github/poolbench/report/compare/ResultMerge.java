package io.github.poolbench.report.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.github.poolbench.report.RunFiles;
import io.github.poolbench.report.model.BenchmarkResult;
import io.github.poolbench.report.model.ResultFile;
import io.github.poolbench.report.parse.JmhJsonParser;
import io.github.poolbench.report.parse.ReportInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Joins JMH result files of one machine into one, so a baseline is a single file even when the
 * quick profile needs one JMH run per benchmark class (JMH's {@code -p} applies to every class
 * of a run, and the process benchmark needs fewer tasks than the thread one). Each input is
 * first read by the parser, so only valid JMH files are joined; the join itself concatenates
 * the top-level arrays without looking inside the results. The environment record of the first
 * input is copied beside the output.
 */
public final class ResultMerge {
    private ResultMerge() {
    }

    /** @throws ReportInputException on a bad input, a row present twice, or an output that cannot be written */
    public static void merge(List<Path> inputs, Path output, Consumer<String> warnings) throws ReportInputException {
        if (inputs.isEmpty()) {
            throw new ReportInputException("nothing to merge");
        }
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
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ArrayNode merged = mapper.createArrayNode();
        try {
            for (Path in : inputs) {
                JsonNode root = mapper.readTree(in.toFile());
                merged.addAll((ArrayNode) root);
            }
            Path parent = output.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            // Write beside and move, so a failure never leaves half a file where a good one was.
            Path tmp = Files.createTempFile(parent, ".merge-", ".json");
            try {
                mapper.writeValue(tmp.toFile(), merged);
                Files.move(tmp, output, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
            Path env = RunFiles.envFileFor(inputs.get(0));
            if (Files.isRegularFile(env)) {
                Files.copy(env, RunFiles.envFileFor(output), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new ReportInputException("cannot write " + output + " (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ")", e);
        }
    }
}
