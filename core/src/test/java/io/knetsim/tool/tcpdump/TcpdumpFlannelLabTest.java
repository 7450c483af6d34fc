package io.knetsim.tool.tcpdump;

import static io.knetsim.pcap.LabWorlds.ping;
import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.pcap.LabWorlds;
import io.knetsim.sim.SimTime;
import io.knetsim.tool.Invocation;
import io.knetsim.tool.ToolRunner;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lab: follow a pod-to-pod ping through flannel's VXLAN overlay with tcpdump on the node.
 *
 * <pre>
 *  podA 11.10.1.2 --veth1-- cni0 11.10.1.1 [hostA] flannel.100 11.10.1.0 ==VXLAN 8472== eth0 10.0.0.3
 *                                                                                          |
 *  podB 11.10.2.2 --veth2-- cni0 11.10.2.1 [hostB] flannel.100 11.10.2.0 ==VXLAN 8472== eth0 10.0.0.4
 *
 *      hostA$ tcpdump -n -i eth0          the underlay: UDP to 8472, printed as OTV, inner frame below
 *      hostA$ tcpdump -n -i any           every hop on the node: veth, bridge, VXLAN device, NIC
 * </pre>
 */
class TcpdumpFlannelLabTest {
    @TempDir
    Path dir;

    /** The VXLAN source port is a hash of the inner flow; the lab text does not depend on it. */
    private static String sports(String s) {
        return s.replaceAll("(10\\.0\\.0\\.\\d)\\.\\d+ > ", "$1.SPORT > ");
    }

    private LabWorlds.Flannel pingAtOneSecond(int port) {
        LabWorlds.Flannel f = LabWorlds.flannel(1, port);
        f.world().sim().at(SimTime.seconds(1), () -> ping(f.a().pod(), "11.10.2.2", 1, 1));
        return f;
    }

    @Test
    void theUnderlayCarriesThePingInsideUdp8472WhichTcpdumpCallsOtv() {
        LabWorlds.Flannel f = pingAtOneSecond(8472);
        Invocation td = Tcpdump.runner(dir).run(f.a().host(), "tcpdump -n -i eth0 -c 4");
        assertThat(sports(td.stdout())).isEqualTo(""
            + "00:00:01.000000 ARP, Request who-has 10.0.0.4 tell 10.0.0.3, length 28\n"
            + "00:00:01.000100 ARP, Reply 10.0.0.4 is-at " + f.b().eth0().macAddress() + ", length 28\n"
            + "00:00:01.000100 IP 10.0.0.3.SPORT > 10.0.0.4.8472: OTV, flags [I] (0x08), overlay 0, instance 100\n"
            + "IP 11.10.1.2 > 11.10.2.2: ICMP echo request, id 1, seq 1, length 64\n"
            + "00:00:01.000200 IP 10.0.0.4.SPORT > 10.0.0.3.8472: OTV, flags [I] (0x08), overlay 0, instance 100\n"
            + "IP 11.10.2.2 > 11.10.1.2: ICMP echo reply, id 1, seq 1, length 64\n");
    }

    @Test
    void onTheIanaPortTcpdumpSaysVxlan() {
        LabWorlds.Flannel f = pingAtOneSecond(4789);
        Invocation td = Tcpdump.runner(dir).run(f.a().host(), "tcpdump -n -i eth0 -c 1 udp");
        assertThat(sports(td.stdout())).isEqualTo(""
            + "00:00:01.000100 IP 10.0.0.3.SPORT > 10.0.0.4.4789: VXLAN, flags [I] (0x08), vni 100\n"
            + "IP 11.10.1.2 > 11.10.2.2: ICMP echo request, id 1, seq 1, length 64\n");
    }

    @Test
    void verboseShowsTheInnerTtlAlreadyDecrementedByTheNode() {
        LabWorlds.Flannel f = pingAtOneSecond(8472);
        Invocation td = Tcpdump.runner(dir).run(f.a().host(), "tcpdump -nv -i eth0 -c 1 udp");
        assertThat(sports(td.stdout()).replaceAll("id \\d+, offset", "id N, offset")).isEqualTo(""
            + "00:00:01.000100 IP (tos 0x0, ttl 64, id N, offset 0, flags [none], proto UDP (17), length 134)\n"
            + "    10.0.0.3.SPORT > 10.0.0.4.8472: OTV, flags [I] (0x08), overlay 0, instance 100\n"
            + "IP (tos 0x0, ttl 63, id N, offset 0, flags [DF], proto ICMP (1), length 84)\n"
            + "    11.10.1.2 > 11.10.2.2: ICMP echo request, id 1, seq 1, length 64\n");
    }

    @Test
    void withLinkHeadersBothFramesShowTheirMacs() {
        LabWorlds.Flannel f = pingAtOneSecond(8472);
        Invocation td = Tcpdump.runner(dir).run(f.a().host(), "tcpdump -n -e -i eth0 -c 1 udp");
        assertThat(sports(td.stdout())).isEqualTo("00:00:01.000100 " + f.a().eth0().macAddress() + " > "
            + f.b().eth0().macAddress() + ", ethertype IPv4 (0x0800), length 148: "
            + "10.0.0.3.SPORT > 10.0.0.4.8472: OTV, flags [I] (0x08), overlay 0, instance 100\n"
            + f.a().flannel().macAddress() + " > " + f.b().flannel().macAddress()
            + ", ethertype IPv4 (0x0800), length 98: 11.10.1.2 > 11.10.2.2: ICMP echo request, id 1, seq 1, length 64\n");
    }

    @Test
    void anyFollowsThePacketAcrossEveryDeviceOfTheNode() {
        LabWorlds.Flannel f = pingAtOneSecond(8472);
        Invocation td = Tcpdump.runner(dir).run(f.a().host(), "tcpdump -n -i any -c 14");
        String gw = f.a().cni0().macAddress().toString();
        assertThat(sports(td.stdout())).isEqualTo(""
            // the pod resolves its gateway: broadcast in on the bridge port, up to cni0, answered
            + "00:00:01.000000 veth1 B   ARP, Request who-has 11.10.1.1 tell 11.10.1.2, length 28\n"
            + "00:00:01.000000 cni0  B   ARP, Request who-has 11.10.1.1 tell 11.10.1.2, length 28\n"
            + "00:00:01.000000 cni0  Out ARP, Reply 11.10.1.1 is-at " + gw + ", length 28\n"
            + "00:00:01.000000 veth1 Out ARP, Reply 11.10.1.1 is-at " + gw + ", length 28\n"
            // on the port the frame is for another MAC (cni0's): P, for PACKET_OTHERHOST
            + "00:00:01.000000 veth1 P   IP 11.10.1.2 > 11.10.2.2: ICMP echo request, id 1, seq 1, length 64\n"
            + "00:00:01.000000 cni0  In  IP 11.10.1.2 > 11.10.2.2: ICMP echo request, id 1, seq 1, length 64\n"
            + "00:00:01.000000 flannel.100 Out IP 11.10.1.2 > 11.10.2.2: ICMP echo request, id 1, seq 1, length 64\n"
            + "00:00:01.000000 eth0  Out ARP, Request who-has 10.0.0.4 tell 10.0.0.3, length 28\n"
            + "00:00:01.000100 eth0  In  ARP, Reply 10.0.0.4 is-at " + f.b().eth0().macAddress() + ", length 28\n"
            + "00:00:01.000100 eth0  Out IP 10.0.0.3.SPORT > 10.0.0.4.8472: OTV, flags [I] (0x08), overlay 0, instance 100\n"
            + "IP 11.10.1.2 > 11.10.2.2: ICMP echo request, id 1, seq 1, length 64\n"
            + "00:00:01.000200 eth0  In  IP 10.0.0.4.SPORT > 10.0.0.3.8472: OTV, flags [I] (0x08), overlay 0, instance 100\n"
            + "IP 11.10.2.2 > 11.10.1.2: ICMP echo reply, id 1, seq 1, length 64\n"
            + "00:00:01.000200 flannel.100 In  IP 11.10.2.2 > 11.10.1.2: ICMP echo reply, id 1, seq 1, length 64\n"
            + "00:00:01.000200 cni0  Out IP 11.10.2.2 > 11.10.1.2: ICMP echo reply, id 1, seq 1, length 64\n"
            + "00:00:01.000200 veth1 Out IP 11.10.2.2 > 11.10.1.2: ICMP echo reply, id 1, seq 1, length 64\n");
    }

    @Test
    void filtersMatchTheOuterHeadersOnly() {
        ToolRunner r = Tcpdump.runner(dir);
        LabWorlds.Flannel f = pingAtOneSecond(8472);
        Invocation icmpOnWire = r.run(f.a().host(), "tcpdump -n -i eth0 icmp");
        assertThat(icmpOnWire.stdout()).as("the ping is UDP on the wire").isEqualTo("\n");
        assertThat(icmpOnWire.stderr()).endsWith(Tcpdump.counts(0));

        f = pingAtOneSecond(8472);
        Invocation vxlan = r.run(f.a().host(), "tcpdump -n -i eth0 udp port 8472 and host 10.0.0.4");
        assertThat(vxlan.stderr()).endsWith(Tcpdump.counts(2));

        f = pingAtOneSecond(8472);
        Invocation inner = r.run(f.a().host(), "tcpdump -n -i flannel.100 icmp and host 11.10.2.2");
        assertThat(inner.stdout()).isEqualTo(""
            + "00:00:01.000000 IP 11.10.1.2 > 11.10.2.2: ICMP echo request, id 1, seq 1, length 64\n"
            + "00:00:01.000200 IP 11.10.2.2 > 11.10.1.2: ICMP echo reply, id 1, seq 1, length 64\n\n");

        f = pingAtOneSecond(8472);
        Invocation out = r.run(f.a().host(), "tcpdump -n -i any outbound and icmp");
        assertThat(out.stdout()).contains("flannel.100 Out IP 11.10.1.2", "cni0  Out IP 11.10.2.2")
            .doesNotContain(" In ");
    }
}
