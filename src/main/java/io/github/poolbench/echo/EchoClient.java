package io.github.poolbench.echo;

import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The document's chat client, usable from code (tests, {@code EchoServerBenchmark}) and from a
 * terminal. A round trip sends a message and reads back exactly as many bytes: the server's
 * reply has the request's length, so this stays in step however TCP splits the bytes (the
 * document's {@code recv(1024)} would fall out of step on a message longer than 1024 bytes).
 *
 * <p>Command line (exit 0 at end of input, 1 if the server cannot be reached or hangs up,
 * 2 for a bad option):
 * <pre>
 *   java -cp target/benchmarks.jar io.github.poolbench.echo.EchoClient --port P [--host 127.0.0.1]
 * </pre>
 * It reads lines, skips empty ones, sends each and prints the reply.
 */
public final class EchoClient implements AutoCloseable {
    /**
     * A long message is sent in pieces of this size, each read back before the next is sent:
     * the server answers while it reads, so writing a whole megabyte before reading could fill
     * both directions' socket buffers and leave client and server each waiting for the other.
     */
    static final int PIECE = 8 * 1024;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private EchoClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Connects; a read that waits longer than {@code readTimeoutMillis} (0: forever) fails. */
    public static EchoClient connect(InetSocketAddress server, int readTimeoutMillis) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true); // small requests go out at once (see EchoServer)
            socket.setSoTimeout(readTimeoutMillis);
            socket.connect(server, 10_000);
            return new EchoClient(socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** Sends {@code message} and returns the reply, which has the same length. An empty message sends nothing. */
    public byte[] roundTrip(byte[] message) throws IOException {
        byte[] reply = new byte[message.length];
        for (int from = 0; from < message.length; from += PIECE) {
            int len = Math.min(PIECE, message.length - from);
            out.write(message, from, len);
            out.flush();
            int got = in.readNBytes(reply, from, len);
            if (got < len) {
                throw new EOFException("the server closed the connection after " + (from + got) + " of "
                        + message.length + " reply bytes");
            }
        }
        return reply;
    }

    /** A round trip of a line's UTF-8 bytes. */
    public String roundTrip(String line) throws IOException {
        return new String(roundTrip(line.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    /** Sends bytes without waiting for the reply (tests use it to leave replies unread). */
    void send(byte[] message) throws IOException {
        out.write(message);
        out.flush();
    }

    /** Reads exactly {@code n} reply bytes (tests pair it with {@link #send}). */
    byte[] receive(int n) throws IOException {
        byte[] reply = in.readNBytes(n);
        if (reply.length < n) {
            throw new EOFException("the server closed the connection after " + reply.length + " of " + n + " reply bytes");
        }
        return reply;
    }

    /** Half-closes: the server sees end of stream, as when the document's client exits. */
    void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    /** -1 once the server has closed the connection; otherwise the next byte (tests). */
    int read() throws IOException {
        return in.read();
    }

    Socket socket() {
        return socket;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    // ---------------------------------------------------------------- command line

    private static final List<String> OPTIONS = List.of("--host", "--port");

    static final String USAGE = String.join(System.lineSeparator(),
            "usage: java -cp benchmarks.jar io.github.poolbench.echo.EchoClient --port P [--host HOST]",
            "  --port P     the port the echo server printed when it started (required)",
            "  --host HOST  where the server listens (default 127.0.0.1)",
            "  --help       this text",
            "Reads lines from standard input, skips empty ones, sends each and prints the reply.",
            "Ends at end of input (Ctrl-D). Exit codes: 0 done, 1 server unreachable or gone, 2 bad option.");

    public static void main(String[] args) {
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.exit(run(args, stdin, System.out, System.err, System.console() != null));
    }

    /** The interactive loop; {@code prompt} is shown only when a person is typing. */
    static int run(String[] args, BufferedReader input, PrintStream out, PrintStream err, boolean prompt) {
        InetSocketAddress server;
        try {
            CliArgs cli = CliArgs.parse(args, OPTIONS);
            if (cli.help()) {
                out.println(USAGE);
                return 0;
            }
            if (!cli.has("--port")) {
                throw new CliArgs.UsageException("--port is required: the port the echo server printed when it started");
            }
            int port = cli.integer("--port", 0, 1, 65_535);
            InetAddress host = cli.address("--host", "127.0.0.1");
            server = new InetSocketAddress(host, port);
        } catch (CliArgs.UsageException e) {
            err.println("echo-client: " + e.getMessage() + " (see --help)");
            return 2;
        }
        try (EchoClient client = connect(server, 0)) {
            while (true) {
                if (prompt) {
                    out.print(">>> ");
                    out.flush();
                }
                String line = input.readLine();
                if (line == null) {
                    return 0;
                }
                if (line.isEmpty()) {
                    continue; // the document's "if not msg: continue"
                }
                out.println(client.roundTrip(line));
            }
        } catch (IOException e) {
            err.println("echo-client: " + server.getAddress().getHostAddress() + ":" + server.getPort() + ": "
                    + e.getMessage());
            return 1;
        }
    }
}
