package io.knetsim.scenarios.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.knetsim.api.ApiServer;
import io.knetsim.api.Container;
import io.knetsim.api.ContainerPort;
import io.knetsim.api.Deployment;
import io.knetsim.api.IntOrString;
import io.knetsim.api.Namespace;
import io.knetsim.api.ObjectMeta;
import io.knetsim.api.Pod;
import io.knetsim.api.PodSpec;
import io.knetsim.api.Service;
import io.knetsim.api.ServicePort;
import io.knetsim.api.ServiceSpec;
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
 * Lab: the cluster DNS of cluster C0, as kubeadm deploys it.
 *
 * <pre>
 *   kube-system: Service kube-dns 10.96.0.10 :53 UDP/TCP ─▶ Deployment coredns (2 x coredns:v1.11.1)
 *                  CoreDNS pods answer from ClusterDnsZone ◀── ClusterDnsFeeder ◀── API server watches
 *   default:     Deployment web (3 x serve_hostname :9376) ◀── Service web :8888
 *                c1 (C0w1)  /etc/resolv.conf: search default.svc.cluster.local ... nameserver 10.96.0.10
 *   other:       client (C0w2)  search other.svc.cluster.local ...
 *   c1 ── A? web.default.svc.cluster.local ──UDP──▶ 10.96.0.10:53 ──kube-proxy dnat──▶ a CoreDNS pod
 * </pre>
 */
class ClusterDnsLabTest {
    private ClusterWorld world;
    private Cluster c0;
    private ApiServer api;

    @BeforeEach
    void build() {
        world = ClusterWorld.twoClusters(1, ClusterSpec.FLANNEL_VXLAN).boot();
        c0 = world.cluster("C0");
        api = c0.api();
        c0.startKubeProxy(SimTime.seconds(1));
        c0.startClusterDns();
        world.world().sim().runFor(SimTime.seconds(10));
        c0.worker("w1").createContainer("c1");
    }

    private Invocation fromC1(String cmd) {
        return c0.worker("w1").execContainer("c1", cmd);
    }

    private Service webService() {
        Container c = new Container("web", "registry.k8s.io/serve_hostname", null, null,
            List.of(new ContainerPort("http", null, 9376, "TCP")), null);
        api.create(Deployment.of("default", "web", 3, Map.of("app", "web"), PodSpec.of(c)));
        ServiceSpec spec = ServiceSpec.clusterIP(Map.of("app", "web"),
            new ServicePort("http", null, 8888, IntOrString.of("http"), null));
        Service svc = api.create(Service.of(ObjectMeta.of("default", "web"), spec));
        world.world().sim().runFor(SimTime.seconds(10));
        return svc;
    }

    @Test
    void kubeadmsObjectsRunAndPodsGetTheClusterFirstResolvConf() {
        Service dns = api.get(Service.class, "kube-system", "kube-dns");
        assertThat(dns.spec().clusterIP()).isEqualTo("10.96.0.10");
        assertThat(dns.spec().ports()).extracting(ServicePort::name, ServicePort::protocol, ServicePort::port)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("dns", "UDP", 53),
                org.assertj.core.groups.Tuple.tuple("dns-tcp", "TCP", 53),
                org.assertj.core.groups.Tuple.tuple("metrics", "TCP", 9153));
        List<Pod> coredns = api.list(Pod.class, "kube-system", "k8s-app=kube-dns");
        assertThat(coredns).hasSize(2).allMatch(Pod::isReady);
        assertThat(coredns.get(0).spec().containers().get(0).image())
            .isEqualTo("registry.k8s.io/coredns/coredns:v1.11.1");
        assertThat(fromC1("cat /etc/resolv.conf").stdout()).isEqualTo(
            "search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\n"
                + "options ndots:5\n");
        assertThatThrownBy(() -> c0.startClusterDns()).isInstanceOf(IllegalStateException.class)
            .hasMessage("cluster DNS already runs in cluster C0");
    }

    @Test
    void theClusterDnsNeedsKubeProxy() {
        Cluster c1 = world.cluster("C1");
        assertThatThrownBy(c1::startClusterDns).isInstanceOf(IllegalStateException.class)
            .hasMessage("cluster C1: the cluster DNS needs kube-proxy to route 10.96.0.10: call startKubeProxy first");
        assertThat(c1.api().find(Service.class, "kube-system", "kube-dns")).isEmpty();
    }

    @Test
    void nslookupOfKubeDnsAndDigOfAServiceAnswerTheirClusterIps() {
        Service web = webService();
        Invocation ns = fromC1("nslookup kube-dns.kube-system");
        assertThat(ns.exitCode()).as(ns.stderr()).isZero();
        assertThat(ns.stdout()).isEqualTo("Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\n"
            + "Name:\tkube-dns.kube-system.svc.cluster.local\nAddress: 10.96.0.10\n\n");
        Invocation dig = fromC1("dig +short web.default.svc.cluster.local");
        assertThat(dig.exitCode()).isZero();
        assertThat(dig.stdout()).isEqualTo(web.spec().clusterIP() + "\n");
        assertThat(fromC1("dig +short _dns._udp.kube-dns.kube-system.svc.cluster.local SRV").stdout())
            .isEqualTo("0 100 53 kube-dns.kube-system.svc.cluster.local.\n");
        // kubeadm's Corefile answers pod names as "pods insecure" does
        assertThat(fromC1("dig +short 11-99-1-2.default.pod.cluster.local").stdout()).isEqualTo("11.99.1.2\n");
    }

    @Test
    void curlByShortNameFromDefaultAndByNamespacedNameFromAnotherNamespace() {
        webService();
        Set<String> names = new HashSet<>();
        api.list(Pod.class, "default", "app=web").forEach(p -> names.add(p.metadata().name()));
        Invocation curl = fromC1("curl -sS web:8888");
        assertThat(curl.exitCode()).as(curl.stderr()).isZero();
        assertThat(names).contains(curl.stdout());

        api.create(Namespace.named("other"));
        api.create(Pod.of(ObjectMeta.of("other", "client"),
            PodSpec.of(Container.of("client", "busybox")).withNodeName(c0.worker("w2").name())));
        world.world().sim().runFor(SimTime.seconds(5));
        NetNamespace client = c0.podNamespace("other", "client");
        assertThat(world.runner().run(client, "cat /etc/resolv.conf").stdout())
            .startsWith("search other.svc.cluster.local svc.cluster.local cluster.local\n");
        Invocation far = world.runner().run(client, "curl -s web.default:8888");
        assertThat(far.exitCode()).as(far.stderr()).isZero();
        assertThat(names).contains(far.stdout());
        Invocation near = world.runner().run(client, "curl -sS web:8888");
        assertThat(near.exitCode()).isEqualTo(6);
        assertThat(near.stderr()).isEqualTo("curl: (6) Could not resolve host: web\n");
    }

    @Test
    void aHeadlessServiceResolvesToItsPodIps() {
        webService();
        ServiceSpec spec = ServiceSpec.clusterIP(Map.of("app", "web"),
            new ServicePort("http", null, 9376, IntOrString.of(9376), null)).withClusterIP(ServiceSpec.NONE);
        api.create(Service.of(ObjectMeta.of("default", "web-headless"), spec));
        world.world().sim().runFor(SimTime.seconds(2));
        Set<String> podIps = new HashSet<>();
        api.list(Pod.class, "default", "app=web").forEach(p -> podIps.add(p.status().podIP()));
        Invocation dig = fromC1("dig +short web-headless.default.svc.cluster.local");
        assertThat(dig.exitCode()).isZero();
        assertThat(Set.of(dig.stdout().split("\n"))).isEqualTo(podIps);
    }

    @Test
    void anUnknownNameIsNxdomain() {
        Invocation ns = fromC1("nslookup nosuch");
        assertThat(ns.exitCode()).isEqualTo(1);
        assertThat(ns.stdout()).isEqualTo("Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\n"
            + "** server can't find nosuch: NXDOMAIN\n\n");
        Invocation dig = fromC1("dig nosuch.default.svc.cluster.local");
        assertThat(dig.stdout()).contains("status: NXDOMAIN",
            "cluster.local.\t\t30\tIN\tSOA\tns.dns.cluster.local. hostmaster.cluster.local.");
    }

    @Test
    void theAnswerFollowsWhenTheServiceIsDeleted() {
        Service web = webService();
        assertThat(fromC1("dig +short web.default.svc.cluster.local").stdout())
            .isEqualTo(web.spec().clusterIP() + "\n");
        api.delete(Service.class, "default", "web");
        world.world().sim().runFor(SimTime.seconds(1));
        assertThat(fromC1("dig +short web.default.svc.cluster.local").stdout()).isEmpty();
        Invocation curl = fromC1("curl -sS web:8888");
        assertThat(curl.exitCode()).isEqualTo(6);
        assertThat(curl.stderr()).isEqualTo("curl: (6) Could not resolve host: web\n");
    }
}
