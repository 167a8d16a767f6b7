package io.github.poolbench.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.poolbench.report.RunFiles;
import io.github.poolbench.report.model.BenchmarkResult;
import io.github.poolbench.report.model.Metric;
import io.github.poolbench.report.model.ResultFile;
import io.github.poolbench.report.parse.JmhJsonParser;
import io.github.poolbench.report.parse.ReportInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads one run for the store: a run folder ({@code jmh.json} and {@code env.json}) or a JMH JSON
 * file with {@code NAME.env.json} beside it. The rows come from the report's parser; the env
 * record is read here (the fields a series needs). A run without an env record is refused: without
 * it the store cannot tell which machine a number belongs to.
 */
final class RunInput {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RunInput() {
    }

    static StoredRun read(Path run, Consumer<String> warnings) throws HistoryException {
        Path result = Files.isDirectory(run) ? run.resolve(RunFiles.DEFAULT_RESULT) : run;
        if (Files.isDirectory(run) && !Files.isRegularFile(result)) {
            throw HistoryException.badInput(run + ": not a run folder: it holds no " + RunFiles.DEFAULT_RESULT);
        }
        if (result.getFileName() != null && result.getFileName().toString().endsWith(".env.json")) {
            throw HistoryException.badInput(run + ": is an environment record; name the result file or its folder");
        }
        Path envFile = RunFiles.envFileFor(result);
        if (Files.isRegularFile(result) && !Files.isRegularFile(envFile)) {
            throw HistoryException.badInput(result + ": has no environment record (expected " + envFile
                    + "); without it the store cannot tell which machine measured it");
        }
        ResultFile parsed;
        try {
            parsed = JmhJsonParser.parse(result, warnings);
        } catch (ReportInputException e) {
            throw HistoryException.badInput(e.getMessage());
        }
        byte[] resultBytes;
        byte[] envBytes;
        try {
            resultBytes = Files.readAllBytes(result);
            envBytes = Files.readAllBytes(envFile);
        } catch (IOException e) {
            throw HistoryException.badInput(result + ": cannot be read: " + e.getMessage());
        }
        JsonNode env;
        try {
            env = JSON.readTree(envBytes);
        } catch (IOException e) {
            throw HistoryException.badInput(envFile + ": not a JSON environment record");
        }
        if (env == null || !env.isObject()) {
            throw HistoryException.badInput(envFile + ": not a JSON environment record (expected an object)");
        }
        long recordedAt = recordedAt(envFile, env);
        Machine machine = new Machine(text(env, "osName"), text(env, "osArch"), text(env, "cpuModel"),
                text(env, "cpuSignature"), env.path("cores").asInt(0), text(env, "cgroupCpuLimit"));
        StoredRun.RunEnv runEnv = new StoredRun.RunEnv(text(env, "jdkVendor"), text(env, "jdkVersion"),
                text(env, "osVersion"), text(env, "processLaunchMechanism"));
        List<StoredRun.Row> rows = new ArrayList<>();
        for (BenchmarkResult r : parsed.results()) {
            Metric m = r.primary();
            List<StoredRun.Fork> forks = new ArrayList<>();
            List<Double> means = m.forkMeans();
            for (int i = 0; i < m.forks().size(); i++) {
                forks.add(new StoredRun.Fork(means.get(i), m.forks().get(i)));
            }
            rows.add(new StoredRun.Row(r.benchmark(), r.mode(), r.params(), m.unit(), m.score(), m.scoreError(), forks));
        }
        return new StoredRun(id(resultBytes, envBytes), machine, recordedAt, text(env, "gitCommit"), runEnv,
                new String(envBytes, java.nio.charset.StandardCharsets.UTF_8), run.toString(), rows);
    }

    private static long recordedAt(Path envFile, JsonNode env) throws HistoryException {
        String at = text(env, "recordedAt");
        if (at == null) {
            throw HistoryException.badInput(envFile + ": has no recordedAt: the store orders a series by it");
        }
        try {
            return OffsetDateTime.parse(at).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw HistoryException.badInput(envFile + ": recordedAt \"" + at + "\" is not an ISO date-time");
        }
    }

    private static String text(JsonNode env, String field) {
        JsonNode v = env.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String id(byte[] result, byte[] env) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(sha256(result));
            sha.update(sha256(env));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private static byte[] sha256(byte[] b) throws NoSuchAlgorithmException {
        return MessageDigest.getInstance("SHA-256").digest(b);
    }
}
