package io.knetsim.tool.tcpdump;

import static io.knetsim.tool.tcpdump.Frames.MAC1;
import static io.knetsim.tool.tcpdump.Frames.MAC2;
import static io.knetsim.tool.tcpdump.Frames.arp;
import static io.knetsim.tool.tcpdump.Frames.frame;
import static io.knetsim.tool.tcpdump.Frames.icmpEcho;
import static io.knetsim.tool.tcpdump.Frames.ipv4;
import static io.knetsim.tool.tcpdump.Frames.tcp;
import static io.knetsim.tool.tcpdump.Frames.udp;
import static io.knetsim.tool.tcpdump.Frames.udpSegment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.knetsim.net.PacketTap;
import io.knetsim.packet.Ipv4Header;
import io.knetsim.packet.TcpHeader;
import io.knetsim.pcap.CapturedPacket;
import io.knetsim.pcap.LinkType;
import io.knetsim.pcap.Sll2Header;
import io.knetsim.pcap.SllHeader;
import org.junit.jupiter.api.Test;

/**
 * The pcap-filter(7) subset, primitive by primitive, then combinators and libpcap's
 * precedence (not binds tightest; and/or are equal and left-associative), then errors.
 *
 * <pre>
 *   frames:  ICMP 10.0.0.1 > 10.0.0.2      UDP 10.0.0.1.5000 > 10.0.0.2.53
 *            TCP 10.0.0.3.40000 > 10.0.0.1.80   ARP who-has 10.0.0.2 tell 10.0.0.1
 * </pre>
 */
class FilterTest {
    private static final Frame ICMP = frame(icmpEcho("10.0.0.1", "10.0.0.2", 8, 1, 1));
    private static final Frame UDP = frame(udp("10.0.0.1", 5000, "10.0.0.2", 53, 20));
    private static final Frame TCP = frame(tcp("10.0.0.3", 40000, "10.0.0.1", 80, 100, 0, TcpHeader.SYN, 64240,
        TcpHeader.Options.NONE, new byte[0]));
    private static final Frame ARP = frame(arp(1, MAC1, "10.0.0.1", 0, "10.0.0.2"));

    private static boolean m(String expr, Frame f) throws FilterException {
        return Filter.compile(expr).matches(f);
    }

    @Test
    void emptyMatchesEverything() throws FilterException {
        assertThat(m("", ICMP)).isTrue();
        assertThat(m("   ", ARP)).isTrue();
    }

    @Test
    void protocols() throws FilterException {
        assertThat(m("icmp", ICMP)).isTrue();
        assertThat(m("icmp", UDP)).isFalse();
        assertThat(m("udp", UDP)).isTrue();
        assertThat(m("tcp", TCP)).isTrue();
        assertThat(m("tcp", UDP)).isFalse();
        assertThat(m("arp", ARP)).isTrue();
        assertThat(m("arp", ICMP)).isFalse();
        assertThat(m("ip", ICMP)).isTrue();
        assertThat(m("ip", ARP)).isFalse();
        assertThat(m("ip6", ICMP)).isFalse();
        assertThat(m("ip proto 17", UDP)).isTrue();
        assertThat(m("proto \\udp", UDP)).isTrue();
        assertThat(m("ip proto \\tcp", UDP)).isFalse();
        assertThat(m("ether proto \\arp", ARP)).isTrue();
    }

    @Test
    void hostMeansIpOrArpInEitherDirection() throws FilterException {
        assertThat(m("host 10.0.0.2", ICMP)).isTrue();
        assertThat(m("host 10.0.0.1", ICMP)).isTrue();
        assertThat(m("host 10.0.0.9", ICMP)).isFalse();
        assertThat(m("host 10.0.0.2", ARP)).as("ARP target address").isTrue();
        assertThat(m("ip host 10.0.0.2", ARP)).isFalse();
        assertThat(m("arp host 10.0.0.1", ARP)).isTrue();
        assertThat(m("10.0.0.2", ICMP)).as("no qualifier: host").isTrue();
    }

    @Test
    void srcAndDstQualifiers() throws FilterException {
        assertThat(m("src host 10.0.0.1", ICMP)).isTrue();
        assertThat(m("src 10.0.0.1", ICMP)).isTrue();
        assertThat(m("dst host 10.0.0.1", ICMP)).isFalse();
        assertThat(m("dst 10.0.0.2", ICMP)).isTrue();
        assertThat(m("src or dst 10.0.0.2", ICMP)).isTrue();
        assertThat(m("src and dst 10.0.0.2", ICMP)).isFalse();
        assertThat(m("src host 10.0.0.1", ARP)).as("ARP sender").isTrue();
    }

    @Test
    void netsWithPrefixMaskAndAbbreviations() throws FilterException {
        assertThat(m("net 10.0.0.0/24", ICMP)).isTrue();
        assertThat(m("net 10.0.1.0/24", ICMP)).isFalse();
        assertThat(m("net 10.0.0.0 mask 255.255.255.0", ICMP)).isTrue();
        assertThat(m("net 10", ICMP)).as("10 is 10.0.0.0/8").isTrue();
        assertThat(m("net 10.0", ICMP)).isTrue();
        assertThat(m("net 11", ICMP)).isFalse();
        assertThat(m("dst net 10.0.0.2/32", ICMP)).isTrue();
        assertThat(m("src net 10.0.0.2/32", ICMP)).isFalse();
        assertThat(m("10.0.0.0/8", ICMP)).as("CIDR without qualifier is a net").isTrue();
    }

    @Test
    void portsAndRanges() throws FilterException {
        assertThat(m("port 53", UDP)).isTrue();
        assertThat(m("port 80", TCP)).isTrue();
        assertThat(m("port 80", UDP)).isFalse();
        assertThat(m("tcp port 80", TCP)).isTrue();
        assertThat(m("udp port 80", TCP)).isFalse();
        assertThat(m("udp dst port 53", UDP)).isTrue();
        assertThat(m("udp src port 53", UDP)).isFalse();
        assertThat(m("src port 5000", UDP)).isTrue();
        assertThat(m("port domain", UDP)).as("service names").isTrue();
        assertThat(m("tcp port http", TCP)).isTrue();
        assertThat(m("portrange 50-60", UDP)).isTrue();
        assertThat(m("portrange 54-60", UDP)).isFalse();
        assertThat(m("tcp dst portrange 79-81", TCP)).isTrue();
        assertThat(m("port 53", ICMP)).isFalse();
    }

    @Test
    void onlyFirstFragmentsHavePorts() throws FilterException {
        byte[] seg = udpSegment("10.0.0.1", 5000, "10.0.0.2", 6000, 2000);
        Frame first = frame(ipv4("10.0.0.1", "10.0.0.2", 17, java.util.Arrays.copyOf(seg, 1480), 64,
            Ipv4Header.FLAG_MF, 9));
        Frame second = frame(ipv4("10.0.0.1", "10.0.0.2", 17, new byte[528], 64, 185, 9));
        assertThat(m("port 6000", first)).isTrue();
        assertThat(m("port 6000", second)).isFalse();
        assertThat(m("udp", second)).isTrue();
        assertThat(m("host 10.0.0.2", second)).isTrue();
    }

    @Test
    void etherPrimitives() throws FilterException {
        assertThat(m("ether host 02:00:00:00:00:01", ICMP)).isTrue();
        assertThat(m("ether src 02:00:00:00:00:01", ICMP)).isTrue();
        assertThat(m("ether dst 02:00:00:00:00:01", ICMP)).isFalse();
        assertThat(m("ether dst 02:00:00:00:00:02", ICMP)).isTrue();
        assertThat(m("ether host 02-00-00-00-00-02", ICMP)).isTrue();
        assertThat(m("02:00:00:00:00:02", ICMP)).isTrue();
        assertThat(m("ether broadcast", ARP)).isTrue();
        assertThat(m("broadcast", ICMP)).isFalse();
        assertThat(m("ether multicast", ARP)).isTrue();
    }

    @Test
    void lengthsAndDirections() throws FilterException {
        assertThat(ICMP.length()).isEqualTo(98);
        assertThat(m("less 98", ICMP)).isTrue();
        assertThat(m("less 97", ICMP)).isFalse();
        assertThat(m("greater 98", ICMP)).isTrue();
        assertThat(m("greater 99", ICMP)).isFalse();
        byte[] sll2 = new byte[Sll2Header.LENGTH + 84];
        Sll2Header.write(sll2, 0, 0x0800, 2, 1, SllHeader.OUTGOING, MAC1);
        System.arraycopy(ICMP.data(), 14, sll2, Sll2Header.LENGTH, 84);
        Frame out = Frame.of(LinkType.LINUX_SLL2, sll2, 0);
        assertThat(m("outbound", out)).isTrue();
        assertThat(m("inbound", out)).isFalse();
        assertThat(m("icmp and host 10.0.0.2", out)).as("cooked frames filter the same").isTrue();
        assertThat(m("ether src 02:00:00:00:00:01", out)).isTrue();
        Frame live = Frame.of(new CapturedPacket(0, null, PacketTap.Direction.IN, SllHeader.HOST, LinkType.ETHERNET,
            ICMP.data(), 98));
        assertThat(live.direction()).isEqualTo(PacketTap.Direction.IN);
        assertThat(m("inbound", live)).isTrue();
        assertThat(m("inbound", ICMP)).as("a file frame has no direction").isFalse();
    }

    @Test
    void combinatorsAndAbbreviations() throws FilterException {
        assertThat(m("icmp or arp", ICMP)).isTrue();
        assertThat(m("icmp or arp", ARP)).isTrue();
        assertThat(m("icmp or arp", UDP)).isFalse();
        assertThat(m("icmp || arp", ARP)).isTrue();
        assertThat(m("host 10.0.0.1 and port 80", TCP)).isTrue();
        assertThat(m("host 10.0.0.1 && port 53", TCP)).isFalse();
        assertThat(m("not icmp", UDP)).isTrue();
        assertThat(m("! icmp", ICMP)).isFalse();
        assertThat(m("!icmp", ICMP)).isFalse();
        assertThat(m("port 80 or 53", UDP)).as("53 inherits 'port'").isTrue();
        assertThat(m("tcp port 22 or 80", TCP)).isTrue();
        assertThat(m("host 10.0.0.9 or 10.0.0.2", ICMP)).isTrue();
        assertThat(m("not host 10.0.0.9 and 10.0.0.3", TCP)).as("(not host a) and host b").isTrue();
        assertThat(m("not host 10.0.0.9 and 10.0.0.3", ICMP)).isFalse();
        assertThat(m("host 10.0.0.1 and (icmp or arp)", ARP)).isTrue();
        assertThat(m("host 10.0.0.1 and (icmp or arp)", UDP)).isFalse();
        assertThat(m("host 10.0.0.1 and (10.0.0.7 or 10.0.0.2)", ICMP)).as("ids in parentheses inherit").isTrue();
    }

    @Test
    void andAndOrHaveEqualPrecedenceLeftToRight() throws FilterException {
        // "arp or icmp and host 10.0.0.9" is "(arp or icmp) and host 10.0.0.9", not "arp or (icmp and ...)"
        assertThat(m("arp or icmp and host 10.0.0.9", ARP)).isFalse();
        assertThat(m("arp or (icmp and host 10.0.0.9)", ARP)).isTrue();
        // "icmp and host 10.0.0.9 or arp" is "(icmp and host 10.0.0.9) or arp"
        assertThat(m("icmp and host 10.0.0.9 or arp", ARP)).isTrue();
        // not binds tighter than and/or
        assertThat(m("not arp and icmp", ICMP)).isTrue();
        assertThat(m("not (arp or icmp)", ICMP)).isFalse();
        assertThat(m("not not icmp", ICMP)).isTrue();
    }

    @Test
    void filtersSeeOnlyTheOuterHeadersOfATunnel() throws FilterException {
        byte[] inner = icmpEcho("11.10.1.2", "11.10.2.2", 8, 1, 1);
        byte[] vx = new byte[8 + 8 + inner.length];
        vx[8] = 0x08;
        vx[8 + 6] = 100;
        io.knetsim.packet.UdpHeader.write(vx, 0, 41000, 8472, vx.length);
        System.arraycopy(inner, 0, vx, 16, inner.length);
        Frame f = frame(ipv4("10.0.0.3", "10.0.0.4", 17, vx, 64, 0, 5));
        assertThat(m("icmp", f)).isFalse();
        assertThat(m("udp port 8472", f)).isTrue();
        assertThat(m("host 11.10.2.2", f)).isFalse();
    }

    @Test
    void errorsUseLibpcapsMessages() {
        assertThatThrownBy(() -> Filter.compile("host")).hasMessage("can't parse filter expression: syntax error");
        assertThatThrownBy(() -> Filter.compile("icmp and")).hasMessage("can't parse filter expression: syntax error");
        assertThatThrownBy(() -> Filter.compile("(icmp or arp")).hasMessage("can't parse filter expression: syntax error");
        assertThatThrownBy(() -> Filter.compile("icmp arp")).hasMessage("can't parse filter expression: syntax error");
        assertThatThrownBy(() -> Filter.compile("port 80 80")).hasMessage("can't parse filter expression: syntax error");
        assertThatThrownBy(() -> Filter.compile("and icmp")).hasMessage("can't parse filter expression: syntax error");
        assertThatThrownBy(() -> Filter.compile("host db")).hasMessage("unknown host 'db'");
        assertThatThrownBy(() -> Filter.compile("port 70000")).hasMessage("illegal port number 70000 > 65535");
        assertThatThrownBy(() -> Filter.compile("port nosuchservice")).hasMessage("unknown port 'nosuchservice'");
        assertThatThrownBy(() -> Filter.compile("icmp port 80")).hasMessage("illegal qualifier of 'port'");
        assertThatThrownBy(() -> Filter.compile("tcp host 10.0.0.1")).hasMessage("'tcp' modifier applied to host");
        assertThatThrownBy(() -> Filter.compile("net 10.0.0.1/8"))
            .hasMessage("non-network bits set in \"10.0.0.1/8\"");
        assertThatThrownBy(() -> Filter.compile("net 10.0.0.1 mask 255.0.0.0"))
            .hasMessage("non-network bits set in \"10.0.0.1 mask 255.0.0.0\"");
        assertThatThrownBy(() -> Filter.compile("net 10.0.0.0/33")).hasMessage("mask length must be <= 32");
        assertThatThrownBy(() -> Filter.compile("ether host 10.0.0.1")).hasMessage("unknown ether host '10.0.0.1'");
        assertThatThrownBy(() -> Filter.compile("tcp[13] & 2 != 0"))
            .isInstanceOf(FilterException.class).hasMessageStartingWith("knetsim's tcpdump does not support '['");
        assertThatThrownBy(() -> Filter.compile("vlan 100")).hasMessageContaining("does not support 'vlan'");
    }
}
