package io.knetsim.tool.tcpdump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.knetsim.pcap.LinkType;
import io.knetsim.pcap.PcapRecord;
import io.knetsim.sim.SimRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Whatever the bytes, tcpdump prints a line and the filter answers: no exception escapes into
 * the simulation. Frames are random but shaped like real ones (Ethernet or cooked headers,
 * IPv4 with random header fields, ARP, VXLAN, DNS), over many seeds.
 */
class MalformedPacketsTest {
    private static final List<String> FILTERS = List.of("", "icmp", "port 53", "host 10.0.0.1", "net 10/8",
        "arp or udp port 8472", "ether host 02:00:00:00:00:01", "portrange 1-1000 and not tcp", "less 60",
        "inbound or ip proto 6");
    private static final List<String> OPTIONS = List.of("-n", "-n -e", "-nv", "-q", "-e -v", "-S -nn -vvv");

    private static byte[] randomFrame(SimRandom r, LinkType lt) {
        int hdr = lt.headerLength();
        byte[] b = new byte[r.nextInt(hdr + 120)];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) r.nextInt();
        }
        int typeAt = switch (lt) {
            case ETHERNET -> 12;
            case LINUX_SLL -> 14;
            case LINUX_SLL2 -> 0;
        };
        if (b.length >= typeAt + 2) {
            int type = switch (r.nextInt(4)) {
                case 0, 1 -> 0x0800;
                case 2 -> 0x0806;
                default -> r.nextInt(65536);
            };
            b[typeAt] = (byte) (type >>> 8);
            b[typeAt + 1] = (byte) type;
        }
        if (b.length > hdr && r.nextInt(3) > 0) {
            boolean plausible = r.nextInt(2) == 0;
            b[hdr] = (byte) (0x40 | (plausible ? 5 : r.nextInt(16))); // IPv4, any header length
            if (b.length > hdr + 9) {
                b[hdr + 9] = (byte) new int[] {1, 6, 6, 17, 17, 47}[r.nextInt(6)];
            }
            if (plausible && b.length > hdr + 7) {
                int tot = b.length - hdr - r.nextInt(2) * r.nextInt(10);
                b[hdr + 2] = (byte) (tot >>> 8);
                b[hdr + 3] = (byte) tot;
                b[hdr + 6] = 0; // unfragmented
                b[hdr + 7] = 0;
            }
            if (plausible && b.length > hdr + 32) {
                b[hdr + 32] = (byte) ((5 + r.nextInt(11)) << 4); // a TCP data offset within reason
            }
            if (b.length > hdr + 23 && r.nextInt(2) == 0) {
                int port = r.nextInt(2) == 0 ? 8472 : 53; // sometimes to the VXLAN or DNS port
                b[hdr + 22] = (byte) (port >>> 8);
                b[hdr + 23] = (byte) port;
                if (b.length > hdr + 28) {
                    b[hdr + 28] = 0x08;
                }
            }
        }
        return b;
    }

    @Test
    void randomFramesNeverThrow() {
        StringBuilder all = new StringBuilder();
        for (long seed = 1; seed <= 600; seed++) {
            SimRandom r = new SimRandom(seed);
            LinkType lt = LinkType.values()[r.nextInt(3)];
            byte[] b = randomFrame(r, lt);
            int orig = b.length + (r.nextInt(4) == 0 ? r.nextInt(100) : 0);
            Frame f = Frame.of(lt, new PcapRecord(seed * 1000, orig, b));
            for (String o : OPTIONS) {
                PacketPrinter p = new PacketPrinter(TcpdumpOptions.parse(List.of(o.split(" "))), i -> i == 2 ? "eth0" : null);
                long s = seed;
                assertThatCode(() -> all.append(p.print(f)).append('\n')).as("seed %d %s %s", s, lt, o)
                    .doesNotThrowAnyException();
            }
            for (String e : FILTERS) {
                long s = seed;
                assertThatCode(() -> Filter.compile(e).matches(f)).as("seed %d filter %s", s, e)
                    .doesNotThrowAnyException();
            }
        }
        // the frames reach deep into the printers, not just the link layer
        assertThat(all).contains("ICMP", "Flags [", "UDP", "OTV", "ARP", "[|", "(invalid)", "ip-proto-", "[|domain]");
    }
}
