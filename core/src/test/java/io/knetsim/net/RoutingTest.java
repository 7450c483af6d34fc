package io.knetsim.net;

import io.knetsim.net.topo.Topo;
import static io.knetsim.net.topo.Topo.routeVia;
import static io.knetsim.net.Fixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.net.link.LinkConfig;
import io.knetsim.sim.SimTime;
import io.knetsim.tool.Invocation;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Lab: a client, two routers and a server on three links of 1 ms each.
 *
 * <pre>
 *  client 10.1.0.2 ==1ms== 10.1.0.1 r1 10.2.0.1 ==1ms== 10.2.0.2 r2 10.3.0.1 ==1ms== 10.3.0.2 server
 * </pre>
 */
class RoutingTest {
    private final World world = new World(7);
    private final Chain chain = new Chain(world, LinkConfig.DEFAULT.withDelay(Duration.ofMillis(1)),
        "client", "r1", "r2", "server");
    private final NetNamespace client = chain.get("client");
    private final NetNamespace r1 = chain.get("r1");
    private final NetNamespace r2 = chain.get("r2");

    @Test
    void repliesComeBackWithTheTtlReducedByEachRouterAndRttFromTheLinks() {
        // the first ping also waits for an ARP exchange at each of the three hops out (2 ms each);
        // the way back needs none: each host learned its neighbour from the request it answered
        Invocation warm = run(client, "ping -c 1 10.3.0.2");
        assertThat(warm.stdout()).contains("icmp_seq=1 ttl=62 time=12.0 ms");

        Invocation ping = run(client, "ping -c 2 -i 0.5 10.3.0.2");
        assertThat(ping.stdout()).isEqualTo("""
            PING 10.3.0.2 (10.3.0.2) 56(84) bytes of data.
            64 bytes from 10.3.0.2: icmp_seq=1 ttl=62 time=6.00 ms
            64 bytes from 10.3.0.2: icmp_seq=2 ttl=62 time=6.00 ms

            --- 10.3.0.2 ping statistics ---
            2 packets transmitted, 2 received, 0% packet loss, time 506ms
            rtt min/avg/max/mdev = 6.000/6.000/6.000/0.000 ms
            """);
    }

    @Test
    void tracerouteNamesEachHop() {
        Invocation tr = run(client, "traceroute -n 10.3.0.2");
        assertThat(tr.stdout()).isEqualTo("""
            traceroute to 10.3.0.2 (10.3.0.2), 30 hops max, 60 byte packets
             1  10.1.0.1  4.000 ms  2.000 ms  2.000 ms
             2  10.2.0.2  6.000 ms  4.000 ms  4.000 ms
             3  10.3.0.2  8.000 ms  6.000 ms  6.000 ms
            """);
        assertThat(tr.exitCode()).isZero();
    }

    @Test
    void aTtlTooSmallExpiresAtTheFirstRouter() {
        Invocation ping = run(client, "ping -c 1 -t 1 10.3.0.2");
        assertThat(ping.stdout()).contains("From 10.1.0.1 icmp_seq=1 Time to live exceeded");
        assertThat(ping.stdout()).contains("1 packets transmitted, 0 received, +1 errors, 100% packet loss");
        assertThat(ping.exitCode()).isEqualTo(1);
        assertThat(r1.device("eth0").stats().drops.get(DropReason.TTL_EXPIRED)).isEqualTo(1);
    }

    @Test
    void aRouterWithoutARouteAnswersNetUnreachable() {
        Invocation ping = run(client, "ping -c 1 192.0.2.9");
        assertThat(ping.stdout()).contains("From 10.1.0.1 icmp_seq=1 Destination Net Unreachable");
        assertThat(r1.device("eth0").stats().drops.get(DropReason.NO_ROUTE)).isEqualTo(1);
    }

    @Test
    void forwardingOffDropsWithAReason() {
        r1.sysctl().set("net.ipv4.ip_forward", "0");
        Invocation ping = run(client, "ping -c 1 -W 1 10.3.0.2");
        assertThat(ping.stdout()).contains("1 packets transmitted, 0 received, 100% packet loss");
        assertThat(r1.drops().get(DropReason.NOT_FORWARDING)).isEqualTo(1);
    }

    @Test
    void strictReversePathFilterDropsSpoofedSources() {
        // r2 has no route back to 10.1.0.0/24 through eth0 -> strict rp_filter drops
        r2.routes().removeIf(r -> r.dst().toString().equals("10.1.0.0/24"));
        routeVia(r2, "10.1.0.0/24", "10.3.0.2", r2.device("eth1"));
        r2.sysctl().set("net.ipv4.conf.all.rp_filter", "1");

        Invocation ping = run(client, "ping -c 1 -W 1 10.3.0.2");

        assertThat(ping.exitCode()).isEqualTo(1);
        assertThat(r2.device("eth0").stats().drops.get(DropReason.RP_FILTER)).isEqualTo(1);
        r2.sysctl().set("net.ipv4.conf.all.rp_filter", "2"); // loose: any route back will do
        run(client, "ping -c 1 -W 1 10.3.0.2");
        assertThat(r2.device("eth0").stats().drops.get(DropReason.RP_FILTER)).isEqualTo(1);
    }

    @Test
    void blackholeRoutesDropQuietly() {
        r1.routes().removeIf(r -> r.dst().toString().equals("10.3.0.0/24"));
        r1.routes().add(new io.knetsim.net.route.Route(io.knetsim.addr.Cidr.parse("10.3.0.0/24"),
            io.knetsim.net.route.RouteType.BLACKHOLE, io.knetsim.addr.Ipv4Address.ANY, null, 0,
            io.knetsim.addr.Ipv4Address.ANY, io.knetsim.net.route.Route.Scope.UNIVERSE, "boot", false));
        Invocation ping = run(client, "ping -c 1 -W 1 10.3.0.2");
        assertThat(ping.stdout()).doesNotContain("From");
        assertThat(r1.device("eth0").stats().drops.get(DropReason.BLACKHOLE)).isEqualTo(1);
    }

    @Test
    void unansweredArpGivesHostUnreachableFromOurOwnAddress() {
        Invocation ping = run(client, "ping -c 3 10.1.0.77");
        assertThat(ping.stdout()).isEqualTo("""
            PING 10.1.0.77 (10.1.0.77) 56(84) bytes of data.
            From 10.1.0.2 icmp_seq=1 Destination Host Unreachable
            From 10.1.0.2 icmp_seq=2 Destination Host Unreachable
            From 10.1.0.2 icmp_seq=3 Destination Host Unreachable

            --- 10.1.0.77 ping statistics ---
            3 packets transmitted, 0 received, +3 errors, 100% packet loss, time 3000ms
            """);
        var eth0 = client.device("eth0");
        assertThat(eth0.stats().drops.get(DropReason.NEIGH_FAILED)).isEqualTo(3);
        assertThat(client.neighbours().lookup(eth0, io.knetsim.addr.Ipv4Address.parse("10.1.0.77").bits()).state())
            .isEqualTo(Neighbour.State.FAILED);
        assertThat(world.sim().now()).isGreaterThanOrEqualTo(SimTime.seconds(3));
    }
}
