package io.knetsim.packet;

import static io.knetsim.packet.TestFrames.IP_POD1;
import static io.knetsim.packet.TestFrames.IP_POD2;
import static io.knetsim.packet.TestFrames.IP_W1;
import static io.knetsim.packet.TestFrames.IP_W2;
import static io.knetsim.packet.TestFrames.MAC_CNI0;
import static io.knetsim.packet.TestFrames.MAC_POD1;
import static io.knetsim.packet.TestFrames.MAC_W1;
import static io.knetsim.packet.TestFrames.MAC_W2;
import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.addr.MacAddress;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pcap4j.packet.ArpPacket;
import org.pcap4j.packet.EthernetPacket;
import org.pcap4j.packet.FragmentedPacket;
import org.pcap4j.packet.IcmpV4CommonPacket;
import org.pcap4j.packet.IcmpV4DestinationUnreachablePacket;
import org.pcap4j.packet.IcmpV4EchoPacket;
import org.pcap4j.packet.IcmpV4EchoReplyPacket;
import org.pcap4j.packet.IcmpV4TimeExceededPacket;
import org.pcap4j.packet.IllegalRawDataException;
import org.pcap4j.packet.IpV4Packet;
import org.pcap4j.packet.TcpMaximumSegmentSizeOption;
import org.pcap4j.packet.TcpNoOperationOption;
import org.pcap4j.packet.TcpPacket;
import org.pcap4j.packet.TcpSackOption;
import org.pcap4j.packet.TcpSackPermittedOption;
import org.pcap4j.packet.TcpTimestampsOption;
import org.pcap4j.packet.TcpWindowScaleOption;
import org.pcap4j.packet.UdpPacket;
import org.pcap4j.packet.namednumber.NamedNumber;

/**
 * pcap4j as an independent reader: every frame our headers emit is decoded by pcap4j, which
 * must see the same field values and find every checksum valid.
 *
 * <pre>
 *   C0w1 10.0.0.3  ---- underlay ----  C0w2 10.0.0.4
 *     cni0 -- pod 11.10.0.2               pod 11.11.0.2
 * </pre>
 */
class Pcap4jOracleTest {

    @Test
    void arpRequestIsABroadcastWhoHas() throws Exception {
        SkBuff skb = arp(ArpHeader.OP_REQUEST, MAC_W1, IP_W1, 0, IP_W2);
        TestFrames.ethernet(skb, MacAddress.BROADCAST.bits(), MAC_W1, EthernetHeader.TYPE_ARP);

        EthernetPacket eth = decode(skb);
        assertThat(mac(eth.getHeader().getDstAddr().getAddress())).isEqualTo("ff:ff:ff:ff:ff:ff");
        assertThat(mac(eth.getHeader().getSrcAddr().getAddress())).isEqualTo("02:42:0a:00:00:03");
        assertThat(num(eth.getHeader().getType())).isEqualTo(0x0806);

        ArpPacket.ArpHeader arp = eth.get(ArpPacket.class).getHeader();
        assertThat(num(arp.getHardwareType())).isEqualTo(1);
        assertThat(num(arp.getProtocolType())).isEqualTo(0x0800);
        assertThat(arp.getHardwareAddrLengthAsInt()).isEqualTo(6);
        assertThat(arp.getProtocolAddrLengthAsInt()).isEqualTo(4);
        assertThat(num(arp.getOperation())).isEqualTo(1);
        assertThat(mac(arp.getSrcHardwareAddr().getAddress())).isEqualTo("02:42:0a:00:00:03");
        assertThat(arp.getSrcProtocolAddr().getHostAddress()).isEqualTo("10.0.0.3");
        assertThat(mac(arp.getDstHardwareAddr().getAddress())).isEqualTo("00:00:00:00:00:00");
        assertThat(arp.getDstProtocolAddr().getHostAddress()).isEqualTo("10.0.0.4");
        assertThat(eth.length()).isEqualTo(42);
    }

    @Test
    void arpReplyIsUnicastIsAt() throws Exception {
        SkBuff skb = arp(ArpHeader.OP_REPLY, MAC_W2, IP_W2, MAC_W1, IP_W1);
        TestFrames.ethernet(skb, MAC_W1, MAC_W2, EthernetHeader.TYPE_ARP);

        ArpPacket.ArpHeader arp = decode(skb).get(ArpPacket.class).getHeader();
        assertThat(num(arp.getOperation())).isEqualTo(2);
        assertThat(mac(arp.getSrcHardwareAddr().getAddress())).isEqualTo("02:42:0a:00:00:04");
        assertThat(arp.getSrcProtocolAddr().getHostAddress()).isEqualTo("10.0.0.4");
        assertThat(mac(arp.getDstHardwareAddr().getAddress())).isEqualTo("02:42:0a:00:00:03");
        assertThat(arp.getDstProtocolAddr().getHostAddress()).isEqualTo("10.0.0.3");
    }

    @Test
    void pingEchoRequestWithDfIdSeqAndPayload() throws Exception {
        byte[] data = TestFrames.pattern(56);
        SkBuff skb = TestFrames.icmp(TestFrames.payload(data), IcmpHeader.ECHO_REQUEST, 0, (0x1c2b << 16) | 3);
        TestFrames.ipv4(skb, 0xbeef, true, false, 0, 64, Ipv4Header.PROTO_ICMP, IP_POD1, IP_POD2);
        TestFrames.ethernet(skb, MAC_CNI0, MAC_POD1, EthernetHeader.TYPE_IPV4);
        byte[] ours = skb.toByteArray();

        EthernetPacket eth = decode(skb);
        IpV4Packet.IpV4Header ip = eth.get(IpV4Packet.class).getHeader();
        assertThat(num(ip.getVersion())).isEqualTo(4);
        assertThat(ip.getIhlAsInt()).isEqualTo(5);
        assertThat(ip.getTotalLengthAsInt()).isEqualTo(20 + 8 + 56);
        assertThat(ip.getIdentificationAsInt()).isEqualTo(0xbeef);
        assertThat(ip.getDontFragmentFlag()).isTrue();
        assertThat(ip.getMoreFragmentFlag()).isFalse();
        assertThat(ip.getReservedFlag()).isFalse();
        assertThat(ip.getFragmentOffset()).isZero();
        assertThat(ip.getTtlAsInt()).isEqualTo(64);
        assertThat(num(ip.getProtocol())).isEqualTo(1);
        assertThat(ip.getSrcAddr().getHostAddress()).isEqualTo("11.10.0.2");
        assertThat(ip.getDstAddr().getHostAddress()).isEqualTo("11.11.0.2");
        assertThat(ip.getHeaderChecksum() & 0xffff).isEqualTo(Ipv4Header.checksum(ours, 14));
        assertThat(ip.hasValidChecksum(false)).isTrue();

        IcmpV4CommonPacket icmp = eth.get(IcmpV4CommonPacket.class);
        assertThat(num(icmp.getHeader().getType())).isEqualTo(8);
        assertThat(num(icmp.getHeader().getCode())).isZero();
        assertThat(icmp.getHeader().getChecksum() & 0xffff).isEqualTo(IcmpHeader.checksum(ours, 34));
        assertThat(icmp.hasValidChecksum(false)).isTrue();

        IcmpV4EchoPacket echo = eth.get(IcmpV4EchoPacket.class);
        assertThat(echo.getHeader().getIdentifierAsInt()).isEqualTo(0x1c2b);
        assertThat(echo.getHeader().getSequenceNumberAsInt()).isEqualTo(3);
        assertThat(echo.getPayload().getRawData()).isEqualTo(data);
    }

    @Test
    void pingEchoReply() throws Exception {
        byte[] data = TestFrames.pattern(56);
        SkBuff skb = TestFrames.icmp(TestFrames.payload(data), IcmpHeader.ECHO_REPLY, 0, (0x1c2b << 16) | 65535);
        TestFrames.ipv4(skb, 0x0001, false, false, 0, 63, Ipv4Header.PROTO_ICMP, IP_POD2, IP_POD1);
        TestFrames.ethernet(skb, MAC_POD1, MAC_CNI0, EthernetHeader.TYPE_IPV4);

        EthernetPacket eth = decode(skb);
        assertThat(eth.get(IpV4Packet.class).getHeader().getDontFragmentFlag()).isFalse();
        assertThat(eth.get(IpV4Packet.class).getHeader().getTtlAsInt()).isEqualTo(63);
        IcmpV4CommonPacket icmp = eth.get(IcmpV4CommonPacket.class);
        assertThat(num(icmp.getHeader().getType())).isZero();
        assertThat(icmp.hasValidChecksum(false)).isTrue();
        IcmpV4EchoReplyPacket reply = eth.get(IcmpV4EchoReplyPacket.class);
        assertThat(reply.getHeader().getIdentifierAsInt()).isEqualTo(0x1c2b);
        assertThat(reply.getHeader().getSequenceNumberAsInt()).isEqualTo(65535);
        assertThat(reply.getPayload().getRawData()).isEqualTo(data);
    }

    @Test
    void fragmentsCarryMfAndTheOffsetInEightByteUnits() throws Exception {
        byte[] middle = TestFrames.pattern(1480);
        SkBuff skb = TestFrames.payload(middle);
        TestFrames.ipv4(skb, 0x1234, false, true, 1480, 64, Ipv4Header.PROTO_UDP, IP_W1, IP_W2);
        TestFrames.ethernet(skb, MAC_W2, MAC_W1, EthernetHeader.TYPE_IPV4);

        EthernetPacket eth = decode(skb);
        IpV4Packet v4 = eth.get(IpV4Packet.class);
        assertThat(v4.getHeader().getMoreFragmentFlag()).isTrue();
        assertThat(v4.getHeader().getDontFragmentFlag()).isFalse();
        assertThat(v4.getHeader().getFragmentOffset()).isEqualTo((short) 185);
        assertThat(v4.getHeader().getIdentificationAsInt()).isEqualTo(0x1234);
        assertThat(v4.getHeader().getTotalLengthAsInt()).isEqualTo(1500);
        assertThat(v4.getHeader().hasValidChecksum(false)).isTrue();
        assertThat(v4.getPayload()).isInstanceOf(FragmentedPacket.class);
        assertThat(v4.getPayload().getRawData()).isEqualTo(middle);

        SkBuff last = TestFrames.payload(TestFrames.pattern(40));
        TestFrames.ipv4(last, 0x1234, false, false, 2960, 64, Ipv4Header.PROTO_UDP, IP_W1, IP_W2);
        IpV4Packet.IpV4Header h = IpV4Packet.newPacket(last.toByteArray(), 0, last.len()).getHeader();
        assertThat(h.getMoreFragmentFlag()).isFalse();
        assertThat(h.getFragmentOffset()).isEqualTo((short) 370);
        assertThat(Ipv4Header.Repr.parse(last.buf(), last.data()).fragmentOffset()).isEqualTo(2960);
    }

    @Test
    void fragmentationNeededQuotesTheDatagramAndGivesTheNextHopMtu() throws Exception {
        SkBuff offending = TestFrames.udp(TestFrames.payload(TestFrames.pattern(1472)), IP_POD1, IP_POD2,
            40000, 9000, true);
        TestFrames.ipv4(offending, 77, true, false, 0, 63, Ipv4Header.PROTO_UDP, IP_POD1, IP_POD2);
        byte[] quoted = TestFrames.quote(offending);
        assertThat(quoted).hasSize(28);

        SkBuff skb = TestFrames.icmp(TestFrames.payload(quoted), IcmpHeader.DEST_UNREACHABLE,
            IcmpHeader.FRAG_NEEDED, 1450);
        TestFrames.ipv4(skb, 5, false, false, 0, 64, Ipv4Header.PROTO_ICMP, ip("11.10.0.1"), IP_POD1);
        TestFrames.ethernet(skb, MAC_POD1, MAC_CNI0, EthernetHeader.TYPE_IPV4);

        EthernetPacket eth = decode(skb);
        IcmpV4CommonPacket icmp = eth.get(IcmpV4CommonPacket.class);
        assertThat(num(icmp.getHeader().getType())).isEqualTo(3);
        assertThat(num(icmp.getHeader().getCode())).isEqualTo(4);
        assertThat(icmp.hasValidChecksum(false)).isTrue();
        IcmpV4DestinationUnreachablePacket unreach = eth.get(IcmpV4DestinationUnreachablePacket.class);
        assertThat(unreach.getHeader().getUnused() & 0xffff).isEqualTo(1450);
        assertThat(unreach.getPayload().getRawData()).isEqualTo(quoted);
        assertThat(IcmpHeader.nextHopMtu(skb.buf(), skb.transportHeader)).isEqualTo(1450);

        IpV4Packet.IpV4Header inner = ((IpV4Packet) unreach.getPayload()).getHeader();
        assertThat(inner.getSrcAddr().getHostAddress()).isEqualTo("11.10.0.2");
        assertThat(inner.getDstAddr().getHostAddress()).isEqualTo("11.11.0.2");
        assertThat(inner.getTotalLengthAsInt()).isEqualTo(1500);
        assertThat(inner.getDontFragmentFlag()).isTrue();
        assertThat(inner.hasValidChecksum(false)).isTrue();
        UdpPacket.UdpHeader quotedUdp = UdpPacket.newPacket(quoted, 20, 8).getHeader();
        assertThat(quotedUdp.getSrcPort().valueAsInt()).isEqualTo(40000);
        assertThat(quotedUdp.getDstPort().valueAsInt()).isEqualTo(9000);
    }

    @Test
    void timeExceededQuotesTheExpiredDatagram() throws Exception {
        SkBuff offending = TestFrames.icmp(TestFrames.payload(TestFrames.pattern(32)), IcmpHeader.ECHO_REQUEST,
            0, (7 << 16) | 1);
        TestFrames.ipv4(offending, 99, true, false, 0, 1, Ipv4Header.PROTO_ICMP, IP_POD1, IP_POD2);
        byte[] quoted = TestFrames.quote(offending);

        SkBuff skb = TestFrames.icmp(TestFrames.payload(quoted), IcmpHeader.TIME_EXCEEDED,
            IcmpHeader.TTL_EXCEEDED, 0);
        TestFrames.ipv4(skb, 6, false, false, 0, 64, Ipv4Header.PROTO_ICMP, IP_W1, IP_POD1);
        TestFrames.ethernet(skb, MAC_POD1, MAC_CNI0, EthernetHeader.TYPE_IPV4);

        EthernetPacket eth = decode(skb);
        IcmpV4CommonPacket icmp = eth.get(IcmpV4CommonPacket.class);
        assertThat(num(icmp.getHeader().getType())).isEqualTo(11);
        assertThat(num(icmp.getHeader().getCode())).isZero();
        assertThat(icmp.hasValidChecksum(false)).isTrue();
        IcmpV4TimeExceededPacket te = eth.get(IcmpV4TimeExceededPacket.class);
        assertThat(te.getHeader().getUnused()).isZero();
        IpV4Packet.IpV4Header inner = ((IpV4Packet) te.getPayload()).getHeader();
        assertThat(inner.getTtlAsInt()).isEqualTo(1);
        assertThat(inner.getIdentificationAsInt()).isEqualTo(99);
        assertThat(te.getPayload().getRawData()).isEqualTo(quoted);
    }

    @Test
    void udpWithChecksum() throws Exception {
        byte[] data = "knetsim".getBytes(StandardCharsets.US_ASCII);
        SkBuff skb = TestFrames.udp(TestFrames.payload(data), IP_POD1, IP_POD2, 41000, 9000, true);
        TestFrames.ipv4(skb, 1, true, false, 0, 64, Ipv4Header.PROTO_UDP, IP_POD1, IP_POD2);
        TestFrames.ethernet(skb, MAC_CNI0, MAC_POD1, EthernetHeader.TYPE_IPV4);
        byte[] ours = skb.toByteArray();

        EthernetPacket eth = decode(skb);
        UdpPacket udp = eth.get(UdpPacket.class);
        assertThat(udp.getHeader().getSrcPort().valueAsInt()).isEqualTo(41000);
        assertThat(udp.getHeader().getDstPort().valueAsInt()).isEqualTo(9000);
        assertThat(udp.getHeader().getLengthAsInt()).isEqualTo(8 + data.length);
        assertThat(udp.getHeader().getChecksum() & 0xffff).isEqualTo(UdpHeader.checksum(ours, 34)).isNotZero();
        assertThat(udp.hasValidChecksum(addr(IP_POD1), addr(IP_POD2), false)).isTrue();
        assertThat(udp.getPayload().getRawData()).isEqualTo(data);
    }

    @Test
    void udpChecksumThatComputesToZeroIsSentAsAllOnes() throws Exception {
        byte[] data = new byte[4];
        SkBuff probe = TestFrames.udp(TestFrames.payload(data), IP_POD1, IP_POD2, 41000, 9000, true);
        int c = UdpHeader.checksum(probe.buf(), probe.data());
        data[2] = (byte) (c >>> 8); // adding the checksum as a data word makes the sum all ones
        data[3] = (byte) c;
        SkBuff skb = TestFrames.udp(TestFrames.payload(data), IP_POD1, IP_POD2, 41000, 9000, true);
        assertThat(UdpHeader.checksum(skb.buf(), skb.data())).isEqualTo(0xffff);
        TestFrames.ipv4(skb, 1, true, false, 0, 64, Ipv4Header.PROTO_UDP, IP_POD1, IP_POD2);

        UdpPacket udp = IpV4Packet.newPacket(skb.toByteArray(), 0, skb.len()).get(UdpPacket.class);
        assertThat(udp.getHeader().getChecksum()).isEqualTo((short) 0xffff);
        assertThat(udp.hasValidChecksum(addr(IP_POD1), addr(IP_POD2), false)).isTrue();
    }

    @Test
    void tcpSynWithLinuxOptions() throws Exception {
        TcpHeader.Repr syn = new TcpHeader.Repr(43512, 8000, 0xDEADBEEF, 0, TcpHeader.SYN, 64240, 0,
            TcpHeader.Options.syn(1460, 7, 0x8899aabbL, 0));
        SkBuff skb = TestFrames.tcp(TestFrames.payload(new byte[0]), IP_POD1, IP_POD2, syn);
        TestFrames.ipv4(skb, 0, true, false, 0, 64, Ipv4Header.PROTO_TCP, IP_POD1, IP_POD2);
        TestFrames.ethernet(skb, MAC_CNI0, MAC_POD1, EthernetHeader.TYPE_IPV4);
        byte[] ours = skb.toByteArray();

        EthernetPacket eth = decode(skb);
        assertThat(eth.get(IpV4Packet.class).getHeader().getTotalLengthAsInt()).isEqualTo(60);
        TcpPacket tcp = eth.get(TcpPacket.class);
        TcpPacket.TcpHeader h = tcp.getHeader();
        assertThat(h.getSrcPort().valueAsInt()).isEqualTo(43512);
        assertThat(h.getDstPort().valueAsInt()).isEqualTo(8000);
        assertThat(h.getSequenceNumberAsLong()).isEqualTo(0xDEADBEEFL);
        assertThat(h.getAcknowledgmentNumberAsLong()).isZero();
        assertThat(h.getDataOffsetAsInt()).isEqualTo(10);
        assertThat(h.getSyn()).isTrue();
        assertThat(h.getAck() || h.getFin() || h.getRst() || h.getPsh() || h.getUrg()).isFalse();
        assertThat(h.getWindowAsInt()).isEqualTo(64240);
        assertThat(h.getUrgentPointerAsInt()).isZero();
        assertThat(h.getChecksum() & 0xffff).isEqualTo(TcpHeader.checksum(ours, 34));
        assertThat(tcp.hasValidChecksum(addr(IP_POD1), addr(IP_POD2), false)).isTrue();

        List<TcpPacket.TcpOption> o = h.getOptions();
        assertThat(o).hasSize(5);
        assertThat(((TcpMaximumSegmentSizeOption) o.get(0)).getMaxSegSizeAsInt()).isEqualTo(1460);
        assertThat(o.get(1)).isInstanceOf(TcpSackPermittedOption.class);
        TcpTimestampsOption ts = (TcpTimestampsOption) o.get(2);
        assertThat(ts.getTsValueAsLong()).isEqualTo(0x8899aabbL);
        assertThat(ts.getTsEchoReplyAsLong()).isZero();
        assertThat(o.get(3)).isInstanceOf(TcpNoOperationOption.class);
        assertThat(((TcpWindowScaleOption) o.get(4)).getShiftCountAsInt()).isEqualTo(7);
    }

    @Test
    void tcpDataSegmentWithTimestampsAndSack() throws Exception {
        byte[] data = "GET / HTTP/1.1\r\nHost: 100.64.11.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        TcpHeader.Repr seg = new TcpHeader.Repr(43512, 8000, 0xDEADBEF0, 0x01020304, TcpHeader.PSH | TcpHeader.ACK,
            502, 0, TcpHeader.Options.timestamps(1000, 0xfffffff0L).withSack(TcpHeader.sack(10, 20)));
        SkBuff skb = TestFrames.tcp(TestFrames.payload(data), IP_POD1, IP_POD2, seg);
        TestFrames.ipv4(skb, 2, true, false, 0, 64, Ipv4Header.PROTO_TCP, IP_POD1, IP_POD2);
        TestFrames.ethernet(skb, MAC_CNI0, MAC_POD1, EthernetHeader.TYPE_IPV4);

        TcpPacket tcp = decode(skb).get(TcpPacket.class);
        TcpPacket.TcpHeader h = tcp.getHeader();
        assertThat(h.getAcknowledgmentNumber()).isEqualTo(0x01020304);
        assertThat(h.getPsh() && h.getAck()).isTrue();
        assertThat(h.getSyn() || h.getFin()).isFalse();
        assertThat(h.getDataOffsetAsInt()).isEqualTo(11); // 20 + TS 12 + nop nop sack(1 block) 12
        assertThat(h.getWindowAsInt()).isEqualTo(502);
        assertThat(tcp.hasValidChecksum(addr(IP_POD1), addr(IP_POD2), false)).isTrue();
        assertThat(tcp.getPayload().getRawData()).isEqualTo(data);

        List<TcpPacket.TcpOption> o = h.getOptions();
        assertThat(o).hasSize(6);
        assertThat(o.subList(0, 2)).allMatch(x -> x instanceof TcpNoOperationOption);
        TcpTimestampsOption ts = (TcpTimestampsOption) o.get(2);
        assertThat(ts.getTsValueAsLong()).isEqualTo(1000);
        assertThat(ts.getTsEchoReplyAsLong()).isEqualTo(0xfffffff0L);
        assertThat(o.subList(3, 5)).allMatch(x -> x instanceof TcpNoOperationOption);
        TcpSackOption sack = (TcpSackOption) o.get(5);
        assertThat(sack.getLengthAsInt()).isEqualTo(10);
        assertThat(sack.getRawData()).isEqualTo(ChecksumTest.hex("05 0a 00 00 00 0a 00 00 00 14"));
    }

    @Test
    void flannelVxlanCarriesAPodFrameBetweenWorkers() throws Exception {
        byte[] data = TestFrames.pattern(56);
        SkBuff skb = TestFrames.icmp(TestFrames.payload(data), IcmpHeader.ECHO_REQUEST, 0, (42 << 16) | 1);
        TestFrames.ipv4(skb, 0x4242, true, false, 0, 63, Ipv4Header.PROTO_ICMP, IP_POD1, IP_POD2);
        long vtepW1 = MacAddress.parse("96:2e:61:11:00:01").bits();
        long vtepW2 = MacAddress.parse("96:2e:61:11:00:02").bits();
        TestFrames.ethernet(skb, vtepW2, vtepW1, EthernetHeader.TYPE_IPV4);
        byte[] innerFrame = skb.toByteArray();

        TestFrames.vxlan(skb, 100);
        // a zero UDP checksum, as a VXLAN device created with noudpcsum sends
        TestFrames.udp(skb, IP_W1, IP_W2, 54321, VxlanHeader.LINUX_FLANNEL_PORT, false);
        TestFrames.ipv4(skb, 0x0777, false, false, 0, 64, Ipv4Header.PROTO_UDP, IP_W1, IP_W2);
        TestFrames.ethernet(skb, MAC_W2, MAC_W1, EthernetHeader.TYPE_IPV4);
        assertThat(skb.len()).isEqualTo(innerFrame.length + VxlanHeader.ENCAP_OVERHEAD);

        EthernetPacket outer = decode(skb);
        assertThat(mac(outer.getHeader().getDstAddr().getAddress())).isEqualTo("02:42:0a:00:00:04");
        IpV4Packet.IpV4Header ip = outer.get(IpV4Packet.class).getHeader();
        assertThat(ip.getSrcAddr().getHostAddress()).isEqualTo("10.0.0.3");
        assertThat(ip.getDstAddr().getHostAddress()).isEqualTo("10.0.0.4");
        assertThat(ip.getTotalLengthAsInt()).isEqualTo(20 + 8 + 8 + innerFrame.length);
        assertThat(ip.hasValidChecksum(false)).isTrue();
        UdpPacket udp = outer.get(UdpPacket.class);
        assertThat(udp.getHeader().getDstPort().valueAsInt()).isEqualTo(8472);
        assertThat(udp.getHeader().getSrcPort().valueAsInt()).isEqualTo(54321);
        assertThat(udp.getHeader().getLengthAsInt()).isEqualTo(8 + 8 + innerFrame.length);
        assertThat(udp.getHeader().getChecksum()).isZero();
        assertThat(udp.hasValidChecksum(addr(IP_W1), addr(IP_W2), true)).isTrue();

        byte[] vx = udp.getPayload().getRawData();
        VxlanHeader.Repr v = VxlanHeader.Repr.parse(vx, 0);
        assertThat(v.isValid()).isTrue();
        assertThat(v.vni()).isEqualTo(100);
        assertThat(java.util.Arrays.copyOfRange(vx, 8, vx.length)).isEqualTo(innerFrame);

        EthernetPacket inner = EthernetPacket.newPacket(vx, VxlanHeader.LENGTH, vx.length - VxlanHeader.LENGTH);
        assertThat(mac(inner.getHeader().getSrcAddr().getAddress())).isEqualTo("96:2e:61:11:00:01");
        IpV4Packet.IpV4Header innerIp = inner.get(IpV4Packet.class).getHeader();
        assertThat(innerIp.getSrcAddr().getHostAddress()).isEqualTo("11.10.0.2");
        assertThat(innerIp.getDstAddr().getHostAddress()).isEqualTo("11.11.0.2");
        assertThat(innerIp.getTtlAsInt()).isEqualTo(63);
        assertThat(innerIp.hasValidChecksum(false)).isTrue();
        IcmpV4EchoPacket echo = inner.get(IcmpV4EchoPacket.class);
        assertThat(echo.getHeader().getIdentifierAsInt()).isEqualTo(42);
        assertThat(echo.getHeader().getSequenceNumberAsInt()).isEqualTo(1);
        assertThat(inner.get(IcmpV4CommonPacket.class).hasValidChecksum(false)).isTrue();
    }

    private static SkBuff arp(int op, long sha, int spa, long tha, int tpa) {
        SkBuff skb = SkBuff.allocate(SkBuff.DEFAULT_HEADROOM, ArpHeader.LENGTH);
        int off = skb.put(ArpHeader.LENGTH);
        new ArpHeader.Repr(op, new MacAddress(sha), new Ipv4Address(spa), new MacAddress(tha), new Ipv4Address(tpa))
            .emit(skb.buf(), off);
        skb.networkHeader = off;
        return skb;
    }

    private static EthernetPacket decode(SkBuff skb) throws IllegalRawDataException {
        byte[] b = skb.toByteArray();
        EthernetPacket p = EthernetPacket.newPacket(b, 0, b.length);
        assertThat(p.getRawData()).as("pcap4j re-serialises the same bytes").isEqualTo(b);
        return p;
    }

    private static int num(NamedNumber<? extends Number, ?> n) {
        return n.value().intValue() & (n.value() instanceof Byte ? 0xff : 0xffff);
    }

    private static String mac(byte[] b) {
        return MacAddress.format(MacAddress.read(b, 0));
    }

    private static InetAddress addr(int bits) throws java.net.UnknownHostException {
        return InetAddress.getByAddress(new Ipv4Address(bits).toBytes());
    }

    private static int ip(String s) {
        return TestFrames.ip(s);
    }
}
