package io.knetsim.tool.iproute;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.net.NetNamespace;
import io.knetsim.net.World;
import io.knetsim.tool.Invocation;
import org.junit.jupiter.api.Test;

/**
 * {@code ip address} on two namespaces joined by a veth pair.
 *
 * <pre>
 *   h1 [veth0 10.0.0.1/24] ======= [eth0 10.0.0.2/24] h2
 * </pre>
 */
class IpAddrTest {
    private final Shell sh = new Shell();
    private final World w = Labs.twoHosts();
    private final NetNamespace h1 = w.namespace("h1");
    private final NetNamespace h2 = w.namespace("h2");

    private static final String H1_LO = """
        1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000
            link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
            inet 127.0.0.1/8 scope host lo
               valid_lft forever preferred_lft forever
        """;

    private static final String H1_VETH0 = """
        2: veth0@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000
            link/ether ae:e6:92:09:2f:3b brd ff:ff:ff:ff:ff:ff link-netnsid 0
            inet 10.0.0.1/24 brd 10.0.0.255 scope global veth0
               valid_lft forever preferred_lft forever
        """;

    @Test
    void listsLoopbackAndTheVethWithItsPeerIndexAndNetnsid() {
        assertThat(sh.out(h1, "ip addr")).isEqualTo(H1_LO + H1_VETH0);
        assertThat(sh.out(h2, "ip addr")).endsWith("""
            2: eth0@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000
                link/ether 8a:af:9f:2a:be:57 brd ff:ff:ff:ff:ff:ff link-netnsid 0
                inet 10.0.0.2/24 brd 10.0.0.255 scope global eth0
                   valid_lft forever preferred_lft forever
            """);
    }

    @Test
    void acceptsTheAbbreviationsAndDeviceForms() {
        for (String c : new String[] {"ip a", "ip addr show", "ip address list", "ip ad lst", "ip a sh"}) {
            assertThat(sh.out(h1, c)).as(c).isEqualTo(H1_LO + H1_VETH0);
        }
        for (String c : new String[] {"ip addr show dev veth0", "ip a s veth0", "ip -c addr show veth0",
            "ip -4 -c a show dev veth0 up"}) {
            assertThat(sh.out(h1, c)).as(c).isEqualTo(c.contains("-4")
                ? H1_VETH0.replace("    link/ether ae:e6:92:09:2f:3b brd ff:ff:ff:ff:ff:ff link-netnsid 0\n", "")
                : H1_VETH0);
        }
    }

    @Test
    void inetOnlyLeavesOutLinkLinesAndDevicesWithoutAddresses() {
        h1.delAddress(h1.device("veth0"), io.knetsim.addr.Cidr.parse("10.0.0.1/24"));
        assertThat(sh.out(h1, "ip -4 addr")).isEqualTo("""
            1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000
                inet 127.0.0.1/8 scope host lo
                   valid_lft forever preferred_lft forever
            """);
    }

    @Test
    void briefIsOneLinePerDevice() {
        assertThat(sh.out(h1, "ip -br addr")).isEqualTo("""
            lo               UNKNOWN        127.0.0.1/8\s
            veth0@if2        UP             10.0.0.1/24\s
            """);
        assertThat(sh.out(h1, "ip -brief address show dev veth0")).isEqualTo("veth0@if2        UP             10.0.0.1/24 \n");
    }

    @Test
    void addWithoutBrdHasNoBroadcastWithBrdPlusItHasOneAndASecondAddressInTheSubnetIsSecondary() {
        sh.ok(h1, "ip addr add 192.168.5.1/24 dev veth0");
        sh.ok(h1, "ip addr add 172.16.0.1/16 brd + dev veth0");
        sh.ok(h1, "ip addr add 10.0.0.100/24 dev veth0");
        sh.ok(h1, "ip a add 10.9.9.9/24 broadcast 10.9.9.128 dev veth0 scope link");
        assertThat(sh.out(h1, "ip addr show veth0")).isEqualTo("""
            2: veth0@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000
                link/ether ae:e6:92:09:2f:3b brd ff:ff:ff:ff:ff:ff link-netnsid 0
                inet 10.0.0.1/24 brd 10.0.0.255 scope global veth0
                   valid_lft forever preferred_lft forever
                inet 192.168.5.1/24 scope global veth0
                   valid_lft forever preferred_lft forever
                inet 172.16.0.1/16 brd 172.16.255.255 scope global veth0
                   valid_lft forever preferred_lft forever
                inet 10.0.0.100/24 scope global secondary veth0
                   valid_lft forever preferred_lft forever
                inet 10.9.9.9/24 brd 10.9.9.128 scope link veth0
                   valid_lft forever preferred_lft forever
            """);
        // the kernel adds the connected routes of primary addresses only
        assertThat(sh.out(h1, "ip route")).isEqualTo("""
            10.0.0.0/24 dev veth0 proto kernel scope link src 10.0.0.1\s
            10.9.9.0/24 dev veth0 proto kernel scope link src 10.9.9.9\s
            172.16.0.0/16 dev veth0 proto kernel scope link src 172.16.0.1\s
            192.168.5.0/24 dev veth0 proto kernel scope link src 192.168.5.1\s
            """);
    }

    @Test
    void loopbackAddressesGetHostScope() {
        sh.ok(h1, "ip addr add 127.0.0.2/8 dev lo");
        assertThat(sh.out(h1, "ip addr show lo")).contains("    inet 127.0.0.2/8 scope host secondary lo\n");
    }

    @Test
    void replaceChangesAnAddressInPlaceAndAddRefusesADuplicate() {
        sh.ok(h1, "ip addr replace 10.0.0.1/24 brd + dev veth0");
        sh.ok(h1, "ip addr replace 10.0.0.7/24 dev veth0");
        assertThat(sh.out(h1, "ip -br a show veth0")).isEqualTo("veth0@if2        UP             10.0.0.1/24 10.0.0.7/24 \n");
        sh.fails(h1, "ip addr add 10.0.0.1/24 dev veth0", "Error: ipv4: Address already assigned.\n", 2);
    }

    @Test
    void deleteNeedsTheRightPrefixAndWarnsAboutAWildcard() {
        sh.fails(h1, "ip addr del 10.0.0.1/16 dev veth0", "RTNETLINK answers: Cannot assign requested address\n", 2);
        Invocation inv = sh.run(h1, "ip addr del 10.0.0.1 dev veth0");
        assertThat(inv.exitCode()).isZero();
        assertThat(inv.stderr()).isEqualTo("""
            Warning: Executing wildcard deletion to stay compatible with old scripts.
                     Explicitly specify the prefix length (10.0.0.1/32) to avoid any ambiguity.
                     This special behaviour is likely to disappear in further releases,
                     fix your scripts!
            """);
        assertThat(sh.out(h1, "ip -br a")).isEqualTo("""
            lo               UNKNOWN        127.0.0.1/8\s
            veth0@if2        UP            \s
            """);
        assertThat(sh.out(h1, "ip route")).isEmpty();
    }

    @Test
    void flushRemovesEveryAddressOfTheDevice() {
        sh.ok(h1, "ip addr add 10.0.0.100/24 dev veth0");
        sh.ok(h1, "ip addr add 192.168.5.1/24 dev veth0");
        sh.ok(h1, "ip addr flush dev veth0");
        assertThat(sh.out(h1, "ip -4 a")).isEqualTo("""
            1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000
                inet 127.0.0.1/8 scope host lo
                   valid_lft forever preferred_lft forever
            """);
        sh.fails(h1, "ip addr flush", "Flush requires arguments.\n", 1);
    }

    @Test
    void badInputIsRefusedWithIproute2sMessagesAndChangesNothing() {
        sh.fails(h1, "ip addr add 10.0.0.5/24 dev eth9", "Cannot find device \"eth9\"\n", 1);
        sh.fails(h1, "ip addr add 10.0.0.5/24", "Not enough information: \"dev\" argument is required.\n", 1);
        sh.fails(h1, "ip addr add 10.0.0.300/24 dev veth0",
            "Error: any valid prefix is expected rather than \"10.0.0.300/24\".\n", 1);
        sh.fails(h1, "ip addr add 10.0.0.5/33 dev veth0",
            "Error: any valid prefix is expected rather than \"10.0.0.5/33\".\n", 1);
        sh.fails(h1, "ip addr add 10.0.0.5/24 brd 1.2.3 dev veth0",
            "Error: inet address is expected rather than \"1.2.3\".\n", 1);
        sh.fails(h1, "ip addr add 10.0.0.5/24 dev veth0 scope galaxy",
            "Error: argument \"galaxy\" is wrong: invalid scope value.\n", 255);
        sh.fails(h1, "ip addr add 10.0.0.5/24 dev", "Command line is not complete. Try option \"help\"\n", 255);
        sh.fails(h1, "ip addr show dev eth9", "Device \"eth9\" does not exist.\n", 1);
        sh.fails(h1, "ip addr show veth0 lo", "Error: either \"dev\" is duplicate, or \"lo\" is a garbage.\n", 255);
        sh.fails(h1, "ip addr frobnicate", "Command \"frobnicate\" is unknown, try \"ip address help\".\n", 255);
        assertThat(sh.run(h1, "ip addr help").stderr()).startsWith("Usage: ip address {add|change|replace} IFADDR dev");
    }
}
