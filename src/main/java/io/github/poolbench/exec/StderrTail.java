package io.github.poolbench.exec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Copies a worker's stderr to ours, line by line with its pid, and keeps the last lines
 * (each cut to {@link #LINE_CHARS}) numbered, so a message can show only what the worker
 * printed since a given chunk was sent.
 */
final class StderrTail implements Runnable {
    private static final int KEEP = 20;
    private static final int LINE_CHARS = 300;
    /** Longest piece of a line echoed at once. */
    private static final int ECHO_BYTES = 8192;
    private final Process process;
    private final long pid;
    private final ArrayDeque<String> last = new ArrayDeque<>(); // guarded by this
    private long lines; // lines read so far; guarded by this
    private final CompletableFuture<Void> ended = new CompletableFuture<>();

    StderrTail(Process process, long pid) {
        this.process = process;
        this.pid = pid;
    }

    /**
     * Reads bytes, not lines: a line of any length (200 MB without a newline) costs at most
     * {@link #ECHO_BYTES} here; a longer one is echoed in pieces and kept cut.
     */
    @Override
    public void run() {
        byte[] buf = new byte[8192];
        byte[] line = new byte[ECHO_BYTES];
        int len = 0; // bytes of the current line in `line`
        boolean continued = false; // the current line was already echoed in part
        try (InputStream err = process.getErrorStream()) {
            int n;
            while ((n = err.read(buf)) >= 0) {
                for (int i = 0; i < n; i++) {
                    byte b = buf[i];
                    if (b == '\n') {
                        endLine(line, len, continued, true);
                        len = 0;
                        continued = false;
                    } else {
                        if (len == line.length) {
                            endLine(line, len, continued, false);
                            len = 0;
                            continued = true;
                        }
                        line[len++] = b;
                    }
                }
            }
            if (len > 0 || continued) {
                endLine(line, len, continued, true);
            }
        } catch (IOException ignored) {
            // the pipe closed under us: the worker is gone
        } finally {
            ended.complete(null);
        }
    }

    /** Echoes a line (or a piece of a long one) with the worker's pid; keeps its start in the tail. */
    private void endLine(byte[] bytes, int len, boolean continued, boolean complete) {
        String text = new String(bytes, 0, len, StandardCharsets.UTF_8);
        if (!continued) {
            synchronized (this) {
                if (last.size() == KEEP) {
                    last.poll();
                }
                last.add(text.length() > LINE_CHARS || !complete ? text.substring(0, Math.min(LINE_CHARS, text.length()))
                        + "..." : text);
                lines++;
            }
        }
        System.err.println("[poolbench worker " + pid + "] " + (continued ? "(continued) " : "") + text);
    }

    void awaitEnd() {
        try {
            ended.get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException ignored) {
            // a grandchild may hold the pipe open; the tail we have is enough
        }
    }

    synchronized long mark() {
        return lines;
    }

    /** The kept lines numbered {@code mark} or later, joined with " | " ("" when none). */
    synchronized String since(long mark) {
        long first = lines - last.size();
        StringBuilder sb = new StringBuilder();
        long n = first;
        for (String line : last) {
            if (n++ >= mark) {
                sb.append(sb.length() == 0 ? "" : " | ").append(line);
            }
        }
        if (first > mark && sb.length() > 0) {
            sb.insert(0, "(" + (first - mark) + " earlier lines left out) ");
        }
        return sb.toString();
    }
}
