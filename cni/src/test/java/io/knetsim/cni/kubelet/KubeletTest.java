package io.knetsim.cni.kubelet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.knetsim.api.ApiServer;
import io.knetsim.api.Container;
import io.knetsim.api.Event;
import io.knetsim.api.Node;
import io.knetsim.api.ObjectMeta;
import io.knetsim.api.Pod;
import io.knetsim.api.PodSpec;
import io.knetsim.app.image.ImageCatalog;
import io.knetsim.cni.Cni;
import io.knetsim.cni.CniTools;
import io.knetsim.cni.PluginRegistry;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.NetnsRegistry;
import io.knetsim.net.World;
import io.knetsim.net.topo.Topo;
import io.knetsim.sim.SimTime;
import io.knetsim.tool.CoreTools;
import io.knetsim.tool.ToolRegistry;
import io.knetsim.tool.ToolRunner;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A kubelet on one node whose CNI config is a plain bridge with host-local on a /24.
 *
 * <pre>
 *   pod eth0 10.244.1.N/24 --veth<8 hex>-- cni0 10.244.1.1/24 (node1)      API server: pods with spec.nodeName=node1
 * </pre>
 */
class KubeletTest {
    private static final String CONF = """
        {"cniVersion": "1.0.0", "name": "podnet", "type": "bridge", "bridge": "cni0", "isGateway": true,
         "ipam": {"type": "host-local", "subnet": "10.244.1.0/24", "routes": [{"dst": "0.0.0.0/0"}]}}
        """;

    private final World world = new World(3);
    private final NetNamespace host = Topo.host(world, "node1");
    private final ApiServer api = new ApiServer(world.sim(), "c0");
    private final ToolRunner sh;
    private final Kubelet kubelet;
    private final Worker worker;

    KubeletTest() {
        ToolRegistry r = CoreTools.registry();
        CniTools.registerAll(r);
        sh = new ToolRunner(r, Path.of("."));
        Topo.nic(host, "eth0", "10.0.0.3/24");
        host.files().write("/etc/cni/net.d/10-podnet.conf", CONF);
        kubelet = new Kubelet(host, "node1", api, new Cni(PluginRegistry.defaults()), ImageCatalog.builtin()).start();
        worker = new Worker(kubelet, api, sh);
    }

    private Pod pod(String name, String image) {
        return Pod.of(ObjectMeta.of("default", name), PodSpec.of(Container.of("main", image)).withNodeName("node1"));
    }

    private List<String> events(String pod) {
        return api.list(Event.class, "default", "").stream().filter(e -> e.involvedObject().name().equals(pod))
            .map(e -> e.type() + " " + e.reason() + ": " + e.message()).toList();
    }

    @Test
    void theNodeRegistersReadyWithItsAddress() {
        world.sim().runFor(SimTime.ms(1));
        Node n = api.get(Node.class, "node1");
        assertThat(n.isReady()).isTrue();
        assertThat(n.status().addresses()).extracting(a -> a.type() + "=" + a.address())
            .containsExactly("InternalIP=10.0.0.3", "Hostname=node1");
    }

    @Test
    void aPodGetsANamespaceAnAddressAndRunsItsImage() {
        api.create(pod("web", "nginx"));
        world.sim().runFor(SimTime.ms(10));

        Pod web = api.get(Pod.class, "default", "web");
        assertThat(web.phase()).isEqualTo("Running");
        assertThat(web.isReady()).isTrue();
        assertThat(web.status().podIP()).isEqualTo("10.244.1.2");
        assertThat(web.status().hostIP()).isEqualTo("10.0.0.3");
        String netns = kubelet.podNetnsName("default", "web");
        assertThat(netns).matches("cni-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(sh.run(host, "ip netns list").stdout()).contains(netns);
        assertThat(sh.run(kubelet.podNamespace("default", "web"), "hostname").stdout()).isEqualTo("web\n");
        var curl = sh.run(host, "curl -sv 10.244.1.2");
        assertThat(curl.stdout()).as(curl.stderr()).contains("<title>Welcome to nginx!</title>");
        assertThat(events("web")).containsExactly(
            "Normal Pulled: Container image \"nginx\" already present on machine",
            "Normal Created: Created container main",
            "Normal Started: Started container main");
    }

    @Test
    void withClusterDnsEachPodGetsTheClusterFirstResolvConf() {
        assertThat(kubelet.resolvConf("default")).isNull();
        kubelet.clusterDns();
        api.create(io.knetsim.api.Namespace.named("shop"));
        Pod p = Pod.of(ObjectMeta.of("shop", "client"), PodSpec.of(Container.of("main", "busybox"))
            .withNodeName("node1"));
        api.create(p);
        world.sim().runFor(SimTime.ms(10));
        assertThat(sh.run(kubelet.podNamespace("shop", "client"), "cat /etc/resolv.conf").stdout()).isEqualTo("""
            search shop.svc.cluster.local svc.cluster.local cluster.local
            nameserver 10.96.0.10
            options ndots:5
            """);
        assertThat(sh.run(kubelet.podNamespace("shop", "client"), "cat /etc/hosts").stdout()).isEqualTo("""
            # Kubernetes-managed hosts file.
            127.0.0.1\tlocalhost
            ::1\tlocalhost ip6-localhost ip6-loopback
            fe00::0\tip6-localnet
            fe00::0\tip6-mcastprefix
            fe00::1\tip6-allnodes
            fe00::2\tip6-allrouters
            10.244.1.2\tclient
            """);
        // localhost and the pod's own name resolve without DNS
        assertThat(sh.run(kubelet.podNamespace("shop", "client"), "ping -c 1 client").stdout())
            .startsWith("PING client (10.244.1.2) 56(84) bytes of data.\n64 bytes from client (10.244.1.2): icmp_seq=1");
        assertThat(sh.run(kubelet.podNamespace("shop", "client"), "ping -c 1 localhost").stdout())
            .startsWith("PING localhost (127.0.0.1) 56(84) bytes of data.\n64 bytes from localhost (127.0.0.1)");
    }

    @Test
    void podsFindAServiceByNameThroughTheClusterDns() {
        // the DNS server runs on the node, reachable from pods at the bridge's address
        kubelet.clusterDns(io.knetsim.addr.Ipv4Address.parse("10.244.1.1"), "cluster.local");
        var zone = new io.knetsim.app.dns.ClusterDnsZone();
        new io.knetsim.app.dns.DnsServer(host, List.of(zone)).start();
        api.create(pod("web", "nginx"));
        api.create(pod("client", "busybox"));
        world.sim().runFor(SimTime.ms(10));
        zone.update(List.of(io.knetsim.app.dns.ClusterDnsZone.ServiceEntry.clusterIp("web", "default",
            io.knetsim.addr.Ipv4Address.parse(api.get(Pod.class, "default", "web").status().podIP()), List.of())),
            List.of());
        var curl = sh.run(kubelet.podNamespace("default", "client"), "curl -s http://web/");
        assertThat(curl.stdout()).as(curl.stderr()).contains("<title>Welcome to nginx!</title>");
        assertThat(sh.run(kubelet.podNamespace("default", "client"), "nslookup web").stdout()).isEqualTo("""
            Server:\t\t10.244.1.1
            Address:\t10.244.1.1#53

            Name:\tweb.default.svc.cluster.local
            Address: 10.244.1.2

            """);
    }

    @Test
    void deletingAPodTearsItDownAndFreesItsAddressForTheNext() {
        worker.createContainer("c1");
        worker.createContainer("c2");
        assertThat(api.get(Pod.class, "default", "c2").status().podIP()).isEqualTo("10.244.1.3");
        String netns = kubelet.podNetnsName("default", "c1");

        worker.deleteContainer("c1");
        assertThat(NetnsRegistry.lookupNamed(host, netns)).isNull();
        assertThat(host.files().exists("/var/lib/cni/networks/podnet/10.244.1.2")).isFalse();
        assertThat(sh.run(host, "ip -br link show master cni0").stdout().lines()).hasSize(1);

        // host-local hands out round-robin from the last reserved address, then wraps to the freed one
        worker.createContainer("c3");
        assertThat(api.get(Pod.class, "default", "c3").status().podIP()).isEqualTo("10.244.1.4");
        assertThat(worker.execContainer("c3", "ping -c 1 10.244.1.3").stdout())
            .contains("64 bytes from 10.244.1.3: icmp_seq=1 ttl=64");
    }

    @Test
    void threeHundredPodsOnASlash24StopAtExhaustionWithTheCniErrorAndNoHalfMadeNamespace() {
        for (int i = 0; i < 300; i++) {
            api.create(pod("p" + i, "busybox"));
        }
        world.sim().runFor(SimTime.seconds(1));

        long running = api.list(Pod.class, "default", "").stream().filter(p -> "Running".equals(p.phase())).count();
        assertThat(running).isEqualTo(253); // .2 to .254: the gateway .1, network and broadcast are never given out
        assertThat(kubelet.runningPods()).isEqualTo(253);
        assertThat(NetnsRegistry.list(host)).hasSize(253);
        Pod last = api.list(Pod.class, "default", "").stream().filter(p -> p.phase() == null
            || "Pending".equals(p.phase())).findFirst().orElseThrow();
        assertThat(events(last.metadata().name())).singleElement().asString()
            .startsWith("Warning FailedCreatePodSandBox: Failed to create pod sandbox: rpc error: code = Unknown desc "
                + "= failed to setup network for sandbox \"")
            .endsWith("plugin type=\"bridge\" name=\"podnet\" failed (add): failed to allocate for range 0: no IP addresses available "
                + "in range set: 10.244.1.1-10.244.1.254");
        assertThat(host.devices()).hasSize(2 + 1 + 253); // lo, eth0, cni0 and one veth per running pod

        // one pod goes; a waiting one gets its address on the kubelet's next try
        api.delete(Pod.class, "default", "p0");
        world.sim().runFor(SimTime.seconds(11));
        assertThat(kubelet.runningPods()).isEqualTo(253);
    }

    @Test
    void anUnknownImageLeavesThePodPendingWithTheKubeletsEvents() {
        api.create(pod("typo", "nginxx"));
        world.sim().runFor(SimTime.seconds(11));
        Pod p = api.get(Pod.class, "default", "typo");
        assertThat(p.phase()).isEqualTo("Pending");
        assertThat(p.isReady()).isFalse();
        assertThat(p.status().podIP()).isEqualTo("10.244.1.2"); // the sandbox exists, as with a real runtime
        assertThat(p.status().containerStatuses().get(0).state().waiting().reason()).isEqualTo("ImagePullBackOff");
        assertThat(events("typo")).first().asString().startsWith("Warning Failed: Failed to pull image \"nginxx\": ");
        assertThat(events("typo")).last().asString().isEqualTo("Normal BackOff: Back-off pulling image \"nginxx\"");
    }

    @Test
    void workerOperationsExplainWhatWentWrong() {
        assertThatThrownBy(() -> worker.execContainer("ghost", "ip addr"))
            .hasMessage("container ghost is not running on node1");
        host.files().write("/etc/cni/net.d/10-podnet.conf", CONF.replace("10.244.1.0/24", "10.244.1.0/33"));
        assertThatThrownBy(() -> worker.createContainer("c9")).isInstanceOf(IllegalStateException.class)
            .hasMessageStartingWith("container c9 did not start on node1: Failed to create pod sandbox:");
        assertThat(NetnsRegistry.list(host)).isEmpty();
    }
}
