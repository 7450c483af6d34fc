package io.knetsim.scenarios.cluster;

import io.knetsim.addr.Cidr;
import io.knetsim.api.ApiServer;
import io.knetsim.api.ClusterDirectory;
import io.knetsim.api.Node;
import io.knetsim.api.ServiceAllocator;
import io.knetsim.api.controller.ControllerManager;
import io.knetsim.api.scheduler.Scheduler;
import io.knetsim.app.image.ImageCatalog;
import io.knetsim.cni.Cni;
import io.knetsim.cni.NetworkConfigs;
import io.knetsim.cni.PluginRegistry;
import io.knetsim.cni.flanneld.EtcdRegistry;
import io.knetsim.cni.flanneld.FlannelOptions;
import io.knetsim.cni.flanneld.Flanneld;
import io.knetsim.cni.flanneld.LocalManager;
import io.knetsim.cni.kubelet.Kubelet;
import io.knetsim.cni.kubelet.Worker;
import io.knetsim.cni.plugins.BridgePlugin;
import io.knetsim.ingress.controller.GatewayController;
import io.knetsim.ingress.controller.IngressNginxApp;
import io.knetsim.ingress.controller.NginxGatewayApp;
import io.knetsim.kubeproxy.dns.ClusterDnsFeeder;
import io.knetsim.kubeproxy.endpointslice.EndpointSliceController;
import io.knetsim.kubeproxy.proxy.KubeProxy;
import io.knetsim.kubeproxy.proxy.KubeProxyConfig;
import io.knetsim.kubeproxy.vip.StaticVips;
import io.knetsim.kv.EtcdClient;
import io.knetsim.kv.EtcdServer;
import io.knetsim.kv.KvStore;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.World;
import io.knetsim.net.topo.Lan;
import io.knetsim.net.topo.Topo;
import io.knetsim.tool.ToolRunner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Kubernetes cluster on a shared underlay, assembled as the original knetsim does it:
 *
 * <pre>
 *   C0e1 10.1.0.1 ─┐  etcd (one store served by both hosts), network config loaded at start
 *   C0e2 10.1.0.2 ─┤
 *   C0w1 10.0.0.3 ─┤  flanneld --iface eth0 --ip-masq --etcd-endpoints http://10.1.0.1:2379,http://10.1.0.2:2379
 *   C0w2 10.0.0.4 ─┤  kubelet, CNI config /etc/cni/net.d/10-flannel.conflist once flanneld has a lease
 *   C0w3 10.0.0.5 ─┘
 *   API server (in memory), Deployment, ReplicaSet and EndpointSlice controllers, scheduler,
 *   service CIDR 10.96.0.0/12 (kubeadm's), node ports 30000-32767; kube-proxy on the workers
 *   once {@link #startKubeProxy} is called; CoreDNS behind kube-dns 10.96.0.10 once
 *   {@link #startClusterDns} is called; the kinds Ingress, IngressClass, GatewayClass, Gateway and
 *   HTTPRoute, and the images registry.k8s.io/ingress-nginx/controller ({@link IngressNginxApp})
 *   and ghcr.io/nginx/nginx-gateway-fabric ({@link NginxGatewayApp}), watching this API server
 * </pre>
 * The cluster registers itself in the world's {@link ClusterDirectory} (API server URL
 * {@code https://<first etcd host>:6443}, its etcd hosts and workers, and its kubelets' pods for
 * {@code kubectl exec}), so {@code kubectl} on any of its hosts talks to its API server.
 */
public final class Cluster {
    /** The CNI configuration kube-flannel installs: flannel (delegating to bridge) and portmap for hostPorts. */
    public static final String FLANNEL_CONFLIST = """
        {
          "name": "cbr0",
          "cniVersion": "0.3.1",
          "plugins": [
            {
              "type": "flannel",
              "delegate": {
                "hairpinMode": true,
                "isDefaultGateway": true
              }
            },
            {
              "type": "portmap",
              "capabilities": {
                "portMappings": true
              }
            }
          ]
        }
        """;
    /** The port of the API server's URL as kubeconfig names it (kube-apiserver's secure port). */
    public static final int API_PORT = 6443;
    public static final String CONFLIST_PATH = NetworkConfigs.DEFAULT_DIR + "/10-flannel.conflist";

    private final ClusterSpec spec;
    private final KvStore etcd;
    private final List<NetNamespace> etcdHosts = new ArrayList<>();
    private final ApiServer api;
    private final Map<String, Worker> workers = new LinkedHashMap<>();
    private final Map<String, Flanneld> flannel = new LinkedHashMap<>();
    private final List<KubeProxy> proxies = new ArrayList<>();
    private final ImageCatalog images = ImageCatalog.builtin();
    private ClusterDnsFeeder dns;

    /** Builds the cluster's hosts on {@code lan} and starts its components on the world's clock. */
    public Cluster(World world, Lan lan, ClusterSpec spec, ToolRunner runner) {
        this.spec = spec;
        this.etcd = new KvStore(world.sim());
        for (ClusterSpec.Host h : spec.etcd()) {
            NetNamespace ns = Topo.host(world, spec.hostName(h));
            lan.attach(ns, "eth0", h.address() + "/8");
            EtcdServer.start(ns, etcd);
            etcdHosts.add(ns);
        }
        // etcdctl set /coreos.com/network/config < flannel-network-config.json, on the first etcd host
        etcd.set(EtcdRegistry.DEFAULT_PREFIX + "/config", false, spec.flannelConfig(), null);
        this.api = apiServer(world.sim(), spec.name());
        // the controller images run a controller watching this cluster's API server
        images.register(IngressNginxApp.IMAGE, new IngressNginxApp(api));
        images.register(NginxGatewayApp.IMAGE, new NginxGatewayApp(api));
        ControllerManager.start(api);
        EndpointSliceController.start(api);
        io.knetsim.kubeproxy.endpoints.EndpointsController.start(api);
        Scheduler.start(api);
        String[] endpoints = spec.etcd().stream().map(h -> "http://" + h.address() + ":" + EtcdServer.PORT)
            .toArray(String[]::new);
        Cni cni = new Cni(PluginRegistry.defaults());
        for (ClusterSpec.Host h : spec.workers()) {
            String name = spec.hostName(h);
            NetNamespace host = Topo.host(world, name);
            lan.attach(host, "eth0", h.address() + "/8");
            EtcdRegistry registry = new EtcdRegistry(EtcdClient.of(host, endpoints), EtcdRegistry.DEFAULT_PREFIX);
            Flanneld f = new Flanneld(host, new LocalManager(registry, world.sim().random("flannel/" + name)),
                FlannelOptions.defaults().withIface("eth0").withIpMasq(true));
            f.onLease(() -> host.files().write(CONFLIST_PATH, FLANNEL_CONFLIST));
            flannel.put(h.shortName(), f.start());
            Kubelet k = new Kubelet(host, name, api, cni, images).start();
            workers.put(h.shortName(), new Worker(k, api, runner));
        }
        List<NetNamespace> hosts = new ArrayList<>(etcdHosts);
        workers.values().forEach(w -> hosts.add(w.host()));
        ClusterDirectory.of(world).register(api, "https://" + spec.etcd().get(0).address() + ":" + API_PORT, hosts,
            this::podNamespace);
    }

    /**
     * An API server serving every kind a cluster has: the built-in ones (Namespace, Pod,
     * Deployment, ...), Service and EndpointSlice (ClusterIPs from kubeadm's 10.96.0.0/12),
     * Ingress, IngressClass and the Gateway API's kinds. Scenario checks decode manifests against one, so a manifest the cluster would take
     * is accepted there too.
     */
    public static ApiServer apiServer(io.knetsim.sim.Simulator sim, String clusterName) {
        ApiServer api = new ApiServer(sim, clusterName);
        ServiceAllocator.install(api, ServiceAllocator.DEFAULT_SERVICE_CIDR);
        api.register(io.knetsim.api.Ingress.TYPE);
        api.register(io.knetsim.api.IngressClass.TYPE);
        GatewayController.registerKinds(api);
        return api;
    }

    /** A running pod's network namespace, from the kubelet that runs it; null when no kubelet runs it. */
    public NetNamespace podNamespace(String namespace, String name) {
        for (Worker w : workers.values()) {
            NetNamespace ns = w.kubelet().podNamespace(namespace, name);
            if (ns != null) {
                return ns;
            }
        }
        return null;
    }

    public String name() {
        return spec.name();
    }

    public ClusterSpec spec() {
        return spec;
    }

    public ApiServer api() {
        return api;
    }

    /**
     * The labs' {@code kp_vip_add(vip, [containers])} with the containers' pod IPs: the static
     * VIP's dnat rules on every worker, with the VIP range routed through the pods' bridge.
     */
    public void addStaticVip(String vip, List<String> podIps) {
        StaticVips.add(workers.values().stream().map(Worker::host).toList(), BridgePlugin.DEFAULT_BRIDGE, vip, podIps);
    }

    /**
     * Starts kube-proxy (nftables mode) on every worker: {@code table ip kube-proxy} follows the
     * cluster's Services and EndpointSlices, {@code propagationDelay} after each change. The pod
     * network (flannel's {@code Network}) is the cluster CIDR; each worker's underlay address
     * accepts NodePort traffic; {@code net.bridge.bridge-nf-call-iptables} is set to 1 on the
     * workers, as kubeadm requires. Returns the proxies, in worker order.
     */
    public List<KubeProxy> startKubeProxy(long propagationDelay) {
        if (!proxies.isEmpty()) {
            throw new IllegalStateException("kube-proxy already runs in cluster " + name());
        }
        Cidr podNet;
        try {
            podNet = Cidr.parse(new com.fasterxml.jackson.databind.ObjectMapper().readTree(spec.flannelConfig())
                .path("Network").asText());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cluster " + name() + ": flannel config is not JSON", e);
        }
        for (ClusterSpec.Host h : spec.workers()) {
            Worker w = workers.get(h.shortName());
            // kubeadm's prerequisite (br_netfilter): bridged pod traffic passes the rules, so a
            // pod reaching a service whose endpoint is on its own bridge is translated back
            w.host().sysctl().bridgeNfCallIptables = 1;
            proxies.add(KubeProxy.start(api, w.host(), new KubeProxyConfig(w.name(), podNet,
                List.of(h.address()), propagationDelay).withServiceCidr(ServiceAllocator.DEFAULT_SERVICE_CIDR)));
        }
        return List.copyOf(proxies);
    }

    /**
     * Deploys the cluster DNS as kubeadm does: the {@code kube-dns} Service in {@code kube-system}
     * (ClusterIP 10.96.0.10, ports {@code dns} 53/UDP, {@code dns-tcp} 53/TCP, {@code metrics}
     * 9153/TCP, selector {@code k8s-app=kube-dns}) and the {@code coredns} Deployment (2 replicas
     * of {@link ClusterDns#IMAGE}), whose containers answer from a zone a {@link ClusterDnsFeeder}
     * keeps in step with the cluster's objects. Every kubelet then writes the ClusterFirst
     * {@code /etc/resolv.conf} (nameserver 10.96.0.10, cluster.local) into the pods it starts from
     * now on. The ClusterIP is routed by kube-proxy, so {@link #startKubeProxy} must have been
     * called. Run the clock a few seconds for the CoreDNS pods to become ready.
     */
    public ClusterDnsFeeder startClusterDns() {
        if (dns != null) {
            throw new IllegalStateException("cluster DNS already runs in cluster " + name());
        }
        if (proxies.isEmpty()) {
            throw new IllegalStateException("cluster " + name() + ": the cluster DNS needs kube-proxy to route "
                + ClusterDns.SERVICE_IP + ": call startKubeProxy first");
        }
        dns = ClusterDns.deploy(api, images, workers.values().stream().map(Worker::kubelet).toList());
        return dns;
    }

    /** The cluster DNS's feeder once {@link #startClusterDns} ran, else null. */
    public ClusterDnsFeeder clusterDns() {
        return dns;
    }

    /** The kube-proxies {@link #startKubeProxy} started (empty before). */
    public List<KubeProxy> kubeProxies() {
        return List.copyOf(proxies);
    }

    /** The etcd store both etcd hosts serve. */
    public KvStore etcd() {
        return etcd;
    }

    public List<NetNamespace> etcdHosts() {
        return List.copyOf(etcdHosts);
    }

    /** A worker by its short name, {@code w1}. */
    public Worker worker(String shortName) {
        Worker w = workers.get(shortName);
        if (w == null) {
            throw new IllegalArgumentException("cluster " + name() + " has no worker " + shortName + " (workers: "
                + String.join(", ", workers.keySet()) + ")");
        }
        return w;
    }

    public List<Worker> workers() {
        return List.copyOf(workers.values());
    }

    /** The flannel daemon of a worker. */
    public Flanneld flanneld(String shortName) {
        return flannel.get(shortName);
    }

    /**
     * Whether the cluster is up: every flanneld holds a lease and has programmed every other
     * worker's, and every node is Ready.
     */
    public boolean ready() {
        int n = flannel.size();
        for (Flanneld f : flannel.values()) {
            if (f.lease() == null || f.remotes().size() < n - 1) {
                return false;
            }
        }
        for (Worker w : workers.values()) {
            Node node = api.find(Node.class, null, w.name()).orElse(null);
            if (node == null || !node.isReady()) {
                return false;
            }
        }
        return true;
    }
}
