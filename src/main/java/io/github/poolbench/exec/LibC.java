package io.github.poolbench.exec;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * The few libc calls the direct spawner needs, bound through JNA's direct mapping
 * ({@link Native#register}: a JNI stub per method, no proxy or reflection per call, so a call
 * costs well under a microsecond). 64-bit Linux only: {@code size_t} and {@code ssize_t} are
 * mapped to {@code long}, and {@link #unavailableReason()} says so elsewhere.
 *
 * <p>Failures return -1 and leave errno in {@link Native#getLastError()}; the posix_spawn
 * family returns the error number itself.
 */
final class LibC {
    static final int O_RDONLY = 0;
    static final int O_CLOEXEC = 0x80000;
    static final short POLLIN = 0x1;
    static final int EINTR = 4;
    /** waitpid option: return 0 at once when the child has not ended. */
    static final int WNOHANG = 1;
    static final int ECHILD = 10;
    static final int SIGKILL = 9;
    /** posix_spawnattr flag of glibc: set the child's signal mask from the attributes. */
    static final short POSIX_SPAWN_SETSIGMASK = 0x08;
    /** waitid's id type and options. */
    static final int P_PID = 1;
    static final int WEXITED = 4;
    static final int WNOWAIT = 0x01000000;
    /** siginfo_t's si_code values for a child that ended. */
    static final int CLD_EXITED = 1;
    static final int CLD_KILLED = 2;
    static final int CLD_DUMPED = 3;
    /** Bytes enough for glibc's posix_spawn_file_actions_t (80), posix_spawnattr_t (336), sigset_t (128), siginfo_t (128). */
    static final int OPAQUE_BYTES = 512;

    private static final String REASON = reason();
    /** Where {@code environ} lives (fixed); what it points to is read at each call. */
    private static final Pointer ENVIRON;

    static {
        if (REASON.isEmpty()) {
            Native.register(Platform.C_LIBRARY_NAME);
            ENVIRON = NativeLibrary.getInstance(Platform.C_LIBRARY_NAME).getGlobalVariableAddress("environ");
        } else {
            ENVIRON = null;
        }
    }

    private LibC() {
    }

    /** Why these bindings cannot be used here ("" when they can). */
    static String unavailableReason() {
        return REASON;
    }

    private static String reason() {
        if (!Platform.isLinux() || !Platform.is64Bit()) {
            return "the direct posix_spawn spawner is written for 64-bit Linux; this is " + System.getProperty("os.name")
                    + " " + System.getProperty("os.arch");
        }
        return "";
    }

    /** The process's {@code environ}, read at each call (setenv may move it). */
    static Pointer environ() {
        return ENVIRON.getPointer(0);
    }

    static native int pipe2(int[] fds, int flags);

    static native int close(int fd);

    static native long read(int fd, byte[] buf, long count);

    static native int poll(Pointer fds, long nfds, int timeoutMillis);

    static native int waitpid(int pid, int[] status, int options);

    static native int waitid(int idtype, int id, Pointer siginfo, int options);

    static native int kill(int pid, int sig);

    static native String strerror(int errnum);

    static native int sigemptyset(Pointer set);

    static native int posix_spawn_file_actions_init(Pointer actions);

    static native int posix_spawn_file_actions_destroy(Pointer actions);

    static native int posix_spawn_file_actions_adddup2(Pointer actions, int fd, int newfd);

    /** glibc 2.34+: the child closes every descriptor from {@code from} on before it execs. */
    static native int posix_spawn_file_actions_addclosefrom_np(Pointer actions, int from);

    static native int posix_spawn_file_actions_addopen(Pointer actions, int fd, String path, int oflag, int mode);

    static native int posix_spawnattr_init(Pointer attr);

    static native int posix_spawnattr_setflags(Pointer attr, short flags);

    static native int posix_spawnattr_setsigmask(Pointer attr, Pointer sigmask);

    static native int posix_spawn(int[] pid, String path, Pointer actions, Pointer attr, Pointer argv, Pointer envp);

    static native int posix_spawnp(int[] pid, String file, Pointer actions, Pointer attr, Pointer argv, Pointer envp);

    /** The exit status as the JDK reports it from a raw {@code waitpid} status: the code, or 128 + the signal. */
    static int decodeWaitStatus(int status) {
        int signal = status & 0x7f;
        if (signal == 0) {
            return (status >> 8) & 0xff;
        }
        return 128 + signal;
    }
}
