package io.knetsim.net.tcp;

/**
 * The send buffer ({@code sk_write_queue} and {@code SO_SNDBUF}): a bounded ring of bytes that
 * the application has written and the peer has not yet acknowledged. Offset 0 is the byte at
 * SND.UNA; bytes leave from the front when acknowledged.
 */
final class TcpSendQueue {
    private final byte[] ring;
    private int head;
    private int size;

    TcpSendQueue(int capacity) {
        ring = new byte[capacity];
    }

    int size() {
        return size;
    }

    int free() {
        return ring.length - size;
    }

    /** Appends up to {@code len} bytes; returns how many fitted. */
    int append(byte[] b, int off, int len) {
        int n = Math.min(len, free());
        int tail = (head + size) % ring.length;
        int first = Math.min(n, ring.length - tail);
        System.arraycopy(b, off, ring, tail, first);
        System.arraycopy(b, off + first, ring, 0, n - first);
        size += n;
        return n;
    }

    /** Copies {@code len} bytes starting {@code offset} bytes after SND.UNA into {@code dst}. */
    void copy(int offset, byte[] dst, int dstOff, int len) {
        if (offset < 0 || len < 0 || offset + len > size) {
            throw new IllegalArgumentException("send queue range " + offset + "+" + len + " outside " + size);
        }
        int start = (head + offset) % ring.length;
        int first = Math.min(len, ring.length - start);
        System.arraycopy(ring, start, dst, dstOff, first);
        System.arraycopy(ring, 0, dst, dstOff + first, len - first);
    }

    /** Drops {@code n} acknowledged bytes from the front. */
    void drop(int n) {
        n = Math.min(n, size);
        head = (head + n) % ring.length;
        size -= n;
    }
}
