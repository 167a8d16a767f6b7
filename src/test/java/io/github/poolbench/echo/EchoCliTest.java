package io.github.poolbench.echo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The two command lines: options, one-line errors with their exit codes, and a real session. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EchoCliTest {
    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    private String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    private int server(String... args) {
        return EchoServer.run(args, out, err, s -> {
            throw new AssertionError("the server should not have started");
        });
    }

    private int client(String input, String... args) {
        return EchoClient.run(args, new BufferedReader(new StringReader(input)), out, err, false);
    }

    @Test
    void serverHelpListsEveryOption() {
        assertEquals(0, server("--help"));
        for (String option : List.of("--handler", "--workers", "--port", "--bind", "pool", "thread", "virtual", "sync")) {
            assertTrue(out().contains(option), "help lacks " + option + ": " + out());
        }
        assertEquals("", err());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--nope                | echo-server: unknown option '--nope'; expected --handler, --workers, --port, --bind or --help (see --help)",
            "--handler fork        | echo-server: --handler must be one of pool, thread, virtual, sync; was 'fork' (see --help)",
            "--workers 0           | echo-server: --workers must be a whole number from 1 to 10000, was '0' (see --help)",
            "--workers many        | echo-server: --workers must be a whole number from 1 to 10000, was 'many' (see --help)",
            "--port 70000          | echo-server: --port must be a whole number from 0 to 65535, was '70000' (see --help)",
            "--port                | echo-server: --port needs a value (see --help)",
            "--port 1 --port 2     | echo-server: --port is given twice (see --help)",
            "--bind no.such.host.invalid | echo-server: --bind: unknown host 'no.such.host.invalid' (see --help)",
    })
    void aBadServerOptionIsOneLineAndExitCodeTwo(String args, String message) {
        assertEquals(2, server(args.trim().split("\\s+")));
        assertEquals(message + System.lineSeparator(), err());
        assertEquals("", out());
    }

    @Test
    void theVirtualHandlerOnAJvmWithoutVirtualThreadsIsABadOption() {
        assumeTrue(!ConnectionHandler.VIRTUAL_THREAD_PER_CONNECTION.isAvailable(), "this JVM has virtual threads");
        assertEquals(2, server("--handler", "virtual"));
        assertTrue(err().startsWith("echo-server: --handler virtual: virtual threads need JDK 21 or later"), err());
        assertEquals(1, err().lines().count(), err());
    }

    @Test
    void aPortInUseIsOneLineAndExitCodeOne() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertEquals(1, server("--port", String.valueOf(port)));
            assertTrue(err().startsWith("echo-server: cannot listen on 127.0.0.1:" + port + ": "), err());
            assertEquals(1, err().lines().count(), err());
        }
    }

    @Test
    void theServerPrintsWhereItListensAndWhoServesEachClient() {
        AtomicReference<String> reply = new AtomicReference<>();
        int rc = EchoServer.run(new String[] {"--handler", "pool", "--workers", "2"}, out, err, server -> {
            try (EchoClient c = EchoClient.connect(server.address(), 30_000)) {
                reply.set(c.roundTrip("hello"));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        assertEquals(0, rc);
        assertEquals("HELLO", reply.get());
        assertTrue(out().startsWith("echo-server: listening: echo server on 127.0.0.1:"), out());
        assertTrue(out().contains("handler pool, 2 workers"), out());
        assertTrue(out().contains(" served by echo-"), out());
        assertEquals("", err());
    }

    @Test
    void clientHelpAndAMissingPort() {
        assertEquals(0, client("", "--help"));
        assertTrue(out().contains("--port") && out().contains("--host"), out());
        assertEquals(2, client("", "--host", "127.0.0.1"));
        assertEquals("echo-client: --port is required: the port the echo server printed when it started (see --help)"
                + System.lineSeparator(), err());
    }

    @Test
    void aClientThatCannotConnectSaysWhereItTriedAndExitsOne() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        assertEquals(1, client("hello\n", "--port", String.valueOf(closedPort)));
        assertTrue(err().startsWith("echo-client: 127.0.0.1:" + closedPort + ": "), err());
        assertEquals(1, err().lines().count(), err());
    }

    @Test
    void theClientSkipsEmptyLinesAndPrintsEachReply() throws IOException {
        try (EchoServer server = EchoServer.start(ConnectionHandler.FIXED_THREAD_POOL, 1)) {
            int rc = client("hello\n\nWorld 42\n\n", "--port", String.valueOf(server.port()));
            assertEquals(0, rc, err());
            assertEquals("HELLO" + System.lineSeparator() + "WORLD 42" + System.lineSeparator(), out());
            assertEquals("", err());
        }
    }

    @Test
    void theClientReportsAServerThatHangsUp() throws Exception {
        // A "server" that accepts, then closes without answering.
        try (ServerSocket rude = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (Socket s = rude.accept()) {
                    s.getInputStream().read();
                } catch (IOException e) {
                    // test over
                }
            });
            t.start();
            assertEquals(1, client("hello\n", "--port", String.valueOf(rude.getLocalPort())));
            assertTrue(err().contains("the server closed the connection after 0 of 5 reply bytes"), err());
            t.join(30_000);
        }
    }

    /** The real thing: both command lines as separate JVMs, talking over a socket. */
    @Test
    void aServerAndAClientRunAsRealProcesses() throws Exception {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        String classes = classesDir().toString();
        Process server = new ProcessBuilder(java, "-cp", classes, EchoServer.class.getName(), "--handler", "thread")
                .redirectErrorStream(true).start();
        try {
            BufferedReader serverOut = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String first = serverOut.readLine();
            Matcher m = Pattern.compile("listening: echo server on 127\\.0\\.0\\.1:(\\d+)").matcher(String.valueOf(first));
            assertTrue(m.find(), "first line: " + first);
            int port = Integer.parseInt(m.group(1));

            Process client = new ProcessBuilder(java, "-cp", classes, EchoClient.class.getName(), "--port", String.valueOf(port))
                    .redirectErrorStream(true).start();
            client.getOutputStream().write("abc\n\ndef ghi\n".getBytes(StandardCharsets.UTF_8));
            client.getOutputStream().close();
            String clientOut = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(client.waitFor(60, TimeUnit.SECONDS), "the client did not end");
            assertEquals(0, client.exitValue(), clientOut);
            assertEquals(List.of("ABC", "DEF GHI"), clientOut.lines().toList());

            try (EchoClient direct = EchoClient.connect(new InetSocketAddress("127.0.0.1", port), 30_000)) {
                assertEquals("STILL UP", direct.roundTrip("still up"));
            }
        } finally {
            server.destroy(); // SIGTERM: the shutdown hook closes the server
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    private static Path classesDir() throws URISyntaxException {
        return Paths.get(EchoServer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
