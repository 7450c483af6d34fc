package io.knetsim.cni;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.net.NetNamespace;
import org.junit.jupiter.api.Test;

/**
 * The ptp plugin, as routed CNIs plumb pods: no bridge, a /32 route per pod on the host.
 *
 * <pre>
 *   c1 eth0 10.1.1.2/24 ===== vethA 10.1.1.1/32 \
 *                                               node1 (ip_forward)   10.1.1.2 dev vethA scope host
 *   c2 eth0 10.1.1.3/24 ===== vethB 10.1.1.1/32 /                    10.1.1.3 dev vethB scope host
 * </pre>
 */
class PtpLabTest {
    private final Node n = new Node();
    private final NetNamespace c1 = n.netns("c1");
    private final NetNamespace c2 = n.netns("c2");

    PtpLabTest() {
        n.file("/etc/cni/net.d/10-myptp.conf", """
            {"cniVersion": "1.0.0", "name": "myptp", "type": "ptp", "ipMasq": true, "mtu": 1480,
             "ipam": {"type": "host-local", "subnet": "10.1.1.0/24", "routes": [{"dst": "0.0.0.0/0"}]}}
            """);
    }

    @Test
    void podsReachEachOtherAndTheHostThroughHostRoutes() {
        String r1 = n.out("cnitool add myptp /var/run/netns/c1");
        n.out("cnitool add myptp /var/run/netns/c2");
        String v1 = c1.device("eth0") == null ? null : n.host.devices().get(1).name();
        String v2 = n.host.devices().get(2).name();
        assertThat(v1).matches("veth[0-9a-f]{8}");
        assertThat(r1).isEqualTo("""
            {
                "cniVersion": "1.0.0",
                "interfaces": [
                    {
                        "name": "%s",
                        "mac": "%s"
                    },
                    {
                        "name": "eth0",
                        "mac": "%s",
                        "sandbox": "/var/run/netns/c1"
                    }
                ],
                "ips": [
                    {
                        "interface": 1,
                        "address": "10.1.1.2/24",
                        "gateway": "10.1.1.1"
                    }
                ],
                "routes": [
                    {
                        "dst": "0.0.0.0/0"
                    }
                ],
                "dns": {}
            }""".formatted(v1, n.host.device(v1).macAddress(), c1.device("eth0").macAddress()));
        assertThat(n.out(c1, "ip route")).isEqualTo("""
            default via 10.1.1.1 dev eth0\s
            10.1.1.0/24 via 10.1.1.1 dev eth0 src 10.1.1.2\s
            10.1.1.1 dev eth0 scope link src 10.1.1.2\s
            """);
        assertThat(n.out("ip route")).isEqualTo("""
            10.1.1.2 dev %s scope host\s
            10.1.1.3 dev %s scope host\s
            """.formatted(v1, v2));
        assertThat(n.out("ip -br addr")).isEqualTo("""
            lo               UNKNOWN        127.0.0.1/8\s
            %s@if2 UP             10.1.1.1/32\s
            %s@if2 UP             10.1.1.1/32\s
            """.formatted(v1, v2));
        assertThat(c1.device("eth0").mtu()).isEqualTo(1480);
        assertThat(n.out(c1, "ping -c 2 10.1.1.3")).contains("2 packets transmitted, 2 received, 0% packet loss")
            .contains("ttl=63");
        assertThat(n.out(c2, "ping -c 1 10.1.1.1")).contains("1 received");
        assertThat(n.out("ping -c 1 10.1.1.3")).contains("1 received");

        n.out("cnitool del myptp /var/run/netns/c2");
        assertThat(n.out("ip route")).isEqualTo("10.1.1.2 dev %s scope host \n".formatted(v1));
        assertThat(n.out(c1, "ping -c 1 10.1.1.1")).contains("1 received");
    }
}
