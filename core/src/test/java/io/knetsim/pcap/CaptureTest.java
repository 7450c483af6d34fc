package io.knetsim.pcap;

import static io.knetsim.pcap.LabWorlds.ping;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.knetsim.net.PacketTap;
import io.knetsim.packet.Bytes;
import io.knetsim.packet.EthernetHeader;
import io.knetsim.sim.SimTime;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Capturing the first ping between two hosts: ARP first, then the echo and its reply.
 *
 * <pre>
 *   h1 [eth0 10.0.0.1] ---- 50 us ---- [eth0 10.0.0.2] h2
 *        ^ capture here
 *   t=0      ARP who-has 10.0.0.2   out
 *   t=100us  ARP 10.0.0.2 is-at     in
 *   t=100us  ICMP echo request      out
 *   t=200us  ICMP echo reply        in
 *   (5 s later h2, whose entry for h1 went DELAY, probes it with a unicast ARP: the labs stop before)
 * </pre>
 */
class CaptureTest {
    @Test
    void aDeviceCaptureRecordsEthernetFramesAtVirtualTimes() throws IOException {
        LabWorlds.TwoHosts t = LabWorlds.twoHosts(1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PcapWriter w = new PcapWriter(out, LinkType.ETHERNET);
        Capture c = Capture.on(t.eth1()).to(w);

        ping(t.h1(), "10.0.0.2", 7, 1);
        t.world().sim().runFor(SimTime.ms(1));
        c.stop();

        List<PcapRecord> rs = PcapReader.readAll(out.toByteArray());
        assertThat(rs).extracting(PcapRecord::timestampNanos)
            .containsExactly(0L, SimTime.us(100), SimTime.us(100), SimTime.us(200));
        assertThat(rs).extracting(r -> EthernetHeader.etherType(r.data(), 0))
            .containsExactly(0x0806, 0x0806, 0x0800, 0x0800);
        assertThat(rs).extracting(PcapRecord::capturedLength).containsExactly(42, 42, 98, 98);
        assertThat(EthernetHeader.dst(rs.get(0).data(), 0)).isEqualTo(0xFFFF_FFFF_FFFFL);
        assertThat(EthernetHeader.src(rs.get(0).data(), 0)).isEqualTo(t.eth1().mac());
        assertThat(c.packets()).isEqualTo(4);
    }

    @Test
    void anyCaptureWritesLinuxCookedHeadersWithPacketTypes() throws IOException {
        LabWorlds.TwoHosts t = LabWorlds.twoHosts(1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Capture c = Capture.onAny(t.h1()).to(new PcapWriter(out, LinkType.LINUX_SLL));

        ping(t.h1(), "10.0.0.2", 7, 1);
        t.world().sim().runFor(SimTime.ms(1));
        c.stop();

        List<PcapRecord> rs = PcapReader.readAll(out.toByteArray());
        assertThat(rs).extracting(r -> SllHeader.pktType(r.data(), 0))
            .containsExactly(SllHeader.OUTGOING, SllHeader.HOST, SllHeader.OUTGOING, SllHeader.HOST);
        assertThat(rs).extracting(r -> SllHeader.protocol(r.data(), 0)).containsExactly(0x0806, 0x0806, 0x0800, 0x0800);
        assertThat(rs).extracting(r -> SllHeader.haType(r.data(), 0)).containsOnly(SllHeader.ARPHRD_ETHER);
        assertThat(rs).extracting(r -> SllHeader.haLen(r.data(), 0)).containsOnly(6);
        assertThat(rs).extracting(PcapRecord::capturedLength).containsExactly(44, 44, 100, 100);
        // the address is the frame's source: ours going out, h2's coming in
        assertThat(io.knetsim.addr.MacAddress.read(rs.get(0).data(), SllHeader.ADDR)).isEqualTo(t.eth1().mac());
        assertThat(io.knetsim.addr.MacAddress.read(rs.get(1).data(), SllHeader.ADDR)).isEqualTo(t.eth2().mac());
        // after the cooked header comes the IP packet itself
        assertThat(rs.get(2).data()[SllHeader.LENGTH]).isEqualTo((byte) 0x45);
    }

    @Test
    void anyCaptureV2CarriesTheInterfaceIndex() {
        LabWorlds.TwoHosts t = LabWorlds.twoHosts(1);
        List<CapturedPacket> got = new ArrayList<>();
        Capture.onAny(t.h1()).linkType(LinkType.LINUX_SLL2).to(got::add);

        ping(t.h1(), "10.0.0.2", 7, 1);
        t.world().sim().runFor(SimTime.ms(1));

        assertThat(got).hasSize(4);
        assertThat(got).extracting(p -> Sll2Header.ifindex(p.data(), 0)).containsOnly(t.eth1().ifindex());
        assertThat(got).extracting(p -> Sll2Header.pktType(p.data(), 0))
            .containsExactly(SllHeader.OUTGOING, SllHeader.HOST, SllHeader.OUTGOING, SllHeader.HOST);
        assertThat(got).extracting(CapturedPacket::direction).containsExactly(PacketTap.Direction.OUT,
            PacketTap.Direction.IN, PacketTap.Direction.OUT, PacketTap.Direction.IN);
        assertThat(got).extracting(p -> Sll2Header.protocol(p.data(), 0)).containsExactly(0x0806, 0x0806, 0x0800, 0x0800);
    }

    @Test
    void loopbackPacketsShowOnceAsReceivedWithTheLoopbackHardwareType() {
        LabWorlds.TwoHosts t = LabWorlds.twoHosts(1);
        List<CapturedPacket> got = new ArrayList<>();
        Capture.onAny(t.h1()).to(got::add);

        ping(t.h1(), "10.0.0.1", 7, 1);
        t.world().sim().runFor(SimTime.ms(1));

        assertThat(got).hasSize(2); // request and reply, each seen once as libpcap shows lo
        assertThat(got).extracting(p -> p.device().name()).containsOnly("lo");
        assertThat(got).extracting(p -> SllHeader.haType(p.data(), 0)).containsOnly(SllHeader.ARPHRD_LOOPBACK);
        assertThat(got).extracting(p -> SllHeader.pktType(p.data(), 0)).containsOnly(SllHeader.HOST);
    }

    @Test
    void aFilterDecidesWhatIsCapturedAndStopRemovesTheTaps() {
        LabWorlds.TwoHosts t = LabWorlds.twoHosts(1);
        List<CapturedPacket> got = new ArrayList<>();
        Capture c = Capture.on(t.eth1())
            .filter(p -> EthernetHeader.etherType(p.data(), 0) == EthernetHeader.TYPE_IPV4)
            .to(got::add);

        ping(t.h1(), "10.0.0.2", 7, 1);
        t.world().sim().runFor(SimTime.ms(1));
        assertThat(c.seen()).isEqualTo(4);
        assertThat(c.packets()).isEqualTo(2);
        assertThat(got).extracting(p -> Bytes.u8(p.data(), 14 + 20)).containsExactly(8, 0); // request, reply

        c.stop();
        ping(t.h1(), "10.0.0.2", 7, 2);
        t.world().sim().runFor(SimTime.ms(1));
        assertThat(c.seen()).isEqualTo(4);
        assertThat(c.stopped()).isTrue();
    }

    @Test
    void anyFollowsDevicesCreatedAfterItStarted() {
        LabWorlds.TwoHosts t = LabWorlds.twoHosts(1);
        List<CapturedPacket> got = new ArrayList<>();
        Capture c = Capture.onAny(t.h1()).to(got::add);
        // a "pod" appears on h1 after the capture started: a veth to a new namespace
        io.knetsim.net.NetNamespace pod = t.world().createNamespace("pod");
        io.knetsim.net.dev.Veth[] v = io.knetsim.net.dev.Veth.createPair(t.h1(), "veth0", pod, "eth0", 1500);
        v[0].setUp(true);
        v[1].setUp(true);
        t.h1().addAddress(v[0], io.knetsim.addr.Cidr.parse("10.9.0.1/24"));
        pod.addAddress(v[1], io.knetsim.addr.Cidr.parse("10.9.0.2/24"));
        ping(pod, "10.9.0.1", 3, 1);
        t.world().sim().runFor(SimTime.ms(1));
        assertThat(c.devices()).extracting(io.knetsim.net.NetDevice::name).contains("veth0");
        assertThat(got).extracting(p -> p.device().name() + " " + p.direction())
            .containsExactly("veth0 IN", "veth0 OUT", "veth0 IN", "veth0 OUT"); // ARP, reply; echo, reply
        c.stop();
        new io.knetsim.net.dev.Bridge(t.h1(), "br0");
        assertThat(c.devices()).extracting(io.knetsim.net.NetDevice::name).doesNotContain("br0");
    }

    @Test
    void linkTypesMustFitWhatIsCaptured() {
        LabWorlds.TwoHosts t = LabWorlds.twoHosts(1);
        assertThatThrownBy(() -> Capture.on(t.eth1()).linkType(LinkType.LINUX_SLL))
            .hasMessage("LINUX_SLL is not one of the link types of eth0: a capture on one device is EN10MB (Ethernet)");
        assertThatThrownBy(() -> Capture.onAny(t.h1()).linkType(LinkType.ETHERNET))
            .hasMessage("a capture on any is LINUX_SLL or LINUX_SLL2, not EN10MB");
    }

    @Test
    void theSameSeedWritesTheSameBytesAndAnotherSeedDoesNot(@TempDir Path dir) throws IOException {
        byte[] a = flannelPingCapture(dir.resolve("a.pcap"), 42);
        byte[] b = flannelPingCapture(dir.resolve("b.pcap"), 42);
        byte[] c = flannelPingCapture(dir.resolve("c.pcap"), 43);
        assertThat(a).isEqualTo(b);
        assertThat(a.length).isGreaterThan(24 + 4 * 16);
        // MACs, IP identifiers and the VXLAN source port come from the seed
        assertThat(c).isNotEqualTo(a);
    }

    private static byte[] flannelPingCapture(Path file, long seed) throws IOException {
        LabWorlds.Flannel f = LabWorlds.flannel(seed);
        Capture c = Capture.onAny(f.a().host()).toFile(file);
        for (int seq = 1; seq <= 3; seq++) {
            ping(f.a().pod(), "11.10.2.2", 9, seq);
            f.world().sim().runFor(SimTime.seconds(1));
        }
        f.world().sim().runUntilIdle();
        c.stop();
        return Files.readAllBytes(file);
    }
}
