package io.knetsim.net;

import io.knetsim.net.topo.Topo;
import static io.knetsim.net.Fixtures.run;
import static io.knetsim.net.topo.Topo.veth;
import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.tool.Invocation;
import org.junit.jupiter.api.Test;

/**
 * Lab: two namespaces joined by a veth pair.
 *
 * <pre>
 *   red 10.0.0.1/24 [veth-red] ======= [veth-blue] 10.0.0.2/24 blue
 * </pre>
 */
class VethPingTest {
    private final World world = new World(1);
    private final NetNamespace red = world.createNamespace("red");
    private final NetNamespace blue = world.createNamespace("blue");

    @Test
    void pingAcrossAVethPairPrintsWhatIputilsPrints() {
        veth(red, "veth-red", "10.0.0.1/24", blue, "veth-blue", "10.0.0.2/24");

        Invocation ping = run(red, "ping -c 3 10.0.0.2");

        // a veth hands frames over at once: the round trip takes no simulated time
        assertThat(ping.stdout()).isEqualTo("""
            PING 10.0.0.2 (10.0.0.2) 56(84) bytes of data.
            64 bytes from 10.0.0.2: icmp_seq=1 ttl=64 time=0.000 ms
            64 bytes from 10.0.0.2: icmp_seq=2 ttl=64 time=0.000 ms
            64 bytes from 10.0.0.2: icmp_seq=3 ttl=64 time=0.000 ms

            --- 10.0.0.2 ping statistics ---
            3 packets transmitted, 3 received, 0% packet loss, time 2000ms
            rtt min/avg/max/mdev = 0.000/0.000/0.000/0.000 ms
            """);
        assertThat(ping.exitCode()).isZero();
        // one ARP exchange, then three echo requests and three replies each way
        assertThat(red.device("veth-red").stats().txPackets).isEqualTo(4);
        assertThat(blue.device("veth-blue").stats().rxPackets).isEqualTo(4);
        assertThat(red.neighbours().lookup(red.device("veth-red"), io.knetsim.addr.Ipv4Address.parse("10.0.0.2").bits())
            .state()).isEqualTo(Neighbour.State.REACHABLE);
    }

    @Test
    void pingToOwnAddressGoesThroughLoopback() {
        veth(red, "veth-red", "10.0.0.1/24", blue, "veth-blue", "10.0.0.2/24");

        Invocation ping = run(red, "ping -c 1 10.0.0.1");

        assertThat(ping.stdout()).contains("64 bytes from 10.0.0.1: icmp_seq=1 ttl=64 time=0.000 ms");
        assertThat(red.loopback().stats().txPackets).isEqualTo(2);
        assertThat(red.device("veth-red").stats().txPackets).isZero();
    }

    @Test
    void downPeerMeansNoCarrierAndUnreachableHost() {
        var pair = veth(red, "veth-red", "10.0.0.1/24", blue, "veth-blue", "10.0.0.2/24");
        pair[1].setUp(false);

        Invocation ping = run(red, "ping -c 1 10.0.0.2");

        assertThat(pair[0].operState()).isEqualTo("LOWERLAYERDOWN");
        assertThat(ping.exitCode()).isEqualTo(1);
        assertThat(red.device("veth-red").stats().drops.get(DropReason.NO_CARRIER)).isPositive();
    }

    @Test
    void noRouteIsReportedBeforeAnythingIsSent() {
        Invocation ping = run(red, "ping -c 1 192.0.2.1");

        assertThat(ping.stderr()).isEqualTo("ping: connect: Network is unreachable\n");
        assertThat(ping.exitCode()).isEqualTo(2);
    }

    @Test
    void badArgumentsGiveUsageErrors() {
        assertThat(run(red, "ping").stderr()).contains("Destination address required");
        assertThat(run(red, "ping -c x 10.0.0.2").stderr()).isEqualTo("ping: invalid argument: 'x'\n");
        // no /etc/resolv.conf: glibc asks 127.0.0.1, where nothing listens on port 53
        assertThat(run(red, "ping nosuchhost").stderr())
            .isEqualTo("ping: nosuchhost: Temporary failure in name resolution\n");
        assertThat(run(red, "ping nosuchhost").exitCode()).isEqualTo(2);
    }
}
