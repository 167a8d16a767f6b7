package io.github.poolbench.exec;

import io.github.poolbench.worker.WorkerMain;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * How a child JVM is started: the same {@code java} as this JVM, this JVM's class path (the
 * benchmarks jar in a JMH fork, the build's class path in tests), a flag set, and an explicit
 * argv: never a shell.
 *
 * <h2>Flag sets</h2>
 * <ul>
 *   <li>{@code default}: no flags at all, what a user gets from a plain {@code java -cp}.</li>
 *   <li>{@code tuned}: what measurably shortened the start-up of a one-shot worker on this
 *       project's 2-core machine (below), built once per parent JVM (that is, at the first
 *       trial setup of a JMH fork): an archive of the worker's own classes (and of the floor's
 *       bare main, so the runtime floor with the same flags stays a floor), recorded by one
 *       {@code WorkerMain train} run into a temporary directory deleted when the parent exits: an AppCDS
 *       dynamic archive ({@code -XX:ArchiveClassesAtExit}, then {@code -XX:SharedArchiveFile})
 *       on JDK 17 to 24, a JEP 483/514 AOT cache ({@code -XX:AOTCacheOutput}, then
 *       {@code -XX:AOTCache}) on JDK 25 and later; plus {@code -XX:TieredStopAtLevel=1} and
 *       {@code -XX:-UsePerfData}. When the archive cannot be made (e.g. a class directory on
 *       the class path, which CDS refuses) the other flags are still used and {@link #note()}
 *       says why; the JVM itself also falls back silently if an archive does not map.</li>
 * </ul>
 *
 * <h2>What was measured (to choose {@code tuned})</h2>
 * Loops of 10 starts of {@code WorkerMain once 1 0 41} from the benchmarks jar, repeated in 3
 * interleaved rounds, CPU time (user + sys) per start, on a 2-core machine that other builds
 * kept at a load of about 12, so wall times were too noisy to use and small differences are
 * within noise. JDK 17.0.15: no flags 72-87 ms; {@code -Xshare:off} 142-157 ms (so the
 * JDK's default CDS archive is on by default and matters); AppCDS archive 47-55 ms, the one
 * large win; {@code -XX:TieredStopAtLevel=1} 64-68 ms alone, no clear gain on top of the
 * archive; {@code -XX:-UsePerfData} (no hsperfdata file to create and delete) and
 * {@code -Xmx64m -Xss256k}: within noise; {@code -Xint}: within noise for this tiny task;
 * {@code -XX:+UseSerialGC} was <em>worse</em> (90-105 ms, 75-89 ms with the archive):
 * JDK 17 maps the archived heap objects of CDS only with G1, so it is left out. JDK 25.0.3
 * (uses more CPU to start than 17 here): no flags 102-122 ms; {@code -Xshare:off} 184-251 ms;
 * AppCDS dynamic archive no clear gain; AOT cache 92-95 ms; AOT cache +
 * {@code -XX:TieredStopAtLevel=1} 75-83 ms; + {@code -XX:-UsePerfData -Xmx64m -Xss256k}
 * 71-85 ms; {@code -XX:+UseSerialGC} with the AOT cache 84-101 ms (no gain).
 * A second JDK 17 pass (5 rounds of 20 starts, load 12 to 47) on top of archive + C1 + no perf
 * data (45-53 ms): {@code -Xss256k}, {@code -Xmx64m}, {@code -XX:CICompilerCount=1}, and all
 * three: 45-53 ms, no gain, left out; {@code -XX:+UseSerialGC} 66-75 ms. With the archive
 * trained on {@code train}, the tuned one-shot worker took 49-56 ms and the tuned bare main
 * 44-53 ms (default flags: 75-85 and 70-78 ms).
 */
public final class ChildJvm {
    public static final String DEFAULT = "default";
    public static final String TUNED = "tuned";
    /** The run the archive is recorded from: the one-shot path and the floor's bare main. */
    private static final String[] TRAINING_ARGS = {"train"};
    /** Longest the training run that records the archive may take before it is killed. */
    static final long TRAINING_LIMIT_MILLIS = 120_000;
    /**
     * One future per java + class path: the first caller builds the archive outside any map
     * lock; later callers with the same key wait for that future, and no other key waits.
     */
    private static final Map<String, CompletableFuture<ChildJvm>> TUNED_CACHE = new ConcurrentHashMap<>();
    /**
     * In every child command, whatever the flag set: the JVM's own messages go to stderr.
     * By default unified logging writes warnings and errors to <em>stdout</em> (JDK 25 prints
     * "[error][cds] Not a valid shared archive file" there), and so does {@code warning()}
     * unless {@code -XX:+DisplayVMOutputToStderr}; on a protocol stream that would be
     * corruption. They cost nothing measurable at start-up, and the floor benchmark's bare
     * JVM gets them too.
     */
    static final List<String> HYGIENE = List.of("-XX:+DisplayVMOutputToStderr", "-Xlog:disable", "-Xlog:all=warning:stderr");

    private final String java;
    private final String classPath;
    private final List<String> flags;
    private final String flagSet;
    private final String note;

    ChildJvm(String java, String classPath, List<String> flags, String flagSet, String note) {
        this.java = java;
        this.classPath = classPath;
        this.flags = List.copyOf(flags);
        this.flagSet = flagSet;
        this.note = note;
    }

    /**
     * The child JVM for a flag set name ({@code default} or {@code tuned}). The tuned set's
     * archive is built on first use and reused for the life of this JVM.
     */
    public static ChildJvm forFlags(String flagSet) {
        String name = flagSet == null ? DEFAULT : flagSet.trim();
        if (DEFAULT.equals(name)) {
            return new ChildJvm(javaExecutable(), classPath(), List.of(), DEFAULT, "no flags");
        }
        if (TUNED.equals(name)) {
            String java = javaExecutable();
            String cp = classPath();
            return cached(java + '\u0000' + cp, () -> {
                ChildJvm tuned = buildTuned(java, cp);
                // Once per JVM: the reader of a run's log sees whether the archive was used.
                System.err.println("poolbench: tuned child JVMs: " + String.join(" ", tuned.flags) + " (" + tuned.note + ")");
                return tuned;
            });
        }
        throw new IllegalArgumentException("unknown jvmFlags '" + flagSet + "'; expected " + DEFAULT + " or " + TUNED);
    }

    /** The cached value for {@code key}, built by the first caller with no lock held. */
    static ChildJvm cached(String key, Supplier<ChildJvm> build) {
        CompletableFuture<ChildJvm> mine = new CompletableFuture<>();
        CompletableFuture<ChildJvm> theirs = TUNED_CACHE.putIfAbsent(key, mine);
        if (theirs != null) {
            return theirs.join();
        }
        try {
            mine.complete(build.get());
        } catch (RuntimeException | Error e) {
            TUNED_CACHE.remove(key, mine);
            mine.completeExceptionally(e);
            throw e;
        }
        return mine.join();
    }

    /** The running JVM's own launcher, so children run on exactly the same JDK. */
    static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    }

    static String classPath() {
        return System.getProperty("java.class.path");
    }

    /** {@code java [flags] -cp CP mainClass args...}. */
    public List<String> command(String mainClass, String... args) {
        List<String> argv = new ArrayList<>(flags.size() + 4 + args.length);
        argv.add(java);
        argv.addAll(HYGIENE);
        argv.addAll(flags);
        argv.add("-cp");
        argv.add(classPath);
        argv.add(mainClass);
        Collections.addAll(argv, args);
        return argv;
    }

    /** A one-shot worker running one task: what PROCESS_PER_TASK starts per input. */
    public List<String> onceCommand(int taskId, int param, int input) {
        return command(WorkerMain.class.getName(), "once", Integer.toString(taskId), Integer.toString(param),
                Integer.toString(input));
    }

    public String java() {
        return java;
    }

    public List<String> flags() {
        return flags;
    }

    public String flagSet() {
        return flagSet;
    }

    /** How the flag set was built (for tuned: which archive, or why there is none). */
    public String note() {
        return note;
    }

    @Override
    public String toString() {
        return "ChildJvm(" + flagSet + ": " + String.join(" ", flags) + ")";
    }

    /**
     * The command as one line for error messages, with a long class path cut short so the
     * message stays readable.
     */
    public static String describe(List<String> argv) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < argv.size(); i++) {
            String a = argv.get(i);
            if (i > 0 && ("-cp".equals(argv.get(i - 1)) || "-classpath".equals(argv.get(i - 1))) && a.length() > 120) {
                String[] parts = a.split(File.pathSeparator);
                a = parts[0] + File.pathSeparator + "...(" + (parts.length - 1) + " more entries)";
            }
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(a);
        }
        return sb.toString();
    }

    /** Flags of the tuned set besides the archive; see the class comment for why each is there. */
    static List<String> tunedFlags() {
        return List.of("-XX:TieredStopAtLevel=1", "-XX:-UsePerfData");
    }

    private static ChildJvm buildTuned(String java, String cp) {
        List<String> base = tunedFlags();
        int feature = Runtime.version().feature();
        boolean aot = feature >= 25;
        Path dir;
        try {
            dir = TempFiles.createDirectory("poolbench-archive-");
        } catch (IOException e) {
            return new ChildJvm(java, cp, base, TUNED, "no class archive: cannot create a temporary directory: " + e.getMessage());
        }
        deleteOnExit(dir);
        Path archive = dir.resolve(aot ? "worker.aot" : "worker.jsa");
        String dumpFlag = aot ? "-XX:AOTCacheOutput=" + archive : "-XX:ArchiveClassesAtExit=" + archive;
        String useFlag = aot ? "-XX:AOTCache=" + archive : "-XX:SharedArchiveFile=" + archive;
        List<String> argv = new ArrayList<>();
        argv.add(java);
        argv.addAll(HYGIENE);
        argv.addAll(base);
        argv.add(dumpFlag);
        argv.add("-cp");
        argv.add(cp);
        argv.add(WorkerMain.class.getName());
        Collections.addAll(argv, TRAINING_ARGS);
        String failure = runTraining(argv, archive, TRAINING_LIMIT_MILLIS);
        if (failure != null) {
            return new ChildJvm(java, cp, base, TUNED, "no class archive: " + failure);
        }
        List<String> flags = new ArrayList<>(base);
        flags.add(0, useFlag);
        return new ChildJvm(java, cp, flags, TUNED, (aot ? "AOT cache " : "AppCDS archive ") + archive);
    }

    /**
     * Runs the training run that writes the archive, killed after {@code limitMillis}; returns
     * null on success, else why it failed. Its stderr goes to a file beside the archive, so
     * nothing is read before the bounded wait and the limit holds.
     */
    static String runTraining(List<String> argv, Path archive, long limitMillis) {
        Path err = archive.resolveSibling(archive.getFileName() + ".training-stderr.txt");
        try {
            // stdout carries the worker's binary answer; the JVM's own words are on stderr.
            Process p = new ProcessBuilder(argv).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(err.toFile()).start();
            p.getOutputStream().close();
            if (!p.waitFor(limitMillis, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                return "the training run did not finish in " + limitMillis + " ms: " + describe(argv);
            }
            if (p.exitValue() != 0 || !Files.isRegularFile(archive) || Files.size(archive) == 0) {
                String text = Files.exists(err) ? Files.readString(err, StandardCharsets.UTF_8).trim() : "";
                int cut = Math.max(0, text.length() - 400);
                return "the training run (" + ExitStatus.describe(p.exitValue()) + ") made no archive: "
                        + text.substring(cut).replace('\n', ' ');
            }
            return null;
        } catch (IOException e) {
            return "could not run " + describe(argv) + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while the archive was being made";
        } finally {
            try {
                Files.deleteIfExists(err);
            } catch (IOException ignored) {
                // inside the temporary directory, which goes at exit anyway
            }
        }
    }

    private static void deleteOnExit(Path dir) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> TempFiles.deleteTree(dir), "poolbench-archive-cleanup"));
    }
}
