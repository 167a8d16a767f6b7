package io.github.poolbench.report.compare;

import io.github.poolbench.report.IoWords;
import io.github.poolbench.report.parse.ReportInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The folder of {@code compare -o}: compare writes only into a folder it creates, an empty one,
 * or one an earlier compare wrote, recognised by the marker file it leaves there. A user's folder
 * with their own {@code compare.md} in it is refused, never overwritten.
 */
public final class OutputDir {
    public static final String MARKER = ".poolbench-compare";

    private OutputDir() {
    }

    /** Refuses a folder that is not compare's to write, before anything is written. */
    public static void check(Path dir) throws ReportInputException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(dir)) {
            throw new ReportInputException("-o " + dir + ": exists and is not a folder; choose a new folder");
        }
        if (Files.isRegularFile(dir.resolve(MARKER))) {
            return;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            List<Path> some = entries.limit(3).toList();
            if (!some.isEmpty()) {
                throw new ReportInputException("-o " + dir + ": holds files compare did not write (" + names(some)
                        + "; no " + MARKER + " marker); choose a new or empty folder");
            }
        } catch (IOException e) {
            throw new ReportInputException("-o " + dir + ": cannot be read (" + IoWords.of(e) + ")", e);
        }
    }

    /** Creates the folder if needed and leaves the marker in it. */
    public static void claim(Path dir) throws ReportInputException {
        try {
            Files.createDirectories(dir);
            Path marker = dir.resolve(MARKER);
            if (!Files.exists(marker)) {
                Files.writeString(marker, "written by poolbench compare; a later compare -o may replace this folder's"
                        + " compare.md, compare.txt and report\n");
            }
        } catch (IOException e) {
            throw new ReportInputException("-o " + dir + ": cannot be written (" + IoWords.of(e) + ")", e);
        }
    }

    private static String names(List<Path> some) {
        StringBuilder b = new StringBuilder();
        for (Path p : some) {
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append(p.getFileName());
        }
        return b.toString();
    }
}
