package io.knetsim.net.ipv4;

/**
 * How a UDP sender fills the checksum: not at all (zero, allowed over IPv4), over the whole
 * datagram, or from a payload sum the sender already knows. The last is how a tunnel does
 * local checksum offload: the inner packet's own checksums give the sum of its bytes, so
 * the outer checksum costs a few header words, not a pass over the payload.
 */
public final class UdpChecksum {
    /** Send zero: "no checksum". */
    public static final UdpChecksum NONE = new UdpChecksum(false, -1);
    /** Sum the whole datagram. */
    public static final UdpChecksum FULL = new UdpChecksum(true, -1);

    private final boolean enabled;
    private final long payloadSum;

    private UdpChecksum(boolean enabled, long payloadSum) {
        this.enabled = enabled;
        this.payloadSum = payloadSum;
    }

    /**
     * The payload's 16-bit word sum is {@code sum} (unfolded, as {@link
     * io.knetsim.packet.Checksum#sum} returns it).
     */
    public static UdpChecksum withPayloadSum(long sum) {
        return new UdpChecksum(true, sum);
    }

    public static UdpChecksum of(boolean enabled) {
        return enabled ? FULL : NONE;
    }

    boolean enabled() {
        return enabled;
    }

    boolean knowsPayloadSum() {
        return payloadSum >= 0;
    }

    long payloadSum() {
        return payloadSum;
    }
}
