package io.github.poolbench.echo;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static io.github.poolbench.echo.EchoTestSupport.PATIENCE_SECONDS;
import static io.github.poolbench.echo.EchoTestSupport.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The document's §5 behaviour: who gets an answer when, and what the answer is. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EchoServerTest {
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final ExecutorService readers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-reader");
        t.setDaemon(true);
        return t;
    });

    @AfterEach
    void tearDown() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        readers.shutdownNow();
    }

    private EchoServer server(ConnectionHandler handler, int workers) throws IOException {
        EchoServer server = EchoTestSupport.start(handler, workers);
        toClose.add(server);
        return server;
    }

    private EchoClient client(EchoServer server) throws IOException {
        EchoClient client = EchoClient.connect(server.address(), 0);
        toClose.add(client);
        return client;
    }

    /** Sends one message and reads its reply on another thread, so the test can see who is still waiting. */
    private CompletableFuture<String> ask(EchoClient client, String message) throws IOException {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        client.send(bytes);
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new String(client.receive(bytes.length), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, readers);
    }

    private static long answered(List<CompletableFuture<String>> replies) {
        return replies.stream().filter(CompletableFuture::isDone).count();
    }

    @Test
    void withFourWorkersAndSixLongLivedClientsExactlyTwoWaitUntilAWorkerIsFree() throws Exception {
        EchoServer server = server(ConnectionHandler.FIXED_THREAD_POOL, 4);
        List<EchoClient> clients = new ArrayList<>();
        List<CompletableFuture<String>> replies = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            EchoClient c = client(server);
            clients.add(c);
            replies.add(ask(c, "hello from client " + i));
        }
        await("4 clients have their reply", () -> answered(replies) == 4);
        // The four served clients stay connected, so their workers stay in their read loops:
        // the other two connections sit in the pool's queue and nobody reads their message.
        await("the server sees 2 connections waiting", () -> server.waitingConnections() == 2);
        assertEquals(4, server.activeConnections());
        EchoTestSupport.sleep(300); // a margin in which a wrongly served client would show up
        assertEquals(4, answered(replies), "exactly 4 clients are answered while 4 workers are held");

        List<Integer> waiting = new ArrayList<>();
        List<Integer> served = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            (replies.get(i).isDone() ? served : waiting).add(i);
            if (replies.get(i).isDone()) {
                assertEquals("HELLO FROM CLIENT " + i, replies.get(i).get());
            }
        }
        // Two served clients leave; their workers take the two waiting connections.
        clients.get(served.get(0)).close();
        clients.get(served.get(1)).close();
        for (int i : waiting) {
            assertEquals("HELLO FROM CLIENT " + i, replies.get(i).get(PATIENCE_SECONDS, TimeUnit.SECONDS));
        }
        await("nobody waits any more", () -> server.waitingConnections() == 0);
    }

    @ParameterizedTest
    @EnumSource(value = ConnectionHandler.class, names = {"THREAD_PER_CONNECTION", "VIRTUAL_THREAD_PER_CONNECTION"})
    void perConnectionHandlersMakeNoOneWait(ConnectionHandler handler) throws Exception {
        EchoServer server = server(handler, 4);
        List<CompletableFuture<String>> replies = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            replies.add(ask(client(server), "hello from client " + i));
        }
        for (int i = 0; i < 6; i++) {
            assertEquals("HELLO FROM CLIENT " + i, replies.get(i).get(PATIENCE_SECONDS, TimeUnit.SECONDS));
        }
        assertEquals(0, server.waitingConnections());
        assertEquals(6, server.activeConnections());
    }

    @Test
    void theSyncHandlerServesOneClientAtATime() throws Exception {
        EchoServer server = server(ConnectionHandler.SYNC, 4);
        List<EchoClient> clients = new ArrayList<>();
        List<CompletableFuture<String>> replies = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            EchoClient c = client(server);
            clients.add(c);
            replies.add(ask(c, "client " + i));
        }
        for (int round = 1; round <= 3; round++) {
            final int expected = round;
            await(expected + " client(s) answered", () -> answered(replies) == expected);
            EchoTestSupport.sleep(200);
            assertEquals(round, answered(replies), "one client at a time");
            int current = -1;
            for (int i = 0; i < 3; i++) {
                if (replies.get(i).isDone() && clients.get(i).socket().isConnected() && !clients.get(i).socket().isClosed()) {
                    current = i;
                }
            }
            assertEquals("CLIENT " + current, replies.get(current).get());
            clients.get(current).close(); // frees the server for the next one
        }
    }

    @ParameterizedTest
    @MethodSource("io.github.poolbench.echo.EchoTestSupport#handlers")
    void repliesWithTheSameBytesUpperCasedAsciiOnly(ConnectionHandler handler) throws Exception {
        EchoServer server = server(handler, 4);
        EchoClient client = client(server);
        assertEquals("HELLO, WORLD 123", client.roundTrip("hello, World 123"));
        assertEquals("HéLLO WöRLD ß", client.roundTrip("héllo wörld ß"), "non-ASCII bytes pass through");
        assertEquals("", client.roundTrip(""));
    }

    @Test
    void upperCasingTouchesOnlyAsciiLettersAndOnlyTheGivenLength() {
        byte[] bytes = "az AZ 09 {} é`~z".getBytes(StandardCharsets.UTF_8);
        byte[] copy = bytes.clone();
        EchoServer.upperAscii(copy, copy.length - 1);
        // The two bytes of é are left alone, as Python's bytes.upper() does; the last byte is
        // beyond the given length.
        assertArrayEquals("AZ AZ 09 {} é`~z".getBytes(StandardCharsets.UTF_8), copy);
    }

    @Test
    void bindsLoopbackUnlessToldOtherwise() throws Exception {
        EchoServer loopback = server(ConnectionHandler.FIXED_THREAD_POOL, 1);
        assertTrue(loopback.address().getAddress().isLoopbackAddress(), "bound to " + loopback.address());
        EchoServer everywhere = EchoServer.start(ConnectionHandler.FIXED_THREAD_POOL, 1,
                InetAddress.getByName("0.0.0.0"), 0, line -> { });
        toClose.add(everywhere);
        assertTrue(everywhere.address().getAddress().isAnyLocalAddress(), "bound to " + everywhere.address());
    }

    @Test
    void reusesTheAddressSoAClosedServersPortCanBeBoundAgainAtOnce() throws Exception {
        EchoServer first = EchoServer.start(ConnectionHandler.FIXED_THREAD_POOL, 1);
        int port = first.port();
        try (EchoClient c = EchoClient.connect(first.address(), 0)) {
            assertEquals("X", c.roundTrip("x"));
            first.close(); // the server closes first: its side of the connection lingers in TIME_WAIT
        }
        EchoServer second = EchoServer.start(ConnectionHandler.FIXED_THREAD_POOL, 1,
                InetAddress.getLoopbackAddress(), port, line -> { });
        toClose.add(second);
        assertEquals(port, second.port());
        assertEquals("Y", client(second).roundTrip("y"));
    }

    @Test
    void aPortInUseIsReportedWithTheAddress() throws Exception {
        EchoServer first = server(ConnectionHandler.FIXED_THREAD_POOL, 1);
        IOException e = assertThrows(IOException.class, () -> EchoServer.start(ConnectionHandler.SYNC, 1,
                InetAddress.getLoopbackAddress(), first.port(), line -> { }));
        assertTrue(e.getMessage().startsWith("cannot listen on 127.0.0.1:" + first.port() + ": "), e.getMessage());
    }

    @Test
    void aPoolOfNoWorkersIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EchoServer.start(ConnectionHandler.FIXED_THREAD_POOL, 0));
        assertEquals("workers must be at least 1, was 0", e.getMessage());
    }

    @Test
    void virtualThreadsAreRefusedWithTheReasonOnAJvmWithoutThem() {
        assumeTrue(!ConnectionHandler.VIRTUAL_THREAD_PER_CONNECTION.isAvailable(), "this JVM has virtual threads");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EchoServer.start(ConnectionHandler.VIRTUAL_THREAD_PER_CONNECTION, 1));
        assertTrue(e.getMessage().startsWith("VIRTUAL_THREAD_PER_CONNECTION is not available: virtual threads need JDK 21"),
                e.getMessage());
    }

    @Test
    void theLogNamesOnlyThePoolsWorkersAsServingThreads() throws Exception {
        List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
        EchoServer server = EchoServer.start(ConnectionHandler.FIXED_THREAD_POOL, 2,
                InetAddress.getLoopbackAddress(), 0, log::add);
        toClose.add(server);
        for (int i = 0; i < 5; i++) {
            try (EchoClient c = EchoClient.connect(server.address(), 0)) {
                assertEquals("HI", c.roundTrip("hi"));
            }
        }
        server.close();
        List<String> servedBy = log.stream().filter(l -> l.contains(" served by "))
                .map(l -> l.substring(l.indexOf(" served by ") + " served by ".length()))
                .distinct().sorted().collect(Collectors.toList());
        // The document: the pids seen are only the pool's, shared by every client.
        String prefix = "echo-" + server.port() + "-worker-";
        assertTrue(servedBy.stream().allMatch(n -> n.startsWith(prefix)), "served by " + servedBy);
        assertTrue(servedBy.size() <= 2, "served by " + servedBy);
    }

    @ParameterizedTest
    @EnumSource(ConnectionHandler.class)
    void handlerNamesParseFromTheShortOrTheFullName(ConnectionHandler handler) {
        assertEquals(handler, ConnectionHandler.byName(handler.cliName()));
        assertEquals(handler, ConnectionHandler.byName(handler.name().toLowerCase()));
    }

    @Test
    void anUnknownHandlerNameListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConnectionHandler.byName("fork"));
        assertEquals("--handler must be one of pool, thread, virtual, sync; was 'fork'", e.getMessage());
    }
}
