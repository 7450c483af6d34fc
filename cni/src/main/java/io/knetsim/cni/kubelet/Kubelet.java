package io.knetsim.cni.kubelet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.knetsim.api.ApiException;
import io.knetsim.api.ApiServer;
import io.knetsim.api.Container;
import io.knetsim.api.ContainerPort;
import io.knetsim.api.ContainerState;
import io.knetsim.api.ContainerStatus;
import io.knetsim.api.EventRecorder;
import io.knetsim.api.Node;
import io.knetsim.api.Pod;
import io.knetsim.api.PodCondition;
import io.knetsim.api.PodStatus;
import io.knetsim.api.WatchEvent;
import io.knetsim.api.fields.FieldSelector;
import io.knetsim.app.image.AppContext;
import io.knetsim.app.image.ImageCatalog;
import io.knetsim.app.image.PullResult;
import io.knetsim.cni.Cni;
import io.knetsim.cni.CniError;
import io.knetsim.cni.CniResult;
import io.knetsim.cni.NetworkConfigList;
import io.knetsim.cni.NetworkConfigs;
import io.knetsim.cni.RuntimeConf;
import io.knetsim.net.IfAddress;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.NetnsRegistry;
import io.knetsim.sim.SimRandom;
import io.knetsim.sim.SimTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A kubelet: registers its {@link Node}, watches the pods bound to it
 * ({@code spec.nodeName=<node>}) and runs them.
 *
 * <p>Running a pod: a network namespace {@code /var/run/netns/cni-<uuid>} is made; CNI ADD
 * runs with the first network configuration of {@code /etc/cni/net.d} (as kubelet and
 * containerd choose it), container ID = the sandbox ID, ifname {@code eth0} and
 * {@code K8S_POD_NAMESPACE}/{@code K8S_POD_NAME}/{@code K8S_POD_INFRA_CONTAINER_ID} in
 * {@code CNI_ARGS}; each container's image is "pulled" from the {@link ImageCatalog} and its
 * application started in the namespace; the pod's status becomes Running and Ready with its
 * {@code podIP}; the pod's files get the kubelet-managed {@code /etc/hosts} (localhost and the
 * pod's own name) and, with {@link #clusterDns()}, the ClusterFirst {@code /etc/resolv.conf}. A CNI failure leaves no namespace behind, records {@code FailedCreatePodSandBox}
 * with the runtime's wording and is retried with back-off (10 s doubling to 5 min); an image
 * that cannot be pulled leaves the pod Pending and not ready with the kubelet's
 * {@code Failed}/{@code BackOff} events. Deleting the pod stops its applications, runs CNI DEL
 * and removes the namespace, so its address is free again.
 */
public final class Kubelet {
    /** The first retry after a failed sandbox or pull; it doubles up to {@link #MAX_BACKOFF}. */
    public static final long BACKOFF = SimTime.seconds(10);
    public static final long MAX_BACKOFF = SimTime.seconds(300);
    /** How often a node that is not ready (no CNI config yet) looks again. */
    public static final long NODE_STATUS_INTERVAL = SimTime.seconds(1);
    /** kubeadm's cluster DNS address (the tenth address of the default service CIDR 10.96.0.0/12). */
    public static final String DEFAULT_CLUSTER_DNS = "10.96.0.10";
    /** The kubelet's default {@code --cluster-domain}. */
    public static final String DEFAULT_CLUSTER_DOMAIN = "cluster.local";

    private final NetNamespace host;
    private final String nodeName;
    private final ApiServer api;
    private final Cni cni;
    private final ImageCatalog images;
    private final EventRecorder events;
    private final SimRandom random;
    private final String confDir;
    private final Map<String, PodSandbox> sandboxes = new HashMap<>();
    private final Map<String, Long> backoff = new HashMap<>();
    private final Map<String, Pod> pending = new HashMap<>();
    private io.knetsim.api.Watch watch;
    private boolean nodeReady;
    /** The network configuration last read from {@link #confDir}: the file, its bytes and what they parsed to. */
    private String lastNetFile;
    private byte[] lastNetBytes;
    private NetworkConfigList lastNet;
    private io.knetsim.addr.Ipv4Address clusterDns;
    private String clusterDomain = DEFAULT_CLUSTER_DOMAIN;

    public Kubelet(NetNamespace host, String nodeName, ApiServer api, Cni cni, ImageCatalog images) {
        this(host, nodeName, api, cni, images, NetworkConfigs.DEFAULT_DIR);
    }

    /** {@code nodeName} is lower-cased as kubelet does with a host name ({@code C0w1} registers as {@code c0w1}). */
    public Kubelet(NetNamespace host, String nodeName, ApiServer api, Cni cni, ImageCatalog images, String confDir) {
        this.host = host;
        this.nodeName = nodeName.strip().toLowerCase(java.util.Locale.ROOT); // as kubelet derives it from the hostname
        this.api = api;
        this.cni = cni;
        this.images = images;
        this.confDir = confDir;
        this.events = new EventRecorder(api, "kubelet", nodeName);
        this.random = host.sim().random("kubelet/" + nodeName);
    }

    /**
     * {@code --cluster-dns} and {@code --cluster-domain}: from now on each new pod gets the
     * {@code /etc/resolv.conf} of {@code dnsPolicy: ClusterFirst} in its namespace's files:
     *
     * <pre>
     *   search &lt;pod namespace&gt;.svc.&lt;domain&gt; svc.&lt;domain&gt; &lt;domain&gt;
     *   nameserver &lt;dns&gt;
     *   options ndots:5
     * </pre>
     *
     * Without this call pods get no resolv.conf, as before.
     */
    public Kubelet clusterDns(io.knetsim.addr.Ipv4Address dns, String domain) {
        this.clusterDns = dns;
        this.clusterDomain = domain;
        return this;
    }

    /** {@link #clusterDns(io.knetsim.addr.Ipv4Address, String)} with kubeadm's defaults: 10.96.0.10 and cluster.local. */
    public Kubelet clusterDns() {
        return clusterDns(io.knetsim.addr.Ipv4Address.parse(DEFAULT_CLUSTER_DNS), DEFAULT_CLUSTER_DOMAIN);
    }

    /** The pod resolv.conf this kubelet writes for pods of {@code namespace}, or null without cluster DNS. */
    public String resolvConf(String namespace) {
        if (clusterDns == null) {
            return null;
        }
        return "search " + namespace + ".svc." + clusterDomain + " svc." + clusterDomain + " " + clusterDomain
            + "\nnameserver " + clusterDns + "\noptions ndots:5\n";
    }

    /** The kubelet-managed {@code /etc/hosts} of a pod with this IP and host name. */
    static String hostsFile(String podIp, String hostname) {
        return "# Kubernetes-managed hosts file.\n"
            + "127.0.0.1\tlocalhost\n"
            + "::1\tlocalhost ip6-localhost ip6-loopback\n"
            + "fe00::0\tip6-localnet\n"
            + "fe00::0\tip6-mcastprefix\n"
            + "fe00::1\tip6-allnodes\n"
            + "fe00::2\tip6-allrouters\n"
            + podIp + "\t" + hostname + "\n";
    }

    /** Registers the node and starts watching its pods. */
    public Kubelet start() {
        registerNode();
        watch = api.watch(Pod.class, null, null, FieldSelector.parse("spec.nodeName=" + nodeName), "0",
            this::onPodEvent);
        return this;
    }

    /** Stops watching; running pods keep running, as when a kubelet process exits. */
    public void stop() {
        if (watch != null) {
            watch.stop();
            watch = null;
        }
    }

    public String nodeName() {
        return nodeName;
    }

    public NetNamespace host() {
        return host;
    }

    /** The network namespace of a running pod, or null. */
    public NetNamespace podNamespace(String namespace, String name) {
        PodSandbox s = sandboxes.get(namespace + "/" + name);
        return s == null ? null : s.netns;
    }

    /** The {@code ip netns} name of a running pod's namespace, or null. */
    public String podNetnsName(String namespace, String name) {
        PodSandbox s = sandboxes.get(namespace + "/" + name);
        return s == null ? null : s.netnsName;
    }

    /** How many pods run here. */
    public int runningPods() {
        return sandboxes.size();
    }

    // ---- node

    private void registerNode() {
        nodeReady = hasNetworkConfig();
        IfAddress addr = host.devices().stream().filter(d -> d != host.loopback() && d.primaryAddress() != null)
            .map(d -> d.primaryAddress()).findFirst().orElse(null);
        Node n = Node.of(nodeName, null, addr == null ? null : addr.address().toString(), nodeReady, host.sim().now());
        if (api.find(Node.class, null, nodeName).isPresent()) {
            Node cur = api.get(Node.class, nodeName);
            api.updateStatus(cur.withStatus(n.status()));
        } else {
            api.create(n);
        }
        if (!nodeReady) {
            host.sim().after(NODE_STATUS_INTERVAL, this::recheckNode);
        }
    }

    private void recheckNode() {
        if (watch == null) {
            return;
        }
        if (hasNetworkConfig()) {
            registerNode();
            for (Pod p : List.copyOf(pending.values())) {
                sync(p);
            }
        } else {
            host.sim().after(NODE_STATUS_INTERVAL, this::recheckNode);
        }
    }

    private boolean hasNetworkConfig() {
        return host.files().isDirectory(confDir)
            && !NetworkConfigs.confFiles(host.files(), confDir, List.of(".conf", ".conflist", ".json")).isEmpty();
    }

    // ---- pods

    private static String key(Pod p) {
        return p.metadata().namespace() + "/" + p.metadata().name();
    }

    private void onPodEvent(WatchEvent<Pod> e) {
        Pod p = e.object();
        switch (e.type()) {
            case ADDED, MODIFIED -> {
                String k = key(p);
                if (!sandboxes.containsKey(k) && !pending.containsKey(k)) {
                    sync(p);
                }
            }
            // a MODIFIED pod we already run or retry needs nothing: its spec's containers are fixed
            case DELETED -> kill(p);
        }
    }

    private void sync(Pod p) {
        String k = key(p);
        PodSandbox existing = sandboxes.get(k);
        if (watch == null || existing != null && existing.started) {
            return;
        }
        Pod current = api.find(Pod.class, p.metadata().namespace(), p.metadata().name()).orElse(null);
        if (current == null || !p.metadata().uid().equals(current.metadata().uid())) {
            pending.remove(k);
            return; // deleted (or replaced) while we waited
        }
        pending.put(k, current);
        if (!nodeReady) {
            return; // runs once the node is ready
        }
        PodSandbox sb = existing;
        if (sb == null) {
            try {
                sb = createSandbox(current);
            } catch (CniError err) {
                events.record(current, EventRecorder.WARNING, "FailedCreatePodSandBox", err.getMessage());
                retryLater(current);
                return;
            }
            sandboxes.put(k, sb);
        }
        List<PullResult.Pulled> pulled = new ArrayList<>();
        for (Container c : current.spec().containers()) {
            PullResult r = images.pull(c.image());
            if (r instanceof PullResult.Failed f) {
                imagePullFailed(current, sb, c, f);
                return;
            }
            pulled.add((PullResult.Pulled) r);
        }
        pending.remove(k);
        backoff.remove(k);
        sb.started = true;
        List<ContainerStatus> statuses = new ArrayList<>();
        long now = host.sim().now();
        for (int i = 0; i < pulled.size(); i++) {
            Container c = current.spec().containers().get(i);
            events.record(current, EventRecorder.NORMAL, "Pulled",
                "Container image \"" + c.image() + "\" already present on machine");
            events.record(current, EventRecorder.NORMAL, "Created", "Created container " + c.name());
            sb.apps.add(pulled.get(i).app().start(new AppContext(sb.netns, current.metadata().name(),
                current.metadata().namespace(), c)));
            events.record(current, EventRecorder.NORMAL, "Started", "Started container " + c.name());
            statuses.add(new ContainerStatus(c.name(), ContainerState.running(now), null, true, 0, c.image(),
                c.image(), "containerd://" + hex(64), true));
        }
        PodStatus st = current.status() == null ? PodStatus.phase("Running") : current.status().withPhase("Running");
        st = st.withIPs(hostIp(), sb.podIp).withStartTime(io.knetsim.api.ApiTime.format(now))
            .withContainerStatuses(statuses);
        for (String type : List.of("PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady",
            "PodScheduled")) {
            st = st.withCondition(PodCondition.of(type, true, now));
        }
        updateStatus(current, st);
    }

    /**
     * The {@code portMappings} capability the runtime hands to CNI: one entry per container port
     * with a {@code hostPort}, protocol in lower case (as containerd passes them).
     */
    static Map<String, JsonNode> portMappings(Pod p) {
        ArrayNode maps = JsonNodeFactory.instance.arrayNode();
        if (p.spec() != null) {
            for (Container c : p.spec().containers()) {
                for (ContainerPort port : c.ports()) {
                    if (port.hostPort() == null || port.hostPort() <= 0) {
                        continue;
                    }
                    ObjectNode m = maps.addObject();
                    m.put("hostPort", port.hostPort());
                    m.put("containerPort", port.containerPort() == null ? 0 : port.containerPort());
                    m.put("protocol", (port.protocol() == null ? "TCP" : port.protocol()).toLowerCase(Locale.ROOT));
                }
            }
        }
        return maps.isEmpty() ? Map.of() : Map.of("portMappings", maps);
    }

    private PodSandbox createSandbox(Pod p) throws CniError {
        NetworkConfigList net = networkConfig();
        String id = hex(64);
        String netnsName = "cni-" + uuid();
        NetNamespace ns = NetnsRegistry.add(host, netnsName);
        ns.setHostname(p.metadata().name());
        RuntimeConf rt = new RuntimeConf(id, NetnsRegistry.DIR + "/" + netnsName, "eth0", List.of(
            Map.entry("IgnoreUnknown", "1"),
            Map.entry("K8S_POD_NAMESPACE", p.metadata().namespace()),
            Map.entry("K8S_POD_NAME", p.metadata().name()),
            Map.entry("K8S_POD_INFRA_CONTAINER_ID", id),
            Map.entry("K8S_POD_UID", p.metadata().uid())), portMappings(p));
        CniResult result;
        try {
            result = cni.addNetworkList(net, host, ns, rt);
        } catch (CniError | RuntimeException e) {
            NetnsRegistry.delete(host, netnsName);
            throw e instanceof CniError c ? new CniError(c.code(), failedSetup(id, c.getMessage()))
                : new CniError(CniError.INTERNAL, failedSetup(id, e.getMessage()));
        }
        String ip = result.ips().isEmpty() ? null : result.ips().get(0).address().address().toString();
        String resolv = resolvConf(p.metadata().namespace());
        if (resolv != null) {
            ns.files().write("/etc/resolv.conf", resolv);
        }
        if (ip != null) {
            ns.files().write("/etc/hosts", hostsFile(ip, p.metadata().name()));
        }
        return new PodSandbox(key(p), id, netnsName, ns, net, rt, ip);
    }

    /**
     * {@link NetworkConfigs#loadDefault}, re-read for every sandbox as the kubelet does, but parsed
     * again only when the chosen file or its bytes differ from the last time (the parsed list is
     * never changed: libcni copies each plugin's configuration before injecting into it).
     */
    private NetworkConfigList networkConfig() throws CniError {
        List<String> all = NetworkConfigs.confFiles(host.files(), confDir, List.of(".conf", ".conflist", ".json"));
        if (all.isEmpty()) {
            return NetworkConfigs.loadDefault(host.files(), confDir); // its "no networks found" error
        }
        String file = all.get(0);
        byte[] bytes = host.files().read(file);
        if (lastNet != null && file.equals(lastNetFile) && java.util.Arrays.equals(bytes, lastNetBytes)) {
            return lastNet;
        }
        NetworkConfigList parsed = NetworkConfigs.load(host.files(), file);
        lastNetFile = file;
        lastNetBytes = bytes;
        lastNet = parsed;
        return parsed;
    }

    private static String failedSetup(String id, String why) {
        return "Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox \""
            + id + "\": " + why;
    }

    private void imagePullFailed(Pod p, PodSandbox sb, Container c, PullResult.Failed f) {
        boolean again = backoff.containsKey(key(p));
        if (again) {
            events.record(p, EventRecorder.NORMAL, "BackOff", "Back-off pulling image \"" + c.image() + "\"");
        } else {
            events.record(p, EventRecorder.WARNING, f.eventReason(), f.eventMessage());
        }
        String reason = again && f.waitingReason().equals("ErrImagePull") ? "ImagePullBackOff" : f.waitingReason();
        String msg = again ? "Back-off pulling image \"" + c.image() + "\"" : f.eventMessage();
        List<ContainerStatus> statuses = new ArrayList<>();
        for (Container each : p.spec().containers()) {
            statuses.add(new ContainerStatus(each.name(), ContainerState.waiting(
                each == c ? reason : "ContainerCreating", each == c ? msg : null), null, false, 0, each.image(), "",
                null, false));
        }
        long now = host.sim().now();
        PodStatus st = (p.status() == null ? PodStatus.phase("Pending") : p.status().withPhase("Pending"))
            .withIPs(hostIp(), sb.podIp).withContainerStatuses(statuses)
            .withCondition(PodCondition.of("Ready", false, now))
            .withCondition(PodCondition.of("ContainersReady", false, now));
        updateStatus(p, st);
        retryLater(p);
    }

    private void retryLater(Pod p) {
        String k = key(p);
        long delay = backoff.getOrDefault(k, BACKOFF / 2) * 2;
        delay = Math.min(delay, MAX_BACKOFF);
        backoff.put(k, delay);
        host.sim().after(delay, () -> {
            Pod again = pending.get(k);
            if (again != null) {
                pending.remove(k);
                sync(again);
            }
        });
    }

    private void updateStatus(Pod p, PodStatus st) {
        try {
            Pod cur = api.get(Pod.class, p.metadata().namespace(), p.metadata().name());
            api.updateStatus(cur.withStatus(st));
        } catch (ApiException e) {
            // the pod went away meanwhile; its DELETED event tears the sandbox down
        }
    }

    private void kill(Pod p) {
        String k = key(p);
        pending.remove(k);
        backoff.remove(k);
        PodSandbox sb = sandboxes.remove(k);
        if (sb == null) {
            return;
        }
        for (var app : sb.apps) {
            app.stop();
        }
        try {
            cni.delNetworkList(sb.network, host, sb.netns, sb.runtime);
        } catch (CniError e) {
            events.record(p, EventRecorder.WARNING, "FailedKillPod", "error killing pod: failed to \"KillPodSandbox\" "
                + "for \"" + p.metadata().name() + "\": " + e.getMessage());
        }
        NetnsRegistry.delete(host, sb.netnsName);
    }

    private String hostIp() {
        return host.devices().stream().filter(d -> d != host.loopback() && d.primaryAddress() != null)
            .map(d -> d.primaryAddress().address().toString()).findFirst().orElse(null);
    }

    private String hex(int n) {
        StringBuilder sb = new StringBuilder(n + 16);
        while (sb.length() < n) {
            String h = Long.toHexString(random.nextLong());
            sb.append("0".repeat(16 - h.length())).append(h);
        }
        return sb.substring(0, n);
    }

    private String uuid() {
        String h = hex(32);
        return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-" + h.substring(16, 20)
            + "-" + h.substring(20);
    }
}
