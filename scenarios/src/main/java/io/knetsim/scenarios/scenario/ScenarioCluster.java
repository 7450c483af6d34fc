package io.knetsim.scenarios.scenario;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.scenarios.cluster.ClusterSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * A cluster of a scenario: its name ({@code C0}, which prefixes its hosts' names: {@code C0w1}),
 * etcd hosts and workers with their underlay addresses, the flannel configuration, the pods
 * placed on workers, the Kubernetes manifests created once it is up, and its add-ons:
 * kube-proxy and the cluster DNS (both off by default, as in the original knetsim labs' clusters;
 * the default world turns both on, as kubeadm would) and Ingress controllers.
 *
 * <pre>
 *   ScenarioCluster.named("C0")
 *       .etcd("e1", Ipv4Address.parse("10.1.0.1"))
 *       .worker("w1", Ipv4Address.parse("10.0.0.3")).worker("w2", Ipv4Address.parse("10.0.0.4"))
 *       .flannel(Flannel.hostGw())
 *       .pod(ScenarioPod.of("web", "w2", "nginx"))
 *       .kubeProxy(true).clusterDns(true)
 *       .ingressController(IngressControllerSpec.on("w1", 8080))
 * </pre>
 *
 * @param kubeProxy  whether kube-proxy (nftables mode) runs on every worker, so Services work
 * @param clusterDns whether kube-dns (10.96.0.10, two CoreDNS pods) runs and pods get the
 *                   ClusterFirst {@code /etc/resolv.conf}; needs {@code kubeProxy}
 */
public record ScenarioCluster(String name, List<Host> etcd, List<Host> workers, Flannel flannel, List<ScenarioPod> pods,
                              List<Manifest> manifests, boolean kubeProxy, boolean clusterDns,
                              List<IngressControllerSpec> ingressControllers) {
    public ScenarioCluster {
        etcd = List.copyOf(etcd);
        workers = List.copyOf(workers);
        pods = List.copyOf(pods);
        manifests = List.copyOf(manifests);
        ingressControllers = List.copyOf(ingressControllers);
    }

    /** An empty cluster with the labs' flannel configuration, without kube-proxy or the cluster DNS. */
    public static ScenarioCluster named(String name) {
        return new ScenarioCluster(name, List.of(), List.of(), Flannel.LABS, List.of(), List.of(), false, false,
            List.of());
    }

    public ScenarioCluster etcd(String shortName, Ipv4Address address) {
        return new ScenarioCluster(name, plus(etcd, new Host(shortName, address)), workers, flannel, pods, manifests,
            kubeProxy, clusterDns, ingressControllers);
    }

    public ScenarioCluster worker(String shortName, Ipv4Address address) {
        return new ScenarioCluster(name, etcd, plus(workers, new Host(shortName, address)), flannel, pods, manifests,
            kubeProxy, clusterDns, ingressControllers);
    }

    public ScenarioCluster flannel(Flannel f) {
        return new ScenarioCluster(name, etcd, workers, f, pods, manifests, kubeProxy, clusterDns, ingressControllers);
    }

    public ScenarioCluster pod(ScenarioPod p) {
        return new ScenarioCluster(name, etcd, workers, flannel, plus(pods, p), manifests, kubeProxy, clusterDns,
            ingressControllers);
    }

    public ScenarioCluster manifest(Manifest m) {
        return new ScenarioCluster(name, etcd, workers, flannel, pods, plus(manifests, m), kubeProxy, clusterDns,
            ingressControllers);
    }

    /** With or without kube-proxy on the workers (YAML {@code kubeProxy}, default false). */
    public ScenarioCluster kubeProxy(boolean on) {
        return new ScenarioCluster(name, etcd, workers, flannel, pods, manifests, on, clusterDns, ingressControllers);
    }

    /** With or without the cluster DNS (YAML {@code clusterDns}, default false; needs kube-proxy). */
    public ScenarioCluster clusterDns(boolean on) {
        return new ScenarioCluster(name, etcd, workers, flannel, pods, manifests, kubeProxy, on, ingressControllers);
    }

    public ScenarioCluster ingressController(IngressControllerSpec c) {
        return new ScenarioCluster(name, etcd, workers, flannel, pods, manifests, kubeProxy, clusterDns,
            plus(ingressControllers, c));
    }

    /** What {@link io.knetsim.scenarios.cluster.Cluster} builds. */
    public ClusterSpec spec() {
        return new ClusterSpec(name,
            etcd.stream().map(h -> new ClusterSpec.Host(h.name(), h.address().toString())).toList(),
            workers.stream().map(h -> new ClusterSpec.Host(h.name(), h.address().toString())).toList(),
            flannel.toJson());
    }

    /** The world-wide names of its hosts, etcd first: {@code C0e1, C0w1, ...}. */
    public List<String> hostNames() {
        List<String> out = new ArrayList<>();
        etcd.forEach(h -> out.add(name + h.name()));
        workers.forEach(h -> out.add(name + h.name()));
        return out;
    }

    private static <T> List<T> plus(List<T> list, T item) {
        List<T> out = new ArrayList<>(list);
        out.add(item);
        return out;
    }
}
