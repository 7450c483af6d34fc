package io.knetsim.tool.tcpdump;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.pcap.LabWorlds;
import io.knetsim.tool.Invocation;
import io.knetsim.tool.ToolRunner;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What tcpdump says when it cannot start, and its informational options.
 *
 * <pre>
 *   h1 [lo, eth0 10.0.0.1/24] ---- [eth0 10.0.0.2/24] h2
 * </pre>
 */
class TcpdumpErrorsTest {
    @TempDir
    Path dir;

    private Invocation run(String line) {
        LabWorlds.TwoHosts t = LabWorlds.twoHosts(1);
        return Tcpdump.runner(dir).run(t.h1(), line);
    }

    @Test
    void unknownInterface() {
        Invocation i = run("tcpdump -i eth9");
        assertThat(i.stderr()).isEqualTo("tcpdump: eth9: No such device exists\n(SIOCGIFHWADDR: No such device)\n");
        assertThat(i.exitCode()).isEqualTo(1);
        assertThat(i.stdout()).isEmpty();
    }

    @Test
    void badFiltersStopBeforeTheBanner() {
        Invocation i = run("tcpdump -n host 10.0.0.1 and");
        assertThat(i.stderr()).isEqualTo("tcpdump: can't parse filter expression: syntax error\n");
        assertThat(i.exitCode()).isEqualTo(1);
        assertThat(run("tcpdump -n host db").stderr()).isEqualTo("tcpdump: unknown host 'db'\n");
        assertThat(run("tcpdump udp port 99999").stderr()).isEqualTo("tcpdump: illegal port number 99999 > 65535\n");
    }

    @Test
    void badOptions() {
        Invocation z = run("tcpdump -z");
        assertThat(z.stderr()).startsWith("tcpdump: invalid option -- 'z'\ntcpdump version 4.99.3")
            .contains("Usage: tcpdump [-AelnpqStUvxX] [ -c count ] [ -i interface ]");
        assertThat(z.exitCode()).isEqualTo(1);
        assertThat(run("tcpdump -c").stderr()).startsWith("tcpdump: option requires an argument -- 'c'\n");
        assertThat(run("tcpdump -c 0").stderr()).isEqualTo("tcpdump: invalid packet count 0\n");
        assertThat(run("tcpdump -c many").stderr()).isEqualTo("tcpdump: invalid packet count many\n");
        assertThat(run("tcpdump --bogus").stderr()).startsWith("tcpdump: unrecognized option '--bogus'\n");
        assertThat(run("tcpdump -i any -y EN10MB").stderr())
            .isEqualTo("tcpdump: EN10MB is not one of the DLTs supported by this device\n");
        assertThat(run("tcpdump -i eth0 -y LINUX_SLL2").stderr())
            .isEqualTo("tcpdump: LINUX_SLL2 is not one of the DLTs supported by this device\n");
        assertThat(run("tcpdump -y FOO").stderr()).isEqualTo("tcpdump: invalid data link type FOO\n");
    }

    @Test
    void optionsMayFollowTheExpressionAsWithGnuGetopt() {
        LabWorlds.TwoHosts t = LabWorlds.twoHosts(1);
        ToolRunner r = Tcpdump.runner(dir);
        Invocation i = r.start(t.h1(), "tcpdump icmp -c 1 -n");
        LabWorlds.ping(t.h1(), "10.0.0.2", 1, 1);
        t.world().sim().runFor(io.knetsim.sim.SimTime.ms(1));
        assertThat(i.stdout()).isEqualTo("00:00:00.000100 IP 10.0.0.1 > 10.0.0.2: ICMP echo request, id 1, seq 1, length 64\n");
    }

    @Test
    void versionHelpAndInterfaceList() {
        Invocation v = run("tcpdump --version");
        assertThat(v.stdout()).isEqualTo("tcpdump version 4.99.3 (knetsim)\nlibpcap version 1.10.3 (knetsim)\n");
        assertThat(v.exitCode()).isZero();
        assertThat(run("tcpdump -h").stdout()).contains("Usage: tcpdump");
        LabWorlds.TwoHosts t = LabWorlds.twoHosts(1);
        new io.knetsim.net.dev.EthernetNic(t.h1(), "eth1");
        Invocation d = Tcpdump.runner(dir).run(t.h1(), "tcpdump -D");
        assertThat(d.stdout()).isEqualTo(""
            + "1.eth0 [Up, Running, Connected]\n"
            + "2.any (Pseudo-device that captures on all interfaces) [Up, Running]\n"
            + "3.lo [Up, Running, Loopback]\n"
            + "4.eth1 [Disconnected]\n");
    }

    @Test
    void withNoInterfaceUpTheDefaultIsAny() {
        LabWorlds.TwoHosts t = LabWorlds.twoHosts(1);
        t.eth1().setUp(false);
        Invocation i = Tcpdump.runner(dir).run(t.h1(), "tcpdump -n");
        assertThat(i.stderr()).startsWith(Tcpdump.banner("any", "LINUX_SLL2 (Linux cooked v2)"));
        assertThat(i.stdout()).isEqualTo("\n");
        assertThat(i.stderr()).endsWith(Tcpdump.counts(0));
    }
}
