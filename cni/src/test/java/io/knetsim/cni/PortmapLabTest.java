package io.knetsim.cni;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.app.http.FixedMessageServer;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.dev.EthernetNic;
import io.knetsim.net.link.LinkConfig;
import io.knetsim.net.topo.Topo;
import io.knetsim.sim.SimTime;
import io.knetsim.tool.Invocation;
import org.junit.jupiter.api.Test;

/**
 * The portmap plugin chained after bridge: a host port of node1 forwards to a container's server.
 *
 * <pre>
 *   client 10.0.0.10 ====== [eth0 10.0.0.3/24] node1  cni0 10.22.0.1/16 --+-- c1 eth0 10.22.0.2:80 (web server)
 *   curl http://10.0.0.3:8080/        8080/tcp -> 10.22.0.2:80              +-- c2 eth0 10.22.0.3
 * </pre>
 */
class PortmapLabTest {
    private static final String MYNET = """
        {"cniVersion": "1.0.0", "name": "mynet", "plugins": [
          {"type": "bridge", "bridge": "cni0", "isGateway": true, "ipMasq": false,
           "ipam": {"type": "host-local", "subnet": "10.22.0.0/16", "routes": [{"dst": "0.0.0.0/0"}]}},
          {"type": "portmap", "capabilities": {"portMappings": true}}
        ]}
        """;
    private static final String CAP = "CAP_ARGS='{\"portMappings\":[{\"hostPort\":8080,\"containerPort\":80,"
        + "\"protocol\":\"tcp\"}]}' ";
    private static final String DN = "CNI-DN-207beca4bb8980ca47baf"; // sha512("mynet" + container ID)
    private final Node n = new Node();
    private final NetNamespace c1 = n.netns("c1");
    private final NetNamespace c2 = n.netns("c2");
    private final NetNamespace client = Topo.host(n.world, "client");

    {
        EthernetNic a = Topo.nic(n.host, "eth0", "10.0.0.3/24");
        EthernetNic b = Topo.nic(client, "eth0", "10.0.0.10/24");
        Topo.cable(a, b, LinkConfig.DEFAULT);
        n.file("/etc/cni/net.d/10-mynet.conflist", MYNET);
    }

    @Test
    void aHostPortReachesTheContainersServerFromAnotherHostTheNodeAndTheContainerItself() {
        n.out(CAP + "cnitool add mynet /var/run/netns/c1");
        FixedMessageServer.start(c1, 80, "hello from c1");
        assertThat(n.out("nft list ruleset")).isEqualTo("""
            table ip nat {
            \tchain PREROUTING {
            \t\ttype nat hook prerouting priority dstnat; policy accept;
            \t\tfib daddr type local counter packets 0 bytes 0 jump CNI-HOSTPORT-DNAT
            \t}

            \tchain OUTPUT {
            \t\ttype nat hook output priority -100; policy accept;
            \t\tfib daddr type local counter packets 0 bytes 0 jump CNI-HOSTPORT-DNAT
            \t}

            \tchain CNI-HOSTPORT-DNAT {
            \t\ttcp dport { 8080 } counter packets 0 bytes 0 jump CNI-DN-207beca4bb8980ca47baf
            \t}

            \tchain POSTROUTING {
            \t\ttype nat hook postrouting priority srcnat; policy accept;
            \t\tcounter packets 0 bytes 0 jump CNI-HOSTPORT-MASQ
            \t}

            \tchain CNI-HOSTPORT-SETMARK {
            \t\tcounter packets 0 bytes 0 meta mark set meta mark | 0x00002000
            \t}

            \tchain CNI-HOSTPORT-MASQ {
            \t\tmeta mark & 0x00002000 == 0x00002000 counter packets 0 bytes 0 masquerade
            \t}

            \tchain CNI-DN-207beca4bb8980ca47baf {
            \t\tip saddr 10.22.0.2 tcp dport 8080 counter packets 0 bytes 0 jump CNI-HOSTPORT-SETMARK
            \t\tip saddr 127.0.0.1 tcp dport 8080 counter packets 0 bytes 0 jump CNI-HOSTPORT-SETMARK
            \t\ttcp dport 8080 counter packets 0 bytes 0 dnat to 10.22.0.2:80
            \t}
            }
            """);

        assertThat(n.out(client, "curl -s http://10.0.0.3:8080/")).isEqualTo("hello from c1\n");
        assertThat(n.out("curl -s http://10.0.0.3:8080/")).as("from the node itself (OUTPUT)").isEqualTo("hello from c1\n");
        assertThat(n.out(c1, "curl -s http://10.0.0.3:8080/")).as("hairpin: the container reaches itself")
            .isEqualTo("hello from c1\n");

        n.world.sim().runFor(SimTime.seconds(1)); // the last ACKs and FINs arrive
        Invocation ct = n.run("conntrack -L -p tcp --orig-port-dst 8080");
        assertThat(ct.stderr()).isEqualTo("conntrack v1.4.6 (conntrack-tools): 3 flow entries have been shown.\n");
        String flows = ct.stdout().replaceAll("sport=(?!80 )\\d+", "sport=P").replaceAll("dport=(?!8080 )\\d+", "dport=P");
        // DNAT to the container for all three; the container's own connection is masqueraded to the gateway
        assertThat(flows).isEqualTo("""
            tcp      6 119 TIME_WAIT src=10.0.0.3 dst=10.0.0.3 sport=P dport=8080 src=10.22.0.2 dst=10.0.0.3 sport=80 dport=P [ASSURED] mark=0 use=1
            tcp      6 119 TIME_WAIT src=10.0.0.10 dst=10.0.0.3 sport=P dport=8080 src=10.22.0.2 dst=10.0.0.10 sport=80 dport=P [ASSURED] mark=0 use=1
            tcp      6 119 TIME_WAIT src=10.22.0.2 dst=10.0.0.3 sport=P dport=8080 src=10.22.0.2 dst=10.22.0.1 sport=80 dport=P [ASSURED] mark=0 use=1
            """);
    }

    @Test
    void delRemovesTheContainersChainAndTheServerIsNoLongerReachable() {
        n.out(CAP + "cnitool add mynet /var/run/netns/c1");
        n.out(CAP.replace("8080", "8081") + "cnitool add mynet /var/run/netns/c2");
        FixedMessageServer.start(c1, 80, "hello from c1");
        FixedMessageServer.start(c2, 80, "hello from c2");
        assertThat(n.out(client, "curl -s http://10.0.0.3:8081/")).isEqualTo("hello from c2\n");

        n.out(CAP + "cnitool del mynet /var/run/netns/c1");

        String rules = n.out("nft list chain ip nat CNI-HOSTPORT-DNAT");
        assertThat(rules).doesNotContain(DN).contains("tcp dport { 8081 } counter packets 1 bytes 60 jump CNI-DN-");
        assertThat(n.out("nft list ruleset")).doesNotContain("8080");
        Invocation refused = n.run(client, "curl -s http://10.0.0.3:8080/");
        assertThat(refused.exitCode()).isEqualTo(7);
        assertThat(n.out(client, "curl -s http://10.0.0.3:8081/")).isEqualTo("hello from c2\n");
        assertThat(n.out("cnitool del mynet /var/run/netns/c1")).as("DEL twice is fine").isEmpty();
    }

    @Test
    void aBadMappingFailsTheAddAndLeavesNothingBehind() {
        n.file("/etc/cni/net.d/10-mynet.conflist", MYNET.replace("\"ipMasq\": false", "\"ipMasq\": true"));
        String before = n.out("ip -br link") + n.out("ip route");

        Invocation bad = n.run("CAP_ARGS='{\"portMappings\":[{\"hostPort\":0,\"containerPort\":80,\"protocol\":\"tcp\"}]}' "
            + "cnitool add mynet /var/run/netns/c1");

        assertThat(bad.stderr()).isEqualTo("plugin type=\"portmap\" failed (add): Invalid host port number: 0\n");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(n.out("nft list ruleset")).as("bridge's ipMasq rules went with the failed ADD").isEmpty();
        assertThat(n.out("ip -br link") + n.out("ip route")).isEqualTo(before);
        assertThat(n.out(c1, "ip -br addr")).doesNotContain("eth0");
        assertThat(n.out("ls /var/lib/cni/networks/mynet")).doesNotContain("10.22.0.2");
    }

    @Test
    void noMappingsNoRules() {
        n.out("cnitool add mynet /var/run/netns/c1");
        assertThat(n.out("nft list ruleset")).isEmpty();
        assertThat(n.out("cnitool check mynet /var/run/netns/c1")).isEmpty();
    }
}
