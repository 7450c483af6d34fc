package io.knetsim.cni;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.net.NetNamespace;
import io.knetsim.net.dev.Bridge;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The bridge plugin's fields, and loopback, on one node.
 *
 * <pre>
 *   c1 eth0 --veth-- br0 (node1) -- veth-- c2 eth0
 * </pre>
 */
class BridgePluginTest {
    private final Node n = new Node();
    private final NetNamespace c1 = n.netns("c1");
    private final NetNamespace c2 = n.netns("c2");

    private void conf(String fields) {
        n.file("/etc/cni/net.d/10-br.conf", "{\"cniVersion\": \"1.0.0\", \"name\": \"br\", \"type\": \"bridge\", "
            + "\"bridge\": \"br0\"" + fields + ", \"ipam\": {\"type\": \"host-local\", \"subnet\": \"10.30.0.0/24\"}}");
    }

    @Test
    void defaultGatewayHairpinAndMtu() {
        conf(", \"isDefaultGateway\": true, \"hairpinMode\": true, \"mtu\": 1400, \"promiscMode\": true");
        String out = n.out("cnitool add br /var/run/netns/c1");
        assertThat(out).contains("\n    \"routes\": [\n        {\n            \"dst\": \"0.0.0.0/0\",\n"
            + "            \"gw\": \"10.30.0.1\"\n        }\n    ],\n");
        assertThat(n.out(c1, "ip route")).isEqualTo("""
            default via 10.30.0.1 dev eth0\s
            10.30.0.0/24 dev eth0 proto kernel scope link src 10.30.0.2\s
            """);
        assertThat(c1.device("eth0").mtu()).isEqualTo(1400);
        Bridge br = (Bridge) n.host.device("br0");
        assertThat(br.ports()).singleElement().satisfies(p -> assertThat(p.hairpin()).isTrue());
        assertThat(n.out("ip -br addr show br0")).isEqualTo("br0              UP             10.30.0.1/24 \n");
    }

    @Test
    void withoutIsGatewayTheBridgeHasNoAddressAndPodsStillTalk() {
        conf("");
        n.out("cnitool add br /var/run/netns/c1");
        n.out("cnitool add br /var/run/netns/c2");
        assertThat(n.host.device("br0").addresses()).isEmpty();
        assertThat(n.out("sysctl net.ipv4.ip_forward")).isEqualTo("net.ipv4.ip_forward = 1\n"); // Topo.host sets it
        assertThat(n.out(c1, "ping -c 1 10.30.0.3")).contains("1 received");
        assertThat(n.out(c1, "ip route")).isEqualTo("10.30.0.0/24 dev eth0 proto kernel scope link src 10.30.0.2 \n");
    }

    @Test
    void anExistingBridgeWithAnotherAddressIsRefusedUnlessForced() {
        n.out("ip link add br0 type bridge");
        n.out("ip addr add 10.30.0.9/24 dev br0");
        conf(", \"isGateway\": true");
        String before = n.out("ip -d addr") + n.out("ip route");
        var inv = n.run("cnitool add br /var/run/netns/c1");
        assertThat(inv.stderr()).isEqualTo("plugin type=\"bridge\" name=\"br\" failed (add): \"br0\" already has an IP "
            + "address different from 10.30.0.1/24\n");
        assertThat(n.out("ip -d addr") + n.out("ip route")).as("nothing left half-made").isEqualTo(before);
        assertThat(n.out(c1, "ip -br link")).isEqualTo("lo               UNKNOWN        00:00:00:00:00:00 "
            + "<LOOPBACK,UP,LOWER_UP> \n");
        assertThat(n.host.files().list("/var/lib/cni/networks/br")).as("the allocation was rolled back").isEmpty();

        conf(", \"isGateway\": true, \"forceAddress\": true");
        n.out("cnitool add br /var/run/netns/c1");
        assertThat(n.out("ip -br addr show br0")).isEqualTo("br0              UP             10.30.0.1/24 \n");

        n.out("ip link add dummy0 type veth peer name dummy1");
        n.file("/etc/cni/net.d/10-br.conf", "{\"cniVersion\": \"1.0.0\", \"name\": \"br\", \"type\": \"bridge\", "
            + "\"bridge\": \"dummy0\", \"ipam\": {\"type\": \"host-local\", \"subnet\": \"10.30.0.0/24\"}}");
        assertThat(n.run("cnitool add br /var/run/netns/c2").stderr()).isEqualTo("plugin type=\"bridge\" name=\"br\" "
            + "failed (add): \"dummy0\" already exists but is not a bridge\n");
    }

    @Test
    void loopbackBringsLoUpAndReportsIt() throws CniError {
        n.out(c1, "ip link set lo down");
        NetworkConfigList lo = NetworkConfigs.parse("<bytes>", ("{\"cniVersion\": \"1.0.0\", \"name\": \"lo\", \"type\": "
            + "\"loopback\"}").getBytes());
        CniResult r = n.cni.addNetworkList(lo, n.host, RuntimeConf.of("c1", "/var/run/netns/c1", "lo"));
        assertThat(r.toJson("1.0.0").toString()).isEqualTo("{\"cniVersion\":\"1.0.0\",\"interfaces\":[{\"name\":\"lo\","
            + "\"mac\":\"00:00:00:00:00:00\",\"sandbox\":\"/var/run/netns/c1\"}],\"ips\":[{\"interface\":0,"
            + "\"address\":\"127.0.0.1/8\"}],\"dns\":{}}");
        assertThat(c1.loopback().isUp()).isTrue();
        n.cni.checkNetworkList(lo, n.host, RuntimeConf.of("c1", "/var/run/netns/c1", "lo"));
        n.cni.delNetworkList(lo, n.host, RuntimeConf.of("c1", "/var/run/netns/c1", "lo"));
        assertThat(c1.loopback().isUp()).isFalse();
    }

    @Test
    void capabilityArgsReachOnlyPluginsThatDeclareThem() throws CniError {
        NetworkConfigList l = NetworkConfigs.parse("<bytes>", """
            {"cniVersion": "1.0.0", "name": "cap", "plugins": [
              {"type": "loopback", "capabilities": {"portMappings": true}},
              {"type": "loopback", "capabilities": {"bandwidth": true}}]}""".getBytes());
        var pm = Json.MAPPER.createArrayNode();
        pm.addObject().put("hostPort", 8080).put("containerPort", 80).put("protocol", "tcp");
        RuntimeConf rt = new RuntimeConf("c1", "/var/run/netns/c1", "lo", List.of(Map.entry("A", "1")),
            Map.of("portMappings", pm));
        List<String> seen = new ArrayList<>();
        PluginRegistry reg = PluginRegistry.defaults().register(new CniPlugin() {
            @Override
            public String type() {
                return "loopback";
            }

            @Override
            public CniResult add(PluginCall call) {
                seen.add(call.conf().path("runtimeConfig").toString() + " prev=" + call.conf().has("prevResult"));
                return new CniResult();
            }

            @Override
            public void del(PluginCall call) {
            }

            @Override
            public void check(PluginCall call) {
            }
        });
        new Cni(reg).addNetworkList(l, n.host, rt);
        assertThat(seen).containsExactly(
            "{\"portMappings\":[{\"hostPort\":8080,\"containerPort\":80,\"protocol\":\"tcp\"}]} prev=false",
            " prev=true");
    }
}
