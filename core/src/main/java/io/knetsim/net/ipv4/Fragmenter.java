package io.knetsim.net.ipv4;

import io.knetsim.packet.Ipv4Header;
import io.knetsim.packet.SkBuff;
import java.util.function.Consumer;

/**
 * Splits an IPv4 datagram that is larger than the MTU into fragments ({@code ip_do_fragment}).
 *
 * <pre>
 *   [hdr|.............. payload ..............]      mtu 1500, ihl 20
 *   [hdr MF off=0   |1480 bytes]
 *   [hdr MF off=1480|1480 bytes]
 *   [hdr    off=2960|rest      ]   (MF kept if the original was itself a non-last fragment)
 * </pre>
 */
final class Fragmenter {
    private Fragmenter() {
    }

    /** Emits the fragments of {@code skb} ({@code networkHeader} set) in order. */
    static void fragment(SkBuff skb, int mtu, Consumer<SkBuff> out) {
        byte[] b = skb.buf();
        int off = skb.networkHeader;
        int ihl = Ipv4Header.headerLength(b, off);
        int tot = Ipv4Header.totalLength(b, off);
        int payload = tot - ihl;
        int chunk = (mtu - ihl) & ~7;
        int baseOffset = Ipv4Header.fragmentOffset(b, off);
        boolean origMf = Ipv4Header.moreFragments(b, off);
        int flagsKeep = Ipv4Header.flagsFrag(b, off) & ~(Ipv4Header.FLAG_MF | Ipv4Header.FRAG_OFFSET_MASK);
        for (int pos = 0; pos < payload; pos += chunk) {
            int n = Math.min(chunk, payload - pos);
            boolean last = pos + n >= payload;
            SkBuff f = SkBuff.allocate(SkBuff.DEFAULT_HEADROOM, ihl + n);
            int at = f.put(ihl + n);
            System.arraycopy(b, off, f.buf(), at, ihl);
            System.arraycopy(b, off + ihl + pos, f.buf(), at + ihl, n);
            Ipv4Header.setTotalLength(f.buf(), at, ihl + n);
            int mf = (!last || origMf) ? Ipv4Header.FLAG_MF : 0;
            Ipv4Header.setFlagsFrag(f.buf(), at, flagsKeep | mf | ((baseOffset + pos) / 8));
            Ipv4Header.fillChecksum(f.buf(), at);
            f.networkHeader = at;
            f.nextHop = skb.nextHop;
            f.mark = skb.mark;
            f.nfct = skb.nfct;
            f.iif = skb.iif;
            f.pktType = skb.pktType;
            out.accept(f);
        }
    }
}
