package io.knetsim.packet;

import java.util.Arrays;

/**
 * The packet carrier, after Linux's {@code sk_buff}.
 *
 * <pre>
 *   buf:  [ headroom ........ | data ................................ | tailroom ]
 *         0                  data()                                 tail()     buf.length
 *                              ^ push(n) moves data() left to prepend a header (VXLAN, IP, Ethernet)
 *                              ^ pull(n) moves it right to strip one (decapsulation)
 * </pre>
 *
 * Header offsets ({@link #macHeader}, {@link #networkHeader}, {@link #transportHeader}) are
 * absolute indexes into {@link #buf()}. Metadata that is never on the wire travels alongside:
 * the ingress interface index, the firewall mark, the conntrack entry, a hop guard.
 */
public final class SkBuff {
    /** Room for the outer headers of a VXLAN encapsulation (14+20+8+8) and then some. */
    public static final int DEFAULT_HEADROOM = 128;
    /** Direct-call hops (veth to peer, bridge to port, ...) before a packet is called looping. */
    public static final int MAX_HOPS = 64;

    /** Who a received frame was for, as Linux's {@code skb->pkt_type}. */
    public enum PktType { HOST, BROADCAST, MULTICAST, OTHERHOST, OUTGOING }

    private byte[] buf;
    private int data;
    private int tail;

    public int macHeader = -1;
    public int networkHeader = -1;
    public int transportHeader = -1;

    /** Interface index the packet arrived on in the current namespace; 0 if locally generated. */
    public int iif;
    /** Interface index it leaves through, once routed. */
    public int oif;
    /** {@code skb->mark}, set by rules ({@code meta mark set}) and routing. */
    public int mark;
    /** {@code skb->nf_trace}: set by {@code meta nftrace set 1}, makes nftables report the packet's path. */
    public boolean nftrace;
    /** The id {@code nft monitor trace} shows for this packet, 0 until it is first traced. */
    public int traceId;
    /** The conntrack entry this packet belongs to, set by the netfilter layer. */
    public Object nfct;
    public PktType pktType = PktType.HOST;
    /** Direct-call hops taken so far; guards against bridge and veth loops. */
    public int hops;
    /** Next-hop address chosen by routing (0 = the destination itself). */
    public int nextHop;
    /** Set once an IPv4 packet has been through the bridge netfilter path, so hooks run once. */
    public boolean bridgedNf;

    private SkBuff(byte[] buf, int data, int tail) {
        this.buf = buf;
        this.data = data;
        this.tail = tail;
    }

    /** An empty buffer with {@code headroom} bytes in front and room for {@code size} bytes. */
    public static SkBuff allocate(int headroom, int size) {
        return new SkBuff(new byte[headroom + size], headroom, headroom);
    }

    /** A buffer holding a copy of {@code bytes}, with the default headroom in front. */
    public static SkBuff of(byte[] bytes) {
        return of(bytes, 0, bytes.length);
    }

    public static SkBuff of(byte[] bytes, int off, int len) {
        SkBuff skb = allocate(DEFAULT_HEADROOM, len);
        System.arraycopy(bytes, off, skb.buf, skb.data, len);
        skb.tail += len;
        return skb;
    }

    public byte[] buf() {
        return buf;
    }

    /** Offset of the first byte of the packet in {@link #buf()}. */
    public int data() {
        return data;
    }

    /** Offset just past the last byte. */
    public int tail() {
        return tail;
    }

    public int len() {
        return tail - data;
    }

    public int headroom() {
        return data;
    }

    /** Prepends {@code n} bytes and returns the new data offset. */
    public int push(int n) {
        if (n > data) {
            grow(n - data + DEFAULT_HEADROOM, 0);
        }
        data -= n;
        return data;
    }

    /** Strips {@code n} bytes from the front and returns the new data offset. */
    public int pull(int n) {
        if (n > len()) {
            throw new IllegalArgumentException("pull " + n + " from a " + len() + "-byte packet");
        }
        data += n;
        return data;
    }

    /** Appends {@code n} bytes and returns the offset where they start. */
    public int put(int n) {
        if (tail + n > buf.length) {
            grow(0, tail + n - buf.length + 64);
        }
        int at = tail;
        tail += n;
        return at;
    }

    /** Appends bytes. */
    public void putBytes(byte[] src, int off, int n) {
        int at = put(n); // first: put may replace buf, and arguments are read left to right
        System.arraycopy(src, off, buf, at, n);
    }

    /** Cuts the packet to {@code len} bytes from the data offset. */
    public void trim(int len) {
        if (len < 0 || len > len()) {
            throw new IllegalArgumentException("trim to " + len + " of a " + len() + "-byte packet");
        }
        tail = data + len;
    }

    /** Moves the data offset to an absolute index (e.g. back to a saved header offset). */
    public void resetData(int offset) {
        if (offset < 0 || offset > tail) {
            throw new IllegalArgumentException("data offset " + offset + " outside 0.." + tail);
        }
        data = offset;
    }

    private void grow(int front, int back) {
        byte[] n = new byte[buf.length + front + back];
        System.arraycopy(buf, 0, n, front, buf.length);
        buf = n;
        data += front;
        tail += front;
        if (macHeader >= 0) {
            macHeader += front;
        }
        if (networkHeader >= 0) {
            networkHeader += front;
        }
        if (transportHeader >= 0) {
            transportHeader += front;
        }
    }

    /** A deep copy with the same bytes, offsets and metadata (for flooding and taps). */
    public SkBuff copy() {
        SkBuff c = new SkBuff(Arrays.copyOf(buf, buf.length), data, tail);
        c.macHeader = macHeader;
        c.networkHeader = networkHeader;
        c.transportHeader = transportHeader;
        c.iif = iif;
        c.oif = oif;
        c.mark = mark;
        c.nftrace = nftrace;
        c.traceId = traceId;
        c.nfct = nfct;
        c.pktType = pktType;
        c.hops = hops;
        c.nextHop = nextHop;
        c.bridgedNf = bridgedNf;
        return c;
    }

    /** The packet's bytes from the data offset. */
    public byte[] toByteArray() {
        return Arrays.copyOfRange(buf, data, tail);
    }

    @Override
    public String toString() {
        return "SkBuff[len=" + len() + ", headroom=" + data + "]";
    }
}
