package io.knetsim.addr;

import io.knetsim.packet.Bytes;

/**
 * An IPv6 address as text, as {@code inet_ntop} writes it (RFC 5952): lower-case hex groups
 * without leading zeros, the longest run of two or more zero groups (the first, on a tie) as
 * {@code ::}. knetsim's stack is IPv4; this is for the tools that print IPv6 data they meet
 * (AAAA records in {@code dig} and {@code tcpdump}).
 */
public final class Ipv6Text {
    private Ipv6Text() {
    }

    /** The 16 bytes at {@code off} of {@code b}, as text. */
    public static String format(byte[] b, int off) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = Bytes.u16(b, off + 2 * i);
        }
        int best = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                best = i;
                bestLen = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == best) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }
}
