package io.github.poolbench.report;

import io.github.poolbench.report.parse.ReportInputException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The one owner of the folders that {@code report} and {@code compare} write: which folder they
 * may write into, the marker that says a folder is theirs, and the one place that writes a set
 * of files and commits them (a temporary folder inside the target, then a rename of each entry).
 *
 * <p>A folder may be written when it does not exist (it is created), is empty, holds the marker
 * {@value #MARKER} (a folder one of these commands made or wrote before; scripts make theirs with
 * {@code report --new-folder DIR}), holds a page of an earlier report (its generator tag), or holds
 * nothing but a run's {@code jmh.json} and {@code env.json}. Anything else, a user's own
 * {@code compare.md} alone included, is refused before anything is written. Inside a folder of
 * its own a command replaces only the entries it writes; nothing else there is touched.
 */
public final class OutputFolder {
    /** The marker at the top of a folder that report or compare may write into. */
    public static final String MARKER = ".poolbench-report";
    /** The marker an earlier compare left; read as the same thing, never written. */
    private static final String EARLIER_COMPARE_MARKER = ".poolbench-compare";
    /** What every report page says in its head, so a later report knows the page is its own. */
    public static final String GENERATOR = "<meta name=\"generator\" content=\"poolbench report\">";
    /** A run's own files: a folder holding only these is a run folder, its report goes beside them. */
    private static final Set<String> RUN_FILES = Set.of(RunFiles.DEFAULT_RESULT, "env.json", "python.json",
            "python.env.json");
    /** Where a set of files is assembled before it is moved into place. */
    public static final String TMP_PREFIX = ".report-tmp-";
    private static final String MARKER_TEXT = "This folder holds a report written by poolbench (java -jar benchmarks.jar"
            + " report or compare)." + System.lineSeparator() + "The next report or compare written here replaces what they"
            + " wrote (index.html, style.css, charts/, data/, compare.md, compare.txt); nothing else in this folder"
            + " is touched." + System.lineSeparator();

    private OutputFolder() {
    }

    /** A folder that a command may not write into: the message is the whole story. */
    public static final class Refused extends IOException {
        Refused(String message) {
            super(message);
        }
    }

    /** Writes the entries of one output into a temporary folder {@code tmp} inside the target. */
    @FunctionalInterface
    public interface Contents<T> {
        T writeInto(Path tmp) throws IOException;
    }

    /** True when report or compare may write into {@code dir} (see the class comment). */
    public static boolean owns(Path dir) {
        Path d = dir.toAbsolutePath().normalize();
        if (!Files.exists(d, LinkOption.NOFOLLOW_LINKS)) {
            return !Files.isSymbolicLink(d);
        }
        if (!Files.isDirectory(d)) {
            return false;
        }
        if (isMarked(d) || isOurPage(d.resolve("index.html"))) {
            return true;
        }
        try (Stream<Path> entries = Files.list(d)) {
            List<Path> all = entries.toList();
            return all.isEmpty() || (all.stream().allMatch(p -> RUN_FILES.contains(p.getFileName().toString())
                    && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    && Files.isRegularFile(d.resolve(RunFiles.DEFAULT_RESULT)));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Refuses {@code dir} unless {@link #owns} says it may be written, before anything is written.
     *
     * @throws Refused with one line naming the folder and a few of its files
     */
    public static void refuseUnlessOurs(Path dir) throws Refused {
        Path d = dir.toAbsolutePath().normalize();
        if (Files.exists(d) && !Files.isDirectory(d)) {
            throw new Refused(d + " is a file, not a folder; give -o a folder for the report");
        }
        if (owns(d)) {
            return;
        }
        List<String> names = new ArrayList<>();
        try (Stream<Path> entries = Files.list(d)) {
            entries.map(p -> p.getFileName().toString()).sorted().limit(4).forEach(names::add);
        } catch (IOException e) {
            throw new Refused(d + " cannot be read (" + IoWords.of(e) + "); nothing was written");
        }
        throw new Refused(d + " holds files that are not from a poolbench report (" + String.join(", ", names)
                + (names.size() == 4 ? ", ..." : "") + "); nothing was written: give -o a new or empty folder");
    }

    /** As {@link #refuseUnlessOurs}, for a command whose bad input is a {@link ReportInputException}. */
    public static void check(Path dir) throws ReportInputException {
        try {
            refuseUnlessOurs(dir);
        } catch (Refused e) {
            throw new ReportInputException(e.getMessage(), e);
        }
    }

    /**
     * Makes a folder ours: creates {@code dir} with the marker in it, or marks it when it is an
     * empty folder (one a script has just made with {@code mkdir} to get a name of its own), so a
     * script can write its JSON there and have the report written beside it.
     *
     * @throws java.nio.file.FileAlreadyExistsException when {@code dir} exists and is not an empty folder
     */
    public static void create(Path dir) throws IOException {
        Path d = dir.toAbsolutePath().normalize();
        if (Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> entries = Files.list(d)) {
                if (entries.findAny().isPresent()) {
                    throw new java.nio.file.FileAlreadyExistsException(d.toString());
                }
            }
        } else {
            if (d.getParent() != null) {
                Files.createDirectories(d.getParent());
            }
            Files.createDirectory(d);
        }
        Files.writeString(d.resolve(MARKER), MARKER_TEXT, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
    }

    /**
     * Writes files into {@code dir} as one output: {@code contents} writes them into a temporary
     * folder inside it, then each of {@code entries} (names at the top of that folder, files or
     * folders) replaces its namesake in {@code dir}, in the order given (so the last one, e.g.
     * {@code index.html}, is moved last). A failure leaves {@code dir} as it was, and a folder this
     * call created is removed again. A temporary folder left by a killed run is removed by the next.
     *
     * @throws Refused when {@code dir} is not a folder of ours, or one of {@code entries} there is
     *                 somebody else's ({@code foreign} says which, or null)
     */
    public static <T> T write(Path dir, List<String> entries, Foreign foreign, Contents<T> contents) throws IOException {
        Path out = dir.toAbsolutePath().normalize();
        refuseUnlessOurs(out);
        boolean created = !Files.exists(out, LinkOption.NOFOLLOW_LINKS);
        Files.createDirectories(out);
        Path marker = out.resolve(MARKER);
        boolean marked = !Files.exists(marker);
        if (marked) {
            Files.writeString(marker, MARKER_TEXT, StandardCharsets.UTF_8);
        }
        boolean done = false;
        try (FileChannel channel = FileChannel.open(marker, StandardOpenOption.WRITE);
             FileLock lock = lock(channel)) {
            if (lock != null) {
                // nobody else is writing here: a temp folder left here was a killed run's
                removeStaleTemps(out);
            }
            for (String e : entries) {
                String whose = foreign == null ? null : foreign.whose(out.resolve(e));
                if (whose != null) {
                    throw new Refused(whose);
                }
            }
            Path tmp = Files.createTempDirectory(out, TMP_PREFIX);
            try {
                T written = contents.writeInto(tmp);
                commit(tmp, out, entries);
                done = true;
                return written;
            } finally {
                deleteRecursively(tmp);
            }
        } finally {
            if (!done && marked) {
                // leave the folder as it was: no marker of an output that was never written
                Files.deleteIfExists(marker);
                if (created) {
                    try {
                        Files.deleteIfExists(out);
                    } catch (IOException e) {
                        // not empty after all: leave it
                    }
                }
            }
        }
    }

    /** Writes text files (name → content) into {@code dir} as one output. */
    public static void writeText(Path dir, Map<String, String> files) throws ReportInputException {
        try {
            write(dir, List.copyOf(files.keySet()), null, tmp -> {
                for (Map.Entry<String, String> f : files.entrySet()) {
                    Files.writeString(tmp.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
                }
                return null;
            });
        } catch (Refused e) {
            throw new ReportInputException(e.getMessage(), e);
        } catch (IOException e) {
            throw new ReportInputException("-o " + dir + ": cannot be written (" + IoWords.of(e) + ")", e);
        }
    }

    /** Says why an entry already in the folder is somebody else's (one line), or null when it is ours to replace. */
    @FunctionalInterface
    public interface Foreign {
        String whose(Path entry) throws IOException;
    }

    /** True when {@code index} is a page a report wrote (its head holds {@link #GENERATOR}). */
    public static boolean isOurPage(Path index) {
        if (!Files.isRegularFile(index)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(index)) {
            return new String(in.readNBytes(2048), StandardCharsets.UTF_8).contains(GENERATOR);
        } catch (IOException e) {
            return false;
        }
    }

    /** True when {@code dir} holds a marker of ours. */
    public static boolean isMarked(Path dir) {
        return Files.isRegularFile(dir.resolve(MARKER)) || Files.isRegularFile(dir.resolve(EARLIER_COMPARE_MARKER));
    }

    private static FileLock lock(FileChannel channel) {
        try {
            return channel.lock();
        } catch (IOException | OverlappingFileLockException e) {
            return null;
        }
    }

    private static void removeStaleTemps(Path out) throws IOException {
        List<Path> stale;
        try (Stream<Path> entries = Files.list(out)) {
            stale = entries.filter(p -> p.getFileName().toString().startsWith(TMP_PREFIX)
                    && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).toList();
        }
        for (Path p : stale) {
            deleteRecursively(p);
        }
    }

    /** Folders first out of the way into the temp folder, then each new entry in, in order. */
    private static void commit(Path tmp, Path out, List<String> entries) throws IOException {
        Path old = Files.createDirectory(tmp.resolve(".old"));
        for (String e : entries) {
            Path from = tmp.resolve(e);
            Path target = out.resolve(e);
            if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                move(target, old.resolve(e));
            }
            if (Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
                move(from, target);
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Removes a folder and everything in it (symbolic links themselves, never what they point to). */
    public static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
