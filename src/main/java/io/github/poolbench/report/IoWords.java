package io.github.poolbench.report;

import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An I/O failure in plain words, without Java's exception class names: "permission denied",
 * "the disk is full". The one place that turns an exception into a user's line, for report,
 * compare and runs alike. The deepest cause that says more wins, since an encoder's own message
 * ("I/O error writing PNG file!") hides the disk's.
 */
public final class IoWords {
    private IoWords() {
    }

    /** The words alone, for a caller whose line already names the file: "no such file or folder". */
    public static String of(Throwable e) {
        return words(e, false);
    }

    /** The file the failure names, then the words: "/x/charts: permission denied". */
    public static String withFile(Throwable e) {
        return words(e, true);
    }

    /** A message without a class name; "no details" when the exception had none. */
    public static String message(Throwable t) {
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            return "no details";
        }
        m = m.replaceAll("\\b(?:[a-z]\\w*\\.)+[A-Z]\\w*(?:Exception|Error)\\b:?\\s*", "");
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private static String words(Throwable e, boolean withFile) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable c = e; c != null && !chain.contains(c); c = c.getCause()) {
            chain.add(c);
        }
        for (Throwable c : chain) {
            String m = String.valueOf(c.getMessage()).toLowerCase(Locale.ROOT);
            if (m.contains("no space left")) {
                return "the disk is full (no space left on the device)";
            }
            if (m.contains("quota")) {
                return "the disk quota is exceeded";
            }
            if (m.contains("read-only file system")) {
                return "the file system is read-only";
            }
        }
        for (Throwable c : chain) {
            if (c instanceof FileSystemException f) {
                String file = withFile && f.getFile() != null ? f.getFile() + ": " : "";
                if (f instanceof NoSuchFileException) {
                    return file + "no such file or folder";
                }
                if (f instanceof AccessDeniedException) {
                    return file + "permission denied";
                }
                if (f instanceof FileAlreadyExistsException) {
                    boolean folder = f.getFile() != null && Files.isDirectory(Paths.get(f.getFile()));
                    return file + "already exists" + (folder ? "" : " and is not a folder");
                }
                if (f instanceof DirectoryNotEmptyException) {
                    return file + "is a folder that is not empty";
                }
                if (f instanceof NotDirectoryException) {
                    return file + "is not a folder";
                }
                return file + (f.getReason() != null ? f.getReason().toLowerCase(Locale.ROOT) : "cannot be written");
            }
            if (c instanceof CharacterCodingException) {
                return withFile ? "a file is not UTF-8 text" : "not UTF-8 text";
            }
        }
        String m = message(chain.get(chain.size() - 1));
        return m.equals("no details") ? "an input/output error" : m.replaceAll("\\s+", " ").trim();
    }
}
