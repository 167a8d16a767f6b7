package io.github.poolbench.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The history store: an SQLite file ({@code jdbc:sqlite:PATH}, the default) or a PostgreSQL
 * database ({@code jdbc:postgresql://HOST/DB?user=...}). Both get the same schema and the same
 * SQL (portable types, {@code INSERT ... ON CONFLICT DO NOTHING}, no generated keys).
 *
 * <p>Schema: {@code schema_version} (one row), {@code machine}, {@code run} (keyed by the run's
 * content hash), {@code result} (a run's rows) and {@code fork} (a row's forks: the mean and the
 * iteration values). Opening a store applies the missing {@link #MIGRATIONS} in one transaction;
 * a store whose version is newer than this tool's is refused. Each run is added in one
 * transaction, so a killed {@code add} leaves either the whole run or nothing of it.
 *
 * <p>Two processes adding into one SQLite file: WAL journal, a busy timeout of
 * {@value #BUSY_TIMEOUT_MS} ms and {@code BEGIN IMMEDIATE} transactions (sqlite-jdbc's
 * {@code transaction_mode}), so the second writer waits for the first instead of failing.
 */
final class Store implements AutoCloseable {
    /** Default location of the store: a file under the results folder. */
    static final String DEFAULT_FILE = "results/history.db";
    static final int BUSY_TIMEOUT_MS = 60_000;
    /** Migration i takes a store from version i to i + 1. */
    static final List<List<String>> MIGRATIONS = List.of(List.of(
            "CREATE TABLE machine (machine_id VARCHAR(64) PRIMARY KEY, os_name TEXT, os_arch TEXT, cpu_model TEXT,"
                    + " cpu_signature TEXT, cores INTEGER NOT NULL, cgroup_cpu_limit TEXT)",
            "CREATE TABLE run (run_id VARCHAR(64) PRIMARY KEY, machine_id VARCHAR(64) NOT NULL REFERENCES machine (machine_id),"
                    + " recorded_at BIGINT NOT NULL, git_commit TEXT, jdk_vendor TEXT, jdk_version TEXT, kernel TEXT,"
                    + " launch_mechanism TEXT, source TEXT, added_at BIGINT NOT NULL, row_count INTEGER NOT NULL,"
                    + " fork_count INTEGER NOT NULL, env_json TEXT NOT NULL)",
            "CREATE INDEX run_by_machine_time ON run (machine_id, recorded_at)",
            "CREATE TABLE result (run_id VARCHAR(64) NOT NULL REFERENCES run (run_id), row_no INTEGER NOT NULL,"
                    + " benchmark TEXT NOT NULL, mode TEXT NOT NULL, params TEXT NOT NULL, unit TEXT NOT NULL,"
                    + " score DOUBLE PRECISION, score_error DOUBLE PRECISION, PRIMARY KEY (run_id, row_no))",
            "CREATE TABLE fork (run_id VARCHAR(64) NOT NULL, row_no INTEGER NOT NULL, fork_no INTEGER NOT NULL,"
                    + " mean DOUBLE PRECISION, iterations TEXT NOT NULL, PRIMARY KEY (run_id, row_no, fork_no),"
                    + " FOREIGN KEY (run_id, row_no) REFERENCES result (run_id, row_no))"));
    /** The schema version this tool writes and reads. */
    static final int SCHEMA_VERSION = MIGRATIONS.size();

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Connection connection;
    private final String url;

    private Store(Connection connection, String url) {
        this.connection = connection;
        this.url = url;
    }

    /** The JDBC URL for {@code --db}: a URL as given, or the default file. */
    static String url(String db) {
        return db == null ? "jdbc:sqlite:" + DEFAULT_FILE : db;
    }

    /**
     * Why {@code db} cannot be a store to add to, found without connecting (a run checks its
     * {@code --history} URL before it measures), or null when it may be one.
     */
    /** The file of a {@code jdbc:sqlite:FILE[?options]} URL. */
    private static Path sqliteFile(String url) {
        String file = url.substring("jdbc:sqlite:".length());
        int q = file.indexOf('?');
        return Paths.get(q < 0 ? file : file.substring(0, q));
    }

    static String problemOf(String db) {
        String url = url(db);
        if (url.startsWith("jdbc:sqlite:")) {
            Path path = sqliteFile(url);
            if (Files.isDirectory(path)) {
                return path + " is a folder, not an SQLite store";
            }
            Path parent = path.toAbsolutePath().getParent();
            if (!Files.exists(path) && parent != null && !Files.isDirectory(parent)) {
                return "cannot create the store " + path + ": its folder " + parent + " does not exist";
            }
            return null;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return null;
        }
        return url + " is not a store URL; expected jdbc:sqlite:FILE or jdbc:postgresql://HOST/DB";
    }

    /**
     * Opens (and for {@code create}, makes or migrates) the store at {@code url}.
     *
     * @param create true for {@code add}: a missing SQLite file is created; otherwise a missing
     *               file is an error (reading commands never leave an empty store behind)
     */
    static Store open(String url, boolean create) throws HistoryException {
        Properties props = new Properties();
        if (url.startsWith("jdbc:sqlite:")) {
            Path path = sqliteFile(url);
            if (!Files.exists(path)) {
                if (!create) {
                    throw HistoryException.store("no history store at " + path + " (add runs with `history add RUN...`)", null);
                }
                Path parent = path.toAbsolutePath().getParent();
                if (parent != null && !Files.isDirectory(parent)) {
                    throw HistoryException.store("cannot create the store " + path + ": its folder " + parent
                            + " does not exist", null);
                }
            } else if (Files.isDirectory(path)) {
                throw HistoryException.store(path + ": is a folder, not an SQLite store", null);
            }
            props.setProperty("journal_mode", "WAL");
            props.setProperty("busy_timeout", Integer.toString(BUSY_TIMEOUT_MS));
            props.setProperty("transaction_mode", "IMMEDIATE");
            props.setProperty("foreign_keys", "true");
            props.setProperty("synchronous", "NORMAL");
        } else if (url.startsWith("jdbc:postgresql:")) {
            props.setProperty("connectTimeout", "10");
            props.setProperty("loginTimeout", "10");
            props.setProperty("socketTimeout", "300");
        } else {
            throw HistoryException.badInput("--db " + url + ": not a store URL; expected jdbc:sqlite:FILE or jdbc:postgresql://HOST/DB");
        }
        Connection c;
        try {
            c = DriverManager.getConnection(url, props);
        } catch (SQLException e) {
            throw HistoryException.store("cannot connect to the history store " + redact(url) + ": " + oneLine(e), e);
        }
        Store store = new Store(c, url);
        try {
            store.migrate(create);
        } catch (HistoryException e) {
            store.close();
            throw e;
        }
        return store;
    }

    private void migrate(boolean create) throws HistoryException {
        try {
            int version = version();
            if (version > SCHEMA_VERSION) {
                throw HistoryException.store("the history store " + redact(url) + " has schema version " + version
                        + "; this poolbench reads up to " + SCHEMA_VERSION + ": use a newer poolbench", null);
            }
            if (version == SCHEMA_VERSION) {
                return;
            }
            if (version == 0 && !create && !hasTable("schema_version")) {
                throw HistoryException.store(redact(url) + " holds no history store (add runs with `history add RUN...`)", null);
            }
            connection.setAutoCommit(false);
            try {
                // re-read inside the transaction: another process may have migrated meanwhile
                if (!hasTable("schema_version")) {
                    exec("CREATE TABLE schema_version (version INTEGER NOT NULL)");
                    exec("INSERT INTO schema_version (version) VALUES (0)");
                }
                int now = version();
                for (int v = now; v < SCHEMA_VERSION; v++) {
                    for (String sql : MIGRATIONS.get(v)) {
                        exec(sql);
                    }
                }
                if (now < SCHEMA_VERSION) {
                    exec("UPDATE schema_version SET version = " + SCHEMA_VERSION);
                }
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw HistoryException.store("cannot read or set up the history store " + redact(url) + ": " + oneLine(e), e);
        }
    }

    private int version() throws SQLException {
        if (!hasTable("schema_version")) {
            return 0;
        }
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("SELECT version FROM schema_version")) {
            return r.next() ? r.getInt(1) : 0;
        }
    }

    private boolean hasTable(String name) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        try (ResultSet r = meta.getTables(null, null, name, new String[] {"TABLE"})) {
            return r.next();
        }
    }

    private void exec(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    /** Test and tooling hook: sets the stored schema version (to check that newer stores are refused). */
    void setSchemaVersion(int version) throws SQLException {
        exec("UPDATE schema_version SET version = " + version);
    }

    /**
     * Adds one run in one transaction.
     *
     * @return false when a run with the same id is already stored (nothing is written)
     */
    boolean add(StoredRun run) throws HistoryException {
        try {
            connection.setAutoCommit(false);
            try {
                Machine m = run.machine();
                try (PreparedStatement p = connection.prepareStatement("INSERT INTO machine (machine_id, os_name, os_arch,"
                        + " cpu_model, cpu_signature, cores, cgroup_cpu_limit) VALUES (?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (machine_id) DO NOTHING")) {
                    p.setString(1, m.id());
                    p.setString(2, m.osName());
                    p.setString(3, m.osArch());
                    p.setString(4, m.cpuModel());
                    p.setString(5, m.cpuSignature());
                    p.setInt(6, m.cores());
                    p.setString(7, m.cgroupCpuLimit());
                    p.executeUpdate();
                }
                int inserted;
                try (PreparedStatement p = connection.prepareStatement("INSERT INTO run (run_id, machine_id, recorded_at,"
                        + " git_commit, jdk_vendor, jdk_version, kernel, launch_mechanism, source, added_at, row_count,"
                        + " fork_count, env_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (run_id) DO NOTHING")) {
                    p.setString(1, run.id());
                    p.setString(2, m.id());
                    p.setLong(3, run.recordedAt());
                    p.setString(4, run.gitCommit());
                    p.setString(5, run.env().jdkVendor());
                    p.setString(6, run.env().jdkVersion());
                    p.setString(7, run.env().kernel());
                    p.setString(8, run.env().launchMechanism());
                    p.setString(9, run.source());
                    p.setLong(10, System.currentTimeMillis());
                    p.setInt(11, run.rows().size());
                    p.setInt(12, run.forkCount());
                    p.setString(13, run.envJson());
                    inserted = p.executeUpdate();
                }
                if (inserted == 0) {
                    connection.rollback();
                    return false;
                }
                try (PreparedStatement rows = connection.prepareStatement("INSERT INTO result (run_id, row_no, benchmark,"
                        + " mode, params, unit, score, score_error) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
                     PreparedStatement forks = connection.prepareStatement("INSERT INTO fork (run_id, row_no, fork_no, mean,"
                             + " iterations) VALUES (?, ?, ?, ?, ?)")) {
                    int rowNo = 0;
                    for (StoredRun.Row row : run.rows()) {
                        rows.setString(1, run.id());
                        rows.setInt(2, rowNo);
                        rows.setString(3, row.benchmark());
                        rows.setString(4, row.mode());
                        rows.setString(5, JSON.writeValueAsString(row.params()));
                        rows.setString(6, row.unit());
                        setDouble(rows, 7, row.score());
                        setDouble(rows, 8, row.scoreError());
                        rows.addBatch();
                        int forkNo = 0;
                        for (StoredRun.Fork f : row.forks()) {
                            forks.setString(1, run.id());
                            forks.setInt(2, rowNo);
                            forks.setInt(3, forkNo++);
                            setDouble(forks, 4, f.mean());
                            forks.setString(5, iterations(f.iterations()));
                            forks.addBatch();
                        }
                        rowNo++;
                    }
                    rows.executeBatch();
                    forks.executeBatch();
                }
                connection.commit();
                return true;
            } catch (SQLException | JsonProcessingException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException | JsonProcessingException e) {
            throw HistoryException.store("cannot add " + run.source() + " to " + redact(url) + ": " + oneLine(e), e);
        }
    }

    private static void setDouble(PreparedStatement p, int i, double v) throws SQLException {
        if (Double.isFinite(v)) {
            p.setDouble(i, v);
        } else {
            p.setNull(i, Types.DOUBLE);
        }
    }

    private static String iterations(List<Double> values) {
        StringBuilder b = new StringBuilder();
        for (Double v : values) {
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(v);
        }
        return b.toString();
    }

    /** How many runs the store holds. */
    int runCount() throws HistoryException {
        return count("SELECT COUNT(*) FROM run");
    }

    /**
     * Runs whose stored rows or forks do not add up to the counts written with them: empty for
     * any store this tool wrote (each run is one transaction).
     */
    List<String> incompleteRuns() throws HistoryException {
        List<String> bad = new ArrayList<>();
        String sql = "SELECT r.run_id FROM run r WHERE r.row_count <> (SELECT COUNT(*) FROM result x WHERE x.run_id = r.run_id)"
                + " OR r.fork_count <> (SELECT COUNT(*) FROM fork f WHERE f.run_id = r.run_id)";
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                bad.add(r.getString(1));
            }
        } catch (SQLException e) {
            throw HistoryException.store("cannot read " + redact(url) + ": " + oneLine(e), e);
        }
        bad.addAll(orphans());
        return bad;
    }

    private List<String> orphans() throws HistoryException {
        List<String> bad = new ArrayList<>();
        String sql = "SELECT DISTINCT x.run_id FROM result x WHERE NOT EXISTS (SELECT 1 FROM run r WHERE r.run_id = x.run_id)";
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                bad.add(r.getString(1));
            }
        } catch (SQLException e) {
            throw HistoryException.store("cannot read " + redact(url) + ": " + oneLine(e), e);
        }
        return bad;
    }

    private int count(String sql) throws HistoryException {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getInt(1);
        } catch (SQLException e) {
            throw HistoryException.store("cannot read " + redact(url) + ": " + oneLine(e), e);
        }
    }

    /**
     * Every series (row and machine) with its fork means over time, oldest run first.
     *
     * @param keep which series to keep (filters on benchmark and machine)
     */
    List<Series> series(Predicate<Series> keep) throws HistoryException {
        Map<String, Machine> machines = new TreeMap<>();
        Map<String, SeriesBuilder> all = new LinkedHashMap<>();
        try (Statement s = connection.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT machine_id, os_name, os_arch, cpu_model, cpu_signature, cores,"
                    + " cgroup_cpu_limit FROM machine")) {
                while (r.next()) {
                    machines.put(r.getString(1), new Machine(r.getString(2), r.getString(3), r.getString(4),
                            r.getString(5), r.getInt(6), r.getString(7)));
                }
            }
            String sql = "SELECT r.run_id, r.machine_id, r.recorded_at, r.git_commit, r.jdk_vendor, r.jdk_version,"
                    + " r.kernel, r.launch_mechanism, x.row_no, x.benchmark, x.mode, x.params, x.unit, f.mean"
                    + " FROM run r JOIN result x ON x.run_id = r.run_id"
                    + " JOIN fork f ON f.run_id = x.run_id AND f.row_no = x.row_no"
                    + " ORDER BY r.machine_id, r.recorded_at, r.run_id, x.row_no, f.fork_no";
            try (ResultSet r = s.executeQuery(sql)) {
                String lastRun = null;
                int lastRow = -1;
                SeriesBuilder current = null;
                List<Double> means = new ArrayList<>();
                String[] pending = null;
                Map<String, String[]> paramsCache = new java.util.HashMap<>();
                while (r.next()) {
                    String runId = r.getString(1);
                    int rowNo = r.getInt(9);
                    if (!runId.equals(lastRun) || rowNo != lastRow) {
                        if (current != null) {
                            current.add(pending, means);
                        }
                        means = new ArrayList<>();
                        String machineId = r.getString(2);
                        String benchmark = r.getString(10);
                        String mode = r.getString(11);
                        String params = r.getString(12);
                        String unit = r.getString(13);
                        String key = machineId + '\u0000' + benchmark + '\u0000' + mode + '\u0000' + params + '\u0000' + unit;
                        current = all.computeIfAbsent(key, k -> new SeriesBuilder(machineId, benchmark, mode, params, unit));
                        pending = new String[] {runId, Long.toString(r.getLong(3)), r.getString(4), r.getString(5),
                                r.getString(6), r.getString(7), r.getString(8)};
                        lastRun = runId;
                        lastRow = rowNo;
                    }
                    double mean = r.getDouble(14);
                    means.add(r.wasNull() ? Double.NaN : mean);
                }
                if (current != null) {
                    current.add(pending, means);
                }
            }
        } catch (SQLException e) {
            throw HistoryException.store("cannot read " + redact(url) + ": " + oneLine(e), e);
        }
        List<Series> out = new ArrayList<>();
        for (SeriesBuilder b : all.values()) {
            Series s = b.build(machines.get(b.machineId));
            if (keep.test(s)) {
                out.add(s);
            }
        }
        return out;
    }

    private static final class SeriesBuilder {
        final String machineId;
        final String benchmark;
        final String mode;
        final String params;
        final String unit;
        final List<Series.Point> points = new ArrayList<>();

        SeriesBuilder(String machineId, String benchmark, String mode, String params, String unit) {
            this.machineId = machineId;
            this.benchmark = benchmark;
            this.mode = mode;
            this.params = params;
            this.unit = unit;
        }

        void add(String[] run, List<Double> means) {
            double[] m = means.stream().filter(Double::isFinite).mapToDouble(Double::doubleValue).toArray();
            if (m.length == 0) {
                return;
            }
            points.add(new Series.Point(run[0], Long.parseLong(run[1]), run[2],
                    new StoredRun.RunEnv(run[3], run[4], run[5], run[6]), m));
        }

        Series build(Machine machine) {
            TreeMap<String, String> p;
            try {
                p = JSON.readValue(params, new TypeReference<TreeMap<String, String>>() { });
            } catch (JsonProcessingException e) {
                p = new TreeMap<>(Map.of("params", params));
            }
            return new Series(machine, machineId, benchmark, mode, p, unit, points);
        }
    }

    /**
     * Retention: keeps the newest {@code keepLast} runs of each machine and deletes the rest,
     * in one transaction; an SQLite file is then compacted (VACUUM).
     *
     * @return how many runs were deleted
     */
    int prune(int keepLast) throws HistoryException {
        try {
            List<String> drop = new ArrayList<>();
            try (Statement s = connection.createStatement();
                 ResultSet r = s.executeQuery("SELECT run_id, machine_id FROM run ORDER BY machine_id, recorded_at DESC, run_id DESC")) {
                String machine = null;
                int n = 0;
                while (r.next()) {
                    if (!r.getString(2).equals(machine)) {
                        machine = r.getString(2);
                        n = 0;
                    }
                    if (++n > keepLast) {
                        drop.add(r.getString(1));
                    }
                }
            }
            connection.setAutoCommit(false);
            try {
                for (String table : List.of("fork", "result", "run")) {
                    try (PreparedStatement p = connection.prepareStatement("DELETE FROM " + table + " WHERE run_id = ?")) {
                        for (String id : drop) {
                            p.setString(1, id);
                            p.addBatch();
                        }
                        p.executeBatch();
                    }
                }
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
            if (!drop.isEmpty() && url.startsWith("jdbc:sqlite:")) {
                exec("VACUUM");
            }
            return drop.size();
        } catch (SQLException e) {
            throw HistoryException.store("cannot prune " + redact(url) + ": " + oneLine(e), e);
        }
    }

    /** Raw JDBC access for export. */
    Connection connection() {
        return connection;
    }

    String displayUrl() {
        return redact(url);
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing a connection we no longer use: nothing a user could act on
        }
    }

    /** The URL without a password. */
    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).trim();
    }
}
