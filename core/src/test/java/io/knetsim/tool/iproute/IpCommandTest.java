package io.knetsim.tool.iproute;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.net.NetNamespace;
import io.knetsim.net.World;
import io.knetsim.tool.Invocation;
import org.junit.jupiter.api.Test;

/** The {@code ip} front end: objects, abbreviations, global options and their errors. */
class IpCommandTest {
    private final Shell sh = new Shell();
    private final World w = Labs.twoHosts();
    private final NetNamespace h1 = w.namespace("h1");
    private final NetNamespace h2 = w.namespace("h2");

    @Test
    void objectsAbbreviateAsInIproute2() {
        assertThat(sh.out(h1, "ip a")).isEqualTo(sh.out(h1, "ip address"));
        assertThat(sh.out(h1, "ip l")).isEqualTo(sh.out(h1, "ip link show"));
        assertThat(sh.out(h1, "ip r")).isEqualTo(sh.out(h1, "ip route show"));
        for (String n : new String[] {"ip n", "ip neigh", "ip neighbor", "ip neighbour"}) {
            assertThat(sh.out(h1, n)).as(n).isEqualTo(sh.out(h1, "ip neigh show"));
        }
    }

    @Test
    void netnsRunsTheCommandInAnotherNamespace() {
        assertThat(sh.out(h1, "ip -n h2 addr")).isEqualTo(sh.out(h2, "ip addr"));
        assertThat(sh.out(h1, "ip -netns h2 -br link")).isEqualTo(sh.out(h2, "ip -br link"));
        sh.fails(h1, "ip -n mars addr", "Cannot open network namespace \"mars\": No such file or directory\n", 255);
    }

    @Test
    void versionAndHelp() {
        assertThat(sh.out(h1, "ip -V")).isEqualTo("ip utility, iproute2-6.1.0, libbpf 1.1.0\n");
        Invocation help = sh.run(h1, "ip help");
        assertThat(help.exitCode()).isEqualTo(255);
        assertThat(help.stderr()).startsWith("Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\n");
        assertThat(sh.run(h1, "ip").stderr()).isEqualTo(help.stderr());
    }

    @Test
    void unknownObjectsAndOptionsAreReportedAsIproute2ReportsThem() {
        sh.fails(h1, "ip frobnicate", "Object \"frobnicate\" is unknown, try \"ip help\".\n", 1);
        sh.fails(h1, "ip -x addr", "Option \"-x\" is unknown, try \"ip -help\".\n", 255);
        sh.fails(h1, "ip -j addr", "Error: option \"-j\" is not supported by knetsim's ip.\n", 255);
        sh.fails(h1, "ip -6 route", "Error: option \"-6\" is not supported by knetsim's ip.\n", 255);
        sh.fails(h1, "ip ru", "Error: \"ip rule\" is not modelled in knetsim (try address, link, route, neigh or netns).\n", 1);
        sh.fails(h1, "ip route append 10.1.0.0/16 dev veth0",
            "Error: \"ip route append\" (several routes per key) is not modelled in knetsim.\n", 255);
    }
}
