package io.knetsim.tool.iproute;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.World;
import io.knetsim.sim.SimTime;
import org.junit.jupiter.api.Test;

/**
 * {@code ip neigh} after real ARP exchanges.
 *
 * <pre>
 *   h1 [veth0 10.0.0.1/24] ======= [eth0 10.0.0.2/24] h2        (10.0.0.9: nobody)
 * </pre>
 */
class IpNeighTest {
    private final Shell sh = new Shell();
    private final World w = Labs.twoHosts();
    private final NetNamespace h1 = w.namespace("h1");
    private final NetNamespace h2 = w.namespace("h2");

    private void send(NetNamespace from, String to) {
        from.udp().send(0, 5000, Ipv4Address.parse(to).bits(), 5000, new byte[100]);
    }

    @Test
    void showsResolvedEntriesWithTheirMacAndFailedOnesWithout() {
        send(h1, "10.0.0.2");
        send(h1, "10.0.0.9");
        w.sim().runFor(SimTime.seconds(5));
        assertThat(sh.out(h1, "ip neigh")).isEqualTo("""
            10.0.0.2 dev veth0 lladdr 8a:af:9f:2a:be:57 REACHABLE\s
            10.0.0.9 dev veth0 FAILED\s
            """);
        assertThat(sh.out(h1, "ip n show dev veth0")).isEqualTo("""
            10.0.0.2 lladdr 8a:af:9f:2a:be:57 REACHABLE\s
            10.0.0.9 FAILED\s
            """);
        assertThat(sh.out(h1, "ip neighbour show 10.0.0.9")).isEqualTo("10.0.0.9 dev veth0 FAILED \n");
        assertThat(sh.out(h1, "ip neighbor show nud reachable")).isEqualTo(
            "10.0.0.2 dev veth0 lladdr 8a:af:9f:2a:be:57 REACHABLE \n");
    }

    @Test
    void aQuestionInFlightIsIncompleteAndAnOldAnswerGoesStale() {
        send(h1, "10.0.0.9");
        assertThat(sh.out(h1, "ip neigh")).isEqualTo("10.0.0.9 dev veth0 INCOMPLETE \n");
        send(h2, "10.0.0.1");
        w.sim().runFor(SimTime.seconds(60));
        assertThat(sh.out(h2, "ip neigh")).isEqualTo("10.0.0.1 dev eth0 lladdr ae:e6:92:09:2f:3b STALE \n");
    }

    @Test
    void addReplaceAndDeleteStaticEntries() {
        sh.ok(h1, "ip neigh add 10.0.0.7 lladdr 02:00:00:00:00:07 dev veth0");
        sh.ok(h1, "ip neigh replace 10.0.0.8 lladdr 02:00:00:00:00:08 dev veth0 nud reachable");
        sh.ok(h1, "ip neigh add 10.0.0.6 lladdr 02:00:00:00:00:06 dev veth0 nud noarp");
        sh.ok(h1, "ip neigh change 10.0.0.7 lladdr 02:00:00:00:00:77 dev veth0 nud stale");
        assertThat(sh.out(h1, "ip neigh")).isEqualTo("""
            10.0.0.7 dev veth0 lladdr 02:00:00:00:00:77 STALE\s
            10.0.0.8 dev veth0 lladdr 02:00:00:00:00:08 REACHABLE\s
            """);
        assertThat(sh.out(h1, "ip neigh show nud all")).isEqualTo("""
            10.0.0.6 dev veth0 lladdr 02:00:00:00:00:06 NOARP\s
            10.0.0.7 dev veth0 lladdr 02:00:00:00:00:77 STALE\s
            10.0.0.8 dev veth0 lladdr 02:00:00:00:00:08 REACHABLE\s
            """);
        sh.ok(h1, "ip neigh replace 10.0.0.8 dev veth0 nud permanent");
        sh.ok(h1, "ip neigh del 10.0.0.7 dev veth0");
        assertThat(sh.out(h1, "ip neigh")).isEqualTo("10.0.0.8 dev veth0 lladdr 02:00:00:00:00:08 PERMANENT \n");
    }

    @Test
    void flushRemovesLearnedEntriesButKeepsPermanentOnes() {
        send(h1, "10.0.0.2");
        w.sim().runFor(SimTime.seconds(1));
        sh.ok(h1, "ip neigh add 10.0.0.7 lladdr 02:00:00:00:00:07 dev veth0");
        sh.ok(h1, "ip neigh flush dev veth0");
        assertThat(sh.out(h1, "ip neigh")).isEqualTo("10.0.0.7 dev veth0 lladdr 02:00:00:00:00:07 PERMANENT \n");
        sh.fails(h1, "ip neigh flush", "Flush requires arguments.\n", 1);
    }

    @Test
    void badRequestsAreRefusedAndChangeNothing() {
        sh.ok(h1, "ip neigh add 10.0.0.7 lladdr 02:00:00:00:00:07 dev veth0");
        sh.fails(h1, "ip neigh add 10.0.0.7 lladdr 02:00:00:00:00:08 dev veth0", "RTNETLINK answers: File exists\n", 2);
        sh.fails(h1, "ip neigh add 10.0.0.5 dev veth0", "Error: No link layer address given.\n", 2);
        sh.fails(h1, "ip neigh del 10.0.0.5 dev veth0", "RTNETLINK answers: No such file or directory\n", 2);
        sh.fails(h1, "ip neigh change 10.0.0.5 lladdr 02:00:00:00:00:05 dev veth0",
            "RTNETLINK answers: No such file or directory\n", 2);
        sh.fails(h1, "ip neigh add 10.0.0.5 lladdr 02:00:00:00:00:05", "Device and destination are required arguments.\n",
            255);
        sh.fails(h1, "ip neigh add 10.0.0.5 lladdr 02:00:00:00:00:05 dev eth9", "Cannot find device \"eth9\"\n", 1);
        sh.fails(h1, "ip neigh add 10.0.0.5 lladdr 02:00 dev veth0", "\"02:00\" is invalid lladdr.\n", 1);
        sh.fails(h1, "ip neigh add 10.0.0.5 lladdr 02:00:00:00:00:05 dev veth0 nud sleepy",
            "Error: argument \"sleepy\" is wrong: nud state is bad\n", 255);
        sh.fails(h1, "ip neigh add 10.0.0.500 lladdr 02:00:00:00:00:05 dev veth0",
            "Error: any valid address is expected rather than \"10.0.0.500\".\n", 1);
        sh.fails(h1, "ip neigh show dev eth9", "Cannot find device \"eth9\"\n", 1);
        sh.fails(h1, "ip neigh frob", "Command \"frob\" is unknown, try \"ip neigh help\".\n", 255);
    }
}
