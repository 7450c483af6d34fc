package io.knetsim.scenarios.world;

import io.knetsim.api.Pod;
import io.knetsim.ingress.IngressRoute;
import io.knetsim.ingress.Ingresses;
import io.knetsim.net.World;
import io.knetsim.scenarios.cluster.Cluster;
import io.knetsim.scenarios.cluster.ClusterSpec;
import io.knetsim.scenarios.cluster.ClusterWorld;
import io.knetsim.scenarios.cluster.RouterNetwork;
import io.knetsim.scenarios.shell.PyForms;
import io.knetsim.skupper.config.ExposedService;
import io.knetsim.skupper.config.SiteSpec;
import io.knetsim.skupper.config.SkupperConfigGenerator;
import io.knetsim.tool.ToolRunner;
import java.util.List;

/**
 * The default world of the original knetsim labs: pod networking, the labs' static VIPs,
 * Services with kube-proxy and the cluster DNS, the ingress, and the multi-cluster link:
 *
 * <pre>
 *   s0 ─┬─ C0e1 10.1.0.1  C0e2 10.1.0.2                C1e1 10.2.0.1  C1e2 10.2.0.2
 *       ├─ C0w1 10.0.0.3  [c1]                         C1w1 10.0.0.8   [c1]
 *       ├─ C0w2 10.0.0.4  [c2, ic0 S1-W2, ic2 S2-W2]   C1w2 10.0.0.9   [c2]
 *       └─ C0w3 10.0.0.5  [c3, c4 :80, ic1 S1-W3, ic3 S2-W3]   C1w3 10.0.0.10 [c3]
 *   flannel per cluster: 11.0.0.0/8, /20 leases in 11.10.0.0-11.99.0.0, VXLAN VNI 100, UDP 8472, MTU 1450
 *   static VIPs (every worker, table ip nat): 100.64.10.1 -&gt; c2, c3 (both clusters);
 *   C0 only: 100.64.11.1 -&gt; ic0, ic1 (S1-W2, S1-W3 :8000), 100.64.11.2 -&gt; ic2, ic3 (S2-W2, S2-W3 :8000)
 *   ingress grp1 on C0w1 :8001   /svc1 -&gt; 100.64.11.1:8000   /svc2 -&gt; 100.64.11.2:8000
 *   per cluster: kube-proxy on every worker; kube-dns 10.96.0.10 with two CoreDNS pods; every pod's
 *   resolv.conf ClusterFirst (kubelets run with --cluster-dns from the start)
 *   skupper routers (config in /etc/skupper-router/config/skrouterd.json on the worker):
 *     C1w1 [router C1] ── connector C0, AMQP over TCP ──▶ C0w1:55671 [router C0]
 *     C1w1 tcpListener svc1 0.0.0.0:1028  ──address svc1──▶  C0 tcpConnector svc1 ─▶ c4 :80
 * </pre>
 *
 * The {@code ic*} pods run the labs' fixed-message server on port 8000; {@code c4} runs an HTTP
 * server on port 80 (nginx's welcome page); the other containers run nothing, as the original's
 * plain network namespaces. The ingress {@code grp1} proxies to the static VIPs, as the
 * original's nginx.conf, so its answers are the {@code ic*} pods'. The routers' configurations
 * come from {@link SkupperConfigGenerator}, as the original's {@code core/skupper.py}; the boot
 * waits until the two routers have exchanged routes and addresses.
 */
public final class DefaultWorld implements BuiltInWorld {
    /** The port svc1 (c4's web server in C0) is exposed on in C1, on every address of C1w1. */
    public static final int SVC1_PORT = 1028;

    private final ClusterWorld clusters;
    private final PyForms py;
    private RouterNetwork routers;

    private DefaultWorld(ClusterWorld clusters) {
        this.clusters = clusters;
        this.py = new PyForms(clusters);
    }

    /** Builds, boots and populates the default world. */
    public static DefaultWorld build(long seed) {
        return build(seed, java.nio.file.Path.of("."));
    }

    /** As {@link #build(long)}, with commands' files written under {@code workingDirectory}. */
    public static DefaultWorld build(long seed, java.nio.file.Path workingDirectory) {
        ClusterWorld w = ClusterWorld.twoClusters(seed, ClusterSpec.FLANNEL_VXLAN, workingDirectory).boot();
        // kubelets run with --cluster-dns from the start, as kubeadm configures them, so every pod
        // gets the ClusterFirst resolv.conf; CoreDNS itself is deployed after the labs' pods
        for (Cluster c : w.clusters()) {
            c.workers().forEach(wk -> wk.kubelet().clusterDns());
        }
        Cluster c0 = w.cluster("C0");
        c0.worker("w1").createContainer("c1");
        c0.worker("w2").createContainer("c2");
        c0.worker("w3").createContainer("c3");
        c0.worker("w3").createContainer("c4", "nginx");
        c0.worker("w2").createContainer("ic0", "knetsim/fixed-message", "--message", "S1-W2", "--port", "8000");
        c0.worker("w3").createContainer("ic1", "knetsim/fixed-message", "--message", "S1-W3", "--port", "8000");
        c0.worker("w2").createContainer("ic2", "knetsim/fixed-message", "--message", "S2-W2", "--port", "8000");
        c0.worker("w3").createContainer("ic3", "knetsim/fixed-message", "--message", "S2-W3", "--port", "8000");
        Cluster c1 = w.cluster("C1");
        c1.worker("w1").createContainer("c1");
        c1.worker("w2").createContainer("c2");
        c1.worker("w3").createContainer("c3");
        DefaultWorld world = new DefaultWorld(w);
        // the labs' static VIPs: C0.kp_vip_add("100.64.10.1", ["c2", "c3"]), ...
        for (Cluster c : List.of(c0, c1)) {
            c.addStaticVip("100.64.10.1", List.of(world.podIp(c.name(), "c2"), world.podIp(c.name(), "c3")));
        }
        c0.addStaticVip("100.64.11.1", List.of(world.podIp("C0", "ic0"), world.podIp("C0", "ic1")));
        c0.addStaticVip("100.64.11.2", List.of(world.podIp("C0", "ic2"), world.podIp("C0", "ic3")));
        Ingresses.run(c0.worker("w1").host(), "grp1", 8001, List.of(IngressRoute.of("/svc1", "100.64.11.1:8000"),
            IngressRoute.of("/svc2", "100.64.11.2:8000")));
        // Services as a real cluster has them: kube-proxy on every worker, CoreDNS behind kube-dns
        for (Cluster c : List.of(c0, c1)) {
            c.startKubeProxy(io.knetsim.sim.SimTime.seconds(1));
            c.startClusterDns();
        }
        // the labs' multi-cluster link: svc1 = c4:80 in C0, exposed in C1 on C1w1:1028; the routers
        // connect and exchange routes (1.1 ms of simulated time) while CoreDNS starts
        world.routers = RouterNetwork.start(w, List.of(
            new SiteSpec("C0", c0.spec().workers().get(0).address(), List.of()),
            new SiteSpec("C1", c1.spec().workers().get(0).address(), List.of("C0"))),
            List.of(new ExposedService("svc1", "C0", world.podIp("C0", "c4"), 80, SVC1_PORT)));
        long deadline = w.world().sim().now() + io.knetsim.sim.SimTime.seconds(30);
        w.world().sim().runWhile(() -> w.world().sim().now() < deadline && !(dnsReady(c0) && dnsReady(c1)));
        if (!(dnsReady(c0) && dnsReady(c1))) {
            throw new IllegalStateException("the CoreDNS pods did not become ready within 30 s of simulated time");
        }
        world.routers.awaitConverged();
        return world;
    }

    /** Whether every CoreDNS pod of the cluster runs. */
    private static boolean dnsReady(Cluster c) {
        return c.api().list(Pod.class, "kube-system", "k8s-app=kube-dns").stream().filter(Pod::isReady).count()
            >= io.knetsim.scenarios.cluster.ClusterDns.REPLICAS;
    }

    /** The skupper routers on C0w1 and C1w1. */
    public RouterNetwork routers() {
        return routers;
    }

    @Override
    public ClusterWorld clusters() {
        return clusters;
    }

    /** A pod's address, e.g. {@code podIp("C0", "c2")}. */
    public String podIp(String cluster, String pod) {
        return clusters.cluster(cluster).api().get(Pod.class, "default", pod).status().podIP();
    }

    @Override
    public String name() {
        return "default";
    }

    @Override
    public String description() {
        return "two clusters (C0, C1) of three workers and two etcd hosts, flannel VXLAN (VNI 100, UDP 8472)";
    }

    @Override
    public World world() {
        return clusters.world();
    }

    @Override
    public ToolRunner runner() {
        return clusters.runner();
    }

    @Override
    public PyForms py() {
        return py;
    }

    @Override
    public List<String> demo() {
        return List.of(
            "C0w1 cat /run/flannel/subnet.env",
            "py C0w1.exec_container(\"c1\", \"ping -c 3 " + podIp("C0", "c2") + "\")",
            "py C0w1.exec_container(\"c1\", \"ping -c 1 " + podIp("C0", "c3") + "\")",
            "py C0w2.exec_container(\"c2\", \"curl -s " + podIp("C0", "ic1") + ":8000\")",
            "py C1w1.exec_container(\"c1\", \"traceroute -n " + podIp("C1", "c3") + "\")",
            "C0w1 etcdctl --endpoints http://10.1.0.1:2379 ls /coreos.com/network/subnets",
            "py C0w1.exec_container(\"c1\", \"ping -c 3 100.64.10.1\")",
            "C0w1 curl -s 100.64.11.1:8000",
            "py C1w1.exec_container(\"c1\", \"ping -c 3 100.64.10.1\")",
            "C0w1 curl -s localhost:8001/svc1",
            "py C1w1.exec_container(\"c1\", \"wget -qO- 10.0.0.8:" + SVC1_PORT + "\")");
    }

    @Override
    public List<Check> checks() {
        return List.of(
            new Check(0, "FLANNEL_MTU=1450"),
            new Check(1, "3 received, 0% packet loss"),
            new Check(1, "ttl=62"),
            new Check(2, "1 received, 0% packet loss"),
            new Check(3, "S1-W3"),
            new Check(4, " 2  " + clusters.cluster("C1").flanneld("w3").lease().subnet().address() + " "),
            new Check(5, "/coreos.com/network/subnets/"),
            new Check(6, "3 received, 0% packet loss"),
            new Check(7, "S1-W"),
            new Check(8, "3 received, 0% packet loss"),
            new Check(9, "S1-W"),
            new Check(10, "<h1>Welcome to nginx!</h1>"));
    }
}
