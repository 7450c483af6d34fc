package io.knetsim.scenarios.labs;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.api.EndpointSlice;
import io.knetsim.api.Pod;
import io.knetsim.api.Service;
import io.knetsim.net.NetNamespace;
import io.knetsim.scenarios.cluster.Cluster;
import io.knetsim.scenarios.cluster.ClusterDns;
import io.knetsim.scenarios.scenario.Flannel;
import io.knetsim.scenarios.scenario.Scenario;
import io.knetsim.scenarios.scenario.ScenarioCluster;
import io.knetsim.scenarios.scenario.ScenarioWorld;
import io.knetsim.sim.SimTime;
import io.knetsim.tool.Invocation;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Lab 3 (docs/labs/03-services.md) as a unit test: first the original labs' static VIP, a
 * dnat rule written by hand that nothing keeps up to date; then a real Service, which the
 * EndpointSlice controller and kube-proxy keep in step with the pods. Copy it, change the world
 * (more replicas, a slower kube-proxy: {@code startKubeProxy(SimTime.seconds(30))}) and run it:
 *
 * <pre>
 *   mvn -B -q -pl scenarios -am test -Dtest=Lab03ServicesTest -Dsurefire.failIfNoSpecifiedTests=false
 *
 *   s0 ─┬─ C0e1 10.1.0.1   (etcd; a client outside the pod network)
 *       ├─ C0w1 10.0.0.3   [c1]      every worker: table ip nat      100.64.10.1 ─▶ jhash ─▶ c2 | c3
 *       ├─ C0w2 10.0.0.4   [c2]                    table ip kube-proxy  ClusterIP:8888 ─▶ numgen ─▶ hostnames-*:9376
 *       └─ C0w3 10.0.0.5   [c3]      CoreDNS behind kube-dns 10.96.0.10: hostnames.default.svc.cluster.local
 * </pre>
 */
class Lab03ServicesTest {
    private static final String VIP = "100.64.10.1";

    private final ScenarioWorld world = ScenarioWorld.build(Scenario.builder()
        .seed(1)
        .cluster(ScenarioCluster.named("C0")
            .etcd("e1", Ipv4Address.parse("10.1.0.1"))
            .worker("w1", Ipv4Address.parse("10.0.0.3"))
            .worker("w2", Ipv4Address.parse("10.0.0.4"))
            .worker("w3", Ipv4Address.parse("10.0.0.5"))
            .flannel(Flannel.LABS))
        .build(), Path.of("."));
    private final Cluster c0 = world.clusters().cluster("C0");
    private final NetNamespace w1 = c0.worker("w1").host();

    Lab03ServicesTest() {
        // kubelets with --cluster-dns, as kubeadm sets them up: every pod's resolv.conf names kube-dns
        c0.workers().forEach(w -> w.kubelet().clusterDns());
        c0.worker("w1").createContainer("c1");
        c0.worker("w2").createContainer("c2");
        c0.worker("w3").createContainer("c3");
        // part 1: the labs' C0.kp_vip_add("100.64.10.1", ["c2", "c3"]), a rule on every worker
        c0.addStaticVip(VIP, List.of(ip("c2"), ip("c3")));
        // part 2: kube-proxy (nftables mode, 1 s min sync period) on every worker, then CoreDNS
        c0.startKubeProxy(SimTime.seconds(1));
        c0.startClusterDns();
        clock(SimTime.seconds(10));
        assertThat(c0.api().list(Pod.class, "kube-system", "k8s-app=kube-dns").stream().filter(Pod::isReady))
            .hasSize(ClusterDns.REPLICAS);
    }

    private String ip(String pod) {
        return c0.api().get(Pod.class, "default", pod).status().podIP();
    }

    private void clock(long nanos) {
        world.world().sim().runFor(nanos);
    }

    /** A command in pod c1, as {@code C0/c1 CMD} at the prompt. */
    private Invocation fromC1(String command) {
        return c0.worker("w1").execContainer("c1", command);
    }

    /** {@code kubectl ...} as typed on C0w1; it must succeed. */
    private String kubectl(String args) {
        Invocation inv = world.runner().run(w1, "kubectl " + args);
        assertThat(inv.exitCode()).as(inv.stderr()).isZero();
        return inv.stdout();
    }

    private Set<String> replicas() {
        Set<String> names = new HashSet<>();
        c0.api().list(Pod.class, "default", "app=hostnames").forEach(p -> names.add(p.metadata().name()));
        return names;
    }

    /** Part 2's start: five serve_hostname replicas behind a Service on 8888, and kube-proxy's sync. */
    private Service deployHostnames() {
        assertThat(kubectl("create deployment hostnames --image=registry.k8s.io/serve_hostname --replicas=5"))
            .isEqualTo("deployment.apps/hostnames created\n");
        assertThat(kubectl("expose deployment hostnames --port=8888 --target-port=9376"))
            .isEqualTo("service/hostnames exposed\n");
        clock(SimTime.seconds(1));
        return c0.api().get(Service.class, "default", "hostnames");
    }

    // ------------------------------------------------------------ part 1: static VIPs

    @Test
    void aPingToTheStaticVipReachesABackendAndTheRuleCountsTheFlowOnce() {
        String ping = fromC1("ping -c 3 " + VIP).stdout();
        // the replies come from the VIP (conntrack translates them back), two routers away
        assertThat(ping).contains("64 bytes from " + VIP + ": icmp_seq=1 ttl=62", "3 received, 0% packet loss");
        // NAT is decided on a flow's first packet: one packet counted for three pings
        assertThat(world.runner().run(w1, "nft list chain ip nat PREROUTING").stdout())
            .contains("ip daddr " + VIP + " counter packets 1 bytes 84 dnat to jhash ip checksum mod 2 map { 0 : "
                + ip("c2") + ", 1 : " + ip("c3") + " }");
    }

    @Test
    void aDeletedBackendOfAStaticVipKeepsLosingTheFlowsHashedToIt() {
        c0.worker("w3").deleteContainer("c3");
        int lost = 0;
        for (int i = 0; i < 12; i++) {
            if (fromC1("ping -c 1 -W 1 " + VIP).exitCode() != 0) {
                lost++;
            }
        }
        // nothing watches the containers: about half the flows still go to c3's old address
        assertThat(lost).isBetween(1, 11);
        assertThat(world.runner().run(w1, "nft list chain ip nat PREROUTING").stdout()).contains(ip("c2"));
    }

    // ------------------------------------------------------------ part 2: real Services

    @Test
    void aDeploymentBehindAServiceAnswersOnItsClusterIpAndByNameFromSeveralReplicas() {
        Service svc = deployHostnames();
        String clusterIp = svc.spec().clusterIP();
        // the ClusterIP comes from the service CIDR, 10.96.0.0/12
        assertThat(io.knetsim.addr.Cidr.parse("10.96.0.0/12").contains(Ipv4Address.parse(clusterIp))).isTrue();
        // the EndpointSlice lists the five pods on the target port
        EndpointSlice slice = c0.api().list(EndpointSlice.class, "default", "kubernetes.io/service-name=hostnames")
            .get(0);
        assertThat(slice.endpoints()).hasSize(5);
        assertThat(slice.ports()).containsExactly(new EndpointSlice.EndpointPort("", "TCP", 9376));
        // kube-proxy's service chain picks one of five endpoint chains at random
        String chain = world.runner().run(w1, "nft list chain ip kube-proxy service-EJAJPSCL-default/hostnames/tcp/")
            .stdout();
        assertThat(chain).contains("ip daddr " + clusterIp + " tcp dport 8888 ip saddr != 11.0.0.0/8 jump "
            + "mark-for-masquerade", "numgen random mod 5 vmap { 0 : goto endpoint-");

        // every connection is a new draw: the answers come from several replicas, never from elsewhere
        Set<String> answers = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            Invocation curl = fromC1("curl -s " + clusterIp + ":8888");
            assertThat(curl.exitCode()).as(curl.stderr()).isZero();
            answers.add(curl.stdout());
        }
        assertThat(replicas()).containsAll(answers);
        assertThat(answers).hasSizeGreaterThanOrEqualTo(3);

        // CoreDNS answers the service's name with the ClusterIP; the search list makes the short name work
        assertThat(fromC1("nslookup hostnames").stdout())
            .contains("Name:\thostnames.default.svc.cluster.local\nAddress: " + clusterIp + "\n");
        for (String name : new String[] {"hostnames", "hostnames.default.svc.cluster.local"}) {
            Invocation curl = fromC1("curl -s " + name + ":8888");
            assertThat(curl.exitCode()).as(name).isZero();
            assertThat(replicas()).contains(curl.stdout());
        }
    }

    @Test
    void aNodePortReachesTheReplicasFromAnEtcdHostThroughAnyWorker() {
        deployHostnames();
        assertThat(kubectl("expose deployment hostnames --name=hostnames-np --type=NodePort --port=8888 "
            + "--target-port=9376")).isEqualTo("service/hostnames-np exposed\n");
        int nodePort = c0.api().get(Service.class, "default", "hostnames-np").spec().ports().get(0).nodePort();
        assertThat(nodePort).isBetween(30000, 32767);
        clock(SimTime.seconds(1));
        // C0e1 is outside the pod network: it reaches the service on every worker's own address
        NetNamespace etcd = c0.etcdHosts().get(0);
        for (String worker : new String[] {"10.0.0.3", "10.0.0.4", "10.0.0.5"}) {
            Invocation curl = world.runner().run(etcd, "curl -s " + worker + ":" + nodePort);
            assertThat(curl.exitCode()).as(worker + " " + curl.stderr()).isZero();
            assertThat(replicas()).contains(curl.stdout());
        }
    }

    @Test
    void afterAPodIsDeletedEveryRequestSucceedsOnceTheEndpointsUpdate() {
        Service svc = deployHostnames();
        Pod victim = c0.api().list(Pod.class, "default", "app=hostnames").stream()
            .filter(p -> p.nodeName().equals("c0w3")).findFirst().orElseThrow();
        String oldIp = victim.status().podIP();
        assertThat(kubectl("delete pod " + victim.metadata().name()))
            .isEqualTo("pod \"" + victim.metadata().name() + "\" deleted\n");
        // the ReplicaSet replaces it at once; the EndpointSlice controller swaps the addresses
        assertThat(replicas()).hasSize(5).doesNotContain(victim.metadata().name());
        List<String> addresses = c0.api().list(EndpointSlice.class, "default", "kubernetes.io/service-name=hostnames")
            .get(0).endpoints().stream().map(e -> e.addresses().get(0)).toList();
        assertThat(addresses).hasSize(5).doesNotContain(oldIp);
        // kube-proxy follows at its next sync: the old address leaves the service chain
        clock(SimTime.seconds(1));
        assertThat(world.runner().run(w1, "nft list chain ip kube-proxy service-EJAJPSCL-default/hostnames/tcp/")
            .stdout()).contains("numgen random mod 5").doesNotContain(oldIp + "/9376");
        // unlike the static VIP of part 1, every request succeeds, and only live replicas answer
        Set<String> answers = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            Invocation curl = fromC1("curl -s -m 2 " + svc.spec().clusterIP() + ":8888");
            assertThat(curl.exitCode()).as("request %d: %s", i, curl.stderr()).isZero();
            answers.add(curl.stdout());
        }
        assertThat(replicas()).containsAll(answers);
    }

    @Test
    void aServiceWithoutEndpointsIsRefusedAtOnce() {
        Service svc = deployHostnames();
        kubectl("scale deployment hostnames --replicas=0");
        clock(SimTime.seconds(1));
        // kube-proxy maps it to reject-chain: curl fails with "connection refused", not a timeout
        Invocation curl = fromC1("curl -sS hostnames:8888");
        assertThat(curl.exitCode()).isEqualTo(7);
        assertThat(curl.stderr()).isEqualTo("curl: (7) Failed to connect to hostnames port 8888 after 0 ms: "
            + "Couldn't connect to server\n");
        assertThat(world.runner().run(w1, "nft list map ip kube-proxy no-endpoint-services").stdout())
            .contains(svc.spec().clusterIP() + " . tcp . 8888 : goto reject-chain");
    }
}
