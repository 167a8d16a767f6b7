package io.github.poolbench.worker;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProtocolTest {

    @Test
    void aRequestCarriesTheTaskIdTheParamAndOnlyTheChunksInputs() throws IOException {
        Protocol.Encoder e = new Protocol.Encoder();
        int end = e.putRequest(7, 1, 9, new int[] {10, 11, 12, 13}, 1, 3);
        assertEquals(4 + Protocol.REQUEST_HEADER + 8, end);
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(e.buffer(), 0, e.size()));
        assertEquals(Protocol.REQUEST_HEADER + 8, in.readInt(), "length");
        assertEquals(7, in.readInt(), "seq");
        assertEquals(1, in.readInt(), "task id");
        assertEquals(9, in.readInt(), "param");
        assertEquals(2, in.readInt(), "count");
        assertEquals(11, in.readInt());
        assertEquals(12, in.readInt());
        assertEquals(-1, in.read(), "nothing after the last input");
    }

    @Test
    void aBatchOfRequestsLeavesInOneWriteAndDecodesBackTheSame() throws IOException {
        Protocol.Encoder e = new Protocol.Encoder();
        e.putRequest(0, 1, 0, new int[] {5, 6, 7}, 0, 3);
        e.putRequest(1, 4, 2, new int[] {-1}, 0, 1);
        int[] writes = new int[1];
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        e.writeTo(new OutputStream() {
            @Override
            public void write(int b) {
                throw new AssertionError("byte by byte");
            }

            @Override
            public void write(byte[] b, int off, int len) {
                writes[0]++;
                bytes.write(b, off, len);
            }
        });
        assertEquals(1, writes[0], "one write call for the whole batch");
        Protocol.FrameReader frames = new Protocol.FrameReader(new ByteArrayInputStream(bytes.toByteArray()));
        Protocol.Request r = new Protocol.Request();
        Protocol.decodeRequest(frames.buffer(), frames.next(), r);
        assertEquals(0, r.seq);
        assertEquals(1, r.taskId);
        assertArrayEquals(new int[] {5, 6, 7}, Arrays.copyOf(r.inputs, r.count));
        Protocol.decodeRequest(frames.buffer(), frames.next(), r);
        assertEquals(1, r.seq);
        assertEquals(4, r.taskId);
        assertEquals(2, r.param);
        assertArrayEquals(new int[] {-1}, Arrays.copyOf(r.inputs, r.count));
        assertEquals(-1, frames.next(), "a clean end between frames");
    }

    @Test
    void aRequestWhoseLengthDisagreesWithItsCountIsRefused() {
        byte[] frame = {0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 9}; // count 2, one input
        Protocol.ProtocolException e = assertThrows(Protocol.ProtocolException.class,
                () -> Protocol.decodeRequest(frame, frame.length, new Protocol.Request()));
        assertEquals("bad request frame: length 20 for 2 inputs", e.getMessage());
    }

    @Test
    void aChunkTooBigForOneFrameIsRefusedBeforeAnythingIsEncoded() {
        Protocol.Encoder e = new Protocol.Encoder();
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
                () -> e.putRequest(0, 1, 0, new int[0], 0, Protocol.MAX_REQUEST_INPUTS + 1));
        assertEquals("a chunk of 16777213 inputs needs a request of 67108872 bytes, over the protocol's cap of 67108864 "
                + "bytes per frame (at most 16777212 inputs); use a smaller chunksize", x.getMessage());
        assertEquals(0, e.size());
    }

    @Test
    void integersAndStringsComeBackInOrderWithTheirTypes() throws IOException {
        Protocol.ResponseWriter w = new Protocol.ResponseWriter();
        w.begin();
        w.putValue(42);
        w.putValue("**é");
        w.putValue(-1);
        Protocol.Response r = roundTrip(w, 3);
        assertEquals(3, r.seq());
        assertArrayEquals(new Object[] {42, "**é", -1}, r.values());
        assertFalse(r.failed());
    }

    @Test
    void anErrorValueEndsTheResponseAndKeepsTheValuesBeforeIt() throws IOException {
        Protocol.ResponseWriter w = new Protocol.ResponseWriter();
        w.begin();
        w.putValue(1);
        w.putError(Protocol.describe(new IllegalStateException("task RAISE failed on input 3")));
        Protocol.Response r = roundTrip(w, 0);
        assertTrue(r.failed());
        assertEquals("java.lang.IllegalStateException: task RAISE failed on input 3", r.error());
        assertArrayEquals(new Object[] {1}, r.values());
    }

    @Test
    void aValueOfATypeTheProtocolCannotCarryBecomesAnErrorThatNamesTheType() throws IOException {
        Protocol.ResponseWriter w = new Protocol.ResponseWriter();
        w.begin();
        assertFalse(w.putValue(3.5));
        Protocol.Response r = roundTrip(w, 0);
        assertEquals("unsupported result type java.lang.Double: the protocol carries Integer and String", r.error());
    }

    @Test
    void aResultTooBigForAFrameBecomesAnErrorNamingItsSizeAndTheFrameStaysUnderTheCap() throws IOException {
        Protocol.ResponseWriter w = new Protocol.ResponseWriter();
        w.begin();
        w.putValue(7);
        assertFalse(w.putValue("*".repeat(Protocol.MAX_FRAME)));
        w.finish(0);
        assertTrue(w.size() < 2048, "a small frame: " + w.size());
        Protocol.Response r = roundTrip(w, 0);
        assertEquals("a String result of 67108864 chars does not fit the protocol's cap of 67108864 bytes per frame "
                + "after the 1 results before it", r.error());
        assertArrayEquals(new Object[] {7}, r.values());
    }

    @Test
    void theWriterIsReusedWithoutCarryingValuesOver() throws IOException {
        Protocol.ResponseWriter w = new Protocol.ResponseWriter();
        w.begin();
        w.putValue("x".repeat(1000));
        roundTrip(w, 0);
        w.begin();
        w.putValue(5);
        assertArrayEquals(new Object[] {5}, roundTrip(w, 1).values());
    }

    @Test
    void helloRoundTripsThePid() throws IOException {
        assertEquals(12345L, Protocol.readHello(new ByteArrayInputStream(Protocol.hello(12345L))));
    }

    @Test
    void somethingOtherThanAHelloIsNamedAsForeignOutput() {
        byte[] text = "Hello, world\n".getBytes();
        Protocol.ProtocolException e = assertThrows(Protocol.ProtocolException.class,
                () -> Protocol.readHello(new ByteArrayInputStream(text)));
        assertEquals("expected the worker's hello 0x504F4F4C, got 0x48656C6C: something else wrote to its stdout", e.getMessage());
    }

    @Test
    void aFrameLengthOutOfRangeIsRefusedWithTheLengthInTheMessage() {
        byte[] bytes = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xF0};
        Protocol.ProtocolException e = assertThrows(Protocol.ProtocolException.class,
                () -> new Protocol.FrameReader(new ByteArrayInputStream(bytes)).next());
        assertEquals("bad frame length -16 (expected 0..67108864)", e.getMessage());
        byte[] over = {4, 0, 0, 1}; // 64 MiB + 1
        e = assertThrows(Protocol.ProtocolException.class, () -> new Protocol.FrameReader(new ByteArrayInputStream(over)).next());
        assertEquals("bad frame length 67108865 (expected 0..67108864)", e.getMessage());
    }

    @Test
    void aStreamThatEndsBetweenFramesIsACleanEnd() throws IOException {
        assertEquals(-1, new Protocol.FrameReader(new ByteArrayInputStream(new byte[0])).next());
    }

    @Test
    void aStreamThatEndsInsideAFrameIsAnErrorNotAnEnd() {
        // Before the codec was one, a frame cut short ended the stream like a clean EOF.
        Protocol.ProtocolException e = assertThrows(Protocol.ProtocolException.class,
                () -> new Protocol.FrameReader(new ByteArrayInputStream(new byte[] {0, 0})).next());
        assertEquals("the stream ended inside a frame's length (2 of 4 bytes)", e.getMessage());
        e = assertThrows(Protocol.ProtocolException.class,
                () -> new Protocol.FrameReader(new ByteArrayInputStream(new byte[] {0, 0, 0, 12, 0, 0, 0, 0, 0})).next());
        assertEquals("the stream ended inside a frame: 5 of 12 bytes", e.getMessage());
    }

    @Test
    void aTruncatedOrPaddedFrameIsRefused() {
        // seq 0, count 1, tag I, but only two bytes of the int
        byte[] shortFrame = {0, 0, 0, 0, 0, 0, 0, 1, 'I', 0, 0};
        Protocol.ProtocolException e = assertThrows(Protocol.ProtocolException.class,
                () -> Protocol.decodeResponse(shortFrame, shortFrame.length));
        assertEquals("frame ends early: needed 4 more bytes at offset 9 of 11", e.getMessage());
        byte[] padded = {0, 0, 0, 0, 0, 0, 0, 0, 9};
        e = assertThrows(Protocol.ProtocolException.class, () -> Protocol.decodeResponse(padded, padded.length));
        assertEquals("1 stray bytes at the end of a frame", e.getMessage());
        byte[] badTag = {0, 0, 0, 0, 0, 0, 0, 1, 'X'};
        e = assertThrows(Protocol.ProtocolException.class, () -> Protocol.decodeResponse(badTag, badTag.length));
        assertEquals("unknown value tag 88 at value 0", e.getMessage());
    }

    @Test
    void aOneShotAnswerMustBeExactlyOneFrame() throws IOException {
        Protocol.ResponseWriter w = new Protocol.ResponseWriter();
        w.begin();
        w.putValue(42);
        w.finish(0);
        byte[] frame = Arrays.copyOf(w.buffer(), w.size());
        assertArrayEquals(new Object[] {42}, Protocol.decodeOnlyFrame(frame).values());
        byte[] extra = Arrays.copyOf(frame, frame.length + 1);
        Protocol.ProtocolException e = assertThrows(Protocol.ProtocolException.class, () -> Protocol.decodeOnlyFrame(extra));
        assertEquals("expected one response frame, got a length of 13 in 18 bytes", e.getMessage());
        assertThrows(Protocol.ProtocolException.class, () -> Protocol.decodeOnlyFrame(new byte[0]));
    }

    @Test
    void aNullResultIsAnErrorNotACrash() throws IOException {
        Protocol.ResponseWriter w = new Protocol.ResponseWriter();
        w.begin();
        w.putValue(null);
        Protocol.Response r = roundTrip(w, 0);
        assertEquals("unsupported result type null: the protocol carries Integer and String", r.error());
    }

    private static Protocol.Response roundTrip(Protocol.ResponseWriter w, int seq) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        w.writeTo(bytes, seq);
        Protocol.FrameReader frames = new Protocol.FrameReader(new ByteArrayInputStream(bytes.toByteArray()));
        int length = frames.next();
        return Protocol.decodeResponse(frames.buffer(), length);
    }
}
