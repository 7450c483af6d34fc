package io.knetsim.tool.iproute;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.net.NetNamespace;
import io.knetsim.net.NetnsRegistry;
import io.knetsim.net.World;
import io.knetsim.tool.Invocation;
import org.junit.jupiter.api.Test;

/**
 * {@code ip netns} as a lab: two hosts each name a namespace {@code c1}; the names are per host.
 *
 * <pre>
 *   h1 --veth0/eth0-- h2          h1: /var/run/netns/c1 -> "h1:c1"
 *                                 h2: /var/run/netns/c1 -> "h2:c1"
 * </pre>
 */
class IpNetnsLabTest {
    private final Shell sh = new Shell();
    private final World w = Labs.twoHosts();
    private final NetNamespace h1 = w.namespace("h1");
    private final NetNamespace h2 = w.namespace("h2");

    @Test
    void addListExecDelete() {
        sh.ok(h1, "ip netns add c1");
        sh.ok(h1, "ip netns add c2");
        sh.ok(h2, "ip netns add c1");
        assertThat(sh.out(h1, "ip netns")).isEqualTo("c2\nc1\n");
        assertThat(sh.out(h1, "ip netns list")).isEqualTo("c2\nc1\n");
        assertThat(sh.out(h2, "ip netns list")).isEqualTo("c1\n");
        assertThat(w.namespace("h1:c1")).isNotNull();
        assertThat(w.namespace("h2:c1")).isNotNull().isNotSameAs(w.namespace("h1:c1"));
        assertThat(h1.files().readString("/var/run/netns/c1")).isEqualTo("h1:c1");
        assertThat(sh.out(h1, "cat /var/run/netns/c1")).isEqualTo("h1:c1");

        sh.ok(h1, "ip link add veth-c1 type veth peer name eth0 netns c1");
        assertThat(sh.out(h1, "ip netns list")).isEqualTo("c2\nc1 (id: 1)\n");
        sh.ok(h1, "ip netns exec c1 ip addr add 10.9.0.2/24 dev eth0");
        sh.ok(h1, "ip netns exec c1 ip link set eth0 up");
        assertThat(sh.out(h1, "ip netns exec c1 ip -br addr")).isEqualTo("""
            lo               UNKNOWN        127.0.0.1/8\s
            eth0@if3         LOWERLAYERDOWN 10.9.0.2/24\s
            """);
        assertThat(sh.out(h1, "ip -n c1 -br addr")).isEqualTo(sh.out(h1, "ip netns exec c1 ip -br addr"));
        assertThat(sh.out(h1, "ip netns exec c1 ip netns identify")).isEqualTo("c1\n");
        assertThat(sh.out(h1, "ip netns identify")).isEmpty();
        assertThat(sh.out(h1, "ip netns exec c1 hostname")).isEqualTo("h1\n");

        sh.ok(h1, "ip netns delete c1");
        assertThat(w.namespace("h1:c1")).isNull();
        assertThat(h1.device("veth-c1")).as("the host end goes with its peer").isNull();
        assertThat(sh.out(h1, "ip netns")).isEqualTo("c2\n");
        assertThat(sh.out(h2, "ip netns")).isEqualTo("c1\n");
    }

    @Test
    void execRunsUntilTheCommandEndsAndKeepsItsStatus() {
        sh.ok(h1, "ip netns add c1");
        Invocation ping = sh.run(h1, "ip netns exec c1 ping -c 1 -W 1 10.0.0.2");
        assertThat(ping.exitCode()).isEqualTo(2); // no route inside c1: ping's own status
        assertThat(ping.stderr()).isEqualTo("ping: connect: Network is unreachable\n");
    }

    @Test
    void errorsAsIproute2PrintsThem() {
        sh.ok(h1, "ip netns add c1");
        sh.fails(h1, "ip netns add c1", "Cannot create namespace file \"/var/run/netns/c1\": File exists\n", 1);
        sh.fails(h1, "ip netns delete c9",
            "Cannot remove namespace file \"/var/run/netns/c9\": No such file or directory\n", 1);
        sh.fails(h1, "ip netns exec c9 ip addr",
            "Cannot open network namespace \"c9\": No such file or directory\n", 1);
        sh.fails(h1, "ip netns exec c1 frobnicate", "exec of \"frobnicate\" failed: No such file or directory\n", 1);
        sh.fails(h1, "ip netns exec c1", "No command specified\n", 1);
        sh.fails(h1, "ip netns add", "No netns name specified\n", 1);
        sh.fails(h1, "ip netns flip", "Command \"flip\" is unknown, try \"ip netns help\".\n", 255);
        sh.fails(h1, "ip -n c9 addr", "Cannot open network namespace \"c9\": No such file or directory\n", 255);
    }

    @Test
    void cniNetnsPathsResolvePerHost() {
        NetNamespace a = NetnsRegistry.add(h1, "c1");
        NetNamespace b = NetnsRegistry.add(h2, "c1");
        assertThat(NetnsRegistry.resolvePath(h1, "/var/run/netns/c1")).isSameAs(a);
        assertThat(NetnsRegistry.resolvePath(h1, "/run/netns/c1")).isSameAs(a);
        assertThat(NetnsRegistry.resolvePath(h2, "/var/run/netns/c1")).isSameAs(b);
        assertThat(NetnsRegistry.resolvePath(h1, "/var/run/netns/c2")).isNull();
        assertThat(NetnsRegistry.resolvePath(h1, "/proc/1/ns/net")).isNull();
        assertThat(NetnsRegistry.hostOf(a)).isSameAs(h1);
        assertThat(NetnsRegistry.hostOf(h1)).isSameAs(h1);
    }
}
