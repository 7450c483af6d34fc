package io.knetsim.tool.tcpdump;

import io.knetsim.addr.MacAddress;
import io.knetsim.packet.Bytes;
import io.knetsim.pcap.Sll2Header;
import io.knetsim.pcap.SllHeader;
import java.time.LocalDate;
import java.util.function.IntFunction;

/**
 * Turns a {@link Frame} into what tcpdump 4.99 prints for it: a timestamp from virtual time
 * (epoch 0 is {@code 00:00:00.000000}, microseconds unless {@code --nano}), then the link
 * layer and the protocols inside. Captures on {@code any} in Linux cooked v2 start with the
 * interface name and direction ({@code eth0  Out IP ...}); v1 shows them only with {@code -e}.
 * One printer keeps tcpdump's TCP conversation state, so use one per run.
 */
public final class PacketPrinter {
    private final TcpdumpOptions options;
    private final IntFunction<String> ifnames;
    private final TcpSeqTracker tcp = new TcpSeqTracker();
    private long previous = -1;
    private long first = -1;

    /**
     * @param ifnames the interface name for an SLL2 interface index (as {@code if_indextoname}
     *                answers in the namespace tcpdump runs in), or null if none
     */
    public PacketPrinter(TcpdumpOptions options, IntFunction<String> ifnames) {
        this.options = options;
        this.ifnames = ifnames != null ? ifnames : i -> null;
    }

    /** The text for one packet, without the final newline (it may span lines: -v, VXLAN). */
    public String print(Frame f) {
        Out o = new Out(options, tcp, ifnames);
        timestamp(o.sb, f.timeNanos());
        byte[] b = f.data();
        int end = f.caplen();
        try {
            switch (f.linkType()) {
                case ETHERNET -> EtherPrinter.ether(o, b, 0, f.length(), end);
                case LINUX_SLL -> sll(o, b, f.length(), end);
                case LINUX_SLL2 -> sll2(o, b, f.length(), end);
                default -> throw new IllegalStateException("unhandled link type " + f.linkType());
            }
        } catch (Truncated t) {
            o.sb.append(" [|").append(t.proto).append(']');
        }
        dump(o.sb, f);
        return o.sb.toString();
    }

    /** {@code -X}, {@code -x} or {@code -A}: the bytes after the link header (all of them when doubled). */
    private void dump(StringBuilder sb, Frame f) {
        int hdr = f.linkType().headerLength();
        byte[] b = f.data();
        if (options.hexAscii > 0) {
            if (options.hexAscii > 1) {
                HexDump.hexAndAscii(sb, b, 0, b.length);
            } else if (b.length > hdr) {
                HexDump.hexAndAscii(sb, b, hdr, b.length - hdr);
            }
        } else if (options.hex > 0) {
            if (options.hex > 1) {
                HexDump.hex(sb, b, 0, b.length);
            } else if (b.length > hdr) {
                HexDump.hex(sb, b, hdr, b.length - hdr);
            }
        } else if (options.ascii > 0) {
            if (options.ascii > 1) {
                HexDump.ascii(sb, b, 0, b.length);
            } else if (b.length > hdr) {
                HexDump.ascii(sb, b, hdr, b.length - hdr);
            }
        }
    }

    private void timestamp(StringBuilder sb, long t) {
        switch (options.tflag) {
            case 0 -> hms(sb, t).append(' ');
            case 1 -> {
            }
            case 2 -> sb.append(t / 1_000_000_000L).append('.').append(frac(t)).append(' ');
            case 3 -> {
                hms(sb, previous < 0 ? 0 : t - previous).append(' ');
                previous = t;
            }
            case 4 -> {
                sb.append(LocalDate.ofEpochDay(Math.floorDiv(t / 1_000_000_000L, 86_400L))).append(' ');
                hms(sb, t).append(' ');
            }
            default -> {
                if (first < 0) {
                    first = t;
                }
                hms(sb, t - first).append(' ');
            }
        }
    }

    private StringBuilder hms(StringBuilder sb, long t) {
        long s = t / 1_000_000_000L;
        long day = s % 86_400L;
        return sb.append(String.format("%02d:%02d:%02d.", day / 3600, day / 60 % 60, day % 60)).append(frac(t));
    }

    private String frac(long t) {
        long ns = t % 1_000_000_000L;
        return options.nano ? String.format("%09d", ns) : String.format("%06d", ns / 1_000);
    }

    private static String pktType(int t) {
        return switch (t) {
            case SllHeader.HOST -> "In";
            case SllHeader.BROADCAST -> "B";
            case SllHeader.MULTICAST -> "M";
            case SllHeader.OTHERHOST -> "P";
            case SllHeader.OUTGOING -> "Out";
            default -> "?";
        };
    }

    /** Linux cooked v1: nothing of the header unless {@code -e}: {@code Out 02:..:.. ethertype IPv4 (0x0800), length 100: }. */
    private static void sll(Out o, byte[] b, int length, int end) {
        if (end < SllHeader.LENGTH) {
            throw new Truncated("sll");
        }
        if (o.link) {
            sllHeader(o, b, length);
        }
        int proto = SllHeader.protocol(b, 0);
        if (proto > 1500 && !EtherPrinter.payload(o, proto, b, SllHeader.LENGTH, length - SllHeader.LENGTH, end)
            && !o.link) {
            sllHeader(o, b, length);
        }
    }

    private static void sllHeader(Out o, byte[] b, int length) {
        o.p(String.format("%3s ", pktType(SllHeader.pktType(b, 0))));
        if (SllHeader.haLen(b, 0) == 6) {
            o.p(o.mac(MacAddress.read(b, SllHeader.ADDR))).p(" ");
        }
        if (!o.quiet) {
            int type = SllHeader.protocol(b, 0);
            String name = Names.etherType(type);
            o.p("ethertype ").p(name != null ? name : "Unknown").p(String.format(" (0x%04x)", type))
                .p(", length ").p(length).p(": ");
        }
    }

    /** Linux cooked v2: {@code eth0  Out } always; with {@code -e} also {@code ifindex 2 02:..:.. ethertype ..., length N: }. */
    private static void sll2(Out o, byte[] b, int length, int end) {
        if (end < Sll2Header.LENGTH) {
            throw new Truncated("sll2");
        }
        String name = o.ifnames.apply(Sll2Header.ifindex(b, 0));
        o.p(String.format("%-5s ", name != null ? name : "?"));
        o.p(String.format("%-3s ", pktType(Sll2Header.pktType(b, 0))));
        if (o.link) {
            sll2Header(o, b, length);
        }
        int proto = Sll2Header.protocol(b, 0);
        if (proto > 1500 && !EtherPrinter.payload(o, proto, b, Sll2Header.LENGTH, length - Sll2Header.LENGTH, end)
            && !o.link) {
            sll2Header(o, b, length - Sll2Header.LENGTH + SllHeader.LENGTH); // tcpdump 4.99 adds the v1 length here
        }
    }

    private static void sll2Header(Out o, byte[] b, int length) {
        o.p("ifindex ").p(Integer.toUnsignedString(Sll2Header.ifindex(b, 0))).p(" ");
        if (Sll2Header.haLen(b, 0) == 6) {
            o.p(o.mac(MacAddress.read(b, Sll2Header.ADDR))).p(" ");
        }
        if (!o.quiet) {
            int type = Bytes.u16(b, Sll2Header.PROTOCOL);
            String name = Names.etherType(type);
            o.p("ethertype ").p(name != null ? name : "Unknown").p(String.format(" (0x%04x)", type))
                .p(", length ").p(length).p(": ");
        }
    }
}
