package io.github.poolbench.report;

import java.nio.file.Path;

/** Where the files of one run sit beside each other. */
public final class RunFiles {
    /** The result file of a run in the suite's default layout. */
    public static final String DEFAULT_RESULT = "jmh.json";

    private RunFiles() {
    }

    /**
     * The environment record of a result file: {@code env.json} beside {@code jmh.json} (the
     * suite's default layout), otherwise {@code <name>.env.json} beside {@code <name>.json}.
     */
    public static Path envFileFor(Path resultFile) {
        Path name = resultFile.getFileName();
        String file = name == null ? "" : name.toString();
        if (file.equals(DEFAULT_RESULT)) {
            return resultFile.resolveSibling("env.json");
        }
        int dot = file.lastIndexOf('.');
        String stem = dot > 0 ? file.substring(0, dot) : file;
        return resultFile.resolveSibling(stem + ".env.json");
    }
}
