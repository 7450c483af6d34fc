package io.knetsim.tool.nettools;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.World;
import io.knetsim.sim.SimTime;
import io.knetsim.tool.iproute.Labs;
import io.knetsim.tool.iproute.Shell;
import org.junit.jupiter.api.Test;

/**
 * {@code ifconfig} of net-tools 2.10.
 *
 * <pre>
 *   h1 [veth0 10.0.0.1/24] ======= [eth0 10.0.0.2/24] h2        (10.0.0.9: nobody)
 * </pre>
 */
class IfconfigTest {
    private final Shell sh = new Shell();
    private final World w = Labs.twoHosts();
    private final NetNamespace h1 = w.namespace("h1");

    @Test
    void showsTheUpInterfacesInNameOrderWithTheirCounters() {
        h1.udp().send(0, 5000, Ipv4Address.parse("10.0.0.2").bits(), 5000, new byte[100]);
        h1.udp().send(0, 5000, Ipv4Address.parse("10.0.0.9").bits(), 5000, new byte[100]);
        w.sim().runFor(SimTime.seconds(5));
        assertThat(sh.out(h1, "ifconfig")).isEqualTo("""
            lo: flags=73<UP,LOOPBACK,RUNNING>  mtu 65536
                    inet 127.0.0.1  netmask 255.0.0.0
                    loop  txqueuelen 1000  (Local Loopback)
                    RX packets 1  bytes 170 (170.0 B)
                    RX errors 0  dropped 1  overruns 0  frame 0
                    TX packets 1  bytes 170 (170.0 B)
                    TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0

            veth0: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500
                    inet 10.0.0.1  netmask 255.255.255.0  broadcast 10.0.0.255
                    ether ae:e6:92:09:2f:3b  txqueuelen 1000  (Ethernet)
                    RX packets 3  bytes 254 (254.0 B)
                    RX errors 0  dropped 1  overruns 0  frame 0
                    TX packets 6  bytes 352 (352.0 B)
                    TX errors 0  dropped 1 overruns 0  carrier 0  collisions 0

            """);
    }

    @Test
    void allShowsDownInterfacesTooAndTheFlagsNumberFollowsTheState() {
        sh.ok(h1, "ip link add veth1 type veth peer name veth2");
        sh.ok(h1, "ip link set veth1 up");
        sh.ok(h1, "ip addr add 192.168.0.1/24 dev veth1");
        assertThat(sh.out(h1, "ifconfig")).doesNotContain("veth2");
        assertThat(sh.out(h1, "ifconfig -a")).contains("""
            veth1: flags=4099<UP,BROADCAST,MULTICAST>  mtu 1500
                    inet 192.168.0.1  netmask 255.255.255.0  broadcast 0.0.0.0
                    ether 32:8b:45:05:be:c9  txqueuelen 1000  (Ethernet)
            """).contains("""
            veth2: flags=4098<BROADCAST,MULTICAST>  mtu 1500
                    ether 2e:78:c2:9d:db:26  txqueuelen 1000  (Ethernet)
            """);
    }

    @Test
    void namesSortNaturallyAndVxlanHasNoQueue() {
        sh.ok(h1, "ip link add eth10 type bridge");
        sh.ok(h1, "ip link add eth2 type bridge");
        sh.ok(h1, "ip link add vx0 type vxlan id 5 dstport 4789");
        String all = sh.out(h1, "ifconfig -a");
        assertThat(all.indexOf("eth2:")).isLessThan(all.indexOf("eth10:"));
        assertThat(all.indexOf("eth10:")).isLessThan(all.indexOf("lo:"));
        assertThat(all).contains("vx0: flags=4098<BROADCAST,MULTICAST>  mtu 1500\n");
        assertThat(sh.out(h1, "ifconfig vx0")).contains("  txqueuelen 0  (Ethernet)\n");
    }

    @Test
    void byteCountsUseBinaryUnitsWithOneTruncatedDecimal() {
        var s = h1.device("veth0").stats();
        s.rxBytes = 1264;
        s.txBytes = 1024;
        assertThat(sh.out(h1, "ifconfig veth0")).contains("RX packets 0  bytes 1264 (1.2 KiB)\n")
            .contains("TX packets 0  bytes 1024 (1024.0 B)\n");
        s.rxBytes = 5_000_000;
        s.txBytes = 3_000_000_000L;
        assertThat(sh.out(h1, "ifconfig veth0")).contains("RX packets 0  bytes 5000000 (4.7 MiB)\n")
            .contains("TX packets 0  bytes 3000000000 (2.7 GiB)\n");
    }

    @Test
    void upDownAndMtuChangeTheInterface() {
        sh.ok(h1, "ifconfig veth0 down");
        assertThat(sh.out(h1, "ifconfig")).doesNotContain("veth0");
        sh.ok(h1, "ifconfig veth0 mtu 1400 up");
        assertThat(sh.out(h1, "ifconfig veth0")).startsWith(
            "veth0: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1400\n");
    }

    @Test
    void errorsAreNetToolsOwnAndChangeNothing() {
        sh.fails(h1, "ifconfig eth9", "eth9: error fetching interface information: Device not found\n", 1);
        sh.fails(h1, "ifconfig eth9 up", "SIOCSIFFLAGS: No such device\n", 255);
        sh.fails(h1, "ifconfig veth0 mtu 20", "SIOCSIFMTU: Invalid argument\n", 255);
        sh.fails(h1, "ifconfig -z", "ifconfig: option `-z' not recognised.\nifconfig: `--help' gives usage information.\n",
            1);
        sh.fails(h1, "ifconfig veth0 10.0.0.5 netmask 255.0.0.0",
            "ifconfig: setting \"10.0.0.5\" on veth0 is not modelled in knetsim; use ip addr / ip link.\n", 1);
    }
}
