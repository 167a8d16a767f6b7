package io.github.poolbench;

import io.github.poolbench.report.compare.ResultMerge;
import io.github.poolbench.report.parse.ReportInputException;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The document's own Python (section 2) beside the Java rows: {@code scripts/python-reference.py
 * --headline} (packaged in the jar, extracted to the run's temporary folder), run once per pass
 * like a row, so its runs are spread over the run as the Java forks are. Each pass writes its own
 * JMH-format file; {@link ResultMerge#mergeForks} joins them into one whose rows hold one "fork"
 * (one Python process) per pass. Start method {@code fork}, the document's 1000 tasks; a failed
 * pass is said in one line and the run goes on without it.
 */
final class PythonStep {
    /** The file in the run folder, beside jmh.json. */
    static final String RESULT = "python.json";
    private static final String[] SCRIPTS = {"python-reference.py", "python_reference_lib.py"};

    /**
     * One pass: {@code tasks} per op; {@code poolRuns} measured maps of the reused {@code Pool(5)};
     * {@code perTaskRuns} runs of a {@code Process} per task.
     */
    record Settings(int tasks, int poolRuns, int perTaskRuns, double secondsPerPass) {
        /**
         * One run of 1000 forked children a pass (each pass is one fork of the row, so 3 passes give
         * 3 samples): 7-9 s of a pass that took 14-19 s with two runs on this 2-core VM under load.
         */
        static final Settings DEFAULT_RUN = new Settings(1000, 30, 1, 12);
    }

    /** A python3 (3.8+) on PATH, or why there is none. */
    record Found(String python, String why) {
    }

    private final String python;
    private final Settings settings;
    private final PrintStream err;
    private final List<Path> passFiles = new ArrayList<>();
    private Path scripts;
    private Path scratch;
    private RunGuard guard;

    PythonStep(String python, Settings settings, PrintStream err) {
        this.python = python;
        this.settings = settings;
        this.err = err;
    }

    static Found find() {
        String path = System.getenv("PATH");
        for (String dir : (path == null ? "" : path).split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Paths.get(dir, "python3");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                String version = version(candidate.toString());
                if (version == null) {
                    return new Found(null, candidate + " did not run as a Python interpreter");
                }
                String[] parts = version.split("\\.");
                int major = Integer.parseInt(parts[0]);
                int minor = Integer.parseInt(parts[1]);
                if (major < 3 || (major == 3 && minor < 8)) {
                    return new Found(null, candidate + " is Python " + version + "; 3.8 or later is needed");
                }
                return new Found(candidate.toString(), null);
            }
        }
        return new Found(null, "no python3 on PATH");
    }

    /** A merge writes through a private temporary file (rw-------); the run's other files are rw-r--r--. */
    private static void readableLikeTheOthers(Path file) throws IOException {
        if (Files.isRegularFile(file) && Files.getFileStore(file).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    private static String version(String python) {
        try {
            Process p = new ProcessBuilder(python, "-c", "import sys; print('%d.%d' % sys.version_info[:2])")
                    .redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return p.exitValue() == 0 && out.matches("\\d+\\.\\d+") ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    double estimatedSeconds(int passes) {
        return Math.max(1, passes) * settings.secondsPerPass();
    }

    /** Extracts the scripts into {@code scratch} (the run's temporary folder, removed with it). */
    void prepare(Path scratch, RunGuard guard) throws IOException {
        this.scratch = scratch;
        this.guard = guard;
        scripts = Files.createDirectories(scratch.resolve("python"));
        for (String name : SCRIPTS) {
            try (InputStream in = PythonStep.class.getResourceAsStream("/python/" + name)) {
                if (in == null) {
                    throw new IOException("the jar holds no python/" + name + " (rebuild it with mvn package)");
                }
                Files.copy(in, scripts.resolve(name));
            }
        }
    }

    /** One pass: runs the script; its progress goes to stderr; a failure is one line and leaves this pass out. */
    void run(int pass, int passes) throws IOException {
        Path out = scratch.resolve("python-pass-" + (pass + 1) + ".json");
        List<String> cmd = List.of(python, "-B", scripts.resolve(SCRIPTS[0]).toString(), "--headline",
                "--start-methods", "fork", "--tasks", String.valueOf(settings.tasks()),
                "--repeat", String.valueOf(settings.poolRuns()), "--per-task-runs", String.valueOf(settings.perTaskRuns()),
                "-o", out.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        Process p = pb.start();
        p.getOutputStream().close();
        String last = "";
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (guard.interrupted()) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                    throw new RunGuard.Interrupted();
                }
                if (!line.startsWith("python-reference: results in ") && !line.startsWith("python-reference: environment in ")) {
                    err.println(line); // the pass's own files are temporary: the run names its files at the end
                }
                last = line.isBlank() ? last : line;
            }
        }
        int rc;
        try {
            rc = p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new RunGuard.Interrupted();
        }
        if (guard.interrupted()) {
            throw new RunGuard.Interrupted();
        }
        if (rc == 0 && Files.isRegularFile(out)) {
            passFiles.add(out);
        } else {
            err.println("poolbench: the Python reference failed in pass " + (pass + 1) + " of " + passes + " (exit " + rc
                    + "): " + last + "; the run goes on without this pass");
        }
    }

    /**
     * The passes' files joined (one fork per pass) into a new file in the scratch folder, with the
     * first pass's environment record beside it; null when no pass succeeded.
     */
    Path merged(PrintStream warnings) {
        if (passFiles.isEmpty()) {
            return null;
        }
        Path merged = scratch.resolve(RESULT);
        try {
            ResultMerge.mergeForks(passFiles, merged, w -> warnings.println("poolbench: Python reference: " + w));
            readableLikeTheOthers(merged);
            readableLikeTheOthers(io.github.poolbench.report.RunFiles.envFileFor(merged));
            return merged;
        } catch (IOException e) {
            warnings.println("poolbench: the Python reference's passes could not be joined: " + e.getMessage());
            return null;
        } catch (ReportInputException e) {
            warnings.println("poolbench: the Python reference's passes could not be joined: " + e.getMessage());
            return null;
        }
    }
}
