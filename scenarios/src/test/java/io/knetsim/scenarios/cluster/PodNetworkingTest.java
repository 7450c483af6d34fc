package io.knetsim.scenarios.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.addr.Cidr;
import io.knetsim.addr.Ipv4Address;
import io.knetsim.api.Pod;
import io.knetsim.cni.flanneld.Flanneld;
import io.knetsim.cni.kubelet.Worker;
import io.knetsim.net.NetNamespace;
import io.knetsim.pcap.Capture;
import io.knetsim.pcap.Tshark;
import io.knetsim.tool.Invocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lab: pod networking in two flannel clusters on one underlay, with the default world's pods.
 *
 * <pre>
 *   s0 ── C0e1 10.1.0.1  C0e2 10.1.0.2   C0w1 10.0.0.3 [c1]   C0w2 10.0.0.4 [c2 ic0 ic2]   C0w3 10.0.0.5 [c3 c4 ic1 ic3]
 *      └─ C1e1 10.2.0.1  C1e2 10.2.0.2   C1w1 10.0.0.8 [c1]   C1w2 10.0.0.9 [c2]           C1w3 10.0.0.10 [c3]
 *   flannel: 11.0.0.0/8, /20 leases in 11.10.0.0-11.99.0.0, VXLAN VNI 100 on UDP 8472 (or host-gw)
 * </pre>
 */
class PodNetworkingTest {
    /** Where the default world puts its pods: pod to worker, per cluster. */
    static final Map<String, Map<String, String>> PODS = Map.of(
        "C0", orderedMap("c1", "w1", "c2", "w2", "c3", "w3", "c4", "w3", "ic0", "w2", "ic1", "w3", "ic2", "w2",
            "ic3", "w3"),
        "C1", orderedMap("c1", "w1", "c2", "w2", "c3", "w3"));

    private static Map<String, String> orderedMap(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private static ClusterWorld world(String flannel) {
        ClusterWorld w = ClusterWorld.twoClusters(1, flannel).boot();
        for (Cluster c : w.clusters()) {
            PODS.get(c.name()).forEach((pod, worker) -> c.worker(worker).createContainer(pod));
        }
        return w;
    }

    private static String podIp(Cluster c, String pod) {
        return c.api().get(Pod.class, "default", pod).status().podIP();
    }

    @Test
    void everyPodPingsEveryOtherPodOfItsClusterWithTtl62AcrossWorkersAnd64OnOne() {
        ClusterWorld w = world(ClusterSpec.FLANNEL_VXLAN);
        int pings = 0;
        for (Cluster c : w.clusters()) {
            Map<String, String> pods = PODS.get(c.name());
            for (String from : pods.keySet()) {
                for (String to : pods.keySet()) {
                    if (from.equals(to)) {
                        continue;
                    }
                    String ip = podIp(c, to);
                    int ttl = pods.get(from).equals(pods.get(to)) ? 64 : 62;
                    Invocation ping = c.worker(pods.get(from)).execContainer(from, "ping -c 1 " + ip);
                    assertThat(ping.stdout()).as("%s %s -> %s", c.name(), from, to)
                        .contains("64 bytes from " + ip + ": icmp_seq=1 ttl=" + ttl + " ", "1 received, 0% packet loss");
                    pings++;
                }
            }
        }
        assertThat(pings).isEqualTo(8 * 7 + 3 * 2);
    }

    @Test
    void leasesAreSlash20sInsideTheRangeAndTheWorkerShowsWhatFlannelMade() {
        ClusterWorld w = world(ClusterSpec.FLANNEL_VXLAN);
        Cluster c0 = w.cluster("C0");
        List<Cidr> leases = new ArrayList<>();
        for (String s : List.of("w1", "w2", "w3")) {
            Cidr sn = c0.flanneld(s).lease().subnet();
            assertThat(sn.prefixLength()).isEqualTo(20);
            assertThat(sn.address()).isBetween(Ipv4Address.parse("11.10.0.0"), Ipv4Address.parse("11.99.0.0"));
            leases.add(sn);
        }
        assertThat(leases).doesNotHaveDuplicates();

        Worker w1 = c0.worker("w1");
        NetNamespace host = w1.host();
        var sh = w.runner();
        String env = sh.run(host, "cat /run/flannel/subnet.env").stdout();
        assertThat(env).isEqualTo("FLANNEL_NETWORK=11.0.0.0/8\nFLANNEL_SUBNET=" + leases.get(0).address().plus(1)
            + "/20\nFLANNEL_MTU=1450\nFLANNEL_IPMASQ=true\n");
        String routes = sh.run(host, "ip route").stdout();
        String neigh = sh.run(host, "ip neigh show dev flannel.100").stdout();
        String fdb = sh.run(host, "bridge fdb show dev flannel.100").stdout();
        for (int i = 1; i < 3; i++) {
            Cidr sn = leases.get(i);
            Flanneld f = c0.flanneld("w" + (i + 1));
            String mac = f.lease().attrs().backendData().path("VtepMAC").asText();
            assertThat(routes).contains(sn + " via " + sn.address() + " dev flannel.100 onlink \n");
            assertThat(neigh).contains(sn.address() + " lladdr " + mac + " PERMANENT \n");
            assertThat(fdb).contains(mac + " dst " + f.lease().attrs().publicIp() + " self permanent\n");
        }
        assertThat(routes).contains(leases.get(0) + " dev cni0 proto kernel scope link src "
            + leases.get(0).address().plus(1));
        assertThat(sh.run(w1.kubelet().podNamespace("default", "c1"), "ip route").stdout())
            .contains("default via " + leases.get(0).address().plus(1) + " dev eth0")
            .contains("11.0.0.0/8 via " + leases.get(0).address().plus(1) + " dev eth0");
        assertThat(sh.run(host, "etcdctl --endpoints http://10.1.0.1:2379 ls /coreos.com/network/subnets").stdout()
            .lines().sorted().toList()).hasSize(3);
    }

    @Test
    void theUnderlayCarriesVxlanVni100OnUdp8472DecodedByTshark(@TempDir Path dir) throws Exception {
        // Wireshark knows VXLAN on 4789; flannel's 8472 is Linux's default port, so decode it as VXLAN explicitly
        Tshark tshark = Tshark.require("flannel VXLAN between workers");
        ClusterWorld w = world(ClusterSpec.FLANNEL_VXLAN);
        Cluster c0 = w.cluster("C0");
        Path pcap = dir.resolve("c0w1-eth0.pcap");
        String c2 = podIp(c0, "c2");
        String c1 = podIp(c0, "c1");
        try (Capture cap = Capture.on(c0.worker("w1").host().device("eth0")).toFile(pcap)) {
            c0.worker("w1").execContainer("c1", "ping -c 2 " + c2);
        }
        List<List<String>> rows = tshark.fields(pcap, List.of("-d", "udp.port==8472,vxlan", "-Y", "vxlan && icmp"), "ip.src", "ip.dst", "udp.dstport",
            "vxlan.vni", "icmp.type");
        assertThat(rows).hasSize(4).contains(
            List.of("10.0.0.3," + c1, "10.0.0.4," + c2, "8472", "100", "8"),
            List.of("10.0.0.4," + c2, "10.0.0.3," + c1, "8472", "100", "0"));
        assertThat(tshark.summaries(pcap, List.of("-d", "udp.port==8472,vxlan", "-Y",
            "_ws.malformed || _ws.expert.severity >= warning")))
            .containsExactly("");
        assertThat(Files.size(pcap)).isPositive();
    }

    @Test
    void withHostGwTheSamePingsArePlainRoutedPackets(@TempDir Path dir) throws Exception {
        ClusterWorld w = world(ClusterSpec.FLANNEL_HOST_GW);
        Cluster c0 = w.cluster("C0");
        String c3 = podIp(c0, "c3");
        List<byte[]> frames = new ArrayList<>();
        try (Capture cap = Capture.on(c0.worker("w1").host().device("eth0")).to(p -> frames.add(p.data()))) {
            Invocation ping = c0.worker("w1").execContainer("c1", "ping -c 1 " + c3);
            assertThat(ping.stdout()).contains("ttl=62");
        }
        assertThat(w.runner().run(c0.worker("w1").host(), "ip route show " + c0.flanneld("w3").lease().subnet())
            .stdout()).isEqualTo(c0.flanneld("w3").lease().subnet() + " via 10.0.0.5 dev eth0 \n");
        assertThat(w.runner().run(c0.worker("w1").host(), "cat /run/flannel/subnet.env").stdout())
            .contains("FLANNEL_MTU=1500\n");
        // plain IPv4 carrying ICMP between the pods: no UDP, no VXLAN
        assertThat(frames).filteredOn(f -> f.length > 23 && f[12] == 0x08 && f[13] == 0x00)
            .allMatch(f -> f[23] == 1).isNotEmpty();
    }

    @Test
    void deletingAPodFreesItsAddressAndAFullSlash24FailsCleanly() {
        String slash24 = ClusterSpec.FLANNEL_VXLAN.replace("\"SubnetLen\":20", "\"SubnetLen\":24");
        ClusterWorld w = new ClusterWorld(2, io.knetsim.net.link.LinkConfig.DEFAULT,
            List.of(ClusterSpec.defaultCluster(0).withFlannelConfig(slash24))).boot();
        Cluster c0 = w.cluster("C0");
        Worker w1 = c0.worker("w1");
        w1.createContainer("first");
        String ip = podIp(c0, "first");
        String netns = w1.kubelet().podNetnsName("default", "first");
        assertThat(w1.host().files().exists("/var/lib/cni/networks/cbr0/" + ip)).isTrue();
        w1.deleteContainer("first");
        assertThat(w1.host().files().exists("/var/lib/cni/networks/cbr0/" + ip)).isFalse();
        assertThat(w.runner().run(w1.host(), "ip netns list").stdout()).doesNotContain(netns);

        for (int i = 0; i < 300; i++) {
            c0.api().create(Pod.of(io.knetsim.api.ObjectMeta.of("default", "p" + i), io.knetsim.api.PodSpec.of(
                io.knetsim.api.Container.of("main", "busybox")).withNodeName(w1.name())));
        }
        w.world().sim().runFor(io.knetsim.sim.SimTime.seconds(1));
        assertThat(w1.kubelet().runningPods()).isEqualTo(253);
        assertThat(w.runner().run(w1.host(), "ip netns list").stdout().lines()).hasSize(253);
        assertThat(c0.api().list(io.knetsim.api.Event.class, "default", "").stream()
            .filter(e -> e.reason().equals("FailedCreatePodSandBox")).map(io.knetsim.api.Event::message))
            .hasSize(47).allMatch(m -> m.endsWith("plugin type=\"flannel\" failed (add): failed to delegate add: "
                + "failed to allocate for "
                + "range 0: no IP addresses available in range set: " + c0.flanneld("w1").lease().subnet().address()
                    .plus(1) + "-" + c0.flanneld("w1").lease().subnet().address().plus(254)));
    }
}
