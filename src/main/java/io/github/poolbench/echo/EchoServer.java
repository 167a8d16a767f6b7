package io.github.poolbench.echo;

import io.github.poolbench.exec.ThreadTracker;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The document's chat server (§5): TCP on 127.0.0.1 with {@code SO_REUSEADDR}; every accepted
 * connection is handed to a {@link ConnectionHandler}, whose thread loops: read up to 1024
 * bytes, stop on end of stream or error, send the bytes back upper-cased. The loop holds its
 * thread for as long as the client stays connected, so with a pool of 4 the fifth and sixth
 * long-lived clients get no answer until a worker is free.
 *
 * <p>Upper-casing is Python's {@code bytes.upper()}: ASCII {@code a-z} only, byte by byte, so
 * a reply has exactly as many bytes as the request and a UTF-8 sequence split between two reads
 * is left intact.
 *
 * <p>Nothing is buffered beyond one 1024-byte array per connection: a client that sends without
 * reading is slowed by TCP flow control, not stored. {@link #close()} closes the listening
 * socket and every connection (served or waiting) and returns once every thread it started
 * has ended.
 *
 * <p>Command line (exit 1 if it cannot listen, 2 for a bad option; Ctrl-C closes it cleanly):
 * <pre>
 *   java -cp target/benchmarks.jar io.github.poolbench.echo.EchoServer --handler pool --workers 4 [--port P] [--bind ADDR]
 * </pre>
 */
public final class EchoServer implements AutoCloseable {
    /** The document's {@code Pool(4)}. */
    public static final int DEFAULT_WORKERS = 4;
    /** The document's {@code conn.recv(1024)}. */
    public static final int BUFFER_SIZE = 1024;
    /**
     * Accept backlog. The document says {@code listen(5)}; this is larger so that a client
     * waiting for the SYNC handler waits in the accept queue rather than in a SYN retry
     * (about a second on Linux), which would measure TCP timers instead of the handler.
     */
    static final int BACKLOG = 128;

    private final ConnectionHandler handler;
    private final int workers;
    private final ServerSocket listener;
    private final String prefix;
    private final Consumer<String> log;
    private final ThreadTracker threads = new ThreadTracker();
    private final ConnectionHandler.Dispatcher dispatcher;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final Object lock = new Object();
    private boolean closed; // guarded by lock
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final CountDownLatch stopped = new CountDownLatch(1);

    private EchoServer(ConnectionHandler handler, int workers, ServerSocket listener, Consumer<String> log) {
        this.handler = handler;
        this.workers = workers;
        this.listener = listener;
        this.log = log;
        this.prefix = "echo-" + listener.getLocalPort() + "-";
        this.dispatcher = handler.open(workers, prefix, threads);
    }

    /** A server on 127.0.0.1, on a port the OS picks, that logs nothing. */
    public static EchoServer start(ConnectionHandler handler, int workers) throws IOException {
        return start(handler, workers, InetAddress.getLoopbackAddress(), 0, line -> { });
    }

    /**
     * Starts listening and accepting at once.
     *
     * @param workers pool size for {@link ConnectionHandler#FIXED_THREAD_POOL}; the others ignore it
     * @param port    0 lets the OS pick one (see {@link #port()})
     * @param log     receives one line per connection event (accepted, waiting, served by, closed)
     * @throws IllegalArgumentException if workers is below 1 or the handler is unavailable here
     * @throws IOException if the address cannot be bound
     */
    public static EchoServer start(ConnectionHandler handler, int workers, InetAddress bind, int port,
                                   Consumer<String> log) throws IOException {
        Objects.requireNonNull(handler, "handler must not be null");
        Objects.requireNonNull(bind, "bind address must not be null");
        Objects.requireNonNull(log, "log must not be null");
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, was " + workers);
        }
        if (!handler.isAvailable()) {
            throw new IllegalArgumentException(handler.name() + " is not available: " + handler.unavailableReason());
        }
        ServerSocket listener = new ServerSocket();
        try {
            listener.setReuseAddress(true); // the document's SO_REUSEADDR: restart on the same port at once
            listener.bind(new InetSocketAddress(bind, port), BACKLOG);
        } catch (IOException e) {
            listener.close();
            throw new IOException("cannot listen on " + bind.getHostAddress() + ":" + port + ": " + e.getMessage(), e);
        }
        EchoServer server = new EchoServer(handler, workers, listener, log);
        Thread acceptor = new Thread(server::acceptLoop, server.prefix + "acceptor");
        server.threads.track(acceptor).start();
        return server;
    }

    public int port() {
        return listener.getLocalPort();
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    public ConnectionHandler handler() {
        return handler;
    }

    public int workers() {
        return workers;
    }

    /** Connections accepted and open but not yet being served: clients waiting for a worker. */
    public int waitingConnections() {
        int n = 0;
        for (Connection c : connections) {
            if (!c.started.get()) {
                n++;
            }
        }
        return n;
    }

    /** Connections being served right now. */
    public int activeConnections() {
        return connections.size() - waitingConnections();
    }

    /** Connections accepted since start. */
    public long acceptedConnections() {
        return accepted.get();
    }

    /** Connections that ended with an I/O error (e.g. a client reset) rather than end of stream. */
    public long connectionErrors() {
        return errors.get();
    }

    /** Threads this server started that are still alive (0 after {@link #close()}). */
    public int aliveThreads() {
        return threads.alive();
    }

    /** Open connection sockets, served or waiting (0 after {@link #close()}). */
    public int openConnections() {
        return connections.size();
    }

    /**
     * Stops accepting, closes every connection, served or waiting, and returns once every
     * thread of the server has ended (waiting at most 30 s for a stuck one). Idempotent.
     */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                awaitStopped();
                return;
            }
            closed = true;
        }
        closeQuietly(listener);
        for (Connection c : connections) {
            c.close(); // ends a served connection's read; a waiting one is never served
            connections.remove(c);
        }
        dispatcher.shutdown();
        threads.joinAll(30, TimeUnit.SECONDS);
        stopped.countDown();
    }

    /** Blocks until {@link #close()} has finished (for the command line's main thread). */
    void awaitStopped() {
        boolean interrupted = false;
        while (true) {
            try {
                stopped.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "echo server on " + address().getAddress().getHostAddress() + ":" + port() + ", handler "
                + handler.cliName() + (handler == ConnectionHandler.FIXED_THREAD_POOL ? ", " + workers + " workers" : "");
    }

    private void acceptLoop() {
        while (true) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                if (listener.isClosed()) {
                    return;
                }
                // e.g. too many open files: say so, pause so the loop does not spin, go on.
                errors.incrementAndGet();
                log.accept("accept failed: " + e.getMessage());
                pause();
                continue;
            }
            Connection c = new Connection(socket);
            synchronized (lock) {
                if (closed) {
                    c.close();
                    return;
                }
                connections.add(c);
            }
            accepted.incrementAndGet();
            try {
                // A reply is one write per read: with Nagle on, a client's next small request
                // could sit behind a delayed ACK and the benchmark would time TCP's timers.
                socket.setTcpNoDelay(true);
            } catch (SocketException e) {
                // the client is already gone; serving it will notice
            }
            log.accept("connection from " + c.peer + " accepted");
            try {
                dispatcher.dispatch(() -> serve(c));
            } catch (RejectedExecutionException e) {
                c.close(); // the server is closing
                connections.remove(c);
            }
            if (handler == ConnectionHandler.FIXED_THREAD_POOL && activeConnections() >= workers) {
                // Every worker holds a connection: this one (and any before it) waits, unanswered.
                log.accept(waitingConnections() + " connection(s) waiting for a free worker");
            }
        }
    }

    /** The document's {@code talk(conn)}. */
    private void serve(Connection c) {
        if (!c.started.compareAndSet(false, true) || c.socket.isClosed()) {
            connections.remove(c);
            return;
        }
        log.accept("connection from " + c.peer + " served by " + describe(Thread.currentThread()));
        byte[] buffer = new byte[BUFFER_SIZE];
        try (Socket socket = c.socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            int n;
            while ((n = in.read(buffer)) > 0) {
                upperAscii(buffer, n);
                out.write(buffer, 0, n);
            }
            log.accept("connection from " + c.peer + " ended");
        } catch (IOException e) {
            // The document stops on error; a reset client or a closing server lands here.
            errors.incrementAndGet();
            log.accept("connection from " + c.peer + " ended: " + e.getMessage());
        } finally {
            connections.remove(c);
        }
    }

    /** Python's {@code bytes.upper()}: ASCII a-z only. */
    static void upperAscii(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            byte b = bytes[i];
            if (b >= 'a' && b <= 'z') {
                bytes[i] = (byte) (b - ('a' - 'A'));
            }
        }
    }

    private static String describe(Thread t) {
        return t.getName().isEmpty() ? "virtual thread #" + t.getId() : t.getName();
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // closing is best effort; nothing useful to add
        }
    }

    /** One accepted client. */
    private static final class Connection {
        final Socket socket;
        final String peer;
        final AtomicBoolean started = new AtomicBoolean();

        Connection(Socket socket) {
            this.socket = socket;
            this.peer = String.valueOf(socket.getRemoteSocketAddress());
        }

        void close() {
            closeQuietly(socket);
        }
    }

    // ---------------------------------------------------------------- command line

    private static final List<String> OPTIONS = List.of("--handler", "--workers", "--port", "--bind");

    static final String USAGE = String.join(System.lineSeparator(),
            "usage: java -cp benchmarks.jar io.github.poolbench.echo.EchoServer [options]",
            "  --handler pool|thread|virtual|sync  who serves a connection (default pool):",
            "                                      pool    a fixed pool of --workers threads; extra clients wait",
            "                                      thread  a new thread per connection",
            "                                      virtual a new virtual thread per connection (JDK 21+)",
            "                                      sync    one client at a time, served by the accepting thread",
            "  --workers N                         pool size (default " + DEFAULT_WORKERS + ", the document's Pool(4))",
            "  --port P                            port to listen on (default 0: the OS picks one and it is printed)",
            "  --bind ADDR                         address to listen on (default 127.0.0.1, loopback only)",
            "  --help                              this text",
            "Replies to every message with the same bytes upper-cased. Stop with Ctrl-C.",
            "Exit codes: 1 cannot listen, 2 bad option (Ctrl-C closes every connection, then ends).");

    public static void main(String[] args) {
        int rc = run(args, System.out, System.err, server -> {
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "echo-shutdown"));
            server.awaitStopped();
        });
        System.exit(rc);
    }

    /**
     * Parses the options, starts the server, prints where it listens and hands it to
     * {@code serveUntil} (the command line waits there until Ctrl-C closes the server).
     */
    static int run(String[] args, PrintStream out, PrintStream err, Consumer<EchoServer> serveUntil) {
        ConnectionHandler handler;
        int workers;
        int port;
        InetAddress bind;
        try {
            CliArgs cli = CliArgs.parse(args, OPTIONS);
            if (cli.help()) {
                out.println(USAGE);
                return 0;
            }
            try {
                handler = ConnectionHandler.byName(cli.string("--handler", "pool"));
            } catch (IllegalArgumentException e) {
                throw new CliArgs.UsageException(e.getMessage());
            }
            if (!handler.isAvailable()) {
                throw new CliArgs.UsageException("--handler " + handler.cliName() + ": " + handler.unavailableReason());
            }
            workers = cli.integer("--workers", DEFAULT_WORKERS, 1, 10_000);
            port = cli.integer("--port", 0, 0, 65_535);
            bind = cli.address("--bind", "127.0.0.1");
        } catch (CliArgs.UsageException e) {
            err.println("echo-server: " + e.getMessage() + " (see --help)");
            return 2;
        }
        EchoServer server;
        try {
            server = start(handler, workers, bind, port, line -> out.println("echo-server: " + line));
        } catch (IOException e) {
            err.println("echo-server: " + e.getMessage());
            return 1;
        }
        out.println("echo-server: listening: " + server);
        out.flush();
        try {
            serveUntil.accept(server);
        } finally {
            server.close();
        }
        return 0;
    }
}
