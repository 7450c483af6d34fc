package io.knetsim.cni;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.cni.tool.Cnitool;
import io.knetsim.net.NetNamespace;
import io.knetsim.tool.Invocation;
import org.junit.jupiter.api.Test;

/**
 * The cnitool lab: a bridge network and two named namespaces on one node.
 *
 * <pre>
 *   c1 eth0 10.22.0.2/16 --veth91a7f162--+
 *                                        cni0 10.22.0.1/16 (node1)
 *   c2 eth0 10.22.0.3/16 --vethd3429773--+
 * </pre>
 */
class CnitoolLabTest {
    private static final String MYNET = """
        {"cniVersion": "%s", "name": "mynet", "type": "bridge", "bridge": "cni0", "isGateway": true, "ipMasq": true,
         "ipam": {"type": "host-local", "subnet": "10.22.0.0/16", "routes": [{"dst": "0.0.0.0/0"}]}}
        """;
    private final Node n = new Node();
    private final NetNamespace c1 = n.netns("c1");
    private final NetNamespace c2 = n.netns("c2");

    private static final String C1_RESULT_1_0_0 = """
        {
            "cniVersion": "1.0.0",
            "interfaces": [
                {
                    "name": "cni0",
                    "mac": "ba:83:ff:bb:0b:da"
                },
                {
                    "name": "veth91a7f162",
                    "mac": "ee:03:36:c4:60:42"
                },
                {
                    "name": "eth0",
                    "mac": "62:cd:dd:17:a9:fe",
                    "sandbox": "/var/run/netns/c1"
                }
            ],
            "ips": [
                {
                    "interface": 2,
                    "address": "10.22.0.2/16",
                    "gateway": "10.22.0.1"
                }
            ],
            "routes": [
                {
                    "dst": "0.0.0.0/0"
                }
            ],
            "dns": {}
        }""";

    @Test
    void addPrintsTheResultAsCnitoolDoes() {
        n.file("/etc/cni/net.d/10-mynet.conf", MYNET.formatted("1.0.0"));
        Invocation add = n.run("cnitool add mynet /var/run/netns/c1");
        assertThat(add.stderr()).isEmpty();
        assertThat(add.exitCode()).isZero();
        assertThat(add.stdout()).as("four-space indent, no newline at the end").isEqualTo(C1_RESULT_1_0_0);
        assertThat(n.out(c1, "ip -br addr")).isEqualTo("""
            lo               UNKNOWN        127.0.0.1/8\s
            eth0@if3         UP             10.22.0.2/16\s
            """);
        assertThat(n.out(c1, "ip route")).isEqualTo("""
            default via 10.22.0.1 dev eth0\s
            10.22.0.0/16 dev eth0 proto kernel scope link src 10.22.0.2\s
            """);
        assertThat(n.out("ip netns")).isEqualTo("c2\nc1 (id: 0)\n");
        assertThat(n.out("ls /var/lib/cni/networks/mynet")).isEqualTo("10.22.0.2\nlast_reserved_ip.0\nlock\n");
        assertThat(n.host.files().readString("/var/lib/cni/networks/mynet/10.22.0.2"))
            .isEqualTo("cnitool-357cc6fe9c6932998a39\r\neth0");
        assertThat(n.out("cat /var/lib/cni/networks/mynet/last_reserved_ip.0")).isEqualTo("10.22.0.2");
        assertThat(n.host.files().exists("/var/lib/cni/results/mynet-cnitool-357cc6fe9c6932998a39-eth0")).isTrue();
    }

    @Test
    void version040ResultsCarryTheIpVersion() {
        n.file("/etc/cni/net.d/10-mynet.conf", MYNET.formatted("0.4.0"));
        assertThat(n.out("cnitool add mynet /var/run/netns/c1")).isEqualTo("""
            {
                "cniVersion": "0.4.0",
                "interfaces": [
                    {
                        "name": "cni0",
                        "mac": "ba:83:ff:bb:0b:da"
                    },
                    {
                        "name": "veth91a7f162",
                        "mac": "ee:03:36:c4:60:42"
                    },
                    {
                        "name": "eth0",
                        "mac": "62:cd:dd:17:a9:fe",
                        "sandbox": "/var/run/netns/c1"
                    }
                ],
                "ips": [
                    {
                        "version": "4",
                        "interface": 2,
                        "address": "10.22.0.2/16",
                        "gateway": "10.22.0.1"
                    }
                ],
                "routes": [
                    {
                        "dst": "0.0.0.0/0"
                    }
                ],
                "dns": {}
            }""");
    }

    @Test
    void twoContainersPingEachOtherAndTheHost() {
        n.file("/etc/cni/net.d/10-mynet.conf", MYNET.formatted("1.0.0"));
        n.out("cnitool add mynet /var/run/netns/c1");
        n.out("cnitool add mynet /var/run/netns/c2");
        assertThat(n.out("ip netns exec c1 ping -c 2 10.22.0.3")).contains(
            "2 packets transmitted, 2 received, 0% packet loss");
        assertThat(n.out(c2, "ping -c 1 10.22.0.1")).contains("1 packets transmitted, 1 received, 0% packet loss");
        assertThat(n.out("ping -c 1 10.22.0.2")).contains("1 packets transmitted, 1 received, 0% packet loss");
        assertThat(n.out("bridge link")).isEqualTo("""
            3: veth91a7f162@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master cni0 state forwarding priority 32 cost 2\s
            4: vethd3429773@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master cni0 state forwarding priority 32 cost 2\s
            """);
    }

    @Test
    void checkAndDel() {
        n.file("/etc/cni/net.d/10-mynet.conf", MYNET.formatted("1.0.0"));
        n.out("cnitool add mynet /var/run/netns/c1");
        assertThat(n.out("cnitool check mynet /var/run/netns/c1")).isEmpty();
        n.out(c1, "ip addr del 10.22.0.2/16 dev eth0");
        Invocation check = n.run("cnitool check mynet /var/run/netns/c1");
        assertThat(check.stderr()).isEqualTo("plugin type=\"bridge\" name=\"mynet\" failed (check): Failed to match addr "
            + "10.22.0.2/16 on interface eth0\n");
        assertThat(check.exitCode()).isEqualTo(1);

        assertThat(n.out("cnitool del mynet /var/run/netns/c1")).isEmpty();
        assertThat(n.out(c1, "ip -br link")).isEqualTo("lo               UNKNOWN        00:00:00:00:00:00 <LOOPBACK,UP,LOWER_UP> \n");
        assertThat(n.out("ip -br link")).as("the bridge stays, the veth went with its peer").isEqualTo("""
            lo               UNKNOWN        00:00:00:00:00:00 <LOOPBACK,UP,LOWER_UP>\s
            cni0             DOWN           ba:83:ff:bb:0b:da <NO-CARRIER,BROADCAST,MULTICAST,UP>\s
            """);
        assertThat(n.out("ls /var/lib/cni/networks/mynet")).isEqualTo("last_reserved_ip.0\nlock\n");
        assertThat(n.host.files().exists("/var/lib/cni/results/mynet-cnitool-357cc6fe9c6932998a39-eth0")).isFalse();
        assertThat(n.out("cnitool del mynet /var/run/netns/c1")).as("DEL twice is fine").isEmpty();
    }

    @Test
    void delAfterTheNamespaceIsGoneStillFreesTheAddress() {
        n.file("/etc/cni/net.d/10-mynet.conf", MYNET.formatted("1.0.0"));
        n.out("cnitool add mynet /var/run/netns/c1");
        n.out("ip netns delete c1");
        assertThat(n.out("ip -br link")).as("the host veth went with the namespace").isEqualTo("""
            lo               UNKNOWN        00:00:00:00:00:00 <LOOPBACK,UP,LOWER_UP>\s
            cni0             DOWN           ba:83:ff:bb:0b:da <NO-CARRIER,BROADCAST,MULTICAST,UP>\s
            """);
        assertThat(n.out("cnitool del mynet /var/run/netns/c1")).isEmpty();
        assertThat(n.out("ls /var/lib/cni/networks/mynet")).isEqualTo("last_reserved_ip.0\nlock\n");
    }

    @Test
    void checkNeedsVersion040() {
        n.file("/etc/cni/net.d/10-mynet.conf", MYNET.formatted("0.3.1"));
        n.out("cnitool add mynet /var/run/netns/c1");
        Invocation check = n.run("cnitool check mynet /var/run/netns/c1");
        assertThat(check.stderr()).isEqualTo("configuration version \"0.3.1\" does not support the CHECK command\n");
        assertThat(check.exitCode()).isEqualTo(1);
        Invocation noCache = n.run("cnitool check mynet /var/run/netns/c2");
        assertThat(noCache.exitCode()).isEqualTo(1);
        n.file("/etc/cni/net.d/10-mynet.conf", MYNET.formatted("1.0.0"));
        assertThat(n.run("cnitool check mynet /var/run/netns/c2").stderr()).isEqualTo("plugin type=\"bridge\" "
            + "name=\"mynet\" failed (check): Required prevResult missing\n");
    }

    @Test
    void environment() {
        n.file("/home/lab/net.d/10-mynet.conf", MYNET.formatted("1.0.0"));
        Invocation none = n.run("cnitool add mynet /var/run/netns/c1");
        assertThat(none.stderr()).isEqualTo("no net configurations found in /etc/cni/net.d\n");
        assertThat(none.exitCode()).isEqualTo(1);
        String out = n.out("NETCONFPATH=/home/lab/net.d CNI_IFNAME=net1 CNI_ARGS='K8S_POD_NAME=c1;IgnoreUnknown=1' "
            + "cnitool add mynet /var/run/netns/c1");
        assertThat(out).contains("\"name\": \"net1\",\n            \"mac\"");
        assertThat(c1.device("net1")).isNotNull();
        Invocation bad = n.run("NETCONFPATH=/home/lab/net.d CNI_ARGS=A=1;B cnitool add mynet /var/run/netns/c2");
        assertThat(bad.stderr()).isEqualTo("invalid CNI_ARGS pair \"B\"\n");
        assertThat(bad.exitCode()).isEqualTo(1);
        Invocation nope = n.run("NETCONFPATH=/home/lab/net.d cnitool add nope /var/run/netns/c2");
        assertThat(nope.stderr()).isEqualTo("no net configuration with name \"nope\" in /home/lab/net.d\n");
        Invocation nons = n.run("NETCONFPATH=/home/lab/net.d cnitool add mynet /var/run/netns/c9");
        assertThat(nons.stderr()).isEqualTo("plugin type=\"bridge\" name=\"mynet\" failed (add): failed to open netns "
            + "\"/var/run/netns/c9\": no such file or directory\n");
        assertThat(nons.exitCode()).isEqualTo(1);
        Invocation usage = n.run("cnitool add mynet");
        assertThat(usage.stderr()).startsWith("cnitool: Add, check, or remove network interfaces from a network namespace\n");
        assertThat(usage.exitCode()).isEqualTo(1);
        assertThat(Cnitool.containerId("/var/run/netns/c2")).isEqualTo("cnitool-68494c1f459c6475e488");
    }
}
