package io.github.poolbench.exec;

import io.github.poolbench.worker.Protocol;
import io.github.poolbench.worker.WorkerMain;

import java.io.BufferedInputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;

/**
 * A pool worker that serves like {@link WorkerMain} and misbehaves on cue, so tests can put a
 * fault at a chosen moment. Faults come from the system property {@code poolbench.fault}, a
 * comma-separated list of {@code name} or {@code name=value}:
 * <ul>
 *   <li>{@code garbage-after-input=N}: after answering the chunk that holds input N, writes
 *       "oops\n" on stdout, then goes on serving.</li>
 *   <li>{@code garbage-before-input=N}: writes "oops\n" just before the answer to the chunk
 *       that holds input N (after running it), then goes on serving.</li>
 *   <li>{@code die-on-input=N}: on a chunk holding input N, prints "dying on input N" on stderr
 *       and halts with status 4 without answering.</li>
 *   <li>{@code flood-stderr=K}: before dying (above), prints K long lines on stderr.</li>
 *   <li>{@code truncate-on-input=N}: on a chunk holding input N, writes half a response and exits 0.</li>
 *   <li>{@code startup-stderr}: prints "line from start-up" on stderr before its hello.</li>
 *   <li>{@code stdout-noise}: prints a line with {@code System.out.println} before serving.</li>
 *   <li>{@code close-stdin-once=PATH}: the first worker to create PATH closes its stdin, says
 *       hello and stays alive without reading; the others serve normally.</li>
 *   <li>{@code fail-start-if-exists=PATH}: exits 1 before its hello when PATH exists; else creates it and serves.</li>
 *   <li>{@code long-stderr-line-on-input=N}: on a chunk holding input N, writes 200 MB on stderr
 *       with no newline, then "after the long line" on a line of its own, and answers.</li>
 *   <li>{@code close-stdout-on-input=N}: on a chunk holding input N, closes its stdout and sleeps 60 s.</li>
 *   <li>{@code pause-on-input=N}: on a chunk holding input N, sleeps 5 s before running it.</li>
 *   <li>{@code log=DIR}: before answering a chunk, appends (param, input) of each of its tasks to
 *       DIR/PID.log with one unbuffered write, so a task run twice shows up twice.</li>
 * </ul>
 */
public final class FaultyWorkerMain {
    private FaultyWorkerMain() {
    }

    public static void main(String[] args) throws Exception {
        OutputStream out = WorkerMain.takeProtocolStream();
        String spec = System.getProperty("poolbench.fault", "");
        Integer garbageAfter = intOf(spec, "garbage-after-input");
        Integer garbageBefore = intOf(spec, "garbage-before-input");
        Integer dieOn = intOf(spec, "die-on-input");
        Integer flood = intOf(spec, "flood-stderr");
        Integer truncateOn = intOf(spec, "truncate-on-input");
        String closeOnce = valueOf(spec, "close-stdin-once");
        String failIfExists = valueOf(spec, "fail-start-if-exists");
        String logDir = valueOf(spec, "log");
        Integer longLineOn = intOf(spec, "long-stderr-line-on-input");
        Integer closeStdoutOn = intOf(spec, "close-stdout-on-input");
        Integer pauseOn = intOf(spec, "pause-on-input");
        long pid = ProcessHandle.current().pid();
        if (failIfExists != null) {
            try {
                Files.createFile(Paths.get(failIfExists));
            } catch (FileAlreadyExistsException e) {
                System.err.println("refusing to start: " + failIfExists + " exists");
                System.exit(1);
            }
        }
        if (has(spec, "startup-stderr")) {
            for (int i = 0; i < 3; i++) {
                System.err.println("line from start-up " + i);
            }
        }
        if (has(spec, "stdout-noise")) {
            System.out.println("a library printing to System.out");
        }
        if (closeOnce != null && createdFirst(closeOnce)) {
            // Closed before the hello, so every write the parent makes after it breaks; closed
            // after, a request could land in the pipe first and rightly count as received.
            System.in.close();
            out.write(Protocol.hello(pid));
            Thread.sleep(60_000);
            return;
        }
        out.write(Protocol.hello(pid));
        FileOutputStream log = logDir == null ? null : new FileOutputStream(Paths.get(logDir, pid + ".log").toFile(), true);
        Protocol.FrameReader frames = new Protocol.FrameReader(new BufferedInputStream(new FileInputStream(FileDescriptor.in), 1 << 16));
        Protocol.Request r = new Protocol.Request();
        Protocol.ResponseWriter response = new Protocol.ResponseWriter();
        while (true) {
            int length = frames.next();
            if (length < 0) {
                return;
            }
            Protocol.decodeRequest(frames.buffer(), length, r);
            int[] inputs = Arrays.copyOf(r.inputs, r.count);
            if (dieOn != null && holds(inputs, dieOn)) {
                for (int i = 0; flood != null && i < flood; i++) {
                    System.err.println("flood line " + i + " " + "x".repeat(200));
                }
                System.err.println("dying on input " + dieOn);
                System.err.flush();
                Runtime.getRuntime().halt(4);
            }
            if (longLineOn != null && holds(inputs, longLineOn)) {
                FileOutputStream err = new FileOutputStream(FileDescriptor.err);
                byte[] xs = new byte[1 << 20];
                Arrays.fill(xs, (byte) 'x');
                for (int i = 0; i < 200; i++) {
                    err.write(xs);
                }
                err.write("\nafter the long line\n".getBytes());
            }
            if (pauseOn != null && holds(inputs, pauseOn)) {
                Thread.sleep(5_000);
            }
            if (closeStdoutOn != null && holds(inputs, closeStdoutOn)) {
                out.close();
                Thread.sleep(60_000);
            }
            WorkerMain.runChunk(r.taskId, r.param, inputs, r.count, response);
            if (log != null) {
                ByteBuffer b = ByteBuffer.allocate(8 * r.count);
                for (int input : inputs) {
                    b.putInt(r.param).putInt(input);
                }
                log.write(b.array());
            }
            response.finish(r.seq);
            if (truncateOn != null && holds(inputs, truncateOn)) {
                out.write(response.buffer(), 0, response.size() / 2);
                out.flush();
                System.exit(0);
            }
            if (garbageBefore != null && holds(inputs, garbageBefore)) {
                out.write("oops\n".getBytes());
            }
            out.write(response.buffer(), 0, response.size());
            if (garbageAfter != null && holds(inputs, garbageAfter)) {
                out.write("oops\n".getBytes());
            }
        }
    }

    private static boolean createdFirst(String path) throws IOException {
        try {
            Files.createFile(Path.of(path));
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        }
    }

    private static boolean holds(int[] inputs, int value) {
        for (int i : inputs) {
            if (i == value) {
                return true;
            }
        }
        return false;
    }

    private static boolean has(String spec, String name) {
        return Arrays.asList(spec.split(",")).contains(name);
    }

    private static String valueOf(String spec, String name) {
        for (String part : spec.split(",")) {
            if (part.startsWith(name + "=")) {
                return part.substring(name.length() + 1);
            }
        }
        return null;
    }

    private static Integer intOf(String spec, String name) {
        String v = valueOf(spec, name);
        return v == null ? null : Integer.valueOf(v);
    }
}
