package io.github.poolbench.exec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The temporary files and directories of this package, named {@code PREFIX<pid>-<random>}
 * after the JVM that made them. A JVM killed by SIGKILL runs no shutdown hook and leaves its
 * own behind; so each time one is made, those of the same prefix whose JVM is no longer alive
 * are deleted first. Entries of a live JVM, and names of any other shape, are never touched.
 */
final class TempFiles {
    private TempFiles() {
    }

    static Path createFile(String prefix, String suffix) throws IOException {
        sweep(prefix);
        return Files.createTempFile(prefix + ProcessHandle.current().pid() + "-", suffix);
    }

    static Path createDirectory(String prefix) throws IOException {
        sweep(prefix);
        return Files.createTempDirectory(prefix + ProcessHandle.current().pid() + "-");
    }

    /** Deletes {@code PREFIX<pid>-*} in the temporary directory whose pid names no live process. */
    static void sweep(String prefix) {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(tmp, prefix + "*")) {
            for (Path p : entries) {
                long pid = ownerPid(p.getFileName().toString(), prefix);
                if (pid > 0 && pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).isEmpty()) {
                    deleteTree(p);
                }
            }
        } catch (IOException | UncheckedIOException | SecurityException ignored) {
            // best effort: a sweep that cannot list the directory leaves it as it is
        }
    }

    /** The pid in {@code PREFIX<pid>-...}, or -1 for a name of another shape. */
    static long ownerPid(String name, String prefix) {
        int dash = name.indexOf('-', prefix.length());
        if (!name.startsWith(prefix) || dash <= prefix.length()) {
            return -1;
        }
        try {
            return Long.parseLong(name.substring(prefix.length(), dash));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static void deleteTree(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException ignored) {
                    // best effort: a temporary entry
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // best effort
        }
    }
}
