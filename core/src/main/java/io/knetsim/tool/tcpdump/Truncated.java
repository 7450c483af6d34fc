package io.knetsim.tool.tcpdump;

/** A printer ran out of captured bytes; tcpdump ends the line with {@code " [|proto]"}. */
final class Truncated extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String proto;

    Truncated(String proto) {
        super(proto, null, false, false);
        this.proto = proto;
    }

    /** Throws unless {@code n} bytes from {@code off} lie before {@code end}. */
    static void need(int off, int n, int end, String proto) {
        if (off < 0 || n < 0 || off + n > end) {
            throw new Truncated(proto);
        }
    }
}
