package io.github.poolbench.bench;

import io.github.poolbench.echo.ConnectionHandler;
import io.github.poolbench.echo.EchoClient;
import io.github.poolbench.echo.EchoServer;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The document's chat server (§5) under load: {@code clients} clients connect at the same
 * moment and each makes {@code roundTrips} round trips of a {@code messageBytes}-byte message
 * over its own long-lived connection, every reply checked. One operation is the whole
 * exchange, from the start signal to the last client's last reply.
 *
 * <p>With the pool handler a connection holds its worker until the client leaves, so with
 * 4 workers and 6 clients two clients get no reply until another has finished; per-connection
 * handlers make nobody wait; {@code SYNC} serves one client at a time. The waiting shows in the
 * secondary metrics (see {@link FirstReplies}): each client's time from the start signal to
 * its first reply, sorted, so the report can chart rank k's wait.
 *
 * <p>Client threads are a fixed pool of {@code clients} threads built per trial: they are the
 * load generator, not the server under test. Connecting is inside the measured exchange, as
 * the document's clients connect and then talk.
 *
 * <p>Run: {@code java -jar target/benchmarks.jar EchoServerBenchmark}
 * (one handler: {@code -p handler=FIXED_THREAD_POOL}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 4, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(3) // forks are the samples: run-to-run spread (JIT, thread placement) lives between JVMs
@State(Scope.Benchmark)
public class EchoServerBenchmark {
    /** Most clients one run can rank (the number of per-rank counters in {@link FirstReplies}). */
    static final int MAX_CLIENTS = 12;
    /** A hung exchange fails the run instead of blocking it forever. */
    private static final int READ_TIMEOUT_MILLIS = 60_000;

    @Param({"FIXED_THREAD_POOL", "THREAD_PER_CONNECTION", "VIRTUAL_THREAD_PER_CONNECTION", "SYNC"})
    public ConnectionHandler handler;

    /** Pool size of the pool handler: the document's {@code Pool(4)}. */
    @Param("4")
    public int workers;

    /** Clients at once: the document's "open 6 clients". At most {@value #MAX_CLIENTS}. */
    @Param("6")
    public int clients;

    /** Round trips per client, each on the client's one connection. */
    @Param("1000")
    public int roundTrips;

    /** Bytes per message; up to 1024 (the server's read size) a message is one read and one write. */
    @Param("32")
    public int messageBytes;

    private EchoServer server;
    private ExecutorService clientThreads;
    private byte[] message;
    private byte[] expected;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        if (clients < 1 || clients > MAX_CLIENTS) {
            throw new IllegalArgumentException("clients must be from 1 to " + MAX_CLIENTS + ", was " + clients);
        }
        if (roundTrips < 1 || messageBytes < 1) {
            throw new IllegalArgumentException("roundTrips and messageBytes must be at least 1, were "
                    + roundTrips + " and " + messageBytes);
        }
        message = message(messageBytes);
        expected = new String(message, StandardCharsets.US_ASCII).toUpperCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        server = EchoServer.start(handler, workers);
        AtomicInteger ids = new AtomicInteger();
        clientThreads = Executors.newFixedThreadPool(clients, r -> {
            Thread t = new Thread(r, "echo-bench-client-" + ids.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        server.close();
        clientThreads.shutdownNow();
        clientThreads.awaitTermination(30, TimeUnit.SECONDS);
    }

    /**
     * Secondary metrics: JMH's {@link AuxCounters} of type {@code EVENTS}, the one kind that
     * is not divided by time. JMH resets them before each iteration and reports their sum over
     * the measured iterations, so the report divides each by {@code exchanges}: the mean wait of
     * the k-th client to get a reply is {@code firstReplyMsRankK / exchanges}. (Type
     * {@code OPERATIONS} would be reported as time per count, which is not a wait.) Ranks above
     * {@code clients} stay 0. A per-client identity would mean nothing: which client waits is
     * up to the scheduler, how long the k-th waits is what the document describes.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class FirstReplies {
        private final double[] sums = new double[MAX_CLIENTS];
        private long exchanges;

        @Setup(Level.Iteration)
        public void reset() {
            Arrays.fill(sums, 0);
            exchanges = 0;
        }

        /** Adds one exchange's waits, in nanoseconds, in any order. */
        void add(long[] waitNanos) {
            long[] sorted = waitNanos.clone();
            Arrays.sort(sorted);
            for (int k = 0; k < sorted.length; k++) {
                sums[k] += sorted[k] / 1e6;
            }
            exchanges++;
        }

        /** Exchanges measured: divide a rank's sum by this. */
        public long exchanges() {
            return exchanges;
        }

        // JMH takes public numeric methods of an @AuxCounters state as metrics, by name, so
        // each rank needs its own method. Milliseconds, summed over the iteration.
        public double firstReplyMsRank01() {
            return sums[0];
        }

        public double firstReplyMsRank02() {
            return sums[1];
        }

        public double firstReplyMsRank03() {
            return sums[2];
        }

        public double firstReplyMsRank04() {
            return sums[3];
        }

        public double firstReplyMsRank05() {
            return sums[4];
        }

        public double firstReplyMsRank06() {
            return sums[5];
        }

        public double firstReplyMsRank07() {
            return sums[6];
        }

        public double firstReplyMsRank08() {
            return sums[7];
        }

        public double firstReplyMsRank09() {
            return sums[8];
        }

        public double firstReplyMsRank10() {
            return sums[9];
        }

        public double firstReplyMsRank11() {
            return sums[10];
        }

        public double firstReplyMsRank12() {
            return sums[11];
        }
    }

    /** All clients connect at one signal and make their round trips; returns the total reply bytes. */
    @Benchmark
    public long exchange(FirstReplies waits) throws Exception {
        InetSocketAddress address = server.address();
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Long>> firstReplyAt = new ArrayList<>(clients);
        for (int c = 0; c < clients; c++) {
            final int client = c;
            firstReplyAt.add(clientThreads.submit(() -> {
                go.await();
                return talk(address, client);
            }));
        }
        long start = System.nanoTime();
        go.countDown();
        long[] wait = new long[clients];
        try {
            for (int c = 0; c < clients; c++) {
                wait[c] = firstReplyAt.get(c).get() - start;
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException(handler + ": a client failed: " + e.getCause(), e.getCause());
        }
        waits.add(wait);
        return (long) clients * roundTrips * messageBytes;
    }

    /** One client's whole conversation; returns the {@code nanoTime} its first reply arrived. */
    private long talk(InetSocketAddress address, int client) throws IOException {
        long firstReplyAt = 0;
        try (EchoClient connection = EchoClient.connect(address, READ_TIMEOUT_MILLIS)) {
            for (int i = 0; i < roundTrips; i++) {
                byte[] reply = connection.roundTrip(message);
                if (i == 0) {
                    firstReplyAt = System.nanoTime();
                }
                if (!Arrays.equals(reply, expected)) {
                    throw new IllegalStateException("client " + client + ", round trip " + i + ": expected '"
                            + new String(expected, StandardCharsets.US_ASCII) + "', got '"
                            + new String(reply, StandardCharsets.US_ASCII) + "'");
                }
            }
        }
        return firstReplyAt;
    }

    /** {@code n} bytes of lower-case text, so every reply differs from its request. */
    static byte[] message(int n) {
        byte[] text = "hello pool, please upper-case me ".getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = text[i % text.length];
        }
        return out;
    }
}
