package io.github.poolbench.worker;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The binary wire protocol between the parent and a worker JVM, over the worker's stdin and
 * stdout, and its one codec, used the same way in both directions: a frame is encoded into a
 * reused {@code byte[]} and written with one {@code write}; it is read with one length read
 * and one {@code readFully}, and decoded with bounds checks. Only a task's wire id and
 * integers go in; only tagged values come out; never code and never Java serialization.
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
 * Integers are big-endian. {@code length} counts the bytes after the length field and is at
 * most {@link #MAX_FRAME} either way: the parent refuses to send a bigger request (the chunk
 * fails before anything is written), a worker turns a result that would not fit into an error
 * value (the worker lives on), and a reader treats a bigger length as a corrupt stream. A
 * stream may end only between frames: a frame cut short is a {@link ProtocolException}, not an
 * end. A worker answers requests in the order they came, one at a time, with one write per
 * response, so the parent matches responses to requests by order ({@code seq} checks it). A
 * one-shot child (one JVM per task) writes a single response with {@code seq} 0 and exits.
 */
public final class Protocol {
    /** "POOL": the first four bytes a worker writes, so the parent knows it speaks this protocol. */
    public static final int MAGIC = 0x504F4F4C;
    public static final int VERSION = 1;
    public static final byte TAG_INT = 'I';
    public static final byte TAG_STRING = 'S';
    public static final byte TAG_ERROR = 'E';
    /** Largest frame (bytes after the length field) either side sends or accepts. */
    public static final int MAX_FRAME = 64 << 20;
    /** Bytes of a request before its inputs: seq, taskId, param, count. */
    public static final int REQUEST_HEADER = 16;
    /** Bytes of a response before its values: seq, count. */
    public static final int RESPONSE_HEADER = 8;
    /** Bytes of the hello. */
    public static final int HELLO_BYTES = 16;
    /** Most inputs one request can carry within {@link #MAX_FRAME}. */
    public static final int MAX_REQUEST_INPUTS = (MAX_FRAME - REQUEST_HEADER) / 4;
    /** Room a response keeps for the error value that says its results did not fit. */
    private static final int ERROR_RESERVE = 1024;

    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private Protocol() {
    }

    /** The hello a worker writes first, as one array. */
    public static byte[] hello(long pid) {
        byte[] b = new byte[HELLO_BYTES];
        INT.set(b, 0, MAGIC);
        INT.set(b, 4, VERSION);
        LONG.set(b, 8, pid);
        return b;
    }

    /**
     * Reads the hello and returns the worker's pid. {@link EOFException} when the stream ends
     * before any byte (the worker exited first); otherwise the message says what came instead.
     */
    public static long readHello(InputStream in) throws IOException {
        byte[] b = new byte[HELLO_BYTES];
        int n = in.readNBytes(b, 0, 4);
        if (n == 0) {
            throw new EOFException("the worker's stdout ended before its hello");
        }
        if (n < 4) {
            throw new ProtocolException("the worker's stdout ended after " + n + " bytes, inside its hello");
        }
        int magic = (int) INT.get(b, 0);
        if (magic != MAGIC) {
            throw new ProtocolException(String.format(
                    "expected the worker's hello 0x%08X, got 0x%08X: something else wrote to its stdout", MAGIC, magic));
        }
        n = in.readNBytes(b, 4, HELLO_BYTES - 4);
        if (n < HELLO_BYTES - 4) {
            throw new ProtocolException("the worker's stdout ended after " + (4 + n) + " bytes, inside its hello");
        }
        int version = (int) INT.get(b, 4);
        if (version != VERSION) {
            throw new ProtocolException("worker speaks protocol version " + version + ", parent " + VERSION);
        }
        return (long) LONG.get(b, 8);
    }

    /** Bytes one request of {@code count} inputs takes on the wire, length field included. */
    public static long requestBytes(int count) {
        return 4L + REQUEST_HEADER + 4L * count;
    }

    /**
     * Encodes frames into one reused array, so a batch of requests (or one response) leaves in
     * a single {@code write}. Not thread-safe: one per writer.
     */
    public static final class Encoder {
        private byte[] buf = new byte[512];
        private int size;

        public void reset() {
            size = 0;
        }

        public int size() {
            return size;
        }

        public byte[] buffer() {
            return buf;
        }

        /**
         * Appends the request frame for {@code inputs[from..to)} and returns the offset just past
         * it. A chunk over {@link #MAX_REQUEST_INPUTS} is refused before anything is appended.
         */
        public int putRequest(int seq, int taskId, int param, int[] inputs, int from, int to) {
            int count = to - from;
            if (count < 0 || count > MAX_REQUEST_INPUTS) {
                throw new IllegalArgumentException(tooLargeRequest(count));
            }
            int body = REQUEST_HEADER + 4 * count;
            ensure(4 + body);
            byte[] b = buf;
            int p = size;
            INT.set(b, p, body);
            INT.set(b, p + 4, seq);
            INT.set(b, p + 8, taskId);
            INT.set(b, p + 12, param);
            INT.set(b, p + 16, count);
            p += 20;
            for (int i = from; i < to; i++, p += 4) {
                INT.set(b, p, inputs[i]);
            }
            size = p;
            return p;
        }

        /** Writes everything encoded since {@link #reset()} in one call. */
        public void writeTo(OutputStream out) throws IOException {
            out.write(buf, 0, size);
        }

        private void ensure(int more) {
            if (size + more > buf.length) {
                buf = Arrays.copyOf(buf, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(2L * buf.length, (long) size + more)));
            }
        }
    }

    /** Why a chunk of {@code count} inputs cannot be sent: it would not fit in a frame. */
    public static String tooLargeRequest(int count) {
        return "a chunk of " + count + " inputs needs a request of " + requestBytes(count) + " bytes, over the protocol's cap of "
                + MAX_FRAME + " bytes per frame (at most " + MAX_REQUEST_INPUTS + " inputs); use a smaller chunksize";
    }

    /** A decoded request; one instance is reused for every request a worker reads. */
    public static final class Request {
        public int seq;
        public int taskId;
        public int param;
        public int count;
        public int[] inputs = new int[64];
    }

    /** Decodes a request frame of {@code length} bytes into {@code into} (its inputs array grows when needed). */
    public static void decodeRequest(byte[] frame, int length, Request into) throws ProtocolException {
        if (length < REQUEST_HEADER) {
            throw new ProtocolException("a request frame of " + length + " bytes is shorter than its header (" + REQUEST_HEADER + ")");
        }
        int count = (int) INT.get(frame, 12);
        if (count < 0 || length != REQUEST_HEADER + 4L * count) {
            throw new ProtocolException("bad request frame: length " + length + " for " + count + " inputs");
        }
        into.seq = (int) INT.get(frame, 0);
        into.taskId = (int) INT.get(frame, 4);
        into.param = (int) INT.get(frame, 8);
        into.count = count;
        if (into.inputs.length < count) {
            into.inputs = new int[Math.max(count, into.inputs.length * 2)];
        }
        int[] in = into.inputs;
        for (int i = 0, p = REQUEST_HEADER; i < count; i++, p += 4) {
            in[i] = (int) INT.get(frame, p);
        }
    }

    /**
     * Reads frames from one stream through its own buffer: a frame already read ahead costs no
     * call at all, and {@link #hasBufferedFrame()} says whether the next one is already here.
     * Not thread-safe: one per reader.
     */
    public static final class FrameReader {
        private final InputStream in;
        private final byte[] raw = new byte[1 << 16];
        private int pos;
        private int limit;
        private byte[] buf = new byte[8192];

        public FrameReader(InputStream in) {
            this.in = in;
        }

        /**
         * Reads the next frame into {@link #buffer()} and returns its length; -1 when the stream
         * ended cleanly between two frames. A stream that ends inside a frame, or a length out of
         * range, is a {@link ProtocolException}.
         */
        public int next() throws IOException {
            if (!fill(4)) {
                if (limit == pos) {
                    return -1;
                }
                throw new ProtocolException("the stream ended inside a frame's length (" + (limit - pos) + " of 4 bytes)");
            }
            int length = (int) INT.get(raw, pos);
            if (length < 0 || length > MAX_FRAME) {
                throw new ProtocolException("bad frame length " + length + " (expected 0.." + MAX_FRAME + ")");
            }
            pos += 4;
            if (buf.length < length) {
                buf = new byte[Math.max(length, Math.min(MAX_FRAME, buf.length * 2))];
            }
            int have = Math.min(length, limit - pos);
            System.arraycopy(raw, pos, buf, 0, have);
            pos += have;
            if (have < length) {
                int n = in.readNBytes(buf, have, length - have);
                if (n < length - have) {
                    throw new ProtocolException("the stream ended inside a frame: " + (have + n) + " of " + length + " bytes");
                }
            }
            return length;
        }

        /** True when the next whole frame is already in the buffer (no read needed to get it). */
        public boolean hasBufferedFrame() {
            int left = limit - pos;
            return left >= 4 && left - 4 >= (int) INT.get(raw, pos);
        }

        /** The int at {@code offset} of the next buffered frame's body; only after {@link #hasBufferedFrame()}. */
        public int peekInt(int offset) {
            return (int) INT.get(raw, pos + 4 + offset);
        }

        public byte[] buffer() {
            return buf;
        }

        /** Makes at least {@code n} bytes available from {@code pos}; false when the stream ends first. */
        private boolean fill(int n) throws IOException {
            if (limit - pos >= n) {
                return true;
            }
            if (pos > 0) {
                System.arraycopy(raw, pos, raw, 0, limit - pos);
                limit -= pos;
                pos = 0;
            }
            while (limit < n) {
                int r = in.read(raw, limit, raw.length - limit);
                if (r < 0) {
                    return false;
                }
                limit += r;
            }
            return true;
        }
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

    /** Decodes a response frame of {@code length} bytes read by a {@link FrameReader}. */
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

    /**
     * Decodes the whole stdout of a one-shot child, which must be exactly one response frame;
     * anything else (nothing, a frame cut short, bytes after it) is a {@link ProtocolException}.
     */
    public static Response decodeOnlyFrame(byte[] stdout) throws ProtocolException {
        if (stdout.length < 4) {
            throw new ProtocolException("expected one response frame, got " + stdout.length + " bytes");
        }
        int length = (int) INT.get(stdout, 0);
        if (length < 0 || length > MAX_FRAME || length != stdout.length - 4) {
            throw new ProtocolException("expected one response frame, got a length of " + length + " in "
                    + stdout.length + " bytes");
        }
        return decodeResponse(Arrays.copyOfRange(stdout, 4, stdout.length), length);
    }

    /** Text an error value carries: the exception's class and message, like {@link Throwable#toString()}. */
    public static String describe(Throwable t) {
        String s = t.toString();
        return s.length() > 4000 ? s.substring(0, 4000) + "..." : s;
    }

    /** Thrown when a frame does not follow the protocol: the stream is corrupt, cut short or not ours. */
    public static final class ProtocolException extends IOException {
        public ProtocolException(String message) {
            super(message);
        }
    }

    /**
     * Builds one response frame (length field included) in a reused buffer, so it leaves in one
     * write. A result that would take the frame over {@link #MAX_FRAME} becomes an error value
     * naming its size: the worker stays healthy and the parent learns why.
     */
    public static final class ResponseWriter {
        private static final int START = 4 + RESPONSE_HEADER;
        private byte[] buf = new byte[256];
        private int size = START;
        private int count;

        public void begin() {
            size = START;
            count = 0;
        }

        /** Adds a task's value; a type the protocol cannot carry, or one too big, becomes an error value. */
        public boolean putValue(Object value) {
            if (value instanceof Integer) {
                if (!fits(5)) {
                    putError("the results of this chunk take more than the protocol's cap of " + MAX_FRAME
                            + " bytes per frame; use a smaller chunksize");
                    return false;
                }
                ensure(5);
                buf[size] = TAG_INT;
                INT.set(buf, size + 1, (int) (Integer) value);
                size += 5;
                count++;
                return true;
            }
            if (value instanceof String) {
                String s = (String) value;
                // A String's UTF-8 form has at least one byte per char: check before encoding it.
                byte[] bytes = fits(5L + s.length()) ? s.getBytes(StandardCharsets.UTF_8) : null;
                if (bytes == null || !fits(5L + bytes.length)) {
                    putError("a String result of " + (bytes == null ? s.length() + " chars" : bytes.length + " bytes")
                            + " does not fit the protocol's cap of " + MAX_FRAME + " bytes per frame"
                            + (count > 0 ? " after the " + count + " results before it" : ""));
                    return false;
                }
                putText(TAG_STRING, bytes);
                count++;
                return true;
            }
            putError("unsupported result type " + (value == null ? "null" : value.getClass().getName())
                    + ": the protocol carries Integer and String");
            return false;
        }

        public void putError(String text) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            if (bytes.length > ERROR_RESERVE - 5) {
                bytes = Arrays.copyOf(bytes, ERROR_RESERVE - 5);
            }
            putText(TAG_ERROR, bytes);
            count++;
        }

        /** Fills in the header for {@code seq}; then the frame is {@link #buffer()}[0..{@link #size()}). */
        public void finish(int seq) {
            INT.set(buf, 0, size - 4);
            INT.set(buf, 4, seq);
            INT.set(buf, 8, count);
        }

        /** Finishes the frame for {@code seq} and writes it in one call; the caller flushes if its stream buffers. */
        public void writeTo(OutputStream out, int seq) throws IOException {
            finish(seq);
            out.write(buf, 0, size);
        }

        public byte[] buffer() {
            return buf;
        }

        public int size() {
            return size;
        }

        private boolean fits(long more) {
            return size - 4 + more <= MAX_FRAME - ERROR_RESERVE;
        }

        private void putText(byte tag, byte[] bytes) {
            ensure(5 + bytes.length);
            buf[size] = tag;
            INT.set(buf, size + 1, bytes.length);
            System.arraycopy(bytes, 0, buf, size + 5, bytes.length);
            size += 5 + bytes.length;
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
            int v = (int) INT.get(b, pos);
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
