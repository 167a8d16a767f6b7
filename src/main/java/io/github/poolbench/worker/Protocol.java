package io.github.poolbench.worker;

import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The binary wire protocol between the parent and a worker JVM, over the worker's stdin and
 * stdout. Big-endian {@link DataInput}/{@link DataOutput} integers; every frame starts with its
 * length so a reader can take it in one piece and check it. Only a task's wire id and integers
 * go in; only tagged values come out; never code and never Java serialization.
 *
 * <pre>
 * hello    (worker to parent, once at start)  int MAGIC, int VERSION, long pid
 * request  (parent to worker)                 int length, int seq, int taskId, int param, int count, count x int input
 * response (worker to parent)                 int length, int seq, int count, count x value
 * value                                       byte 'I' int            an Integer result
 *                                             byte 'S' int n, n bytes a String result (UTF-8)
 *                                             byte 'E' int n, n bytes the task failed: "ExceptionClass: message";
 *                                                                     always the last value of its response
 * </pre>
 * {@code length} counts the bytes after the length field. A worker answers requests in the
 * order they came, one at a time, and flushes after every response, so the parent matches
 * responses to requests by order ({@code seq} is there to check it). A one-shot child (one
 * JVM per task) writes a single response with {@code seq} 0 and exits.
 */
public final class Protocol {
    /** "POOL": the first four bytes a worker writes, so the parent knows it speaks this protocol. */
    public static final int MAGIC = 0x504F4F4C;
    public static final int VERSION = 1;
    public static final byte TAG_INT = 'I';
    public static final byte TAG_STRING = 'S';
    public static final byte TAG_ERROR = 'E';
    /** Largest frame either side accepts; a bigger length means the stream is corrupt. */
    public static final int MAX_FRAME = 64 << 20;
    /** Bytes of a request before its inputs: seq, taskId, param, count. */
    public static final int REQUEST_HEADER = 16;
    /** Bytes of a response before its values: seq, count. */
    public static final int RESPONSE_HEADER = 8;

    private Protocol() {
    }

    public static void writeHello(DataOutput out, long pid) throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        out.writeLong(pid);
    }

    /** Reads the hello and returns the worker's pid; the message says what came instead. */
    public static long readHello(DataInput in) throws IOException {
        int magic = in.readInt();
        if (magic != MAGIC) {
            throw new ProtocolException(String.format(
                    "expected the worker's hello 0x%08X, got 0x%08X: something else wrote to its stdout", MAGIC, magic));
        }
        int version = in.readInt();
        if (version != VERSION) {
            throw new ProtocolException("worker speaks protocol version " + version + ", parent " + VERSION);
        }
        return in.readLong();
    }

    /** Writes one request for {@code inputs[from..to)}; the caller flushes. */
    public static void writeRequest(DataOutput out, int seq, int taskId, int param, int[] inputs, int from, int to)
            throws IOException {
        int count = to - from;
        out.writeInt(REQUEST_HEADER + 4 * count);
        out.writeInt(seq);
        out.writeInt(taskId);
        out.writeInt(param);
        out.writeInt(count);
        for (int i = from; i < to; i++) {
            out.writeInt(inputs[i]);
        }
    }

    /**
     * Reads a frame's length and then the frame into {@code buffer} (grown when too small);
     * returns the buffer holding it. Throws {@link EOFException} when the stream ends cleanly
     * before a frame starts.
     */
    public static byte[] readFrame(DataInputStream in, byte[] buffer, int[] lengthOut) throws IOException {
        int length = in.readInt();
        if (length < RESPONSE_HEADER || length > MAX_FRAME) {
            throw new ProtocolException("bad frame length " + length + " (expected " + RESPONSE_HEADER + ".." + MAX_FRAME + ")");
        }
        byte[] b = buffer.length >= length ? buffer : new byte[Math.max(length, buffer.length * 2)];
        in.readFully(b, 0, length);
        lengthOut[0] = length;
        return b;
    }

    /**
     * A decoded response: the values in order and, when the last task failed, its error text
     * (then {@code values} holds only the values before it).
     */
    public record Response(int seq, Object[] values, String error) {
        public boolean failed() {
            return error != null;
        }
    }

    /** Decodes a response frame of {@code length} bytes read by {@link #readFrame}. */
    public static Response decodeResponse(byte[] frame, int length) throws ProtocolException {
        Reader r = new Reader(frame, length);
        int seq = r.readInt();
        int count = r.readInt();
        if (count < 0 || count > length) {
            throw new ProtocolException("bad value count " + count + " in a frame of " + length + " bytes");
        }
        Object[] values = new Object[count];
        for (int i = 0; i < count; i++) {
            byte tag = r.readByte();
            switch (tag) {
                case TAG_INT:
                    values[i] = r.readInt();
                    break;
                case TAG_STRING:
                    values[i] = r.readString();
                    break;
                case TAG_ERROR:
                    if (i != count - 1) {
                        throw new ProtocolException("an error value must be the last of its response");
                    }
                    String error = r.readString();
                    r.end();
                    return new Response(seq, Arrays.copyOf(values, i), error);
                default:
                    throw new ProtocolException("unknown value tag " + tag + " at value " + i);
            }
        }
        r.end();
        return new Response(seq, values, null);
    }

    /** Text an error value carries: the exception's class and message, like {@link Throwable#toString()}. */
    public static String describe(Throwable t) {
        String s = t.toString();
        return s.length() > 4000 ? s.substring(0, 4000) + "..." : s;
    }

    /** Thrown when a frame does not follow the protocol: the stream is corrupt or not ours. */
    public static final class ProtocolException extends IOException {
        public ProtocolException(String message) {
            super(message);
        }
    }

    /**
     * Builds responses in a reused buffer, so their length is known before they are written
     * and a response costs no allocation beyond the buffer growing once.
     */
    public static final class ResponseWriter {
        private byte[] buf = new byte[256];
        private int size;
        private int count;

        public void begin() {
            size = 0;
            count = 0;
        }

        /** Adds a task's value; a type the protocol cannot carry becomes an error value. */
        public boolean putValue(Object value) {
            if (value instanceof Integer) {
                ensure(5);
                buf[size++] = TAG_INT;
                putInt((Integer) value);
                count++;
                return true;
            }
            if (value instanceof String) {
                putText(TAG_STRING, (String) value);
                count++;
                return true;
            }
            putError("unsupported result type " + (value == null ? "null" : value.getClass().getName())
                    + ": the protocol carries Integer and String");
            return false;
        }

        public void putError(String text) {
            putText(TAG_ERROR, text);
            count++;
        }

        /** Writes the response frame; the caller flushes. */
        public void writeTo(DataOutput out, int seq) throws IOException {
            out.writeInt(RESPONSE_HEADER + size);
            out.writeInt(seq);
            out.writeInt(count);
            out.write(buf, 0, size);
        }

        private void putText(byte tag, String s) {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            ensure(5 + bytes.length);
            buf[size++] = tag;
            putInt(bytes.length);
            System.arraycopy(bytes, 0, buf, size, bytes.length);
            size += bytes.length;
        }

        private void putInt(int v) {
            buf[size++] = (byte) (v >>> 24);
            buf[size++] = (byte) (v >>> 16);
            buf[size++] = (byte) (v >>> 8);
            buf[size++] = (byte) v;
        }

        private void ensure(int more) {
            if (size + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
            }
        }
    }

    /** Bounds-checked reads from one frame. */
    private static final class Reader {
        private final byte[] b;
        private final int end;
        private int pos;

        Reader(byte[] b, int end) {
            this.b = b;
            this.end = end;
        }

        int readInt() throws ProtocolException {
            need(4);
            int v = ((b[pos] & 0xFF) << 24) | ((b[pos + 1] & 0xFF) << 16) | ((b[pos + 2] & 0xFF) << 8) | (b[pos + 3] & 0xFF);
            pos += 4;
            return v;
        }

        byte readByte() throws ProtocolException {
            need(1);
            return b[pos++];
        }

        String readString() throws ProtocolException {
            int n = readInt();
            if (n < 0) {
                throw new ProtocolException("negative string length " + n);
            }
            need(n);
            String s = new String(b, pos, n, StandardCharsets.UTF_8);
            pos += n;
            return s;
        }

        void end() throws ProtocolException {
            if (pos != end) {
                throw new ProtocolException((end - pos) + " stray bytes at the end of a frame");
            }
        }

        private void need(int n) throws ProtocolException {
            if (end - pos < n) {
                throw new ProtocolException("frame ends early: needed " + n + " more bytes at offset " + pos + " of " + end);
            }
        }
    }
}
