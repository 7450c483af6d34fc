package io.knetsim.tool.tcpdump;

import static io.knetsim.pcap.LabWorlds.udp;
import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.pcap.LabWorlds;
import io.knetsim.sim.SimTime;
import io.knetsim.tool.Invocation;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lab: the ICMP errors a router and a host send, and IP fragments, as tcpdump shows them.
 *
 * <pre>
 *   h1 [eth0 10.0.1.1] ---- [eth0 10.0.1.254] r [eth1 10.0.2.254, MTU 1450] ---- [eth0 10.0.2.1, MTU 1450] h2
 *      $ tcpdump -n icmp
 *   t=1  UDP with TTL 1 to h2          -> r: time exceeded
 *   t=2  UDP to h2 port 33434          -> h2: port unreachable (nothing listens)
 *   t=3  UDP to 10.0.2.9 (no such host) -> r: host unreachable, after 3 s of unanswered ARP
 *   t=10 1500 bytes with DF to h2       -> r: need to frag (mtu 1450)
 *   t=11 3028 bytes without DF          -> h1 fragments it; h2 reassembles, port unreachable
 * </pre>
 */
class TcpdumpIcmpErrorsLabTest {
    @TempDir
    Path dir;

    private static LabWorlds.Routed scenario() {
        LabWorlds.Routed r = LabWorlds.routed(1, 1450);
        var sim = r.world().sim();
        sim.at(SimTime.seconds(1), () -> udp(r.h1(), 5000, "10.0.2.1", 33434, 0, 1, false));
        sim.at(SimTime.seconds(2), () -> udp(r.h1(), 5000, "10.0.2.1", 33434, 0, 64, false));
        sim.at(SimTime.seconds(3), () -> udp(r.h1(), 5000, "10.0.2.9", 33434, 0, 64, false));
        sim.at(SimTime.seconds(10), () -> udp(r.h1(), 5000, "10.0.2.1", 6000, 1472, 64, true));
        sim.at(SimTime.seconds(11), () -> udp(r.h1(), 5000, "10.0.2.1", 6000, 3000, 64, false));
        return r;
    }

    @Test
    void errorsAsTheSenderSeesThem() {
        Invocation td = Tcpdump.runner(dir).run(scenario().h1(), "tcpdump -n icmp");
        assertThat(td.stdout()).isEqualTo(""
            // (each first exchange waits 100 us for ARP on the way)
            + "00:00:01.000200 IP 10.0.1.254 > 10.0.1.1: ICMP time exceeded in-transit, length 36\n"
            + "00:00:02.000300 IP 10.0.2.1 > 10.0.1.1: ICMP 10.0.2.1 udp port 33434 unreachable, length 36\n"
            + "00:00:06.000100 IP 10.0.1.254 > 10.0.1.1: ICMP host 10.0.2.9 unreachable, length 36\n"
            // the router quotes as much of the datagram as fits in 576 bytes
            + "00:00:10.000100 IP 10.0.1.254 > 10.0.1.1: ICMP 10.0.2.1 unreachable - need to frag (mtu 1450), length 556\n"
            + "00:00:11.000200 IP 10.0.2.1 > 10.0.1.1: ICMP 10.0.2.1 udp port 6000 unreachable, length 556\n"
            + "\n");
    }

    @Test
    void verboseErrorsQuoteTheOffendingDatagram() {
        Invocation td = Tcpdump.runner(dir).run(scenario().h1(), "tcpdump -nv -c 1 icmp");
        assertThat(td.stdout().replaceAll("id \\d+, offset", "id N, offset")).isEqualTo(""
            + "00:00:01.000200 IP (tos 0xc0, ttl 64, id N, offset 0, flags [none], proto ICMP (1), length 56)\n"
            + "    10.0.1.254 > 10.0.1.1: ICMP time exceeded in-transit, length 36\n"
            + "\tIP (tos 0x0, ttl 1, id N, offset 0, flags [none], proto UDP (17), length 28)\n"
            + "    10.0.1.1.5000 > 10.0.2.1.33434: UDP, length 0\n");
    }

    @Test
    void fragmentsAfterTheFirstHaveNoPorts() {
        Invocation port = Tcpdump.runner(dir).run(scenario().h1(), "tcpdump -n udp port 6000");
        assertThat(port.stdout()).isEqualTo(""
            + "00:00:10.000000 IP 10.0.1.1.5000 > 10.0.2.1.6000: UDP, length 1472\n"
            + "00:00:11.000000 IP 10.0.1.1.5000 > 10.0.2.1.6000: UDP, length 3000\n"
            + "\n");
        // so "not port" matches the later fragments, as with BPF
        Invocation rest = Tcpdump.runner(dir).run(scenario().h1(), "tcpdump -n udp and not port 6000 and not port 33434");
        assertThat(rest.stdout()).isEqualTo(""
            + "00:00:11.000000 IP 10.0.1.1 > 10.0.2.1: ip-proto-17\n"
            + "00:00:11.000000 IP 10.0.1.1 > 10.0.2.1: ip-proto-17\n"
            + "\n");
    }

    @Test
    void verboseFragmentsShowOffsetsAndTheMoreFragmentsFlag() {
        Invocation td = Tcpdump.runner(dir).run(scenario().h1(), "tcpdump -v -n ip[6] = 0 or greater 1000");
        assertThat(td.exitCode()).as("byte offsets are not supported").isEqualTo(1);
        Invocation v = Tcpdump.runner(dir).run(scenario().h1(), "tcpdump -nv -c 4 src 10.0.1.1 and greater 80");
        assertThat(v.stdout().replaceAll("id \\d+, offset", "id N, offset")).isEqualTo(""
            + "00:00:10.000000 IP (tos 0x0, ttl 64, id N, offset 0, flags [DF], proto UDP (17), length 1500)\n"
            + "    10.0.1.1.5000 > 10.0.2.1.6000: UDP, length 1472\n"
            + "00:00:11.000000 IP (tos 0x0, ttl 64, id N, offset 0, flags [+], proto UDP (17), length 1500)\n"
            + "    10.0.1.1.5000 > 10.0.2.1.6000: UDP, length 3000\n"
            + "00:00:11.000000 IP (tos 0x0, ttl 64, id N, offset 1480, flags [+], proto UDP (17), length 1500)\n"
            + "    10.0.1.1 > 10.0.2.1: ip-proto-17\n"
            + "00:00:11.000000 IP (tos 0x0, ttl 64, id N, offset 2960, flags [none], proto UDP (17), length 68)\n"
            + "    10.0.1.1 > 10.0.2.1: ip-proto-17\n");
    }

    @Test
    void withoutNTheProtocolOfALaterFragmentIsNamed() {
        Invocation td = Tcpdump.runner(dir).run(scenario().h1(), "tcpdump -c 3 udp and greater 100");
        assertThat(td.stdout()).endsWith("IP 10.0.1.1 > 10.0.2.1: udp\n");
    }

    @Test
    void theRouterSeesBothSidesOnAny() {
        LabWorlds.Routed r = LabWorlds.routed(1, 1450);
        r.world().sim().at(SimTime.seconds(1), () -> udp(r.h1(), 5000, "10.0.2.1", 6000, 100, 64, false));
        Invocation td = Tcpdump.runner(dir).run(r.r(), "tcpdump -n -i any udp");
        assertThat(td.stdout()).isEqualTo(""
            + "00:00:01.000150 eth0  In  IP 10.0.1.1.5000 > 10.0.2.1.6000: UDP, length 100\n"
            + "00:00:01.000250 eth1  Out IP 10.0.1.1.5000 > 10.0.2.1.6000: UDP, length 100\n"
            + "\n");
    }
}
