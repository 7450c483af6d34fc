package io.knetsim.pcap;

import static io.knetsim.pcap.LabWorlds.ping;
import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.sim.SimTime;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Captures checked by Wireshark's dissectors (tshark): the bytes knetsim puts on the wire must be
 * what Linux would send, so that a researcher's trace opens cleanly.
 *
 * <pre>
 *  podA 11.10.1.2 --veth-- cni0 [hostA] flannel.100 (VNI 100, UDP 8472) eth0 10.0.0.3
 *                                                                          |  capture here
 *  podB 11.10.2.2 --veth-- cni0 [hostB] flannel.100                     eth0 10.0.0.4
 * </pre>
 */
class WiresharkReadsCapturesTest {
    private static final List<String> CHECK_SUMS = List.of("-o", "ip.check_checksum:TRUE", "-o",
        "udp.check_checksum:TRUE", "-o", "tcp.check_checksum:TRUE");

    @Test
    void flannelVxlanPacketsCarryVni100PodAddressesAndGoodChecksums(@TempDir Path dir) throws IOException {
        Tshark tshark = Tshark.require("flannel VXLAN capture check");
        LabWorlds.Flannel f = LabWorlds.flannel(7);
        Path file = dir.resolve("hostA-eth0.pcap");
        Capture c = Capture.on(f.a().eth0()).toFile(file);
        for (int seq = 1; seq <= 3; seq++) {
            ping(f.a().pod(), "11.10.2.2", 0x1234, seq);
            f.world().sim().runFor(SimTime.seconds(1));
        }
        c.stop();

        List<String> opts = new java.util.ArrayList<>(List.of("-d", "udp.port==8472,vxlan"));
        opts.addAll(CHECK_SUMS);
        List<List<String>> rows = tshark.fields(file, opts, "vxlan.vni", "ip.src", "ip.dst", "ip.ttl",
            "ip.checksum.status", "udp.checksum.status", "icmp.checksum.status", "icmp.type", "_ws.malformed",
            "_ws.expert.message");
        List<List<String>> vxlan = rows.stream().filter(r -> !r.get(0).isEmpty()).toList();
        assertThat(vxlan).hasSize(6);
        for (List<String> r : vxlan) {
            assertThat(r.get(0)).as("VNI").isEqualTo("100");
            boolean request = r.get(7).equals("8");
            assertThat(r.get(1)).as("outer and inner source")
                .isEqualTo(request ? "10.0.0.3,11.10.1.2" : "10.0.0.4,11.10.2.2");
            assertThat(r.get(2)).as("outer and inner destination")
                .isEqualTo(request ? "10.0.0.4,11.10.2.2" : "10.0.0.3,11.10.1.2");
            // pods send with TTL 64; the node routes once (64 -> 63) before flannel.100 encapsulates
            assertThat(r.get(3)).as("outer and inner TTL").isEqualTo("64,63");
            assertThat(r.get(4)).as("IPv4 header checksums (1 = good)").isEqualTo("1,1");
            assertThat(r.get(5)).as("UDP checksum good (udpcsum, the kernel's default)").isEqualTo("1");
            assertThat(r.get(6)).as("ICMP checksum").isEqualTo("1");
        }
        assertThat(vxlan).extracting(r -> r.get(7)).containsExactly("8", "0", "8", "0", "8", "0");
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.get(8)).as("malformed").isEmpty();
            assertThat(r.get(9)).as("expert info").isEmpty();
        });
    }

    @Test
    void arpIcmpUdpAndFragmentsDecodeAndReassembleCleanly(@TempDir Path dir) throws IOException {
        Tshark tshark = Tshark.require("plain ARP/ICMP/UDP/fragment capture check");
        LabWorlds.TwoHosts t = LabWorlds.twoHosts(3);
        Path file = dir.resolve("h1-eth0.pcap");
        Capture c = Capture.on(t.eth1()).toFile(file);
        ping(t.h1(), "10.0.0.2", 1, 1);
        t.world().sim().runFor(SimTime.ms(1));
        t.h1().udp().send(0, 40000, t.ip2(), 40001, new byte[100]);     // nobody listens: port unreachable
        t.world().sim().runFor(SimTime.ms(1));
        byte[] big = new byte[3000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 7);
        }
        t.h1().udp().send(0, 40000, t.ip2(), 40001, big);               // 3008 bytes of UDP: three fragments
        t.world().sim().runFor(SimTime.ms(1));
        c.stop();

        List<List<String>> rows = tshark.fields(file, CHECK_SUMS, "frame.protocols", "ip.checksum.status",
            "icmp.checksum.status", "udp.checksum.status", "ip.flags.mf", "ip.reassembled_in",
            "ip.reassembled.length", "_ws.malformed", "_ws.expert.message");
        assertThat(rows).hasSize(10);
        assertThat(rows).extracting(r -> r.get(0)).startsWith("eth:ethertype:arp", "eth:ethertype:arp",
            "eth:ethertype:ip:icmp:data", "eth:ethertype:ip:icmp:data", "eth:ethertype:ip:udp:data");
        // every IPv4 header (and every quoted one) verifies
        rows.stream().filter(r -> !r.get(1).isEmpty())
            .forEach(r -> assertThat(r.get(1).split(",")).as("IP checksums").containsOnly("1"));
        rows.stream().filter(r -> !r.get(2).isEmpty()).forEach(r -> assertThat(r.get(2)).as("ICMP").isEqualTo("1"));
        // the small datagram's UDP checksum is good
        assertThat(rows.get(4).get(3)).isEqualTo("1");
        // fragments 8 and 9 are reassembled in frame 10, whose UDP checksum over 3008 bytes is good
        assertThat(rows.get(6).get(4)).isEqualTo("1");
        assertThat(rows.get(6).get(5)).isEqualTo("9");
        assertThat(rows.get(7).get(5)).isEqualTo("9");
        assertThat(rows.get(8).get(6)).isEqualTo("3008");
        assertThat(rows.get(8).get(3)).isEqualTo("1");
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.get(7)).as("malformed").isEmpty();
            assertThat(r.get(8)).as("expert info").isEmpty();
        });
    }

    @Test
    void cookedCapturesOnAnyDecodeWithTheirInterfaceIndexes(@TempDir Path dir) throws IOException {
        Tshark tshark = Tshark.require("Linux cooked capture check");
        LabWorlds.Flannel f = LabWorlds.flannel(7);
        Path v1 = dir.resolve("any-v1.pcap");
        Path v2 = dir.resolve("any-v2.pcap");
        Capture c1 = Capture.onAny(f.a().host()).toFile(v1);
        Capture c2 = Capture.onAny(f.a().host()).linkType(LinkType.LINUX_SLL2).toFile(v2);
        ping(f.a().pod(), "11.10.2.2", 1, 1);
        f.world().sim().runFor(SimTime.ms(10));
        c1.stop();
        c2.stop();

        List<List<String>> r1 = tshark.fields(v1, List.of("-d", "udp.port==8472,vxlan"), "sll.pkttype", "sll.hatype",
            "sll.etype", "ip.src", "_ws.malformed");
        List<List<String>> r2 = tshark.fields(v2, List.of("-d", "udp.port==8472,vxlan"), "sll.pkttype", "sll.ifindex",
            "sll.etype", "ip.src", "_ws.malformed");
        assertThat(r1).hasSize(14).allSatisfy(r -> assertThat(r.get(4)).isEmpty());
        assertThat(r2).hasSize(14).allSatisfy(r -> assertThat(r.get(4)).isEmpty());
        assertThat(r1).extracting(r -> r.get(0)).isEqualTo(r2.stream().map(r -> r.get(0)).toList());
        int veth = f.a().host().device("veth1").ifindex();
        int cni0 = f.a().cni0().ifindex();
        int vx = f.a().flannel().ifindex();
        int eth0 = f.a().eth0().ifindex();
        // the echo request: bridge port (to another host's MAC), bridge, VXLAN device, then the wire
        List<String> request = r2.stream().filter(r -> r.get(3).startsWith("11.10.1.2") || r.get(3).equals("10.0.0.3,11.10.1.2"))
            .map(r -> r.get(0) + "@" + r.get(1)).toList();
        assertThat(request).containsExactly("3@" + veth, "0@" + cni0, "4@" + vx, "4@" + eth0);
    }
}
