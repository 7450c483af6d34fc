package io.knetsim.scenarios.services;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.api.ApiServer;
import io.knetsim.api.Container;
import io.knetsim.api.ContainerPort;
import io.knetsim.api.Deployment;
import io.knetsim.api.EndpointSlice;
import io.knetsim.api.IntOrString;
import io.knetsim.api.ObjectMeta;
import io.knetsim.api.Pod;
import io.knetsim.api.PodSpec;
import io.knetsim.api.Service;
import io.knetsim.api.ServicePort;
import io.knetsim.api.ServiceSpec;
import io.knetsim.kubeproxy.proxy.ChainNames;
import io.knetsim.net.NetNamespace;
import io.knetsim.scenarios.cluster.Cluster;
import io.knetsim.scenarios.cluster.ClusterSpec;
import io.knetsim.scenarios.cluster.ClusterWorld;
import io.knetsim.sim.SimTime;
import io.knetsim.tool.Invocation;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Lab: real Services with kube-proxy in nftables mode on cluster C0.
 *
 * <pre>
 *   Deployment hostnames (5 x registry.k8s.io/serve_hostname, port "http" 9376) ── spread over C0w1..w3
 *   Service hostnames  ClusterIP 10.96.x.y:8888 ─▶ targetPort http (9376)
 *   c1 (C0w1) ── curl CLUSTER-IP:8888 ──▶ C0w1 table ip kube-proxy: service-ips map ─▶ numgen random ─▶ dnat
 *   C0e1 10.1.0.1 ── curl 10.0.0.4:NODEPORT ──▶ C0w2 services chain: nodeport-ips ─▶ external-... ─▶ masquerade
 * </pre>
 */
class ServicesLabTest {
    private ClusterWorld world;
    private Cluster c0;
    private ApiServer api;

    @BeforeEach
    void build() {
        world = ClusterWorld.twoClusters(1, ClusterSpec.FLANNEL_VXLAN).boot();
        c0 = world.cluster("C0");
        api = c0.api();
        c0.worker("w1").createContainer("c1");
        c0.startKubeProxy(SimTime.seconds(1));
    }

    private void deploy(String name, int replicas) {
        Container c = new Container("hostnames", "registry.k8s.io/serve_hostname", null, null,
            List.of(new ContainerPort("http", null, 9376, "TCP")), null);
        api.create(Deployment.of("default", name, replicas, Map.of("app", name), PodSpec.of(c)));
    }

    private Service expose(String name, String app, String type) {
        ServiceSpec spec = ServiceSpec.clusterIP(Map.of("app", app),
            new ServicePort(null, null, 8888, IntOrString.of("http"), null)).withType(type);
        return api.create(Service.of(ObjectMeta.of("default", name), spec));
    }

    private List<Pod> ready(String app) {
        return api.list(Pod.class, "default", "app=" + app).stream().filter(Pod::isReady).toList();
    }

    private Invocation fromC1(String cmd) {
        return c0.worker("w1").execContainer("c1", cmd);
    }

    @Test
    void aDeploymentOfFiveBehindAServiceAnswersOnItsClusterIpFromAnyPodSpreadOverTheReplicas() {
        deploy("hostnames", 5);
        Service svc = expose("hostnames", "hostnames", null);
        world.world().sim().runFor(SimTime.seconds(10));
        assertThat(ready("hostnames")).hasSize(5);
        String ip = svc.spec().clusterIP();
        assertThat(ServiceSpec.NONE).isNotEqualTo(ip);
        assertThat(io.knetsim.addr.Cidr.parse("10.96.0.0/12").contains(io.knetsim.addr.Ipv4Address.parse(ip))).isTrue();

        List<EndpointSlice> slices = api.list(EndpointSlice.class, "default", "kubernetes.io/service-name=hostnames");
        assertThat(slices).hasSize(1);
        assertThat(slices.get(0).endpoints()).hasSize(5);
        assertThat(slices.get(0).ports()).containsExactly(new EndpointSlice.EndpointPort("", "TCP", 9376));

        Set<String> names = new HashSet<>();
        ready("hostnames").forEach(p -> names.add(p.metadata().name()));
        Set<String> answers = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            Invocation curl = fromC1("curl -s " + ip + ":8888");
            assertThat(curl.exitCode()).as(curl.stderr()).isZero();
            answers.add(curl.stdout());
        }
        assertThat(answers).isEqualTo(names);
        // from another pod: one of the replicas, on another worker
        NetNamespace client = c0.podNamespace("default", ready("hostnames").get(0).metadata().name());
        Invocation other = world.runner().run(client, "curl -s " + ip + ":8888");
        assertThat(other.exitCode()).isZero();
        assertThat(names).contains(other.stdout());
        // and from a worker itself (nat-output, masqueraded)
        Invocation host = world.runner().run(c0.worker("w3").host(), "curl -s " + ip + ":8888");
        assertThat(names).contains(host.stdout());
    }

    @Test
    void theWorkersRulesetHasKubeProxysTableWithTheServiceMapAndEndpointChains() {
        deploy("hostnames", 2);
        Service svc = expose("hostnames", "hostnames", null);
        world.world().sim().runFor(SimTime.seconds(10));
        String ip = svc.spec().clusterIP();
        String listing = world.runner().run(c0.worker("w1").host(), "nft list ruleset").stdout();
        String base = ChainNames.servicePortBase("default", "hostnames", "tcp", "");
        assertThat(listing).contains("table ip kube-proxy {",
            "\tmap service-ips {\n\t\ttype ipv4_addr . inet_proto . inet_service : verdict\n\t\telements = { " + ip
                + " . tcp . 8888 : goto service-" + base + " }\n",
            "\tchain services {\n\t\tip daddr . meta l4proto . th dport vmap @service-ips\n"
                + "\t\tip daddr @nodeport-ips meta l4proto . th dport vmap @service-nodeports\n\t}\n",
            "\tchain service-" + base + " {\n\t\tip daddr " + ip + " tcp dport 8888 ip saddr != 11.0.0.0/8 jump mark-for-masquerade\n"
                + "\t\tnumgen random mod 2 vmap { 0 : goto endpoint-",
            "\t\ttype nat hook prerouting priority dstnat; policy accept;\n\t\tjump services\n");
        for (Pod p : ready("hostnames")) {
            String pip = p.status().podIP();
            assertThat(listing).contains("\tchain endpoint-" + ChainNames.endpointBase("default", "hostnames", "tcp", "",
                pip, 9376) + " {\n\t\tip saddr " + pip + " jump mark-for-masquerade\n\t\tmeta l4proto tcp dnat to " + pip
                + ":9376\n\t}\n");
        }
    }

    @Test
    void aNodePortAnswersFromAnEtcdHost() {
        deploy("hostnames", 3);
        Service svc = expose("hostnames", "hostnames", ServiceSpec.NODE_PORT);
        int nodePort = svc.spec().ports().get(0).nodePort();
        assertThat(nodePort).isBetween(30000, 32767);
        world.world().sim().runFor(SimTime.seconds(10));
        Set<String> names = new HashSet<>();
        ready("hostnames").forEach(p -> names.add(p.metadata().name()));
        NetNamespace etcd = c0.etcdHosts().get(0);
        for (String node : new String[] {"10.0.0.3", "10.0.0.4", "10.0.0.5"}) {
            Invocation curl = world.runner().run(etcd, "curl -s " + node + ":" + nodePort);
            assertThat(curl.exitCode()).as(node + curl.stderr()).isZero();
            assertThat(names).contains(curl.stdout());
        }
    }

    @Test
    void aServiceWithoutEndpointsRejectsConnections() {
        Service svc = expose("nothing", "nothing", null);
        world.world().sim().runFor(SimTime.seconds(2));
        String ip = svc.spec().clusterIP();
        Invocation curl = fromC1("curl -sS -v " + ip + ":8888");
        assertThat(curl.exitCode()).isEqualTo(7);
        assertThat(curl.stderr()).contains("failed: Connection refused")
            .endsWith("curl: (7) Failed to connect to " + ip + " port 8888 after 0 ms: Couldn't connect to server\n");
        String listing = world.runner().run(c0.worker("w1").host(), "nft list map ip kube-proxy no-endpoint-services")
            .stdout();
        assertThat(listing).contains("elements = { " + ip + " . tcp . 8888 : goto reject-chain }");
    }

    @Test
    void endpointsOfADeadPodStayInTheRulesForThePropagationDelay() {
        // a slower kube-proxy on the clusters' workers: 30 s from a change to the rules
        ClusterWorld w2 = ClusterWorld.twoClusters(2, ClusterSpec.FLANNEL_VXLAN).boot();
        Cluster c = w2.cluster("C0");
        c.worker("w1").createContainer("c1");
        c.startKubeProxy(SimTime.seconds(30));
        ApiServer a = c.api();
        for (String n : new String[] {"web-a", "web-b"}) {
            Container ct = new Container("web", "registry.k8s.io/serve_hostname", null, null,
                List.of(new ContainerPort("http", null, 9376, "TCP")), null);
            a.create(Pod.of(ObjectMeta.of("default", n, Map.of("app", "web")), PodSpec.of(ct)));
        }
        Service svc = a.create(Service.of(ObjectMeta.of("default", "web"), ServiceSpec.clusterIP(Map.of("app", "web"),
            ServicePort.tcp(8888, 9376))));
        w2.world().sim().runFor(SimTime.seconds(40));
        String url = svc.spec().clusterIP() + ":8888";
        a.delete(Pod.class, "default", "web-b");
        w2.world().sim().runFor(SimTime.seconds(1));
        assertThat(a.list(EndpointSlice.class, "default", "kubernetes.io/service-name=web").get(0).endpoints())
            .hasSize(1);
        int failed = 0;
        Set<String> answers = new HashSet<>();
        for (int i = 0; i < 8; i++) {
            Invocation curl = c.worker("w1").execContainer("c1", "curl -s -m 1 " + url);
            if (curl.exitCode() == 0) {
                answers.add(curl.stdout());
            } else {
                failed++;
            }
        }
        assertThat(answers).containsExactly("web-a");
        assertThat(failed).as("flows sent to web-b's old address").isPositive();
        w2.world().sim().runFor(SimTime.seconds(30));
        for (int i = 0; i < 8; i++) {
            Invocation curl = c.worker("w1").execContainer("c1", "curl -s -m 1 " + url);
            assertThat(curl.exitCode()).isZero();
            assertThat(curl.stdout()).isEqualTo("web-a");
        }
    }

    @Test
    void clientIpAffinityKeepsAClientOnOneReplica() {
        deploy("sticky", 4);
        ServiceSpec spec = ServiceSpec.clusterIP(Map.of("app", "sticky"), ServicePort.tcp(8888, 9376))
            .withSessionAffinity("ClientIP", null);
        Service svc = api.create(Service.of(ObjectMeta.of("default", "sticky"), spec));
        assertThat(svc.spec().sessionAffinityConfig().timeoutSeconds()).isEqualTo(10800);
        world.world().sim().runFor(SimTime.seconds(10));
        Set<String> answers = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            answers.add(fromC1("curl -s " + svc.spec().clusterIP() + ":8888").stdout());
        }
        assertThat(answers).hasSize(1);
        assertThat(ready("sticky").stream().map(p -> p.metadata().name())).contains(answers.iterator().next());
    }

    @Test
    void aLocalNodePortAnswersOnlyOnNodesWithAnEndpoint() {
        deploy("local", 1);
        Service svc = api.create(Service.of(ObjectMeta.of("default", "local"), ServiceSpec.clusterIP(
            Map.of("app", "local"), ServicePort.tcp(8888, 9376)).withType(ServiceSpec.NODE_PORT)
            .withExternalTrafficPolicy("Local")));
        world.world().sim().runFor(SimTime.seconds(10));
        Pod pod = ready("local").get(0);
        int nodePort = svc.spec().ports().get(0).nodePort();
        NetNamespace etcd = c0.etcdHosts().get(0);
        for (var w : c0.workers()) {
            String addr = w.host().device("eth0").addresses().get(0).cidr().address().toString();
            Invocation curl = world.runner().run(etcd, "curl -s -m 2 " + addr + ":" + nodePort);
            if (w.name().equals(pod.nodeName())) {
                assertThat(curl.exitCode()).isZero();
                assertThat(curl.stdout()).isEqualTo(pod.metadata().name());
            } else {
                assertThat(curl.exitCode()).as(w.name()).isEqualTo(28);
            }
        }
    }

    @Test
    void udpFlowsToAnEndpointThatWentAwayAreFlushedFromConntrack() {
        for (String n : new String[] {"dns-a", "dns-b"}) {
            api.create(Pod.of(ObjectMeta.of("default", n, Map.of("app", "dns")),
                PodSpec.of(io.knetsim.api.Container.of("dns", "busybox"))));
        }
        Service svc = api.create(Service.of(ObjectMeta.of("default", "dns"), ServiceSpec.clusterIP(Map.of("app", "dns"),
            new ServicePort(null, "UDP", 53, IntOrString.of(5353), null))));
        world.world().sim().runFor(SimTime.seconds(10));
        for (int i = 0; i < 10; i++) {
            fromC1("nc -u " + svc.spec().clusterIP() + " 53 --send q" + i);
        }
        String a = api.get(Pod.class, "default", "dns-a").status().podIP();
        String b = api.get(Pod.class, "default", "dns-b").status().podIP();
        var ct = c0.worker("w1").host().nftables().conntrack();
        java.util.function.Function<String, Long> flowsTo = ip -> ct.entries().stream()
            .filter(e -> e.original().proto() == 17 && e.dnat() != null
                && io.knetsim.addr.Ipv4Address.format(e.dnat().addr()).equals(ip)).count();
        assertThat(flowsTo.apply(a)).isPositive();
        assertThat(flowsTo.apply(b)).isPositive();
        long toB = flowsTo.apply(b);
        api.delete(Pod.class, "default", "dns-a");
        world.world().sim().runFor(SimTime.seconds(3));
        assertThat(flowsTo.apply(a)).isZero();
        assertThat(flowsTo.apply(b)).isEqualTo(toB);
    }

    @Test
    void kubectlListsServicesAndEndpointSlices() {
        deploy("hostnames", 4);
        Service svc = expose("hostnames", "hostnames", ServiceSpec.NODE_PORT);
        world.world().sim().runFor(SimTime.seconds(10));
        NetNamespace w1 = c0.worker("w1").host();
        String ip = svc.spec().clusterIP();
        int np = svc.spec().ports().get(0).nodePort();
        assertThat(world.runner().run(w1, "kubectl get svc").stdout()).isEqualTo(lineUp(List.of(
            List.of("NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"),
            List.of("hostnames", "NodePort", ip, "<none>", "8888:" + np + "/TCP", "10s"))));
        EndpointSlice slice = api.list(EndpointSlice.class, "default", "kubernetes.io/service-name=hostnames").get(0);
        List<String> addrs = slice.endpoints().stream().map(e -> e.addresses().get(0)).toList();
        assertThat(world.runner().run(w1, "kubectl get endpointslices").stdout()).isEqualTo(lineUp(List.of(
            List.of("NAME", "ADDRESSTYPE", "PORTS", "ENDPOINTS", "AGE"),
            List.of(slice.metadata().name(), "IPv4", "9376", String.join(",", addrs.subList(0, 3)) + " + 1 more...",
                "10s"))));
    }

    /** Columns as kubectl's tabwriter lays them out: padded to the widest cell plus three spaces. */
    private static String lineUp(List<List<String>> rows) {
        int cols = rows.get(0).size();
        int[] w = new int[cols];
        for (List<String> r : rows) {
            for (int i = 0; i < cols; i++) {
                w[i] = Math.max(w[i], r.get(i).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (List<String> r : rows) {
            for (int i = 0; i < cols; i++) {
                sb.append(i == cols - 1 ? r.get(i) : String.format("%-" + (w[i] + 3) + "s", r.get(i)));
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
