package io.github.poolbench.bench;

import io.github.poolbench.echo.ConnectionHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EchoServerBenchmarkTest {

    @Test
    void firstReplyWaitsAreSortedIntoRanksAndSummedPerExchange() {
        EchoServerBenchmark.FirstReplies waits = new EchoServerBenchmark.FirstReplies();
        waits.reset();
        waits.add(new long[] {3_000_000, 1_000_000, 2_000_000});
        waits.add(new long[] {5_000_000, 4_000_000, 6_000_000});
        assertEquals(2, waits.exchanges());
        assertEquals(5.0, waits.firstReplyMsRank01(), 1e-9);
        assertEquals(7.0, waits.firstReplyMsRank02(), 1e-9);
        assertEquals(9.0, waits.firstReplyMsRank03(), 1e-9);
        assertEquals(0.0, waits.firstReplyMsRank04(), "ranks above the client count stay 0");
        waits.reset();
        assertEquals(0, waits.exchanges());
        assertEquals(0.0, waits.firstReplyMsRank01());
    }

    @Test
    void everyRankUpToTheMostClientsHasItsCounter() throws Exception {
        for (int k = 1; k <= EchoServerBenchmark.MAX_CLIENTS; k++) {
            String name = String.format("firstReplyMsRank%02d", k);
            assertEquals(double.class, EchoServerBenchmark.FirstReplies.class.getMethod(name).getReturnType(), name);
        }
    }

    @ParameterizedTest
    @EnumSource(ConnectionHandler.class)
    void oneExchangeChecksEveryReplyAndRecordsEachClientsFirstReply(ConnectionHandler handler) throws Exception {
        assumeTrue(handler.isAvailable(), handler.unavailableReason());
        EchoServerBenchmark b = new EchoServerBenchmark();
        b.handler = handler;
        b.workers = 4;
        b.clients = 6;
        b.roundTrips = 50;
        b.messageBytes = 40;
        b.setUp();
        try {
            EchoServerBenchmark.FirstReplies waits = new EchoServerBenchmark.FirstReplies();
            waits.reset();
            assertEquals(6L * 50 * 40, b.exchange(waits));
            assertEquals(1, waits.exchanges());
            double[] ranks = {waits.firstReplyMsRank01(), waits.firstReplyMsRank02(), waits.firstReplyMsRank03(),
                    waits.firstReplyMsRank04(), waits.firstReplyMsRank05(), waits.firstReplyMsRank06()};
            for (int k = 0; k < ranks.length; k++) {
                assertTrue(ranks[k] > 0, "rank " + (k + 1) + " has no wait recorded");
                assertTrue(k == 0 || ranks[k] >= ranks[k - 1], "ranks are sorted");
            }
            assertEquals(0.0, waits.firstReplyMsRank07());
        } finally {
            b.tearDown();
        }
    }

    @Test
    void tooManyClientsAreRefusedWithTheLimit() {
        EchoServerBenchmark b = new EchoServerBenchmark();
        b.handler = ConnectionHandler.FIXED_THREAD_POOL;
        b.workers = 4;
        b.clients = EchoServerBenchmark.MAX_CLIENTS + 1;
        b.roundTrips = 1;
        b.messageBytes = 1;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::setUp);
        assertEquals("clients must be from 1 to " + EchoServerBenchmark.MAX_CLIENTS + ", was "
                + (EchoServerBenchmark.MAX_CLIENTS + 1), e.getMessage());
    }

    @Test
    void theMessageIsLowerCaseTextOfTheAskedLength() {
        byte[] m = EchoServerBenchmark.message(100);
        assertEquals(100, m.length);
        String s = new String(m, StandardCharsets.US_ASCII);
        assertTrue(s.startsWith("hello pool, please upper-case me hello"), s);
        assertEquals(s.toLowerCase(), s);
    }
}
