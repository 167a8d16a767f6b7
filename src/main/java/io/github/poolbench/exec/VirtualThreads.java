package io.github.poolbench.exec;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Virtual threads without raising the build above {@code --release 17}: the JDK 21 method
 * {@code Thread.startVirtualThread(Runnable)} is looked up at run time.
 */
public final class VirtualThreads {
    private static final MethodHandle START = lookup();

    private VirtualThreads() {
    }

    /** True when the running JVM has virtual threads (JDK 21+). */
    public static boolean available() {
        return START != null;
    }

    /** Why virtual threads are missing, or an empty string when they are there. */
    public static String unavailableReason() {
        return available() ? "" : "virtual threads need JDK 21 or later; this JVM is "
                + System.getProperty("java.version") + " (" + System.getProperty("java.home") + ")";
    }

    static void require() {
        if (!available()) {
            throw new StrategyUnavailableException(unavailableReason());
        }
    }

    /**
     * Starts {@code task} on a new virtual thread; throws {@link StrategyUnavailableException}
     * on a JVM without them. Public for the echo server's per-connection handler.
     */
    public static Thread start(Runnable task) {
        require();
        try {
            return (Thread) START.invokeExact(task);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("could not start a virtual thread", t);
        }
    }

    private static MethodHandle lookup() {
        try {
            return MethodHandles.publicLookup().findStatic(Thread.class, "startVirtualThread",
                    MethodType.methodType(Thread.class, Runnable.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null;
        }
    }
}
