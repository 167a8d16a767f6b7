package io.github.poolbench.echo;

import io.github.poolbench.exec.ThreadTracker;
import io.github.poolbench.exec.VirtualThreads;

import java.util.Arrays;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Who serves an accepted connection: the echo server's strategies under test. Each builds a
 * {@link Dispatcher}; the server never switches on the handler.
 */
public enum ConnectionHandler {
    /**
     * The document's {@code Pool(4)} + {@code apply_async(talk, (conn,))}: N reused threads,
     * started with the server. A connection that arrives while all N are busy waits in the
     * pool's queue, unanswered, until a worker is free.
     */
    FIXED_THREAD_POOL("pool") {
        @Override
        Dispatcher open(int workers, String prefix, ThreadTracker threads) {
            AtomicInteger ids = new AtomicInteger();
            ThreadPoolExecutor executor = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.MILLISECONDS,
                    new LinkedBlockingQueue<>(),
                    r -> threads.track(new Thread(r, prefix + "worker-" + ids.incrementAndGet())));
            executor.prestartAllCoreThreads(); // like Python's Pool: the workers exist before any client
            return new Dispatcher() {
                @Override
                public void dispatch(Runnable serve) {
                    executor.execute(serve);
                }

                @Override
                public void shutdown() {
                    // Queued connections are dropped here; the server has already closed their sockets.
                    executor.shutdownNow();
                }
            };
        }
    },
    /** A new platform thread per connection: nobody waits, and nothing bounds the thread count. */
    THREAD_PER_CONNECTION("thread") {
        @Override
        Dispatcher open(int workers, String prefix, ThreadTracker threads) {
            AtomicInteger ids = new AtomicInteger();
            return new Dispatcher() {
                @Override
                public void dispatch(Runnable serve) {
                    threads.track(new Thread(serve, prefix + "conn-" + ids.incrementAndGet())).start();
                }

                @Override
                public void shutdown() {
                }
            };
        }
    },
    /** A new virtual thread per connection (JDK 21+). */
    VIRTUAL_THREAD_PER_CONNECTION("virtual") {
        @Override
        Dispatcher open(int workers, String prefix, ThreadTracker threads) {
            return new Dispatcher() {
                @Override
                public void dispatch(Runnable serve) {
                    threads.track(VirtualThreads.start(serve));
                }

                @Override
                public void shutdown() {
                }
            };
        }

        @Override
        public String unavailableReason() {
            return VirtualThreads.unavailableReason();
        }
    },
    /**
     * The accepting thread serves each client itself before it accepts the next: one client at
     * a time, the document's remark about synchronous {@code apply}. Clients that arrive
     * meanwhile wait in the kernel's accept queue, so the server never sees them waiting.
     */
    SYNC("sync") {
        @Override
        Dispatcher open(int workers, String prefix, ThreadTracker threads) {
            return new Dispatcher() {
                @Override
                public void dispatch(Runnable serve) {
                    serve.run();
                }

                @Override
                public void shutdown() {
                }
            };
        }
    };

    /** How a handler takes accepted connections. */
    interface Dispatcher {
        /** Serves the connection now (SYNC) or on another thread, now or when one is free. */
        void dispatch(Runnable serve);

        /** Takes no more connections; ones not started yet are dropped. */
        void shutdown();
    }

    private final String cliName;

    ConnectionHandler(String cliName) {
        this.cliName = cliName;
    }

    abstract Dispatcher open(int workers, String threadNamePrefix, ThreadTracker threads);

    /** The short name the command line uses: {@code pool}, {@code thread}, {@code virtual}, {@code sync}. */
    public String cliName() {
        return cliName;
    }

    /** Why this JVM cannot run the handler; empty when it can. */
    public String unavailableReason() {
        return "";
    }

    public final boolean isAvailable() {
        return unavailableReason().isEmpty();
    }

    /** Accepts the short name or the constant's name, case-insensitively. */
    public static ConnectionHandler byName(String name) {
        if (name != null) {
            String n = name.trim();
            for (ConnectionHandler h : values()) {
                if (h.cliName.equalsIgnoreCase(n) || h.name().equalsIgnoreCase(n)) {
                    return h;
                }
            }
        }
        throw new IllegalArgumentException("--handler must be one of " + cliNames() + "; was '" + name + "'");
    }

    static String cliNames() {
        return Arrays.stream(values()).map(ConnectionHandler::cliName).collect(Collectors.joining(", "));
    }
}
