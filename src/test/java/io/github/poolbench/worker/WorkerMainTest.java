package io.github.poolbench.worker;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkerMainTest {

    @Test
    void aChunkRunsEveryTaskInOrder() throws IOException {
        Protocol.Response r = run(1, 0, 5, 6, 7);
        assertArrayEquals(new Object[] {6, 7, 8}, r.values());
    }

    @Test
    void theFirstFailingTaskEndsItsChunkWithItsExceptionAsText() throws IOException {
        Protocol.Response r = run(5, 0, 3, 4);
        assertEquals("java.lang.IllegalStateException: task RAISE failed on input 3", r.error());
        assertEquals(0, r.values().length);
    }

    @Test
    void anUnknownTaskIdIsAnErrorValueNotACrash() throws IOException {
        Protocol.Response r = run(99, 0, 1);
        assertTrue(r.error().startsWith("java.lang.IllegalArgumentException: unknown task id 99; known: [INCREMENT"), r.error());
    }

    @Test
    void systemOutIsPointedAtStderrOnceTheProtocolStreamIsTaken() {
        PrintStream before = System.out;
        try {
            WorkerMain.takeProtocolStream();
            assertSame(System.err, System.out, "a stray println must not reach the protocol stream");
        } finally {
            System.setOut(before);
        }
    }

    @Test
    void aOneShotChildWritesExactlyOneResponseFrameAndExitsWithZero() throws Exception {
        Process p = start("once", "1", "0", "41");
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        assertArrayEquals(new Object[] {42}, Protocol.decodeOnlyFrame(out).values(), "nothing but the frame on stdout");
    }

    @Test
    void aOneShotChildWithBadArgumentsSaysWhatItNeedsAndExitsWithTwo() throws Exception {
        Process p = start("once", "1", "x", "41");
        p.getOutputStream().close();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue());
        assertTrue(err.contains("poolbench worker: once needs three integers, got once 1 x 41"), err);
    }

    @Test
    void theArchiveTrainingRunExitsWithZeroAndWritesNothingOnStdout() throws Exception {
        Process p = start("train");
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        assertEquals(0, out.length);
    }

    @Test
    void aServingWorkerSaysHelloAnswersRequestsAndExitsWhenItsInputEnds() throws Exception {
        Process p = start("serve");
        assertEquals(p.pid(), Protocol.readHello(p.getInputStream()));
        Protocol.Encoder requests = new Protocol.Encoder();
        requests.putRequest(0, 1, 0, new int[] {1, 2, 3}, 0, 3);
        requests.putRequest(1, 4, 0, new int[] {2}, 0, 1);
        OutputStream out = p.getOutputStream();
        requests.writeTo(out);
        out.flush();
        Protocol.FrameReader frames = new Protocol.FrameReader(p.getInputStream());
        int length = frames.next();
        assertArrayEquals(new Object[] {2, 3, 4}, Protocol.decodeResponse(frames.buffer(), length).values());
        length = frames.next();
        Protocol.Response stars = Protocol.decodeResponse(frames.buffer(), length);
        assertEquals(1, stars.seq());
        assertArrayEquals(new Object[] {"**"}, stars.values());
        out.close();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the worker exits on end of input");
        assertEquals(0, p.exitValue());
    }

    @Test
    void aServingWorkerWhoseInputEndsInsideARequestSaysSoAndExitsWithThree() throws Exception {
        Process p = start("serve");
        assertEquals(p.pid(), Protocol.readHello(p.getInputStream()));
        Protocol.Encoder request = new Protocol.Encoder();
        request.putRequest(0, 1, 0, new int[] {1, 2, 3}, 0, 3);
        p.getOutputStream().write(request.buffer(), 0, request.size() - 2);
        p.getOutputStream().close();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(3, p.exitValue());
        assertTrue(err.contains("poolbench worker: protocol error on stdin: the stream ended inside a frame: 26 of 28 bytes"), err);
    }

    private static Protocol.Response run(int taskId, int param, int... inputs) throws IOException {
        Protocol.ResponseWriter w = new Protocol.ResponseWriter();
        WorkerMain.runChunk(taskId, param, inputs, inputs.length, w);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        w.writeTo(bytes, 0);
        return Protocol.decodeOnlyFrame(bytes.toByteArray());
    }

    private static Process start(String... args) throws IOException {
        List<String> argv = new ArrayList<>();
        argv.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        argv.add("-cp");
        argv.add(System.getProperty("java.class.path"));
        argv.add(WorkerMain.class.getName());
        argv.addAll(List.of(args));
        return new ProcessBuilder(argv).start();
    }
}
