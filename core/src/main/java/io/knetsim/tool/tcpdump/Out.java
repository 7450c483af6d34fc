package io.knetsim.tool.tcpdump;

import io.knetsim.addr.Ipv4Address;
import java.util.function.IntFunction;

/**
 * What the protocol printers share while one packet is printed: the line being built, the
 * print options ({@code -n -e -v -q -S}) and tcpdump's memory of TCP conversations.
 */
final class Out {
    final StringBuilder sb = new StringBuilder(160);
    final boolean numeric;
    final boolean link;
    final int verbose;
    final boolean quiet;
    final boolean absoluteSeq;
    final TcpSeqTracker tcp;
    final IntFunction<String> ifnames;

    Out(TcpdumpOptions o, TcpSeqTracker tcp, IntFunction<String> ifnames) {
        this.numeric = o.numeric > 0;
        this.link = o.linkHeader;
        this.verbose = o.verbose;
        this.quiet = o.quiet;
        this.absoluteSeq = o.absoluteSeq;
        this.tcp = tcp;
        this.ifnames = ifnames;
    }

    Out p(String s) {
        sb.append(s);
        return this;
    }

    Out p(char c) {
        sb.append(c);
        return this;
    }

    Out p(long v) {
        sb.append(v);
        return this;
    }

    /** An IPv4 address (no reverse lookups: the simulator has no resolver, as with {@code -n}). */
    static String ip(int addr) {
        return Ipv4Address.format(addr);
    }

    String mac(long bits) {
        return Names.mac(bits, numeric);
    }

    static String u32(int v) {
        return Integer.toUnsignedString(v);
    }

    static String hex(int v) {
        return Integer.toHexString(v);
    }

    static String hex4(int v) {
        return String.format("%04x", v);
    }

    /**
     * {@code fn_printn}: printable ASCII as is, high bytes as {@code M-} plus the low seven
     * bits, control characters as {@code ^X}.
     */
    Out printn(byte[] b, int off, int n) {
        for (int i = 0; i < n; i++) {
            int c = b[off + i] & 0xff;
            if (c >= 0x80) {
                p("M-");
                c &= 0x7f;
            }
            if (c < 0x20 || c == 0x7f) {
                p("^").p((char) (c ^ 0x40));
            } else {
                p((char) c);
            }
        }
        return this;
    }
}
