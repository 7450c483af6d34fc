package io.knetsim.net;

import static io.knetsim.net.Fixtures.run;
import static io.knetsim.net.topo.Topo.routeVia;
import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.net.link.LinkConfig;
import io.knetsim.netfilter.NfHook;
import io.knetsim.netfilter.Verdict;
import io.knetsim.packet.Ipv4Header;
import io.knetsim.packet.SkBuff;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Lab: where the netfilter hooks sit on the IPv4 path, and that a rewritten destination is
 * routed again (what DNAT relies on).
 *
 * <pre>
 *   client 10.1.0.2 ==== 10.1.0.1 router 10.2.0.1 ==== 10.2.0.2 server
 * </pre>
 */
class NetfilterPathTest {
    private static final int VIP = Ipv4Address.parse("10.9.9.9").bits();
    private static final int SERVER = Ipv4Address.parse("10.2.0.2").bits();

    private final World world = new World(4);
    private final Chain chain = new Chain(world, LinkConfig.DEFAULT, "client", "router", "server");
    private final NetNamespace client = chain.get("client");
    private final NetNamespace router = chain.get("router");
    private final NetNamespace server = chain.get("server");

    /** Rewrites the destination address and fixes the header checksum, as DNAT would (ICMP has no pseudo-header). */
    private static void rewriteDst(SkBuff skb, int from, int to) {
        byte[] b = skb.buf();
        int ip = skb.networkHeader;
        if (Ipv4Header.dst(b, ip) == from) {
            Ipv4Header.setDst(b, ip, to);
            Ipv4Header.fillChecksum(b, ip);
        }
    }

    @Test
    void hooksFireInTheKernelsOrderOnEachBox() {
        List<String> seen = new ArrayList<>();
        for (NetNamespace ns : List.of(client, router, server)) {
            for (NfHook h : NfHook.values()) {
                ns.hooks().register(h, 0, (hook, skb, in, out) -> {
                    if (Ipv4Header.protocol(skb.buf(), skb.networkHeader) == Ipv4Header.PROTO_ICMP) {
                        seen.add(ns.name() + ":" + hook.text());
                    }
                    return Verdict.ACCEPT;
                });
            }
        }
        run(client, "ping -c 1 10.2.0.2");
        assertThat(seen).containsExactly(
            "client:output", "client:postrouting",
            "router:prerouting", "router:forward", "router:postrouting",
            "server:prerouting", "server:input", "server:output", "server:postrouting",
            "router:prerouting", "router:forward", "router:postrouting",
            "client:prerouting", "client:input");
    }

    @Test
    void aDestinationRewrittenAtOutputIsRoutedAgain() {
        // the client has no route for 10.9.9.9 through eth0 other than the default: rewrite to the server
        client.hooks().register(NfHook.OUTPUT, -100, (hook, skb, in, out) -> {
            rewriteDst(skb, VIP, SERVER);
            return Verdict.ACCEPT;
        });
        // and translate replies back so ping sees its peer
        client.hooks().register(NfHook.PREROUTING, -100, (hook, skb, in, out) -> {
            byte[] b = skb.buf();
            int ip = skb.networkHeader;
            if (Ipv4Header.src(b, ip) == SERVER) {
                Ipv4Header.setSrc(b, ip, VIP);
                Ipv4Header.fillChecksum(b, ip);
            }
            return Verdict.ACCEPT;
        });
        assertThat(run(client, "ping -c 1 10.9.9.9").stdout()).contains("64 bytes from 10.9.9.9: icmp_seq=1 ttl=63");
    }

    @Test
    void aDestinationRewrittenAtPreroutingOnTheRouterIsForwardedToTheNewOne() {
        routeVia(client, "10.9.9.9/32", "10.1.0.1", client.device("eth0"));
        router.hooks().register(NfHook.PREROUTING, -100, (hook, skb, in, out) -> {
            rewriteDst(skb, VIP, SERVER);
            return Verdict.ACCEPT;
        });
        var ping = run(client, "ping -c 1 -W 1 10.9.9.9");
        // no reverse translation here: the reply comes from the real address, and ping matches it by echo id
        assertThat(ping.stdout()).contains("64 bytes from 10.2.0.2: icmp_seq=1 ttl=63");
    }

    @Test
    void aDropAtInputIsCountedAsNfDropOnTheIngressDevice() {
        server.hooks().register(NfHook.INPUT, 0, (hook, skb, in, out) -> Verdict.DROP);
        var ping = run(client, "ping -c 2 -W 1 10.2.0.2");
        assertThat(ping.exitCode()).isEqualTo(1);
        assertThat(server.device("eth0").stats().drops.get(DropReason.NF_DROP)).isEqualTo(2);
        assertThat(server.drops().get(DropReason.NF_DROP)).isEqualTo(2);
    }

    @Test
    void echoIgnoreAllSilencesTheServer() {
        server.sysctl().set("net.ipv4.icmp_echo_ignore_all", "1");
        assertThat(run(client, "ping -c 1 -W 1 10.2.0.2").exitCode()).isEqualTo(1);
        assertThat(server.drops().get(DropReason.ICMP_ECHO_IGNORED)).isEqualTo(1);
    }

    @Test
    void aStolenPacketEndsWithoutADrop() {
        server.hooks().register(NfHook.PREROUTING, 0, (hook, skb, in, out) -> Verdict.STOLEN);
        run(client, "ping -c 1 -W 1 10.2.0.2");
        assertThat(server.drops().total()).isZero();
    }
}
