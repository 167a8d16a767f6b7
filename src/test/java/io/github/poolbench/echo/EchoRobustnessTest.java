package io.github.poolbench.echo;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static io.github.poolbench.echo.EchoTestSupport.PATIENCE_SECONDS;
import static io.github.poolbench.echo.EchoTestSupport.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Clients that misbehave, a heavy load, and a clean shutdown, for every handler. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EchoRobustnessTest {
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final ExecutorService helpers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-helper");
        t.setDaemon(true);
        return t;
    });

    @AfterEach
    void tearDown() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        helpers.shutdownNow();
    }

    private EchoServer server(ConnectionHandler handler, int workers) throws IOException {
        EchoServer server = EchoTestSupport.start(handler, workers);
        toClose.add(server);
        return server;
    }

    private EchoClient client(EchoServer server) throws IOException {
        EchoClient client = EchoClient.connect(server.address(), (int) TimeUnit.SECONDS.toMillis(PATIENCE_SECONDS));
        toClose.add(client);
        return client;
    }

    /** Resets the connection (RST, not FIN), as a killed client or a pulled cable would. */
    private static void abort(EchoClient client) throws IOException {
        client.socket().setSoLinger(true, 0);
        client.close();
    }

    @ParameterizedTest
    @MethodSource("io.github.poolbench.echo.EchoTestSupport#handlers")
    void clientsThatDisconnectAbruptlyFreeTheirWorkerAndHurtNoOne(ConnectionHandler handler) throws Exception {
        EchoServer server = server(handler, 1); // one worker: a stuck one would block everybody
        EchoClient afterAReply = client(server);
        assertEquals("A", afterAReply.roundTrip("a"));
        abort(afterAReply);
        EchoClient midMessage = client(server);
        midMessage.send("half a message, then gone".getBytes(StandardCharsets.US_ASCII));
        abort(midMessage);
        abort(client(server)); // connected, said nothing, reset

        EchoClient polite = client(server);
        assertEquals("STILL HERE", polite.roundTrip("still here"));
        polite.close();
        await("every connection has ended", () -> server.openConnections() == 0);
    }

    @ParameterizedTest
    @MethodSource("io.github.poolbench.echo.EchoTestSupport#handlers")
    void idleClientsWhoSendNothingDoNotStopOthersWhileAWorkerIsFree(ConnectionHandler handler) throws Exception {
        assumeTrue(handler != ConnectionHandler.SYNC, "SYNC serves one client at a time by design");
        EchoServer server = server(handler, 4);
        for (int i = 0; i < 3; i++) {
            client(server); // connects and stays silent
        }
        assertEquals("ANSWERED", client(server).roundTrip("answered"));
    }

    @ParameterizedTest
    @MethodSource("io.github.poolbench.echo.EchoTestSupport#handlers")
    void emptyInputEndsTheConnectionCleanly(ConnectionHandler handler) throws Exception {
        EchoServer server = server(handler, 1);
        EchoClient silent = client(server);
        silent.shutdownOutput(); // end of stream before any byte: the document's empty recv
        assertEquals(-1, silent.read(), "the server closes its side too");
        assertEquals(0, silent.roundTrip(new byte[0]).length);
        assertEquals("NEXT", client(server).roundTrip("next"));
        assertEquals(0, server.connectionErrors(), "end of stream is not an error");
    }

    @ParameterizedTest
    @MethodSource("io.github.poolbench.echo.EchoTestSupport#handlers")
    void aOneMegabyteLineComesBackWhole(ConnectionHandler handler) throws Exception {
        EchoServer server = server(handler, 4);
        byte[] line = new byte[1 << 20];
        for (int i = 0; i < line.length - 1; i++) {
            line[i] = (byte) ('a' + i % 26);
        }
        line[line.length - 1] = '\n';
        byte[] expected = new String(line, StandardCharsets.US_ASCII).toUpperCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        assertArrayEquals(expected, client(server).roundTrip(line));
    }

    @ParameterizedTest
    @MethodSource("io.github.poolbench.echo.EchoTestSupport#handlers")
    void sixClientsSendingTenThousandMessagesEachGetEveryReplyRight(ConnectionHandler handler) throws Exception {
        EchoServer server = server(handler, 4);
        int clients = 6;
        int messages = 10_000;
        List<Future<Long>> results = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            final int id = c;
            results.add(helpers.submit(() -> {
                long right = 0;
                try (EchoClient client = EchoClient.connect(server.address(),
                        (int) TimeUnit.SECONDS.toMillis(PATIENCE_SECONDS))) {
                    for (int i = 0; i < messages; i++) {
                        String message = "client " + id + " message " + i + " of many";
                        String reply = client.roundTrip(message);
                        if (!reply.equals(message.toUpperCase(Locale.ROOT))) {
                            throw new AssertionError("client " + id + " sent '" + message + "', got '" + reply + "'");
                        }
                        right++;
                    }
                }
                return right;
            }));
        }
        long right = 0;
        for (Future<Long> f : results) {
            right += f.get(90, TimeUnit.SECONDS);
        }
        assertEquals((long) clients * messages, right, "replies received and right");
        assertEquals(0, server.connectionErrors());
    }

    @Test
    void aClientThatSendsWithoutReadingIsHeldBackByTcpNotBufferedByTheServer() throws Exception {
        EchoServer server = server(ConnectionHandler.FIXED_THREAD_POOL, 1);
        EchoClient greedy = client(server);
        long total = 256L << 20; // far more than every socket buffer on the path together
        AtomicLong written = new AtomicLong();
        AtomicBoolean finished = new AtomicBoolean();
        helpers.submit(() -> {
            byte[] chunk = new byte[64 << 10];
            Arrays.fill(chunk, (byte) 'm');
            try {
                OutputStream out = greedy.socket().getOutputStream();
                while (written.get() < total) {
                    out.write(chunk);
                    written.addAndGet(chunk.length);
                }
                finished.set(true);
            } catch (IOException e) {
                // the test closes the socket under the blocked writer
            }
            return null;
        });
        // Wait until the writer stops making progress: both directions' buffers are full and
        // the server, blocked writing its reply, has stopped reading.
        long last = -1;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
        while (written.get() != last && System.nanoTime() < deadline && !finished.get()) {
            last = written.get();
            EchoTestSupport.sleep(500);
        }
        assertTrue(!finished.get() && written.get() < total,
                "the server took all " + written.get() + " bytes without anyone reading its replies");
        abort(greedy);
        // The server's one worker is free again.
        assertEquals("FREE", client(server).roundTrip("free"));
    }

    @ParameterizedTest
    @MethodSource("io.github.poolbench.echo.EchoTestSupport#handlers")
    void closingTheServerEndsEveryThreadAndSocket(ConnectionHandler handler) throws Exception {
        int socketsBefore = EchoTestSupport.openSockets();
        EchoServer server = EchoTestSupport.start(handler, 2);
        List<EchoClient> clients = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            // with 2 pool workers: 2 served and idle, 2 waiting in the queue; SYNC: 1 served, 3 in the backlog
            clients.add(EchoClient.connect(server.address(), (int) TimeUnit.SECONDS.toMillis(PATIENCE_SECONDS)));
        }
        assertEquals("UP", clients.get(0).roundTrip("up"));
        if (handler != ConnectionHandler.SYNC) {
            await("all 4 connections are accepted", () -> server.acceptedConnections() == 4);
        }

        server.close();

        assertEquals(0, server.aliveThreads(), "threads of the server still alive");
        assertEquals(0, server.openConnections(), "connections still open");
        assertEquals(0, EchoTestSupport.threadsNamedFor(server), "threads named for the server still alive");
        for (EchoClient c : clients) {
            assertEquals(-1, readOrEnd(c), "the client's connection ends");
            c.close();
        }
        if (socketsBefore >= 0) {
            await("the JVM's open sockets are back to " + socketsBefore,
                    () -> EchoTestSupport.openSockets() <= socketsBefore);
        }
    }

    @Test
    void closeIsIdempotent() throws Exception {
        EchoServer server = EchoServer.start(ConnectionHandler.THREAD_PER_CONNECTION, 1);
        server.close();
        server.close();
        assertEquals(0, server.aliveThreads());
    }

    /** -1 at end of stream; a reset counts as ended too (a connection still waiting in a backlog is reset). */
    private static int readOrEnd(EchoClient c) throws IOException {
        try {
            return c.read();
        } catch (SocketException e) {
            return -1;
        }
    }
}
