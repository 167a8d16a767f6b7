package io.github.poolbench.exec;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.StringArray;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The operating system's own way to start a program, called straight from the JVM: libc's
 * {@code posix_spawn} (glibc starts the child with {@code clone(CLONE_VM|CLONE_VFORK)} and
 * execs the program in it: one exec, no helper), then {@code waitpid}. It is the OS floor
 * measured from inside the JVM, what every other spawner is held against.
 *
 * <p>Nothing runs on another thread: the child's stdin is {@code /dev/null}; its stdout and
 * stderr are two pipes that the calling thread reads with {@code poll}, whichever has data, so
 * a child that writes far more than a pipe holds to either one never blocks; once both are at
 * their end, {@code waitpid} reaps it. A time limit is kept by the same {@code poll} (its
 * timeout), and by a {@code waitpid(WNOHANG)} loop once the pipes are closed: the child and
 * its descendants are sent SIGKILL when it is over. The pipe ends the parent keeps are
 * opened close-on-exec, and the child closes every descriptor above 2 before it execs
 * ({@code posix_spawn_file_actions_addclosefrom_np}), so it holds nothing of the JVM's. The child starts with an empty signal mask, whatever the calling thread blocks.
 *
 * <p>Exit status as the JDK reports it: the exit code, or 128 + n when signal n killed it.
 * 64-bit Linux only (see {@link LibC}).
 */
final class PosixSpawnSpawner implements Spawner {
    /** poll's longest sleep, so an interrupt is noticed within it. */
    private static final int POLL_SLICE_MILLIS = 100;
    private static final Memory ATTR = attributes();

    PosixSpawnSpawner() {
        String reason = unavailableReason();
        if (!reason.isEmpty()) {
            throw new StrategyUnavailableException(reason);
        }
    }

    /** Why this machine cannot use the spawner ("" when it can). */
    static String unavailableReason() {
        return LibC.unavailableReason();
    }

    private static Memory attributes() {
        if (!LibC.unavailableReason().isEmpty()) {
            return null;
        }
        Memory attr = new Memory(LibC.OPAQUE_BYTES);
        Memory mask = new Memory(LibC.OPAQUE_BYTES);
        check(LibC.posix_spawnattr_init(attr), "posix_spawnattr_init");
        check(LibC.sigemptyset(mask) == 0 ? 0 : Native.getLastError(), "sigemptyset");
        check(LibC.posix_spawnattr_setsigmask(attr, mask), "posix_spawnattr_setsigmask");
        check(LibC.posix_spawnattr_setflags(attr, LibC.POSIX_SPAWN_SETSIGMASK), "posix_spawnattr_setflags");
        return attr; // read-only from here on: shared by every thread (mask is copied into attr)
    }

    @Override
    public Outcome run(List<String> argv, long timeoutMillis) throws InterruptedException {
        int[] out = pipe();
        int[] err;
        try {
            err = pipe();
        } catch (RuntimeException e) {
            closeBoth(out);
            throw e;
        }
        int pid;
        Memory actions = new Memory(LibC.OPAQUE_BYTES);
        try {
            check(LibC.posix_spawn_file_actions_init(actions), "posix_spawn_file_actions_init");
            try {
                check(LibC.posix_spawn_file_actions_addopen(actions, 0, "/dev/null", LibC.O_RDONLY, 0), "addopen");
                check(LibC.posix_spawn_file_actions_adddup2(actions, out[1], 1), "adddup2");
                check(LibC.posix_spawn_file_actions_adddup2(actions, err[1], 2), "adddup2");
                // Nothing of the JVM beyond 0-2 reaches the child: not the jar, not a socket,
                // not another child's pipes (most of the JVM's descriptors are not close-on-exec).
                check(LibC.posix_spawn_file_actions_addclosefrom_np(actions, 3), "addclosefrom_np");
                pid = spawn(argv, actions);
            } finally {
                LibC.posix_spawn_file_actions_destroy(actions);
            }
        } catch (RuntimeException e) {
            closeBoth(out);
            closeBoth(err);
            throw e;
        }
        LibC.close(out[1]);
        LibC.close(err[1]);
        return collect(pid, out[0], err[0], timeoutMillis);
    }

    private static int spawn(List<String> argv, Pointer actions) {
        String program = argv.get(0);
        StringArray args = new StringArray(argv.toArray(new String[0]));
        int[] pid = new int[1];
        int rc = program.indexOf('/') >= 0
                ? LibC.posix_spawn(pid, program, actions, ATTR, args, LibC.environ())
                : LibC.posix_spawnp(pid, program, actions, ATTR, args, LibC.environ());
        if (rc != 0) {
            throw new WorkerStartException("could not start " + ChildJvm.describe(argv) + ": " + LibC.strerror(rc)
                    + " (posix_spawn error " + rc + ")");
        }
        return pid[0];
    }

    /**
     * Reads both pipes to their end on this thread (keeping a bounded head of stdout and tail
     * of stderr, see {@link BoundedCapture}), then reaps the child. At the time limit the
     * child and its descendants are killed and the pipes are abandoned once it is reaped, so
     * neither a child that closed its pipes and runs on nor a grandchild that holds them keeps
     * {@code run()} past the limit.
     */
    private static Outcome collect(int pid, int outFd, int errFd, long timeoutMillis) throws InterruptedException {
        BoundedCapture stdout = BoundedCapture.head(BoundedCapture.STDOUT_HEAD_BYTES);
        BoundedCapture stderr = BoundedCapture.tail(BoundedCapture.STDERR_TAIL_BYTES);
        byte[] buf = new byte[8192];
        Memory fds = new Memory(16); // two struct pollfd { int fd; short events; short revents; }
        fds.setInt(0, outFd);
        fds.setShort(4, LibC.POLLIN);
        fds.setInt(8, errFd);
        fds.setShort(12, LibC.POLLIN);
        int open = 2;
        long deadline = timeoutMillis > 0 ? System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis) : Long.MAX_VALUE;
        int status = -1;
        boolean timedOut = false;
        try {
            while (open > 0) {
                checkInterrupt(pid);
                long now = System.nanoTime();
                if (now >= deadline) {
                    status = tryReap(pid);
                    if (status < 0) {
                        killTree(pid);
                        timedOut = true;
                        status = reap(pid);
                    }
                    break; // whatever still holds its pipes open is not waited for
                }
                int wait = deadline == Long.MAX_VALUE ? POLL_SLICE_MILLIS
                        : (int) Math.max(0, Math.min(POLL_SLICE_MILLIS, TimeUnit.NANOSECONDS.toMillis(deadline - now) + 1));
                int ready = LibC.poll(fds, 2, wait);
                if (ready < 0) {
                    int errno = Native.getLastError();
                    if (errno == LibC.EINTR) {
                        continue;
                    }
                    throw new IllegalStateException("poll on the pipes of child pid " + pid + " failed: " + LibC.strerror(errno));
                }
                for (int i = 0; i < 2 && ready > 0; i++) {
                    int fd = fds.getInt(i * 8L);
                    if (fd < 0 || fds.getShort(i * 8L + 6) == 0) {
                        continue;
                    }
                    long n = LibC.read(fd, buf, buf.length);
                    if (n > 0) {
                        (i == 0 ? stdout : stderr).write(buf, 0, (int) n);
                    } else if (n == 0 || Native.getLastError() != LibC.EINTR) {
                        LibC.close(fd);
                        fds.setInt(i * 8L, -1); // poll ignores a negative fd
                        open--;
                    }
                }
            }
        } finally {
            for (int i = 0; i < 2; i++) {
                int fd = fds.getInt(i * 8L);
                if (fd >= 0) {
                    LibC.close(fd);
                }
            }
        }
        if (status < 0) {
            if (deadline == Long.MAX_VALUE) {
                status = reap(pid);
            } else {
                status = reapBy(pid, deadline);
                timedOut = status < 0;
                if (timedOut) {
                    killTree(pid);
                    status = reap(pid);
                }
            }
        }
        return new Outcome(pid, status, stdout.toByteArray(), stderr.toByteArray(), timedOut);
    }

    private static void checkInterrupt(int pid) throws InterruptedException {
        if (Thread.interrupted()) {
            killTree(pid);
            reap(pid);
            throw new InterruptedException("interrupted while child pid " + pid + " ran; it was killed");
        }
    }

    private static void killTree(int pid) {
        KillTimer.killTree(pid);
        LibC.kill(pid, LibC.SIGKILL); // also when the JDK no longer lists it (a zombie)
    }

    /** Reaps the child if it ends before {@code deadline} (its status), else -1; polls with a growing pause. */
    private static int reapBy(int pid, long deadline) throws InterruptedException {
        long pause = 20_000;
        while (true) {
            int status = tryReap(pid);
            if (status >= 0) {
                return status;
            }
            checkInterrupt(pid);
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return -1;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Math.min(left, pause));
            pause = Math.min(pause * 2, TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    /** waitpid without waiting: the status when the child has ended (and is now reaped), else -1. */
    private static int tryReap(int pid) {
        int[] status = new int[1];
        while (true) {
            int rc = LibC.waitpid(pid, status, LibC.WNOHANG);
            if (rc == pid) {
                return LibC.decodeWaitStatus(status[0]);
            }
            if (rc == 0) {
                return -1;
            }
            int errno = Native.getLastError();
            if (errno != LibC.EINTR) {
                throw new IllegalStateException("waitpid for child pid " + pid + " failed: " + LibC.strerror(errno));
            }
        }
    }

    /** waitpid until the child is gone; its exit status as the JDK reports it. */
    private static int reap(int pid) {
        int[] status = new int[1];
        while (true) {
            int rc = LibC.waitpid(pid, status, 0);
            if (rc == pid) {
                return LibC.decodeWaitStatus(status[0]);
            }
            int errno = Native.getLastError();
            if (rc < 0 && errno != LibC.EINTR) {
                throw new IllegalStateException("waitpid for child pid " + pid + " failed: " + LibC.strerror(errno));
            }
        }
    }

    private static int[] pipe() {
        int[] fds = new int[2];
        if (LibC.pipe2(fds, LibC.O_CLOEXEC) != 0) {
            throw new IllegalStateException("pipe2 failed: " + LibC.strerror(Native.getLastError()));
        }
        return fds;
    }

    private static void closeBoth(int[] fds) {
        LibC.close(fds[0]);
        LibC.close(fds[1]);
    }

    private static void check(int rc, String call) {
        if (rc != 0) {
            throw new IllegalStateException(call + " failed: " + LibC.strerror(rc));
        }
    }

    @Override
    public void close() {
        // nothing to release: no thread, no timer
    }
}
