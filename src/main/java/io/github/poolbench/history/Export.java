package io.github.poolbench.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * {@code history export}: the stored series in open formats.
 * <ul>
 *   <li>{@code csv}: one line per fork (machine, row, run, commit, time, the fork's mean), so a
 *       spreadsheet or another detector (Otava reads CSV) sees the samples.</li>
 *   <li>{@code bmf}: Bencher Metric Format. A BMF document holds one run
 *       ({@code {"<benchmark>": {"<measure>": {"value", "lower_value", "upper_value"}}}}); the
 *       export is a JSON array with one element per run, {@code {"run", "commit", "time",
 *       "machine", "bmf"}}, whose {@code bmf} can be fed to {@code bencher run --adapter json}.
 *       The measure is {@code latency} for time modes and {@code throughput} for {@code thrpt};
 *       the bounds are JMH's score ± its error.</li>
 * </ul>
 * With {@code -o FILE} the file must not exist yet (an export never overwrites a file).
 */
final class Export {
    private Export() {
    }

    static void write(Store store, String format, Predicate<Series> keep, Path file, PrintStream stdout)
            throws HistoryException, IOException {
        List<Series> series = store.series(keep);
        OutputStream os;
        if (file == null) {
            os = stdout;
        } else {
            try {
                os = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException e) {
                throw HistoryException.badInput(file + ": exists already; export writes only a new file");
            }
        }
        try {
            if (format.equals("csv")) {
                Writer w = new PrintWriter(new java.io.OutputStreamWriter(os, StandardCharsets.UTF_8));
                csv(series, w);
                w.flush();
            } else {
                bmf(store, series, os);
            }
        } finally {
            if (file != null) {
                os.close();
            } else {
                os.flush();
            }
        }
    }

    static void csv(List<Series> series, Writer w) throws IOException {
        w.write("machine,machine_label,benchmark,mode,params,unit,run,git_commit,recorded_at,fork,value\n");
        for (Series s : series) {
            StringBuilder params = new StringBuilder();
            s.params().forEach((k, v) -> params.append(params.length() == 0 ? "" : ";").append(k).append('=').append(v));
            for (Series.Point p : s.points()) {
                for (int f = 0; f < p.forkMeans().length; f++) {
                    w.write(String.join(",", cell(s.machineId()), cell(s.machine().label()), cell(s.benchmark()),
                            cell(s.mode()), cell(params.toString()), cell(s.unit()), cell(p.runId()),
                            cell(p.gitCommit() == null ? "" : p.gitCommit()), Instant.ofEpochMilli(p.recordedAt()).toString(),
                            Integer.toString(f), Double.toString(p.forkMeans()[f])));
                    w.write('\n');
                }
            }
        }
    }

    static String cell(String v) {
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }

    private static void bmf(Store store, List<Series> series, OutputStream os) throws HistoryException, IOException {
        java.util.Set<String> wanted = new java.util.HashSet<>();
        for (Series s : series) {
            s.points().forEach(p -> wanted.add(p.runId() + '\u0000' + key(s.benchmark(), s.mode(), paramsJson(s))));
        }
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ArrayNode out = json.createArrayNode();
        Map<String, ObjectNode> runs = new LinkedHashMap<>();
        String sql = "SELECT r.run_id, r.git_commit, r.recorded_at, r.machine_id, x.benchmark, x.mode, x.params,"
                + " x.score, x.score_error FROM run r JOIN result x ON x.run_id = r.run_id ORDER BY r.recorded_at, r.run_id, x.row_no";
        try (Statement st = store.connection().createStatement(); ResultSet r = st.executeQuery(sql)) {
            while (r.next()) {
                String runId = r.getString(1);
                String name = key(r.getString(5), r.getString(6), r.getString(7));
                if (!wanted.contains(runId + '\u0000' + name)) {
                    continue;
                }
                ObjectNode run = runs.computeIfAbsent(runId, id -> {
                    ObjectNode n = out.addObject();
                    n.put("run", id);
                    try {
                        n.put("commit", r.getString(2));
                        n.put("time", Instant.ofEpochMilli(r.getLong(3)).toString());
                        n.put("machine", r.getString(4));
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                    n.putObject("bmf");
                    return n;
                });
                double score = r.getDouble(8);
                boolean noScore = r.wasNull();
                double error = r.getDouble(9);
                boolean noError = r.wasNull();
                if (noScore) {
                    continue;
                }
                ObjectNode measure = ((ObjectNode) run.get("bmf")).putObject(name)
                        .putObject("thrpt".equals(r.getString(6)) ? "throughput" : "latency");
                measure.put("value", score);
                if (!noError) {
                    measure.put("lower_value", score - error);
                    measure.put("upper_value", score + error);
                }
            }
        } catch (SQLException e) {
            throw HistoryException.store("cannot read " + store.displayUrl() + ": " + Store.oneLine(e), e);
        }
        json.writeValue(new java.io.FilterOutputStream(os) {
            @Override
            public void close() throws IOException {
                flush();
            }
        }, out);
        os.write('\n');
    }

    private static String paramsJson(Series s) {
        try {
            return new ObjectMapper().writeValueAsString(s.params());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The BMF benchmark name: the method and its params, e.g. {@code ...IncrementBenchmark.map avgt strategy=X}. */
    private static String key(String benchmark, String mode, String paramsJson) {
        StringBuilder b = new StringBuilder(benchmark).append(' ').append(mode);
        try {
            Map<String, String> p = new ObjectMapper().readValue(paramsJson,
                    new com.fasterxml.jackson.core.type.TypeReference<java.util.TreeMap<String, String>>() { });
            p.forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
        } catch (IOException e) {
            b.append(' ').append(paramsJson);
        }
        return b.toString();
    }
}
