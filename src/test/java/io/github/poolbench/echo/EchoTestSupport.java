package io.github.poolbench.echo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** What the echo tests share: the handler list, waiting for a condition, counting sockets. */
final class EchoTestSupport {
    /** Generous: the machine is a shared 2-core box; a correct server is far faster. */
    static final long PATIENCE_SECONDS = 30;

    private EchoTestSupport() {
    }

    static Stream<ConnectionHandler> handlers() {
        return Stream.of(ConnectionHandler.values());
    }

    static EchoServer start(ConnectionHandler handler, int workers) throws IOException {
        assumeTrue(handler.isAvailable(), handler.unavailableReason());
        return EchoServer.start(handler, workers);
    }

    /** Waits until {@code condition} holds; fails naming {@code what} after {@link #PATIENCE_SECONDS}. */
    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("gave up after " + PATIENCE_SECONDS + " s waiting until " + what);
            }
            sleep(10);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Open sockets of this JVM (Linux: links in /proc/self/fd to "socket:[...]"), or -1 elsewhere. */
    static int openSockets() {
        Path fds = Paths.get("/proc/self/fd");
        if (!Files.isDirectory(fds)) {
            return -1;
        }
        try (Stream<Path> s = Files.list(fds)) {
            return (int) s.filter(p -> {
                try {
                    return Files.readSymbolicLink(p).toString().startsWith("socket:");
                } catch (IOException e) {
                    return false; // the fd closed while listing (e.g. the listing's own)
                }
            }).count();
        } catch (IOException e) {
            return -1;
        }
    }

    /** Live platform threads whose name starts with this server's prefix. */
    static long threadsNamedFor(EchoServer server) {
        String prefix = "echo-" + server.port() + "-";
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(prefix)).count();
    }
}
