package io.knetsim.tool.nft;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.net.NetNamespace;
import io.knetsim.net.World;
import io.knetsim.net.topo.Topo;
import io.knetsim.tool.CoreTools;
import io.knetsim.tool.Invocation;
import io.knetsim.tool.ToolRunner;
import io.knetsim.tool.iproute.Shell;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code nft monitor trace}, as the nftables wiki's "Ruleset debug/tracing" page shows it: a
 * rule marks packets with {@code meta nftrace set 1}, and the monitor prints, per base chain,
 * the packet, each rule that matched with its verdict, the chain's end and the policy.
 *
 * <pre>
 *   h1 10.0.0.1 [eth0] ────veth──── [eth0] 10.0.0.2 h2
 *   h1: table ip filter { chain output: trace and count what goes to h2;
 *                         chain input: trace what comes from h2, accept echo replies }
 *   h1$ nft monitor trace &     h1$ ping -c 1 10.0.0.2
 * </pre>
 */
class NftMonitorTraceTest {
    private final World w = new World(5);
    private final NetNamespace h1 = Topo.host(w, "h1");
    private final NetNamespace h2 = Topo.host(w, "h2");
    private final Shell sh = new Shell();

    NftMonitorTraceTest() {
        Topo.veth(h1, "eth0", "10.0.0.1/24", h2, "eth0", "10.0.0.2/24");
    }

    @Test
    void aPingThroughATracedRulesetPrintsNftsTraceLines() {
        h1.files().write("/etc/trace.nft", """
            table ip filter {
            \tchain output {
            \t\ttype filter hook output priority filter; policy accept;
            \t\tip daddr 10.0.0.2 meta nftrace set 1
            \t\tip daddr 10.0.0.2 counter
            \t}
            \tchain input {
            \t\ttype filter hook input priority filter; policy drop;
            \t\tip saddr 10.0.0.2 meta nftrace set 1
            \t\tjump checks
            \t\ticmp type echo-reply accept
            \t}
            \tchain checks {
            \t\tip saddr 10.0.0.9 drop
            \t}
            }
            """);
        sh.ok(h1, "nft -f /etc/trace.nft");
        Invocation monitor = new ToolRunner(CoreTools.registry(), Path.of(".")).start(h1, "nft monitor trace");

        Invocation ping = sh.run(h1, "ping -c 1 10.0.0.2");
        monitor.interrupt();

        assertThat(ping.exitCode()).isZero();
        assertThat(monitor.exitCode()).isEqualTo(130);
        // the ids come from the world's seed; nft ends a packet, verdict or policy line with a space
        assertThat(monitor.stdout()).isEqualTo(String.join("\n",
            "trace id 7f1c0ada ip filter output packet: oif \"eth0\" ip saddr 10.0.0.1 ip daddr 10.0.0.2 ip dscp cs0 "
                + "ip ecn not-ect ip ttl 64 ip id 27720 ip length 84 icmp type echo-request icmp code net-unreachable "
                + "icmp id 3359 icmp sequence 1 @th,64,96 0x0 ",
            "trace id 7f1c0ada ip filter output rule ip daddr 10.0.0.2 meta nftrace set 1 (verdict continue)",
            "trace id 7f1c0ada ip filter output rule ip daddr 10.0.0.2 counter packets 0 bytes 0 (verdict continue)",
            "trace id 7f1c0ada ip filter output verdict continue ",
            "trace id 7f1c0ada ip filter output policy accept ",
            "trace id e760dfe4 ip filter input packet: iif \"eth0\" ether saddr 66:37:c3:5b:4b:1f "
                + "ether daddr 42:e1:83:9b:91:a6 ip saddr 10.0.0.2 ip daddr 10.0.0.1 ip dscp cs0 ip ecn not-ect "
                + "ip ttl 64 ip id 86 ip length 84 icmp type echo-reply icmp code net-unreachable icmp id 3359 "
                + "icmp sequence 1 @th,64,96 0x0 ",
            "trace id e760dfe4 ip filter input rule ip saddr 10.0.0.2 meta nftrace set 1 (verdict continue)",
            "trace id e760dfe4 ip filter input rule jump checks (verdict jump checks)",
            "trace id e760dfe4 ip filter checks verdict continue ",
            "trace id e760dfe4 ip filter input rule icmp type echo-reply accept (verdict accept)",
            ""));
        // the counter as nft's copy of the ruleset has it (taken when the monitor started); the kernel's moved on
        assertThat(sh.out(h1, "nft list chain ip filter output")).contains("counter packets 1 bytes 84");
    }

    @Test
    void untracedPacketsAndOtherMonitorKindsPrintNothing() {
        sh.ok(h1, "nft add table ip filter");
        sh.ok(h1, "nft add chain ip filter output '{ type filter hook output priority 0; policy accept; }'");
        sh.ok(h1, "nft add rule ip filter output ip daddr 10.0.0.3 meta nftrace set 1");
        Invocation monitor = new ToolRunner(CoreTools.registry(), Path.of(".")).start(h1, "nft monitor trace");
        sh.run(h1, "ping -c 1 10.0.0.2");
        monitor.interrupt();
        assertThat(monitor.stdout()).isEmpty();
        sh.fails(h1, "nft monitor rules", "Error: 'nft monitor rules' is not modelled by knetsim; only "
            + "'nft monitor trace' is\n", 1);
    }
}
