package io.github.poolbench.exec;

import java.util.Arrays;

/**
 * What a spawner keeps of one of a child's output streams: at most {@code cap} bytes, either
 * the first ones (stdout, which holds a protocol frame from its start) or the last ones
 * (stderr, for the error message). The rest is counted and dropped, so a child printing
 * hundreds of MB costs the parent no more than {@code cap} (twice that, for a tail, while it
 * compacts).
 */
final class BoundedCapture {
    /** stdout: a one-shot child's answer is one frame of at most {@code Protocol.MAX_FRAME}. */
    static final int STDOUT_HEAD_BYTES = io.github.poolbench.worker.Protocol.MAX_FRAME + 64;
    /** stderr: its end, for the error message. */
    static final int STDERR_TAIL_BYTES = 64 * 1024;

    private final int cap;
    private final boolean tail;
    private byte[] buf;
    private int size;
    private long dropped;

    private BoundedCapture(int cap, boolean tail, int initial) {
        this.cap = cap;
        this.tail = tail;
        this.buf = new byte[Math.min(initial, cap)];
    }

    static BoundedCapture head(int cap) {
        return new BoundedCapture(cap, false, 64);
    }

    static BoundedCapture tail(int cap) {
        return new BoundedCapture(cap, true, 0);
    }

    void write(byte[] b, int off, int len) {
        if (!tail) {
            int keep = Math.min(len, cap - size);
            if (keep > 0) {
                ensure(size + keep);
                System.arraycopy(b, off, buf, size, keep);
                size += keep;
            }
            dropped += len - keep;
            return;
        }
        if (len >= cap) { // only the end of this piece survives
            dropped += size + len - cap;
            ensure(cap);
            System.arraycopy(b, off + len - cap, buf, 0, cap);
            size = cap;
            return;
        }
        if (size + len > 2 * cap) { // compact: keep the last cap - len bytes, then append
            int keep = cap - len;
            dropped += size - keep;
            System.arraycopy(buf, size - keep, buf, 0, keep);
            size = keep;
        }
        ensure(size + len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
    }

    private void ensure(int n) {
        if (n > buf.length) {
            int limit = tail ? 2 * cap : cap;
            buf = Arrays.copyOf(buf, (int) Math.min(limit, Math.max(n, Math.max(64, 2L * buf.length))));
        }
    }

    /** Bytes written and not kept. */
    long dropped() {
        return dropped;
    }

    byte[] toByteArray() {
        if (!tail || size <= cap) {
            return Arrays.copyOf(buf, size);
        }
        return Arrays.copyOfRange(buf, size - cap, size);
    }
}
