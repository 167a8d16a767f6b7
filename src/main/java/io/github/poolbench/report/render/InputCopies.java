package io.github.poolbench.report.render;

import io.github.poolbench.report.IoWords;
import io.github.poolbench.report.OutputFolder;
import io.github.poolbench.report.RunFiles;
import io.github.poolbench.report.model.ResultFile;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Where the page links each input's raw JSON and environment record, and the copies in {@code data/}. */
public final class InputCopies {
    private InputCopies() {
    }

    /**
     * The page links a file's raw JSON (and env record) where it lies when that is inside the
     * report directory, as in a run directory; otherwise a copy goes to {@code data/}.
     */
    static Page.Links link(ResultFile f, int index, Path out, Path tmp) throws IOException {
        Path source = f.source().toAbsolutePath().normalize();
        Path env = RunFiles.envFileFor(source);
        // charts/ and data/ are replaced by this report: a file read from there (re-rendering a
        // report from its own copied data) is copied into the new data/, never linked in place
        boolean inReplaced = source.startsWith(out.resolve(ReportRenderer.DATA)) || source.startsWith(out.resolve(ReportRenderer.CHARTS))
                || out.relativize(source).toString().startsWith(OutputFolder.TMP_PREFIX);
        if (source.startsWith(out) && !inReplaced) {
            return new Page.Links(href(out.relativize(source)), Files.isRegularFile(env) ? href(out.relativize(env)) : null);
        }
        Path dataDir = Files.createDirectories(tmp.resolve(ReportRenderer.DATA));
        if (!Files.exists(dataDir.resolve(ReportRenderer.MARKER))) {
            Files.createFile(dataDir.resolve(ReportRenderer.MARKER));
        }
        String name = source.startsWith(out.resolve(ReportRenderer.DATA)) ? source.getFileName().toString()
                : String.format(Locale.ROOT, "%02d-%s.json", index + 1, ReportRenderer.slug(stem(source)));
        for (int n = 2; Files.exists(dataDir.resolve(name)) || Files.exists(dataDir.resolve(RunFiles.envFileFor(Path.of(name)))); n++) {
            name = String.format(Locale.ROOT, "%02d-%s-%d.json", index + 1, ReportRenderer.slug(stem(source)), n);
        }
        Path copy = dataDir.resolve(name);
        copyInput(source, copy);
        String envHref = null;
        if (!f.env().isEmpty() && Files.isRegularFile(env)) {
            // only a record the parser could read: one it warned about is not linked as the environment
            Path envCopy = RunFiles.envFileFor(copy);
            copyInput(env, envCopy);
            envHref = ReportRenderer.DATA + "/" + envCopy.getFileName();
        }
        return new Page.Links(ReportRenderer.DATA + "/" + name, envHref);
    }

    /** An input that could not be read when the report copied it: a failure to read, not to write. */
    public static final class InputUnreadable extends IOException {
        InputUnreadable(Path file, IOException cause) {
            super(file + ": cannot be read (" + IoWords.of(cause) + ")", cause);
        }
    }

    /** Copies an input file, telling a failure to read it from a failure to write the copy. */
    private static void copyInput(Path from, Path to) throws IOException {
        InputStream in;
        try {
            in = Files.newInputStream(from);
        } catch (IOException e) {
            throw new InputUnreadable(from, e);
        }
        try (in; OutputStream o = Files.newOutputStream(to, StandardOpenOption.CREATE_NEW)) {
            byte[] buf = new byte[1 << 16];
            while (true) {
                int n;
                try {
                    n = in.read(buf);
                } catch (IOException e) {
                    throw new InputUnreadable(from, e);
                }
                if (n < 0) {
                    break;
                }
                o.write(buf, 0, n);
            }
        }
    }

    private static String href(Path relative) {
        List<String> parts = new ArrayList<>();
        relative.forEach(p -> parts.add(URLEncoder.encode(p.toString(), StandardCharsets.UTF_8).replace("+", "%20")));
        return String.join("/", parts);
    }

    private static String stem(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }
}
