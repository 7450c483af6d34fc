package io.knetsim.net.tcp;

/**
 * An application that writes a number of bytes into a connection as fast as the socket takes
 * them, then closes it, as {@code nc HOST PORT < file} or {@code iperf3 -n BYTES} do: it writes
 * on {@code onConnected}, and again on each {@code onWritable} when the send buffer had filled
 * (back-pressure), from one reusable chunk, so a transfer of any size allocates nothing per byte.
 */
public final class BulkSender implements TcpHandler {
    private final byte[] chunk;
    private long left;

    /** Sends {@code bytes} bytes of {@code chunk}'s contents (repeated as needed). */
    public BulkSender(long bytes, byte[] chunk) {
        if (bytes < 0 || chunk.length == 0) {
            throw new IllegalArgumentException("bytes must be >= 0 and the chunk non-empty");
        }
        this.left = bytes;
        this.chunk = chunk;
    }

    /** The bytes not yet taken by the socket. */
    public long left() {
        return left;
    }

    @Override
    public void onConnected(TcpSocket s) {
        push(s);
    }

    @Override
    public void onWritable(TcpSocket s) {
        push(s);
    }

    private void push(TcpSocket s) {
        while (left > 0) {
            int n = s.send(chunk, 0, (int) Math.min(chunk.length, left));
            left -= n;
            if (n == 0) {
                return;
            }
        }
        s.close();
    }
}
