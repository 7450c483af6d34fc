package io.knetsim.net;

import static io.knetsim.net.Fixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.net.link.LinkConfig;
import io.knetsim.netfilter.NfHook;
import io.knetsim.netfilter.Verdict;
import io.knetsim.packet.Ipv4Header;
import io.knetsim.tool.Invocation;
import org.junit.jupiter.api.Test;

/**
 * Lab: a router whose second link has a smaller MTU.
 *
 * <pre>
 *   client 10.1.0.2 ==mtu 1500== 10.1.0.1 router 10.2.0.1 ==mtu 1000== 10.2.0.2 server
 * </pre>
 */
class MtuAndFragmentsTest {
    private final World world = new World(3);
    private final Chain chain = new Chain(world, LinkConfig.DEFAULT, "client", "router", "server");
    private final NetNamespace client = chain.get("client");
    private final NetNamespace router = chain.get("router");
    private final NetNamespace server = chain.get("server");

    MtuAndFragmentsTest() {
        router.device("eth1").setMtu(1000);
        server.device("eth0").setMtu(1000);
    }

    @Test
    void aRouterAnswersFragmentationNeededForDontFragmentPackets() {
        Invocation ping = run(client, "ping -c 1 -M do -s 1200 10.2.0.2");
        assertThat(ping.stdout()).contains("From 10.1.0.1 icmp_seq=1 Frag needed and DF set (mtu = 1000)");
        assertThat(router.device("eth0").stats().drops.get(DropReason.MTU_EXCEEDED)).isEqualTo(1);
    }

    @Test
    void withoutDontFragmentTheRouterFragmentsAndTheServerReassembles() {
        Invocation ping = run(client, "ping -c 1 -M dont -s 1200 10.2.0.2");
        assertThat(ping.stdout()).contains("1208 bytes from 10.2.0.2: icmp_seq=1 ttl=63");
        // 1228 bytes of IP in 1000-byte fragments: 976 + 252 bytes of payload, out and back
        assertThat(server.device("eth0").stats().rxPackets).isEqualTo(1 + 2); // ARP request + 2 fragments
        assertThat(server.device("eth0").stats().txPackets).isEqualTo(1 + 2); // ARP reply + 2 fragments
    }

    @Test
    void aMissingFragmentTimesOutAndTheSenderIsTold() {
        // the router fragments after its hooks, as Linux does; lose the second fragment at the server
        server.hooks().register(NfHook.PREROUTING, 0, (hook, skb, in, out) ->
            Ipv4Header.fragmentOffset(skb.buf(), skb.networkHeader) > 0 ? Verdict.DROP : Verdict.ACCEPT);

        Invocation ping = run(client, "ping -c 1 -W 40 -M dont -s 1200 10.2.0.2");

        assertThat(ping.stdout()).contains("From 10.2.0.2 icmp_seq=1 Frag reassembly time exceeded");
        assertThat(server.device("eth0").stats().drops.get(DropReason.FRAG_REASM_TIMEOUT)).isEqualTo(1);
        assertThat(server.device("eth0").stats().drops.get(DropReason.NF_DROP)).isEqualTo(1);
    }
}
