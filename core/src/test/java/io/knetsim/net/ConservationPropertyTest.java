package io.knetsim.net;

import io.knetsim.net.topo.Topo;
import io.knetsim.net.topo.TwoWorkerOverlay;
import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.addr.Cidr;
import io.knetsim.addr.Ipv4Address;
import io.knetsim.net.ipv4.UdpListener;
import io.knetsim.net.link.LinkConfig;
import io.knetsim.net.route.Route;
import io.knetsim.net.route.RouteType;
import io.knetsim.packet.Bytes;
import io.knetsim.packet.Checksum;
import io.knetsim.packet.EthernetHeader;
import io.knetsim.packet.Ipv4Header;
import io.knetsim.packet.SkBuff;
import io.knetsim.packet.UdpHeader;
import io.knetsim.sim.SimRandom;
import io.knetsim.sim.SimTime;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Property: nothing vanishes. Random UDP datagrams between the pods of
 * {@link TwoWorkerOverlay} (lossy, rate-limited underlay with a short queue), and to
 * destinations that fail in every way the kernel knows (no neighbour, blackhole, a routing
 * loop, a port nobody listens on, too big to fit), are each either delivered exactly once or
 * dropped exactly once with a reason.
 */
class ConservationPropertyTest {
    private static final int PORT = 9999;
    private static final long MAGIC = 0x6B6E657473696D21L; // "knetsim!"

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void everyDatagramIsDeliveredOrDroppedWithAReason(long seed) {
        var tw = new TwoWorkerOverlay(seed, LinkConfig.DEFAULT.withDelay(Duration.ofMillis(1))
            .withRate(20_000_000).withQueue(8).withLoss(0.03));
        NetNamespace hostA = tw.hostA;
        NetNamespace hostB = tw.hostB;
        hostA.routes().add(new Route(Cidr.parse("192.0.2.0/24"), RouteType.BLACKHOLE, Ipv4Address.ANY, null, 0,
            Ipv4Address.ANY, Route.Scope.UNIVERSE, Route.PROTO_BOOT, false));
        Topo.routeVia(hostA, "198.51.100.0/24", "11.10.1.99", hostA.device("cni0"));
        Topo.routeVia(hostA, "203.0.113.0/24", "10.0.0.4", tw.ethA);
        Topo.routeVia(hostB, "203.0.113.0/24", "10.0.0.3", tw.ethB);

        Map<Long, DropReason> dropped = new HashMap<>();
        Set<Long> duplicateDrops = new HashSet<>();
        tw.world.addDropListener((ns, dev, skb, reason) -> {
            long id = datagramId(skb);
            if (id >= 0 && dropped.put(id, reason) != null) {
                duplicateDrops.add(id);
            }
        });
        Set<Long> delivered = new HashSet<>();
        Set<Long> duplicateDeliveries = new HashSet<>();
        for (NetNamespace pod : List.of(tw.podA, tw.podB)) {
            pod.udp().bind(PORT, new UdpListener() {
                @Override
                public void receive(SkBuff skb, int src, int sport, int dst, int dport) {
                    long id = Bytes.u32(skb.buf(), skb.data() + 8);
                    if (!delivered.add(id)) {
                        duplicateDeliveries.add(id);
                    }
                }
            });
        }

        String[] targets = {"11.10.2.2", "11.10.1.2", "11.10.2.77", "192.0.2.1", "198.51.100.1", "203.0.113.1",
            "11.10.2.1"};
        SimRandom r = new SimRandom(seed);
        int sent = 400;
        for (int i = 0; i < sent; i++) {
            long id = i;
            NetNamespace from = r.nextInt(2) == 0 ? tw.podA : tw.podB;
            int dst = Ipv4Address.parse(targets[r.nextInt(targets.length)]).bits();
            int size = 12 + r.nextInt(r.nextInt(10) == 0 ? 4000 : 400);
            tw.world.sim().at(SimTime.us(r.nextInt(2_000_000)), () -> {
                byte[] p = new byte[size];
                long m = MAGIC;
                for (int k = 7; k >= 0; k--) {
                    p[k] = (byte) m;
                    m >>>= 8;
                }
                Bytes.put32(p, 8, (int) id);
                var err = from.udp().send(0, 40000, dst, PORT, p);
                assertThat(err).isNull();
            });
        }
        tw.world.sim().runUntilIdle();

        assertThat(duplicateDeliveries).isEmpty();
        assertThat(duplicateDrops).isEmpty();
        assertThat(delivered).doesNotContainAnyElementsOf(dropped.keySet());
        assertThat(delivered.size() + dropped.size()).isEqualTo(sent);
        // the failure paths were all exercised
        assertThat(dropped.values()).contains(DropReason.LINK_LOSS, DropReason.NEIGH_FAILED, DropReason.BLACKHOLE,
            DropReason.TTL_EXPIRED, DropReason.NO_SOCKET);
    }

    /**
     * Our datagram's id if {@code skb} is one of the test's datagrams (or a first fragment, or
     * a VXLAN packet carrying one), -1 otherwise; ICMP errors quoting one do not count.
     */
    static long datagramId(SkBuff skb) {
        byte[] b = skb.buf();
        int data = skb.data();
        int ip = -1;
        if (isIpv4(b, data, skb.tail())) {
            ip = data;
        } else if (skb.len() >= 34 && EthernetHeader.etherType(b, data) == EthernetHeader.TYPE_IPV4
            && isIpv4(b, data + 14, skb.tail())) {
            ip = data + 14;
        } else if (skb.networkHeader >= 0 && skb.networkHeader < data && isIpv4(b, skb.networkHeader, skb.tail())) {
            ip = skb.networkHeader;
        }
        return ip < 0 ? -1 : fromIp(b, ip, skb.tail(), 0);
    }

    private static long fromIp(byte[] b, int ip, int end, int depth) {
        if (Ipv4Header.protocol(b, ip) != Ipv4Header.PROTO_UDP || Ipv4Header.fragmentOffset(b, ip) != 0) {
            return -1;
        }
        int udp = ip + Ipv4Header.headerLength(b, ip);
        if (udp + 8 + 12 > end) {
            return -1;
        }
        int dport = UdpHeader.dstPort(b, udp);
        if (dport == 8472 && depth == 0) {
            int inner = udp + 8 + 8 + 14;
            return inner + 20 <= end && isIpv4(b, inner, end) ? fromIp(b, inner, end, 1) : -1;
        }
        if (dport != PORT || Bytes.i32(b, udp + 8) != (int) (MAGIC >>> 32) || Bytes.i32(b, udp + 12) != (int) MAGIC) {
            return -1;
        }
        return Bytes.u32(b, udp + 16);
    }

    private static boolean isIpv4(byte[] b, int off, int end) {
        return off + 20 <= end && Ipv4Header.version(b, off) == 4 && Ipv4Header.headerLength(b, off) >= 20
            && Checksum.verify(b, off, Ipv4Header.headerLength(b, off));
    }
}
