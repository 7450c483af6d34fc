package io.knetsim.cni;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.knetsim.addr.Cidr;
import io.knetsim.cni.flanneld.SubnetEnv;
import io.knetsim.net.NetNamespace;
import org.junit.jupiter.api.Test;

/**
 * The flannel CNI plugin on a worker of the default world: subnet.env from flanneld, a
 * conflist as kube-flannel installs it, and the bridge + host-local delegate it builds.
 *
 * <pre>
 *   /run/flannel/subnet.env  FLANNEL_NETWORK=11.0.0.0/8 FLANNEL_SUBNET=11.10.16.1/20 MTU 1450 IPMASQ true
 *   c1 eth0 11.10.16.2/20 (mtu 1450) --veth<8 hex>-- cni0 11.10.16.1/20 (C0w1)
 * </pre>
 */
class FlannelPluginTest {
    private static final String CONFLIST = """
        {"name": "cbr0", "cniVersion": "0.3.1",
         "plugins": [{"type": "flannel", "delegate": {"hairpinMode": true, "isDefaultGateway": true}}]}
        """;
    private static final String DELEGATE = "{\"cniVersion\":\"0.3.1\",\"hairpinMode\":true,\"ipMasq\":false,\"ipam\":"
        + "{\"ranges\":[[{\"subnet\":\"11.10.16.0/20\"}]],\"routes\":[{\"dst\":\"11.0.0.0/8\"}],\"type\":\"host-local\"},"
        + "\"isDefaultGateway\":true,\"isGateway\":true,\"mtu\":1450,\"name\":\"cbr0\",\"type\":\"bridge\"}";
    private static final String RESULT = """
        {
            "cniVersion": "0.3.1",
            "interfaces": [
                {
                    "name": "cni0",
                    "mac": "%s"
                },
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
                    "version": "4",
                    "interface": 2,
                    "address": "11.10.16.2/20",
                    "gateway": "11.10.16.1"
                }
            ],
            "routes": [
                {
                    "dst": "11.0.0.0/8"
                },
                {
                    "dst": "0.0.0.0/0",
                    "gw": "11.10.16.1"
                }
            ],
            "dns": {}
        }""";

    private final Node n = new Node("C0w1");
    private final NetNamespace c1 = n.netns("c1");

    FlannelPluginTest() {
        // what flanneld writes once it holds the lease 11.10.16.0/20
        SubnetEnv.write(n.host.files(), SubnetEnv.DEFAULT_PATH, Cidr.parse("11.0.0.0/8"), Cidr.parse("11.10.16.0/20"),
            1450, true);
        n.file("/etc/cni/net.d/10-flannel.conflist", CONFLIST);
    }

    @Test
    void readsWhatFlanneldWrites() {
        assertThat(n.out("cat /run/flannel/subnet.env"))
            .isEqualTo("FLANNEL_NETWORK=11.0.0.0/8\nFLANNEL_SUBNET=11.10.16.1/20\nFLANNEL_MTU=1450\nFLANNEL_IPMASQ=true\n");
    }

    private String expected() {
        String hostVeth = n.host.devices().get(2).name();
        return RESULT.formatted(n.host.device("cni0").macAddress(), hostVeth, n.host.device(hostVeth).macAddress(),
            c1.device("eth0").macAddress());
    }

    @Test
    void delegatesToBridgeAndHostLocalAsFlannelDoes() {
        String out = n.out("cnitool add cbr0 /var/run/netns/c1");
        String id = "cnitool-357cc6fe9c6932998a39";
        assertThat(n.host.files().readString("/var/lib/cni/flannel/" + id)).isEqualTo(DELEGATE);
        assertThat(out).isEqualTo(expected());
        assertThat(n.out(c1, "ip route")).isEqualTo("""
            default via 11.10.16.1 dev eth0\s
            11.0.0.0/8 via 11.10.16.1 dev eth0\s
            11.10.16.0/20 dev eth0 proto kernel scope link src 11.10.16.2\s
            """);
        assertThat(c1.device("eth0").mtu()).isEqualTo(1450);
        assertThat(n.host.device("cni0").mtu()).isEqualTo(1450);
        assertThat(n.out("ip -br addr show cni0")).isEqualTo("cni0             UP             11.10.16.1/20 \n");
        assertThat(n.out("bridge -d link").lines().filter(l -> l.contains("hairpin on")).count()).isEqualTo(1);
        assertThat(n.out("sysctl net.ipv4.ip_forward")).isEqualTo("net.ipv4.ip_forward = 1\n");

        n.out("cnitool del cbr0 /var/run/netns/c1");
        assertThat(n.host.files().exists("/var/lib/cni/flannel/" + id)).isFalse();
        assertThat(n.host.files().list("/var/lib/cni/networks/cbr0")).containsExactly("last_reserved_ip.0", "lock");
        assertThat(c1.device("eth0")).isNull();
        assertThat(n.out("cnitool del cbr0 /var/run/netns/c1")).as("DEL with nothing saved does nothing").isEmpty();
    }

    /** The delegate flannel saved, run as a plain bridge network, gives the very same result. */
    @Test
    void sameResultAsTheDelegateRunDirectly() throws Exception {
        CniResult viaFlannel = n.cni.addNetworkList(NetworkConfigs.loadByName(n.host.files(), "/etc/cni/net.d", "cbr0"),
            n.host, RuntimeConf.of("ctr1", "/var/run/netns/c1", "eth0"));
        String saved = n.host.files().readString("/var/lib/cni/flannel/ctr1");
        assertThat(saved).isEqualTo(DELEGATE);

        Node other = new Node("C0w1");
        NetNamespace c1b = other.netns("c1");
        other.file("/etc/cni/net.d/10-bridge.conf", saved);
        CniResult direct = other.cni.addNetworkList(NetworkConfigs.load(other.host.files(), "/etc/cni/net.d/10-bridge.conf"),
            other.host, RuntimeConf.of("ctr1", "/var/run/netns/c1", "eth0"));
        assertThat(Json.pretty(direct.toJson("0.3.1"))).isEqualTo(Json.pretty(viaFlannel.toJson("0.3.1")));
        assertThat(other.out(c1b, "ip route")).isEqualTo(n.out(c1, "ip route"));
    }

    @Test
    void delegateFieldsFromTheConfigWinAndBadDelegatesAreRefused() throws Exception {
        n.file("/etc/cni/net.d/10-flannel.conflist", """
            {"name": "cbr0", "cniVersion": "1.0.0", "plugins": [{"type": "flannel", "subnetFile": "/run/fl/subnet.env",
              "dataDir": "/var/lib/fl", "delegate": {"ipMasq": true, "mtu": 1400, "isGateway": false, "bridge": "cbr0"},
              "ipam": {"routes": [{"dst": "10.96.0.0/12"}]}}]}
            """);
        n.file("/run/fl/subnet.env", "FLANNEL_NETWORK=11.0.0.0/8\nFLANNEL_SUBNET=11.10.32.1/20\nFLANNEL_MTU=1450\n"
            + "FLANNEL_IPMASQ=false\n");
        n.out("cnitool add cbr0 /var/run/netns/c1");
        ObjectNode saved = (ObjectNode) Json.MAPPER.readTree(n.host.files().readString(
            "/var/lib/fl/cnitool-357cc6fe9c6932998a39"));
        assertThat(saved.toString()).isEqualTo("{\"bridge\":\"cbr0\",\"cniVersion\":\"1.0.0\",\"ipMasq\":true,\"ipam\":"
            + "{\"ranges\":[[{\"subnet\":\"11.10.32.0/20\"}]],\"routes\":[{\"dst\":\"10.96.0.0/12\"},{\"dst\":\"11.0.0.0/8\"}],"
            + "\"type\":\"host-local\"},\"isGateway\":false,\"mtu\":1400,\"name\":\"cbr0\",\"type\":\"bridge\"}");
        assertThat(n.out(c1, "ip route")).isEqualTo("""
            10.96.0.0/12 via 11.10.32.1 dev eth0\s
            11.0.0.0/8 via 11.10.32.1 dev eth0\s
            11.10.32.0/20 dev eth0 proto kernel scope link src 11.10.32.2\s
            """);
        assertThat(n.host.device("cbr0").addresses()).as("isGateway false: no address on the bridge").isEmpty();

        n.file("/etc/cni/net.d/10-flannel.conflist", "{\"name\": \"cbr0\", \"cniVersion\": \"1.0.0\", \"plugins\": "
            + "[{\"type\": \"flannel\", \"delegate\": {\"ipam\": {}}}]}");
        var bad = n.run("cnitool add cbr0 /var/run/netns/c2");
        assertThat(bad.stderr()).isEqualTo("plugin type=\"flannel\" failed (add): /etc/cni/net.d/10-flannel.conflist: "
            + "field \"delegate.ipam\": 'delegate' dictionary must not have 'ipam' field, it'll be set by flannel\n");
        n.file("/run/flannel/subnet.env", "FLANNEL_NETWORK=11.0.0.0/8\nFLANNEL_SUBNET=11.10.16.1/20\n");
        n.file("/etc/cni/net.d/10-flannel.conflist", CONFLIST);
        assertThat(n.run("cnitool add cbr0 /var/run/netns/c2").stderr()).isEqualTo("plugin type=\"flannel\" failed (add): "
            + "/run/flannel/subnet.env is missing FLANNEL_MTU, FLANNEL_IPMASQ\n");
    }
}
