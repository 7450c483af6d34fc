package io.knetsim.net;

import io.knetsim.net.topo.TwoWorkerOverlay;
import static io.knetsim.net.Fixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.net.link.LinkConfig;
import io.knetsim.packet.EthernetHeader;
import io.knetsim.packet.Ipv4Header;
import io.knetsim.packet.UdpHeader;
import io.knetsim.packet.VxlanHeader;
import io.knetsim.tool.Invocation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Lab: pod to pod across two workers over a flannel-style VXLAN overlay (see
 * {@link TwoWorkerOverlay} for the picture).
 */
class VxlanOverlayTest {
    private final TwoWorkerOverlay w = new TwoWorkerOverlay(3, LinkConfig.DEFAULT);

    @Test
    void podsPingAcrossWorkersWithTtl62AsOnAFlannelCluster() {
        Invocation ping = run(w.podA, "ping -c 2 11.10.2.2");

        // pod 64 -> hostA forwards (63) -> tunnel -> hostB forwards (62) -> pod B; same way back
        assertThat(ping.stdout()).contains("64 bytes from 11.10.2.2: icmp_seq=1 ttl=62",
            "64 bytes from 11.10.2.2: icmp_seq=2 ttl=62 time=0.100 ms", "2 received, 0% packet loss");
    }

    @Test
    void theUnderlayCarriesVxlanWithVni100OnUdp8472() {
        List<byte[]> frames = new ArrayList<>();
        w.ethA.addTap((dev, skb, dir) -> {
            if (dir == PacketTap.Direction.OUT) {
                frames.add(skb.toByteArray());
            }
        });

        run(w.podA, "ping -c 1 11.10.2.2");

        byte[] f = frames.stream().filter(b -> EthernetHeader.etherType(b, 0) == EthernetHeader.TYPE_IPV4)
            .findFirst().orElseThrow();
        int ip = EthernetHeader.LENGTH;
        int udp = ip + Ipv4Header.MIN_LENGTH;
        int vx = udp + UdpHeader.LENGTH;
        int inner = vx + VxlanHeader.LENGTH + EthernetHeader.LENGTH;
        assertThat(Ipv4Header.Repr.parse(f, ip).src()).hasToString("10.0.0.3");
        assertThat(Ipv4Header.Repr.parse(f, ip).dst()).hasToString("10.0.0.4");
        assertThat(Ipv4Header.protocol(f, ip)).isEqualTo(Ipv4Header.PROTO_UDP);
        assertThat(UdpHeader.dstPort(f, udp)).isEqualTo(8472);
        assertThat(UdpHeader.srcPort(f, udp)).isBetween(32768, 60999);
        assertThat(UdpHeader.checksum(f, udp)).as("udpcsum, as the kernel defaults").isNotZero();
        assertThat(UdpHeader.checksumValid(f, udp, UdpHeader.length(f, udp), Ipv4Header.src(f, ip), Ipv4Header.dst(f, ip)))
            .isTrue();
        assertThat(VxlanHeader.vni(f, vx)).isEqualTo(100);
        assertThat(Ipv4Header.Repr.parse(f, inner).src()).hasToString("11.10.1.2");
        assertThat(Ipv4Header.Repr.parse(f, inner).dst()).hasToString("11.10.2.2");
        assertThat(Ipv4Header.ttl(f, inner)).as("hostA routed it once before encapsulating").isEqualTo(63);
        assertThat(f.length).isEqualTo(EthernetHeader.LENGTH + 50 + 84);
    }

    @Test
    void anOversizedPingWithDontFragmentIsRefusedLocallyAtThePodMtu() {
        Invocation ping = run(w.podA, "ping -c 1 -M do -s 1472 11.10.2.2");
        assertThat(ping.stdout()).contains("ping: local error: message too long, mtu=1450",
            "1 packets transmitted, 0 received, +1 errors, 100% packet loss");
    }

    @Test
    void largePingsAreFragmentedAndReassembled() {
        Invocation ping = run(w.podA, "ping -c 1 -s 3000 11.10.2.2");
        assertThat(ping.stdout()).contains("3008 bytes from 11.10.2.2: icmp_seq=1 ttl=62");
        // 3028 bytes of IP in 1450-byte fragments: three each way on the underlay
        assertThat(w.ethB.stats().rxPackets).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aMissingFdbEntryDropsWithAReason() {
        w.vxA.delFdb(new io.knetsim.addr.MacAddress(w.vxB.mac()));
        Invocation ping = run(w.podA, "ping -c 1 -W 1 11.10.2.2");
        assertThat(ping.exitCode()).isEqualTo(1);
        assertThat(w.vxA.stats().drops.get(DropReason.VXLAN_NO_REMOTE)).isEqualTo(1);
    }

    @Test
    void corruptionIsCaughtOutsideOrInsideTheTunnel() {
        List<byte[]> frames = new ArrayList<>();
        w.ethA.addTap((dev, skb, dir) -> frames.add(skb.toByteArray()));
        run(w.podA, "ping -c 1 11.10.2.2");
        byte[] tunnelled = frames.stream().filter(b -> EthernetHeader.etherType(b, 0) == EthernetHeader.TYPE_IPV4
            && UdpHeader.dstPort(b, 34) == 8472 && Ipv4Header.src(b, 14) == w.ethA.primaryAddress().bits())
            .findFirst().orElseThrow();

        byte[] badOuter = tunnelled.clone();
        badOuter[34 + UdpHeader.CHECKSUM] ^= 0x01;
        w.ethB.receive(io.knetsim.packet.SkBuff.of(badOuter));
        assertThat(w.hostB.device("eth0").stats().drops.get(DropReason.UDP_CSUM)).isEqualTo(1);

        byte[] badInner = tunnelled.clone();
        badInner[badInner.length - 1] ^= 0x01; // last byte of the inner ICMP payload
        long before = w.podB.drops().get(DropReason.ICMP_CSUM);
        w.ethB.receive(io.knetsim.packet.SkBuff.of(badInner));
        w.world.sim().runUntilIdle();
        assertThat(w.podB.drops().get(DropReason.ICMP_CSUM)).isEqualTo(before + 1);
    }

    @Test
    void noudpcsumSendsAZeroChecksum() {
        w.vxA.setUdpChecksum(false);
        List<byte[]> frames = new ArrayList<>();
        w.ethA.addTap((dev, skb, dir) -> frames.add(skb.toByteArray()));
        run(w.podA, "ping -c 1 11.10.2.2");
        byte[] f = frames.stream().filter(b -> EthernetHeader.etherType(b, 0) == EthernetHeader.TYPE_IPV4
            && UdpHeader.dstPort(b, 34) == 8472 && Ipv4Header.src(b, 14) == w.hostA.device("eth0").primaryAddress().bits())
            .findFirst().orElseThrow();
        assertThat(UdpHeader.checksum(f, 34)).isZero();
    }

    @Test
    void theSameSeedGivesTheSameBytes() {
        assertThat(captureBytes(11)).isEqualTo(captureBytes(11));
    }

    private static List<String> captureBytes(long seed) {
        var tw = new TwoWorkerOverlay(seed, LinkConfig.DEFAULT);
        List<String> out = new ArrayList<>();
        tw.ethA.addTap((dev, skb, dir) -> out.add(dir + java.util.HexFormat.of().formatHex(skb.toByteArray())));
        run(tw.podA, "ping -c 3 11.10.2.2");
        return out;
    }
}
