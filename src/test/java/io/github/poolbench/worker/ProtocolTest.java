package io.github.poolbench.worker;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProtocolTest {

    @Test
    void aRequestCarriesTheTaskIdTheParamAndOnlyTheChunksInputs() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Protocol.writeRequest(new DataOutputStream(bytes), 7, 1, 9, new int[] {10, 11, 12, 13}, 1, 3);
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
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
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Protocol.writeHello(new DataOutputStream(bytes), 12345L);
        assertEquals(12345L, Protocol.readHello(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))));
    }

    @Test
    void somethingOtherThanAHelloIsNamedAsForeignOutput() {
        byte[] text = "Hello, world\n".getBytes();
        Protocol.ProtocolException e = assertThrows(Protocol.ProtocolException.class,
                () -> Protocol.readHello(new DataInputStream(new ByteArrayInputStream(text))));
        assertEquals("expected the worker's hello 0x504F4F4C, got 0x48656C6C: something else wrote to its stdout", e.getMessage());
    }

    @Test
    void aFrameLengthOutOfRangeIsRefusedWithTheLengthInTheMessage() {
        byte[] bytes = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xF0};
        Protocol.ProtocolException e = assertThrows(Protocol.ProtocolException.class,
                () -> Protocol.readFrame(new DataInputStream(new ByteArrayInputStream(bytes)), new byte[16], new int[1]));
        assertEquals("bad frame length -16 (expected 8..67108864)", e.getMessage());
    }

    @Test
    void aStreamThatEndsBetweenFramesEndsWithEofException() {
        assertThrows(EOFException.class,
                () -> Protocol.readFrame(new DataInputStream(new ByteArrayInputStream(new byte[0])), new byte[16], new int[1]));
    }

    @Test
    void aTruncatedOrPaddedFrameIsRefused() throws IOException {
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
    void aNullResultIsAnErrorNotACrash() throws IOException {
        Protocol.ResponseWriter w = new Protocol.ResponseWriter();
        w.begin();
        w.putValue(null);
        Protocol.Response r = roundTrip(w, 0);
        assertEquals("unsupported result type null: the protocol carries Integer and String", r.error());
    }

    private static Protocol.Response roundTrip(Protocol.ResponseWriter w, int seq) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        w.writeTo(new DataOutputStream(bytes), seq);
        int[] length = new int[1];
        byte[] frame = Protocol.readFrame(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), new byte[4], length);
        return Protocol.decodeResponse(frame, length[0]);
    }
}
