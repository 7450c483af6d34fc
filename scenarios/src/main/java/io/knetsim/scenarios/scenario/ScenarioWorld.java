package io.knetsim.scenarios.scenario;

import io.knetsim.api.ApiException;
import io.knetsim.api.Deployment;
import io.knetsim.api.KubeObject;
import io.knetsim.api.Pod;
import io.knetsim.cni.kubelet.Worker;
import io.knetsim.ingress.Ingresses;
import io.knetsim.ingress.controller.IngressController;
import io.knetsim.ingress.controller.IngressControllerConfig;
import io.knetsim.net.World;
import io.knetsim.scenarios.cluster.Cluster;
import io.knetsim.scenarios.cluster.ClusterWorld;
import io.knetsim.scenarios.cluster.RouterNetwork;
import io.knetsim.scenarios.shell.PyForms;
import io.knetsim.scenarios.world.RunningWorld;
import io.knetsim.sim.Simulator;
import io.knetsim.skupper.config.ExposedService;
import io.knetsim.skupper.config.SiteSpec;
import io.knetsim.tool.ToolRunner;
import io.knetsim.tool.kubectl.Manifests;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A scenario's world, built and running: its clusters on one underlay switch ({@link ClusterWorld}
 * with the scenario's link properties), booted (every flanneld holds a lease, every node is
 * Ready), its pods started on their workers in order, kube-proxy, the cluster DNS and the Ingress
 * controllers of each cluster that has them, then its manifests created in each cluster in
 * order, and the clock run until every pod of every cluster is Running and every Deployment has
 * all its replicas available; then the original labs' static VIPs and ingresses, as the labs
 * add them to a running cluster; last the skupper router network, if any, and the clock run
 * until its routers have exchanged routes and addresses ({@link RouterNetwork#awaitConverged}).
 *
 * <pre>
 *   Scenario ──▶ ClusterWorld(seed, underlay, specs).boot() ──▶ pods (create_container)
 *            ──▶ kube-proxy, CoreDNS, Ingress controllers ──▶ manifests (create)
 *            ──▶ every pod Running, every Deployment available (+ kube-proxy's delay) ──▶ vips (kp_vip_add) ──▶ ingresses (run_ingress)
 *            ──▶ routers (one skupper-router per site on its first worker, converged)
 * </pre>
 */
public final class ScenarioWorld implements RunningWorld {
    /** How long kube-proxy takes to program a change, as the default world runs it. */
    static final long KUBE_PROXY_DELAY = io.knetsim.sim.SimTime.seconds(1);

    private final Scenario scenario;
    private final ClusterWorld clusters;
    private final PyForms py;
    private final RouterNetwork routers;

    private ScenarioWorld(Scenario scenario, ClusterWorld clusters, RouterNetwork routers) {
        this.scenario = scenario;
        this.clusters = clusters;
        this.py = new PyForms(clusters);
        this.routers = routers;
    }

    /**
     * Builds and starts the scenario's world; commands write files under {@code workingDirectory}.
     * Throws {@link IllegalStateException} naming the cluster, pod or manifest when the world does
     * not come up (a boot that does not finish, a pod that does not start, a manifest refused).
     */
    public static ScenarioWorld build(Scenario s, Path workingDirectory) {
        ClusterWorld w = new ClusterWorld(s.seed(), s.underlay(),
            s.clusters().stream().map(ScenarioCluster::spec).toList(), workingDirectory).boot();
        for (ScenarioCluster c : s.clusters()) {
            Cluster cluster = w.cluster(c.name());
            if (c.clusterDns()) {
                // kubelets run with --cluster-dns from the start, as kubeadm configures them
                cluster.workers().forEach(wk -> wk.kubelet().clusterDns());
            }
            for (ScenarioPod p : c.pods()) {
                try {
                    cluster.worker(p.worker()).createContainer(p.name(), p.image(), p.args().toArray(String[]::new));
                } catch (ApiException | IllegalStateException e) {
                    throw new IllegalStateException("cluster " + c.name() + ": pod " + p.name() + ": "
                        + e.getMessage(), e);
                }
            }
        }
        for (ScenarioCluster c : s.clusters()) {
            Cluster cluster = w.cluster(c.name());
            if (c.kubeProxy()) {
                cluster.startKubeProxy(KUBE_PROXY_DELAY);
            }
            if (c.clusterDns()) {
                cluster.startClusterDns();
            }
            for (IngressControllerSpec ic : c.ingressControllers()) {
                IngressController.start(cluster.api(), cluster.worker(ic.worker()).host(),
                    IngressControllerConfig.of(IngressControllerSpec.PROXY_NAME, ic.port()).withUpstreams(ic.upstreams()));
            }
        }
        for (ScenarioCluster c : s.clusters()) {
            Cluster cluster = w.cluster(c.name());
            for (Manifest m : c.manifests()) {
                create(cluster, m);
            }
        }
        waitForPods(w);
        if (s.clusters().stream().anyMatch(ScenarioCluster::kubeProxy)) {
            // kube-proxy programs a change KUBE_PROXY_DELAY after it: let the last endpoints that
            // became ready (CoreDNS's, a Deployment's) reach the rules before the steps begin
            w.world().sim().runFor(KUBE_PROXY_DELAY);
        }
        for (int i = 0; i < s.vips().size(); i++) {
            StaticVip v = s.vips().get(i);
            Cluster cluster = w.cluster(v.cluster());
            List<String> ips = new ArrayList<>();
            for (String pod : v.pods()) {
                ips.add(cluster.api().get(Pod.class, "default", pod).status().podIP());
            }
            try {
                cluster.addStaticVip(v.vip().toString(), ips);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("vips[" + i + "]: " + e.getMessage(), e);
            }
        }
        for (int i = 0; i < s.ingresses().size(); i++) {
            ScenarioIngress g = s.ingresses().get(i);
            try {
                Ingresses.run(w.cluster(g.cluster()).worker(g.worker()).host(), g.name(), g.port(), g.routes());
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new IllegalStateException("ingresses[" + i + "]: " + e.getMessage(), e);
            }
        }
        return new ScenarioWorld(s, w, routers(w, s.routers()));
    }

    /**
     * Starts one router per site with the services' addresses looked up (a pod's IP now that it
     * runs) and runs the clock until the routers have converged; null when there are no sites.
     */
    private static RouterNetwork routers(ClusterWorld w, ScenarioRouters r) {
        if (r.sites().isEmpty()) {
            return null;
        }
        List<SiteSpec> sites = r.sites().stream().map(s -> s.spec(
            w.cluster(s.cluster()).spec().workers().get(0).address())).toList();
        List<ExposedService> services = new ArrayList<>();
        for (RouterService v : r.services()) {
            String host = v.host() != null ? v.host().toString()
                : w.cluster(v.cluster()).api().get(Pod.class, "default", v.pod()).status().podIP();
            services.add(new ExposedService(v.name(), v.cluster(), host, v.port(), v.lport()));
        }
        try {
            return RouterNetwork.start(w, sites, services).awaitConverged();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new IllegalStateException("routers: " + e.getMessage(), e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void create(Cluster cluster, Manifest m) {
        for (KubeObject<?> o : Manifests.decode(cluster.api(), m.source(), m.text(), "default")) {
            try {
                cluster.api().create((KubeObject) o);
            } catch (ApiException e) {
                throw new IllegalStateException("cluster " + cluster.name() + ": " + m.source() + ": "
                    + e.getMessage(), e);
            }
        }
    }

    /**
     * Runs the clock until every pod is Running and every Deployment available, for at most
     * {@link Worker#START_TIMEOUT}.
     */
    private static void waitForPods(ClusterWorld w) {
        Simulator sim = w.world().sim();
        long deadline = sim.now() + Worker.START_TIMEOUT;
        sim.runWhile(() -> !notRunning(w).isEmpty() && sim.now() < deadline);
        List<String> late = notRunning(w);
        if (!late.isEmpty()) {
            throw new IllegalStateException("pods not Running after " + Worker.START_TIMEOUT / 1_000_000_000L
                + " s of simulated time: " + String.join(", ", late));
        }
    }

    private static List<String> notRunning(ClusterWorld w) {
        List<String> out = new ArrayList<>();
        for (Cluster c : w.clusters()) {
            for (Pod p : c.api().list(Pod.class)) {
                if (p.status() == null || !List.of("Running", "Succeeded").contains(p.status().phase())) {
                    out.add(c.name() + "/" + p.metadata().namespace() + "/" + p.metadata().name());
                }
            }
            for (Deployment d : c.api().list(Deployment.class)) {
                int want = d.spec().replicas() == null ? 1 : d.spec().replicas();
                Integer available = d.status() == null ? null : d.status().availableReplicas();
                if ((available == null ? 0 : available) != want) {
                    out.add(c.name() + "/" + d.metadata().namespace() + "/deployment/" + d.metadata().name());
                }
            }
        }
        return out;
    }

    /** The skupper router network of {@code routers.sites}, if the scenario has one. */
    public Optional<RouterNetwork> routers() {
        return Optional.ofNullable(routers);
    }

    public Scenario scenario() {
        return scenario;
    }

    @Override
    public ClusterWorld clusters() {
        return clusters;
    }

    @Override
    public String description() {
        List<String> parts = new ArrayList<>();
        for (ScenarioCluster c : scenario.clusters()) {
            parts.add(c.name() + " (" + c.workers().size() + (c.workers().size() == 1 ? " worker, " : " workers, ")
                + c.etcd().size() + (c.etcd().size() == 1 ? " etcd host, " : " etcd hosts, ") + "flannel "
                + c.flannel().backend().type() + ")");
        }
        return (parts.size() == 1 ? "cluster " : "clusters ") + String.join(", ", parts);
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
}
