package io.knetsim.netfilter.nft;

import io.knetsim.net.NetDevice;
import io.knetsim.netfilter.NfHook;
import io.knetsim.packet.Bytes;
import io.knetsim.packet.Ipv4Header;
import io.knetsim.packet.SkBuff;

/**
 * One packet under evaluation ({@code struct nft_pktinfo}): the buffer, the hook, the
 * devices, where the transport header is, and the verdict register a rule leaves its
 * verdict in. Fields are read straight from the bytes.
 */
public final class NftPacket {
    final Nftables nft;
    final NfHook hook;
    final SkBuff skb;
    final NetDevice in;
    final NetDevice out;
    final int nh;
    /** Offset of the transport header, or -1 for a non-first fragment. */
    final int th;
    /** What the last rule decided, or null to go on. */
    NftVerdict verdict;

    NftPacket(Nftables nft, NfHook hook, SkBuff skb, NetDevice in, NetDevice out) {
        this.nft = nft;
        this.hook = hook;
        this.skb = skb;
        this.in = in;
        this.out = out;
        this.nh = skb.networkHeader;
        byte[] b = skb.buf();
        this.th = Ipv4Header.fragmentOffset(b, nh) != 0 ? -1 : nh + Ipv4Header.headerLength(b, nh);
    }

    public SkBuff skb() {
        return skb;
    }

    public NfHook hook() {
        return hook;
    }

    public NetDevice in() {
        return in;
    }

    public NetDevice out() {
        return out;
    }

    byte[] buf() {
        return skb.buf();
    }

    int protocol() {
        return Ipv4Header.protocol(skb.buf(), nh);
    }

    /** IPv4 total length: what {@code counter} adds to its bytes. */
    int length() {
        return Ipv4Header.totalLength(skb.buf(), nh);
    }

    /** The 16-bit word at {@code off} in the transport header, or -1 when there is none. */
    long transport16(int off) {
        if (th < 0 || th + off + 2 > skb.tail()) {
            return -1;
        }
        return Bytes.u16(skb.buf(), th + off);
    }

    /** The byte at {@code off} in the transport header, or -1. */
    long transport8(int off) {
        if (th < 0 || th + off + 1 > skb.tail()) {
            return -1;
        }
        return skb.buf()[th + off] & 0xff;
    }
}
