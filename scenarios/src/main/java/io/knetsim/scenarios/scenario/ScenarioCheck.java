package io.knetsim.scenarios.scenario;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.api.ApiServer;
import io.knetsim.cni.flanneld.FlannelConfig;
import io.knetsim.cni.flanneld.FlannelConfigException;
import io.knetsim.net.link.LinkConfig;
import io.knetsim.sim.Simulator;
import io.knetsim.skupper.config.ExposedService;
import io.knetsim.skupper.config.SkupperConfigGenerator;
import io.knetsim.tool.UsageException;
import io.knetsim.tool.kubectl.Manifests;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks a scenario as a whole before anything is built: names (unique, usable as host name
 * prefixes), addresses (unique, on the underlay's /8), flannel configurations (as flanneld
 * would read them), manifests (decoded as {@code kubectl create -f} does), and every reference
 * (a pod's worker, a router site's remotes, a capture's or a step's node, a step's regular
 * expression) and every listening port a host would be asked to open twice. The first
 * problem is thrown as a {@link ScenarioException} naming its field.
 */
final class ScenarioCheck {
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]*");
    /** The underlay switch every host hangs off ({@link io.knetsim.scenarios.cluster.ClusterWorld}). */
    static final String SWITCH = "s0";

    private ScenarioCheck() {
    }

    static void check(LinkConfig underlay, List<ScenarioCluster> clusters, List<StaticVip> vips,
        List<ScenarioIngress> ingresses, ScenarioRouters routers, List<CapturePoint> captures, List<Step> steps) {
        if (underlay == null) {
            throw new ScenarioException("underlay", "expected the underlay's link properties");
        }
        if (clusters.isEmpty()) {
            throw new ScenarioException("clusters", "expected at least one cluster");
        }
        Set<String> clusterNames = new HashSet<>();
        Set<String> nodes = new HashSet<>(Set.of(SWITCH));
        Map<Ipv4Address, String> addresses = new HashMap<>();
        Ipv4Address first = null;
        for (int i = 0; i < clusters.size(); i++) {
            ScenarioCluster c = clusters.get(i);
            String at = "clusters[" + i + "]";
            name(at + ".name", c.name(), "cluster");
            if (!clusterNames.add(c.name())) {
                throw new ScenarioException(at + ".name", "duplicate cluster name " + c.name());
            }
            if (c.etcd().isEmpty()) {
                throw new ScenarioException(at + ".etcd", "expected at least one etcd host");
            }
            if (c.workers().isEmpty()) {
                throw new ScenarioException(at + ".workers", "expected at least one worker");
            }
            for (String kind : List.of("etcd", "workers")) {
                List<Host> hosts = kind.equals("etcd") ? c.etcd() : c.workers();
                for (int j = 0; j < hosts.size(); j++) {
                    Host h = hosts.get(j);
                    String hp = at + "." + kind + "[" + j + "]";
                    name(hp + ".name", h.name(), "host");
                    String full = c.name() + h.name();
                    if (!nodes.add(full)) {
                        throw new ScenarioException(hp + ".name", "duplicate host name " + full);
                    }
                    if (h.address() == null) {
                        throw new ScenarioException(hp + ".address", "expected an IPv4 address");
                    }
                    if (first == null) {
                        first = h.address();
                    } else if ((first.bits() >>> 24) != (h.address().bits() >>> 24)) {
                        throw new ScenarioException(hp + ".address", "address " + h.address()
                            + " is not on the underlay " + (first.bits() >>> 24) + ".0.0.0/8 of the first host");
                    }
                    String before = addresses.putIfAbsent(h.address(), full);
                    if (before != null) {
                        throw new ScenarioException(hp + ".address", "address " + h.address() + " is already "
                            + before + "'s");
                    }
                }
            }
            flannel(at + ".flannel", c.flannel());
            pods(at, c);
            manifests(at, c);
            addOns(at, c);
        }
        Map<String, Set<String>> ports = new HashMap<>(); // listening ports per host: controllers, ingresses
        for (ScenarioCluster c : clusters) {
            for (IngressControllerSpec ic : c.ingressControllers()) {
                ports.computeIfAbsent(c.name() + ic.worker(), k -> new HashSet<>()).add(Integer.toString(ic.port()));
            }
        }
        vips(clusters, vips);
        ingresses(clusters, ingresses, ports);
        routers(clusters, routers, ports);
        for (int i = 0; i < captures.size(); i++) {
            CapturePoint p = captures.get(i);
            node("captures[" + i + "].node", p.node(), nodes);
            if (p.iface() == null || p.iface().isBlank()) {
                throw new ScenarioException("captures[" + i + "].interface", "expected an interface name (e.g. eth0)");
            }
        }
        for (int i = 0; i < steps.size(); i++) {
            step("steps[" + i + "]", steps.get(i), nodes);
        }
    }

    private static void name(String path, String name, String what) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new ScenarioException(path, "invalid " + what + " name "
                + (name == null ? "(none)" : "'" + name + "'")
                + ": expected letters and digits, starting with a letter");
        }
    }

    private static void flannel(String path, Flannel f) {
        if (f == null || f.network() == null || f.backend() == null) {
            throw new ScenarioException(path, "expected a network and a backend (vxlan or host-gw)");
        }
        try {
            FlannelConfig.parse(f.toJson());
        } catch (FlannelConfigException e) {
            throw new ScenarioException(path, e.getMessage());
        }
        if (f.backend() == Flannel.Backend.VXLAN && (f.vni() < 0 || f.vni() > 0xFFFFFF)) {
            throw new ScenarioException(path + ".vni", "invalid VNI " + f.vni() + ": expected 0 to 16777215");
        }
        if (f.backend() == Flannel.Backend.VXLAN && (f.port() < 1 || f.port() > 65535)) {
            throw new ScenarioException(path + ".port", "invalid port " + f.port() + ": expected 1 to 65535");
        }
    }

    private static void pods(String at, ScenarioCluster c) {
        Set<String> names = new HashSet<>();
        Set<String> workers = new HashSet<>();
        c.workers().forEach(w -> workers.add(w.name()));
        for (int j = 0; j < c.pods().size(); j++) {
            ScenarioPod p = c.pods().get(j);
            String pp = at + ".pods[" + j + "]";
            if (p.name() == null || !p.name().matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")) {
                throw new ScenarioException(pp + ".name", "invalid pod name " + (p.name() == null ? "(none)"
                    : "'" + p.name() + "'") + ": expected a DNS label (lower case letters, digits and '-')");
            }
            if (!names.add(p.name())) {
                throw new ScenarioException(pp + ".name", "duplicate pod name " + p.name() + " in cluster " + c.name());
            }
            if (!workers.contains(p.worker())) {
                throw new ScenarioException(pp + ".worker", "no worker " + p.worker() + " in cluster " + c.name()
                    + " (workers: " + String.join(", ", c.workers().stream().map(Host::name).toList()) + ")");
            }
            if (p.image() == null || p.image().isBlank()) {
                throw new ScenarioException(pp + ".image", "expected an image (e.g. busybox, nginx)");
            }
        }
    }

    private static void manifests(String at, ScenarioCluster c) {
        if (c.manifests().isEmpty()) {
            return;
        }
        ApiServer kinds = io.knetsim.scenarios.cluster.Cluster.apiServer(new Simulator(0), c.name());
        for (int j = 0; j < c.manifests().size(); j++) {
            Manifest m = c.manifests().get(j);
            try {
                Manifests.decode(kinds, m.source(), m.text(), "default");
            } catch (UsageException e) {
                throw new ScenarioException(at + ".manifests[" + j + "]", e.getMessage().replace("\n", "; "));
            }
        }
    }

    /** kube-proxy, the cluster DNS (which needs kube-proxy to route 10.96.0.10), Ingress controllers. */
    private static void addOns(String at, ScenarioCluster c) {
        if (c.clusterDns() && !c.kubeProxy()) {
            throw new ScenarioException(at + ".clusterDns", "the cluster DNS needs kube-proxy to route its Service "
                + "10.96.0.10: set kubeProxy: true, or clusterDns: false");
        }
        Set<String> used = new HashSet<>();
        for (int j = 0; j < c.ingressControllers().size(); j++) {
            IngressControllerSpec ic = c.ingressControllers().get(j);
            String ip = at + ".ingressControllers[" + j + "]";
            if (ic == null) {
                throw new ScenarioException(ip, "expected {worker, port, upstreams}");
            }
            worker(ip + ".worker", c, ic.worker());
            port(ip + ".port", ic.port());
            if (ic.upstreams() == null) {
                throw new ScenarioException(ip + ".upstreams", "expected endpoints or service");
            }
            if (!used.add(ic.worker() + ":" + ic.port())) {
                throw new ScenarioException(ip + ".port", "port " + ic.port() + " of " + c.name() + ic.worker()
                    + " is already taken by another ingress controller");
            }
        }
    }

    private static void vips(List<ScenarioCluster> clusters, List<StaticVip> vips) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < vips.size(); i++) {
            StaticVip v = vips.get(i);
            String at = "vips[" + i + "]";
            if (v == null) {
                throw new ScenarioException(at, "expected {cluster, vip, pods}");
            }
            ScenarioCluster c = cluster(at + ".cluster", clusters, v.cluster());
            if (v.vip() == null) {
                throw new ScenarioException(at + ".vip", "expected an IPv4 address (e.g. 100.64.10.1)");
            }
            if (!seen.add(c.name() + "/" + v.vip())) {
                throw new ScenarioException(at + ".vip", "duplicate VIP " + v.vip() + " in cluster " + c.name());
            }
            if (v.pods() == null || v.pods().isEmpty()) {
                throw new ScenarioException(at + ".pods", "expected at least one pod of cluster " + c.name());
            }
            List<String> names = c.pods().stream().map(ScenarioPod::name).toList();
            for (int j = 0; j < v.pods().size(); j++) {
                if (!names.contains(v.pods().get(j))) {
                    throw new ScenarioException(at + ".pods[" + j + "]", "no pod " + v.pods().get(j) + " in cluster "
                        + c.name() + " (pods: " + (names.isEmpty() ? "none" : String.join(", ", names)) + ")");
                }
            }
        }
    }

    private static void ingresses(List<ScenarioCluster> clusters, List<ScenarioIngress> ingresses,
        Map<String, Set<String>> ports) {
        for (int i = 0; i < ingresses.size(); i++) {
            ScenarioIngress g = ingresses.get(i);
            String at = "ingresses[" + i + "]";
            if (g == null) {
                throw new ScenarioException(at, "expected {cluster, worker, name, port, routes}");
            }
            ScenarioCluster c = cluster(at + ".cluster", clusters, g.cluster());
            worker(at + ".worker", c, g.worker());
            if (g.name() == null || !g.name().matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
                throw new ScenarioException(at + ".name", "invalid ingress name "
                    + (g.name() == null ? "(none)" : "'" + g.name() + "'")
                    + ": expected letters, digits, '-', '_' and '.' (it names /etc/nginx/conf.d/NAME.conf)");
            }
            port(at + ".port", g.port());
            if (g.routes() == null || g.routes().isEmpty()) {
                throw new ScenarioException(at + ".routes", "expected at least one {path, endpoint}");
            }
            for (int j = 0; j < g.routes().size(); j++) {
                var r = g.routes().get(j);
                if (r == null || r.path() == null || r.endpoint() == null) {
                    throw new ScenarioException(at + ".routes[" + j + "]", "expected {path, endpoint}");
                }
                if (!r.path().startsWith("/")) {
                    throw new ScenarioException(at + ".routes[" + j + "].path", "invalid path '" + r.path()
                        + "': expected a path starting with / (e.g. /svc1)");
                }
                if (!r.endpoint().matches("\\d{1,3}(\\.\\d{1,3}){3}:\\d{1,5}")) {
                    throw new ScenarioException(at + ".routes[" + j + "].endpoint", "invalid endpoint '" + r.endpoint()
                        + "': expected ADDRESS:PORT (e.g. 100.64.11.1:8000)");
                }
            }
            try {
                io.knetsim.ingress.Ingresses.config(g.name(), g.port(), g.routes());
            } catch (IllegalArgumentException e) {
                throw new ScenarioException(at + ".routes", e.getMessage());
            }
            if (!ports.computeIfAbsent(c.name() + g.worker(), k -> new HashSet<>()).add(Integer.toString(g.port()))) {
                throw new ScenarioException(at + ".port", "port " + g.port() + " of " + c.name() + g.worker()
                    + " is already taken by another ingress or Ingress controller");
            }
        }
    }

    /**
     * The ports skupper-router's generated configuration listens on itself, each with the
     * listener's name ({@link SkupperConfigGenerator}); a tcpListener on any of them would clash.
     */
    private static final Map<Integer, String> ROUTER_PORTS = Map.of(5672, "amqp",
        SkupperConfigGenerator.INTER_ROUTER_PORT, "interior-listener", SkupperConfigGenerator.EDGE_PORT,
        "edge-listener", 9090, "@9090");

    /** Sites, then services, then each service's tcpListener on every other site's first worker. */
    private static void routers(List<ScenarioCluster> clusters, ScenarioRouters routers,
        Map<String, Set<String>> ports) {
        Map<String, ScenarioCluster> sites = new LinkedHashMap<>();
        List<RouterSite> siteList = routers.sites();
        for (int i = 0; i < siteList.size(); i++) {
            RouterSite s = siteList.get(i);
            String at = "routers.sites[" + i + "]";
            if (s == null) {
                throw new ScenarioException(at, "expected {cluster, remotes}");
            }
            ScenarioCluster c = cluster(at + ".cluster", clusters, s.cluster());
            if (sites.putIfAbsent(c.name(), c) != null) {
                throw new ScenarioException(at + ".cluster", "site " + c.name() + " is listed twice");
            }
            if (s.remotes() == null) {
                throw new ScenarioException(at + ".remotes", "expected a list of clusters (e.g. [C0])");
            }
        }
        for (int i = 0; i < siteList.size(); i++) {
            RouterSite s = siteList.get(i);
            Set<String> seen = new HashSet<>();
            for (int j = 0; j < s.remotes().size(); j++) {
                RouterRemote remote = s.remotes().get(j);
                String r = remote.cluster();
                String at = "routers.sites[" + i + "].remotes[" + j + "]";
                if (s.cluster().equals(r)) {
                    throw new ScenarioException(at, "site " + s.cluster() + " cannot link to itself");
                }
                cluster(at, clusters, r);
                if (!sites.containsKey(r)) {
                    throw new ScenarioException(at, "cluster " + r + " is not a site (sites: "
                        + String.join(", ", sites.keySet()) + ")");
                }
                if (!seen.add(r)) {
                    throw new ScenarioException(at, "remote " + r + " is listed twice");
                }
                if (remote.cost() < 1) {
                    throw new ScenarioException(at + ".cost", "invalid cost " + remote.cost()
                        + ": expected an integer from 1 to " + Integer.MAX_VALUE);
                }
            }
        }
        List<RouterService> services = routers.services();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < services.size(); i++) {
            RouterService v = services.get(i);
            String at = "routers.services[" + i + "]";
            if (v == null) {
                throw new ScenarioException(at, "expected {name, cluster, pod or host, port, lport}");
            }
            if (v.name() == null || !v.name().matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
                throw new ScenarioException(at + ".name", "invalid service name "
                    + (v.name() == null ? "(none)" : "'" + v.name() + "'")
                    + ": expected letters, digits, '-', '_' and '.' (it is the router address)");
            }
            if (!names.add(v.name())) {
                throw new ScenarioException(at + ".name", "duplicate service name " + v.name());
            }
            ScenarioCluster c = cluster(at + ".cluster", clusters, v.cluster());
            if (!sites.containsKey(c.name())) {
                throw new ScenarioException(at + ".cluster", "cluster " + c.name() + " has no router: expected one "
                    + "of the sites (sites: " + (sites.isEmpty() ? "none" : String.join(", ", sites.keySet())) + ")");
            }
            if (v.pod() != null && v.host() != null) {
                throw new ScenarioException(at, "expected either pod or host, not both");
            }
            if (v.pod() == null && v.host() == null) {
                throw new ScenarioException(at, "expected pod (one of cluster " + c.name()
                    + "'s pods) or host (an address)");
            }
            if (v.pod() != null) {
                List<String> pods = c.pods().stream().map(ScenarioPod::name).toList();
                if (!pods.contains(v.pod())) {
                    throw new ScenarioException(at + ".pod", "no pod " + v.pod() + " in cluster " + c.name()
                        + " (pods: " + (pods.isEmpty() ? "none" : String.join(", ", pods)) + ")");
                }
            }
            port(at + ".port", v.port());
            port(at + ".lport", v.lport());
        }
        for (int i = 0; i < services.size(); i++) {
            RouterService v = services.get(i);
            for (ScenarioCluster site : sites.values()) {
                if (site.name().equals(v.cluster())) {
                    continue;
                }
                String host = site.name() + site.workers().get(0).name();
                String at = "routers.services[" + i + "].lport";
                if (ROUTER_PORTS.containsKey(v.lport())) {
                    throw new ScenarioException(at, "lport " + v.lport() + " of " + host + " is already taken by the "
                        + "router's listener " + ROUTER_PORTS.get(v.lport()));
                }
                if (!ports.computeIfAbsent(host, k -> new HashSet<>()).add(Integer.toString(v.lport()))) {
                    throw new ScenarioException(at, "lport " + v.lport() + " of " + host
                        + " is already taken by another service, ingress or Ingress controller");
                }
            }
        }
        try {
            SkupperConfigGenerator.generate(
                siteList.stream().map(s -> s.spec(
                    sites.get(s.cluster()).workers().get(0).address().toString())).toList(),
                services.stream().map(v -> new ExposedService(v.name(), v.cluster(),
                    v.host() == null ? "0.0.0.0" : v.host().toString(), v.port(), v.lport())).toList());
        } catch (IllegalArgumentException e) {
            throw new ScenarioException("routers", e.getMessage());
        }
    }

    private static ScenarioCluster cluster(String path, List<ScenarioCluster> clusters, String name) {
        for (ScenarioCluster c : clusters) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        throw new ScenarioException(path, "no cluster " + (name == null ? "(none)" : name) + " (clusters: "
            + String.join(", ", clusters.stream().map(ScenarioCluster::name).toList()) + ")");
    }

    private static void worker(String path, ScenarioCluster c, String worker) {
        if (c.workers().stream().noneMatch(w -> w.name().equals(worker))) {
            throw new ScenarioException(path, "no worker " + (worker == null ? "(none)" : worker) + " in cluster "
                + c.name() + " (workers: " + String.join(", ", c.workers().stream().map(Host::name).toList()) + ")");
        }
    }

    private static void port(String path, int port) {
        if (port < 1 || port > 65535) {
            throw new ScenarioException(path, "invalid port " + port + ": expected 1 to 65535");
        }
    }

    private static void node(String path, String node, Set<String> nodes) {
        if (node == null || !nodes.contains(node)) {
            List<String> sorted = new ArrayList<>(nodes);
            java.util.Collections.sort(sorted);
            throw new ScenarioException(path, "no node " + (node == null ? "(none)" : node) + " (nodes: "
                + String.join(", ", sorted) + ")");
        }
    }

    private static void step(String path, Step s, Set<String> nodes) {
        if (s.at() != null && s.at().isNegative()) {
            throw new ScenarioException(path + ".at", "expected a time not before the start (e.g. 5s)");
        }
        if (s.action() instanceof Step.Exec e) {
            node(path + ".on", e.node(), nodes);
            if (e.command() == null || e.command().isBlank()) {
                throw new ScenarioException(path + ".run", "expected a command to run on " + e.node());
            }
        } else if (s.action() instanceof Step.Py p) {
            if (p.expression() == null || p.expression().isBlank()) {
                throw new ScenarioException(path + ".py", "expected a Python form such as "
                    + "C0w1.exec_container(\"c1\", \"ping -c 1 11.10.0.2\")");
            }
        } else if (s.action() instanceof Step.Wait w) {
            if (w.duration() == null || w.duration().isNegative() || w.duration().isZero()) {
                throw new ScenarioException(path + ".run", "expected a duration to let pass (e.g. 5s)");
            }
        } else {
            throw new ScenarioException(path, "expected an action: on/run, py or run DURATION");
        }
        if (s.expect() == null) {
            throw new ScenarioException(path + ".expect", "expected Expect.NONE rather than null");
        }
        if (s.expect().matches() != null) {
            try {
                Pattern.compile(s.expect().matches());
            } catch (PatternSyntaxException e) {
                throw new ScenarioException(path + ".expect.matches", "invalid regular expression: "
                    + e.getDescription() + " near index " + e.getIndex());
            }
        }
    }
}
