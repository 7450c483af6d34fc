package io.knetsim.scenarios.scenario;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.knetsim.addr.Cidr;
import io.knetsim.addr.Ipv4Address;
import io.knetsim.ingress.IngressRoute;
import io.knetsim.ingress.controller.UpstreamMode;
import io.knetsim.net.link.LinkConfig;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The YAML form of a {@link Scenario}, field for field (docs/scenarios.md has the schema):
 *
 * <pre>
 * seed: 7
 * underlay: {delay: 1ms, bandwidth: 1Gbit, loss: 0.5%}
 * clusters:
 *   - name: C0
 *     etcd: [{name: e1, address: 10.1.0.1}]
 *     workers: [{name: w1, address: 10.0.0.3}, {name: w2, address: 10.0.0.4}]
 *     flannel: {network: 11.0.0.0/8, subnetLen: 20, backend: vxlan, vni: 100}
 *     pods: [{name: c2, worker: w2}, {name: web, worker: w2, image: nginx}]
 *     manifests: [deploy.yaml]
 *     kubeProxy: true
 *     clusterDns: true
 *     ingressControllers: [{worker: w1, port: 8080, upstreams: endpoints}]
 * vips: [{cluster: C0, vip: 100.64.10.1, pods: [c2, web]}]
 * ingresses: [{cluster: C0, worker: w1, name: grp1, port: 8001, routes: [{path: /web, endpoint: 100.64.10.1:80}]}]
 * routers:            # with a second cluster C1
 *   sites: [{cluster: C0}, {cluster: C1, remotes: [C0]}]     # or remotes: [{cluster: C0, cost: 5}]
 *   services: [{name: svc1, cluster: C0, pod: web, port: 80, lport: 1028}]
 * captures: [{node: C0w1, interface: eth0}]
 * steps:
 *   - on: C0w1
 *     run: kubectl get pods
 *     expect: {exit: 0, contains: "web"}
 * </pre>
 *
 * {@link #read} checks everything before returning; any problem is a {@link ScenarioException}
 * whose message reads {@code FILE:LINE:COLUMN: FIELD: what was expected}.
 */
public final class ScenarioYaml {
    /**
     * The top-level sections: the world (seed, underlay, clusters), what is added to it once the
     * clusters are up and may span them (vips, ingresses, the multi-cluster router network), then
     * captures and steps.
     */
    private static final List<String> ROOT = List.of("seed", "underlay", "clusters", "vips", "ingresses", "routers",
        "captures", "steps");
    private static final List<String> UNDERLAY = List.of("delay", "bandwidth", "loss", "queue");
    private static final List<String> CLUSTER = List.of("name", "etcd", "workers", "flannel", "pods", "manifests",
        "kubeProxy", "clusterDns", "ingressControllers");
    private static final List<String> INGRESS_CONTROLLER = List.of("worker", "port", "upstreams");
    private static final List<String> VIP = List.of("cluster", "vip", "pods");
    private static final List<String> INGRESS = List.of("cluster", "worker", "name", "port", "routes");
    private static final List<String> ROUTE = List.of("path", "endpoint");
    private static final List<String> ROUTERS = List.of("sites", "services");
    private static final List<String> ROUTER_SITE = List.of("cluster", "remotes");
    private static final List<String> ROUTER_REMOTE = List.of("cluster", "cost");
    private static final List<String> ROUTER_SERVICE = List.of("name", "cluster", "pod", "host", "port", "lport");
    private static final List<String> HOST = List.of("name", "address");
    private static final List<String> FLANNEL = List.of("network", "subnetLen", "subnetMin", "subnetMax", "backend",
        "vni", "port");
    private static final List<String> POD = List.of("name", "worker", "image", "args");
    private static final List<String> CAPTURE = List.of("node", "interface");
    private static final List<String> STEP = List.of("on", "run", "py", "at", "expect");
    private static final List<String> EXPECT = List.of("exit", "contains", "matches");

    private final String file;
    private final Path baseDir;

    private ScenarioYaml(String file, Path baseDir) {
        this.file = file;
        this.baseDir = baseDir;
    }

    /** Reads and checks the scenario in {@code path}; manifest files are found next to it. */
    public static Scenario read(Path path) {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ScenarioException("", path + ": cannot read the scenario: "
                + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage()));
        }
        Path dir = path.toAbsolutePath().getParent();
        return parse(path.toString(), text, dir);
    }

    /**
     * Reads and checks a scenario's text; {@code file} names it in errors, manifest files are
     * looked up under {@code baseDir}.
     */
    public static Scenario parse(String file, String text, Path baseDir) {
        YamlNode root = YamlNode.read(file, text);
        return new ScenarioYaml(file, baseDir).scenario(root);
    }

    private Scenario scenario(YamlNode root) {
        map(root, ROOT);
        long seed = root.fields.containsKey("seed") ? integer(root.fields.get("seed")) : Scenario.DEFAULT_SEED;
        LinkConfig underlay = root.fields.containsKey("underlay") ? underlay(root.fields.get("underlay"))
            : LinkConfig.DEFAULT;
        List<ScenarioCluster> clusters = list(root, "clusters", this::cluster);
        if (!root.fields.containsKey("clusters")) {
            throw error(root, "", "missing field 'clusters': expected a list of clusters");
        }
        List<StaticVip> vips = list(root, "vips", this::vip);
        List<ScenarioIngress> ingresses = list(root, "ingresses", this::ingress);
        ScenarioRouters routers = root.fields.containsKey("routers") && !root.fields.get("routers").isNull()
            ? routers(root.fields.get("routers")) : ScenarioRouters.NONE;
        List<CapturePoint> captures = list(root, "captures", this::capture);
        List<Step> steps = list(root, "steps", this::step);
        try {
            return new Scenario(seed, underlay, clusters, vips, ingresses, routers, captures, steps);
        } catch (ScenarioException e) {
            YamlNode at = find(root, e.path());
            throw new ScenarioException(file, at.line, at.column, e.path(), e.problem());
        }
    }

    /**
     * An error found once the world is built (a capture on an interface the node lacks), located
     * where its field is written in {@code path}: {@code FILE:LINE:COLUMN: FIELD: problem}. If the
     * file can no longer be read, the error is returned as it was.
     */
    public static ScenarioException locate(Path path, ScenarioException e) {
        try {
            YamlNode root = YamlNode.read(path.toString(), Files.readString(path, StandardCharsets.UTF_8));
            YamlNode at = find(root, e.path());
            return new ScenarioException(path.toString(), at.line, at.column, e.path(), e.problem());
        } catch (IOException | ScenarioException x) {
            return e;
        }
    }

    /** The node at {@code path}, or the closest enclosing one that the file has. */
    private static YamlNode find(YamlNode root, String path) {
        YamlNode best = root;
        YamlNode n = root;
        int i = 0;
        while (n != null && i < path.length()) {
            int end = i;
            while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
                end++;
            }
            if (end > i) {
                n = n.kind == YamlNode.Kind.MAP ? n.fields.get(path.substring(i, end)) : null;
                i = end;
            } else if (path.charAt(i) == '[') {
                int close = path.indexOf(']', i);
                int idx = Integer.parseInt(path.substring(i + 1, close));
                n = n.kind == YamlNode.Kind.LIST && idx < n.items.size() ? n.items.get(idx) : null;
                i = close + 1;
            } else {
                i++;
                continue;
            }
            if (n != null) {
                best = n;
            }
        }
        return best;
    }

    private LinkConfig underlay(YamlNode n) {
        map(n, UNDERLAY);
        LinkConfig l = LinkConfig.DEFAULT;
        if (n.fields.containsKey("delay")) {
            l = l.withDelay(duration(n.fields.get("delay")));
        }
        if (n.fields.containsKey("bandwidth")) {
            l = l.withRate(parsed(n.fields.get("bandwidth"), Rate::parse).bitsPerSecond());
        }
        if (n.fields.containsKey("loss")) {
            l = l.withLoss(loss(n.fields.get("loss")));
        }
        if (n.fields.containsKey("queue")) {
            YamlNode q = n.fields.get("queue");
            long frames = integer(q);
            if (frames < 1 || frames > Integer.MAX_VALUE) {
                throw error(q, q.path, "invalid queue length " + frames + ": expected at least one frame");
            }
            l = l.withQueue((int) frames);
        }
        return l;
    }

    private double loss(YamlNode n) {
        String text = string(n);
        try {
            BigDecimal v = text.endsWith("%") ? new BigDecimal(text.substring(0, text.length() - 1).strip())
                .movePointLeft(2) : new BigDecimal(text);
            if (v.signum() >= 0 && v.compareTo(BigDecimal.ONE) <= 0) {
                return v.doubleValue();
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw error(n, n.path, "invalid loss '" + text
            + "': expected a percentage (0.5%) or a probability from 0 to 1");
    }

    private ScenarioCluster cluster(YamlNode n) {
        map(n, CLUSTER);
        String name = required(n, "name");
        ScenarioCluster c = ScenarioCluster.named(name);
        for (Host h : list(n, "etcd", this::host)) {
            c = c.etcd(h.name(), h.address());
        }
        for (Host h : list(n, "workers", this::host)) {
            c = c.worker(h.name(), h.address());
        }
        if (n.fields.containsKey("flannel")) {
            c = c.flannel(flannel(n.fields.get("flannel")));
        }
        for (ScenarioPod p : list(n, "pods", this::pod)) {
            c = c.pod(p);
        }
        for (Manifest m : list(n, "manifests", this::manifest)) {
            c = c.manifest(m);
        }
        if (n.fields.containsKey("kubeProxy")) {
            c = c.kubeProxy(bool(n.fields.get("kubeProxy")));
        }
        if (n.fields.containsKey("clusterDns")) {
            c = c.clusterDns(bool(n.fields.get("clusterDns")));
        }
        for (IngressControllerSpec ic : list(n, "ingressControllers", this::ingressController)) {
            c = c.ingressController(ic);
        }
        return c;
    }

    private IngressControllerSpec ingressController(YamlNode n) {
        map(n, INGRESS_CONTROLLER);
        IngressControllerSpec ic = IngressControllerSpec.on(required(n, "worker"), port(n));
        if (n.fields.containsKey("upstreams")) {
            YamlNode u = n.fields.get("upstreams");
            String mode = string(u);
            ic = switch (mode) {
                case "endpoints" -> ic.withUpstreams(UpstreamMode.ENDPOINTS);
                case "service" -> ic.withUpstreams(UpstreamMode.SERVICE);
                default -> throw error(u, u.path, "unknown upstreams '" + mode + "': expected endpoints or service");
            };
        }
        return ic;
    }

    private StaticVip vip(YamlNode n) {
        map(n, VIP);
        String cluster = required(n, "cluster");
        if (!n.fields.containsKey("vip")) {
            throw error(n, n.path, "missing field 'vip': expected the virtual IP (e.g. 100.64.10.1)");
        }
        Ipv4Address vip = parsed(n.fields.get("vip"), Ipv4Address::parse);
        if (!n.fields.containsKey("pods")) {
            throw error(n, n.path, "missing field 'pods': expected a list of the cluster's pods (e.g. [c2, c3])");
        }
        return new StaticVip(cluster, vip, list(n, "pods", this::string));
    }

    private ScenarioIngress ingress(YamlNode n) {
        map(n, INGRESS);
        String cluster = required(n, "cluster");
        String worker = required(n, "worker");
        String name = required(n, "name");
        int port = port(n);
        if (!n.fields.containsKey("routes")) {
            throw error(n, n.path, "missing field 'routes': expected a list of {path, endpoint}");
        }
        List<IngressRoute> routes = list(n, "routes", r -> {
            map(r, ROUTE);
            return IngressRoute.of(required(r, "path"), required(r, "endpoint"));
        });
        return new ScenarioIngress(cluster, worker, name, port, routes);
    }

    private ScenarioRouters routers(YamlNode n) {
        map(n, ROUTERS);
        return new ScenarioRouters(list(n, "sites", this::routerSite), list(n, "services", this::routerService));
    }

    private RouterSite routerSite(YamlNode n) {
        map(n, ROUTER_SITE);
        return new RouterSite(required(n, "cluster"), list(n, "remotes", this::routerRemote));
    }

    /** A plain cluster name (a link of cost 1) or {@code {cluster: C0, cost: 5}}. */
    private RouterRemote routerRemote(YamlNode n) {
        if (n.kind == YamlNode.Kind.SCALAR && !n.isNull()) {
            return RouterRemote.of(n.text);
        }
        if (n.kind != YamlNode.Kind.MAP) {
            throw error(n, n.path, "expected a cluster name (C0) or {cluster: C0, cost: 5}, got " + n.describe());
        }
        map(n, ROUTER_REMOTE);
        String cluster = required(n, "cluster");
        if (!n.fields.containsKey("cost")) {
            return RouterRemote.of(cluster);
        }
        YamlNode c = n.fields.get("cost");
        long cost = integer(c);
        if (cost < 1 || cost > Integer.MAX_VALUE) {
            throw error(c, c.path, "invalid cost " + cost + ": expected an integer from 1 to " + Integer.MAX_VALUE);
        }
        return RouterRemote.of(cluster, (int) cost);
    }

    private RouterService routerService(YamlNode n) {
        map(n, ROUTER_SERVICE);
        String name = required(n, "name");
        String cluster = required(n, "cluster");
        String pod = n.fields.containsKey("pod") ? string(n.fields.get("pod")) : null;
        Ipv4Address host = n.fields.containsKey("host") ? parsed(n.fields.get("host"), Ipv4Address::parse) : null;
        int port = port(n, "port", "the service's port (e.g. 80)");
        int lport = port(n, "lport", "the port the other sites' routers listen on for it (e.g. 1028)");
        return new RouterService(name, cluster, pod, host, port, lport);
    }

    /** The {@code port} field of {@code n}, required, 1 to 65535. */
    private int port(YamlNode n) {
        return port(n, "port", null);
    }

    /** A port field of {@code n}, required ({@code what} says what is expected when it is missing), 1 to 65535. */
    private int port(YamlNode n, String field, String what) {
        YamlNode p = n.fields.get(field);
        if (p == null) {
            throw error(n, n.path, "missing field '" + field + "'" + (what == null ? "" : ": expected " + what));
        }
        long port = integer(p);
        if (port < 1 || port > 65535) {
            throw error(p, p.path, "invalid port " + port + ": expected 1 to 65535");
        }
        return (int) port;
    }

    private Host host(YamlNode n) {
        map(n, HOST);
        String name = required(n, "name");
        if (!n.fields.containsKey("address")) {
            throw error(n, n.path, "missing field 'address': expected the host's underlay address (e.g. 10.0.0.3)");
        }
        return new Host(name, parsed(n.fields.get("address"), Ipv4Address::parse));
    }

    private Flannel flannel(YamlNode n) {
        map(n, FLANNEL);
        Flannel f = Flannel.LABS;
        if (n.fields.containsKey("network")) {
            f = f.withNetwork(parsed(n.fields.get("network"), Cidr::parse));
        }
        if (n.fields.containsKey("subnetLen")) {
            YamlNode s = n.fields.get("subnetLen");
            long len = integer(s);
            if (len < 1 || len > 32) {
                throw error(s, s.path, "invalid subnetLen " + len + ": expected a prefix length from 1 to 32");
            }
            f = f.withSubnetLen((int) len);
        }
        if (n.fields.containsKey("subnetMin") || n.fields.containsKey("subnetMax")) {
            Ipv4Address min = n.fields.containsKey("subnetMin") ? parsed(n.fields.get("subnetMin"), Ipv4Address::parse)
                : f.subnetMin();
            Ipv4Address max = n.fields.containsKey("subnetMax") ? parsed(n.fields.get("subnetMax"), Ipv4Address::parse)
                : f.subnetMax();
            f = f.withSubnetRange(min, max);
        }
        if (n.fields.containsKey("backend")) {
            YamlNode b = n.fields.get("backend");
            Flannel.Backend backend = Flannel.Backend.of(string(b));
            if (backend == null) {
                throw error(b, b.path, "unknown backend '" + b.text + "': expected vxlan or host-gw");
            }
            f = f.withBackend(backend);
        }
        if (n.fields.containsKey("vni")) {
            f = f.withVni((int) integer(n.fields.get("vni")));
        }
        if (n.fields.containsKey("port")) {
            f = f.withPort((int) integer(n.fields.get("port")));
        }
        return f;
    }

    private ScenarioPod pod(YamlNode n) {
        map(n, POD);
        String name = required(n, "name");
        String worker = required(n, "worker");
        String image = n.fields.containsKey("image") ? string(n.fields.get("image")) : ScenarioPod.DEFAULT_IMAGE;
        List<String> args = list(n, "args", this::string);
        return new ScenarioPod(name, worker, image, args);
    }

    private Manifest manifest(YamlNode n) {
        if (n.kind == YamlNode.Kind.MAP) {
            return Manifest.yaml(json(n).toString());
        }
        if (n.kind != YamlNode.Kind.SCALAR || n.token != JsonToken.VALUE_STRING) {
            throw error(n, n.path, "expected a manifest file name (deploy.yaml) or a Kubernetes object, got "
                + n.describe());
        }
        Path p = baseDir.resolve(n.text);
        try {
            return new Manifest(n.text, Files.readString(p, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw error(n, n.path, "cannot read manifest file '" + n.text + "' (" + p + "): "
                + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage()));
        }
    }

    private CapturePoint capture(YamlNode n) {
        map(n, CAPTURE);
        return new CapturePoint(required(n, "node"), required(n, "interface"));
    }

    private Step step(YamlNode n) {
        map(n, STEP);
        Duration at = n.fields.containsKey("at") ? duration(n.fields.get("at")) : null;
        YamlNode run = n.fields.get("run");
        Step.Action action;
        if (n.fields.containsKey("py")) {
            if (run != null || n.fields.containsKey("on")) {
                throw error(n, n.path, "a step is either py: EXPRESSION or on: NODE with run: COMMAND, not both");
            }
            action = new Step.Py(string(n.fields.get("py")));
        } else if (n.fields.containsKey("on")) {
            if (run == null) {
                throw error(n, n.path, "missing field 'run': expected the command to run on "
                    + n.fields.get("on").text);
            }
            action = new Step.Exec(string(n.fields.get("on")), string(run));
        } else if (run != null) {
            try {
                action = new Step.Wait(SimDuration.parse(string(run)));
            } catch (IllegalArgumentException e) {
                throw error(run, run.path, e.getMessage() + "; to run a command, name its node with on:");
            }
        } else {
            throw error(n, n.path, "expected on: NODE with run: COMMAND, py: EXPRESSION, or run: DURATION");
        }
        Expect expect = Expect.NONE;
        if (n.fields.containsKey("expect")) {
            YamlNode e = n.fields.get("expect");
            map(e, EXPECT);
            if (e.fields.containsKey("exit")) {
                YamlNode x = e.fields.get("exit");
                long code = integer(x);
                if (code < 0 || code > 255) {
                    throw error(x, x.path, "invalid exit status " + code + ": expected 0 to 255");
                }
                expect = expect.withExit((int) code);
            }
            if (e.fields.containsKey("contains")) {
                expect = expect.withContains(string(e.fields.get("contains")));
            }
            if (e.fields.containsKey("matches")) {
                expect = expect.withMatches(string(e.fields.get("matches")));
            }
        }
        return new Step(at, action, expect);
    }

    // ---- typed readers; each throws a located error saying what was expected

    private void map(YamlNode n, List<String> allowed) {
        if (n.kind != YamlNode.Kind.MAP) {
            throw error(n, n.path, "expected a mapping with fields " + String.join(", ", allowed) + ", got "
                + n.describe());
        }
        for (var e : n.keyPositions.entrySet()) {
            if (!allowed.contains(e.getKey())) {
                String at = n.path.isEmpty() ? e.getKey() : n.path + "." + e.getKey();
                throw new ScenarioException(file, e.getValue()[0], e.getValue()[1], at,
                    "unknown field '" + e.getKey() + "': expected one of " + String.join(", ", allowed));
            }
        }
    }

    private <T> List<T> list(YamlNode parent, String field, Function<YamlNode, T> item) {
        YamlNode n = parent.fields.get(field);
        List<T> out = new ArrayList<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (n.kind != YamlNode.Kind.LIST) {
            throw error(n, n.path, "expected a list, got " + n.describe());
        }
        for (YamlNode i : n.items) {
            out.add(item.apply(i));
        }
        return out;
    }

    private String required(YamlNode n, String field) {
        YamlNode v = n.fields.get(field);
        if (v == null) {
            throw error(n, n.path, "missing field '" + field + "'");
        }
        return string(v);
    }

    private String string(YamlNode n) {
        if (n.kind != YamlNode.Kind.SCALAR || n.isNull()) {
            throw error(n, n.path, "expected a string, got " + n.describe());
        }
        return n.text;
    }

    private boolean bool(YamlNode n) {
        if (n.kind != YamlNode.Kind.SCALAR || (n.token != JsonToken.VALUE_TRUE && n.token != JsonToken.VALUE_FALSE)) {
            throw error(n, n.path, "expected true or false, got " + n.describe());
        }
        return n.token == JsonToken.VALUE_TRUE;
    }

    private long integer(YamlNode n) {
        if (n.kind != YamlNode.Kind.SCALAR || n.token != JsonToken.VALUE_NUMBER_INT) {
            throw error(n, n.path, "expected an integer, got " + n.describe());
        }
        try {
            return Long.parseLong(n.text);
        } catch (NumberFormatException e) {
            throw error(n, n.path, "integer " + n.text + " is too large");
        }
    }

    private Duration duration(YamlNode n) {
        return parsed(n, SimDuration::parse);
    }

    private <T> T parsed(YamlNode n, Function<String, T> parser) {
        String text = string(n);
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw error(n, n.path, e.getMessage());
        }
    }

    private ScenarioException error(YamlNode at, String path, String problem) {
        return new ScenarioException(file, at.line, at.column, path, problem);
    }

    /** An inline manifest's node as JSON, scalars typed as YAML read them. */
    private static JsonNode json(YamlNode n) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (n.kind) {
            case MAP -> {
                ObjectNode o = f.objectNode();
                n.fields.forEach((k, v) -> o.set(k, json(v)));
                yield o;
            }
            case LIST -> {
                ArrayNode a = f.arrayNode();
                n.items.forEach(i -> a.add(json(i)));
                yield a;
            }
            case SCALAR -> switch (n.token) {
                case VALUE_NULL -> f.nullNode();
                case VALUE_NUMBER_INT -> f.numberNode(new java.math.BigInteger(n.text));
                case VALUE_NUMBER_FLOAT -> f.numberNode(new BigDecimal(n.text));
                case VALUE_TRUE -> f.booleanNode(true);
                case VALUE_FALSE -> f.booleanNode(false);
                default -> f.textNode(n.text);
            };
        };
    }

    // ---- writing

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
        .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
        .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
        .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS));
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The scenario as YAML that {@link #parse} reads back to an equal scenario (manifest files stay references). */
    public static String write(Scenario s) {
        ObjectNode root = JSON.createObjectNode();
        root.put("seed", s.seed());
        ObjectNode u = root.putObject("underlay");
        u.put("delay", SimDuration.format(Duration.ofNanos(s.underlay().delayNanos())));
        u.put("bandwidth", new Rate(s.underlay().bitsPerSecond()).toString());
        u.put("loss",
            BigDecimal.valueOf(s.underlay().loss()).movePointRight(2).stripTrailingZeros().toPlainString() + "%");
        u.put("queue", s.underlay().queueFrames());
        ArrayNode clusters = root.putArray("clusters");
        for (ScenarioCluster c : s.clusters()) {
            ObjectNode cn = clusters.addObject();
            cn.put("name", c.name());
            hosts(cn.putArray("etcd"), c.etcd());
            hosts(cn.putArray("workers"), c.workers());
            ObjectNode f = cn.putObject("flannel");
            f.put("network", c.flannel().network().toString());
            if (c.flannel().subnetLen() > 0) {
                f.put("subnetLen", c.flannel().subnetLen());
            }
            if (c.flannel().subnetMin() != null) {
                f.put("subnetMin", c.flannel().subnetMin().toString());
            }
            if (c.flannel().subnetMax() != null) {
                f.put("subnetMax", c.flannel().subnetMax().toString());
            }
            f.put("backend", c.flannel().backend().type());
            f.put("vni", c.flannel().vni());
            f.put("port", c.flannel().port());
            ArrayNode pods = cn.putArray("pods");
            for (ScenarioPod p : c.pods()) {
                ObjectNode pn = pods.addObject();
                pn.put("name", p.name());
                pn.put("worker", p.worker());
                pn.put("image", p.image());
                if (!p.args().isEmpty()) {
                    ArrayNode args = pn.putArray("args");
                    p.args().forEach(args::add);
                }
            }
            ArrayNode manifests = cn.putArray("manifests");
            for (Manifest m : c.manifests()) {
                if (m.file() != null) {
                    manifests.add(m.file());
                } else {
                    inline(manifests, m.text());
                }
            }
            cn.put("kubeProxy", c.kubeProxy());
            cn.put("clusterDns", c.clusterDns());
            ArrayNode ics = cn.putArray("ingressControllers");
            for (IngressControllerSpec ic : c.ingressControllers()) {
                ics.addObject().put("worker", ic.worker()).put("port", ic.port())
                    .put("upstreams", IngressControllerSpec.modeName(ic.upstreams()));
            }
        }
        ArrayNode vips = root.putArray("vips");
        for (StaticVip v : s.vips()) {
            ObjectNode vn = vips.addObject().put("cluster", v.cluster()).put("vip", v.vip().toString());
            ArrayNode pods = vn.putArray("pods");
            v.pods().forEach(pods::add);
        }
        ArrayNode ingresses = root.putArray("ingresses");
        for (ScenarioIngress g : s.ingresses()) {
            ObjectNode gn = ingresses.addObject().put("cluster", g.cluster()).put("worker", g.worker())
                .put("name", g.name()).put("port", g.port());
            ArrayNode routes = gn.putArray("routes");
            g.routes().forEach(r -> routes.addObject().put("path", r.path()).put("endpoint", r.endpoint()));
        }
        if (!s.routers().isEmpty()) {
            ObjectNode rn = root.putObject("routers");
            ArrayNode sites = rn.putArray("sites");
            for (RouterSite site : s.routers().sites()) {
                ArrayNode remotes = sites.addObject().put("cluster", site.cluster()).putArray("remotes");
                for (RouterRemote r : site.remotes()) {
                    if (r.cost() == RouterRemote.DEFAULT_COST) {
                        remotes.add(r.cluster());
                    } else {
                        remotes.addObject().put("cluster", r.cluster()).put("cost", r.cost());
                    }
                }
            }
            ArrayNode services = rn.putArray("services");
            for (RouterService v : s.routers().services()) {
                ObjectNode vn = services.addObject().put("name", v.name()).put("cluster", v.cluster());
                if (v.pod() != null) {
                    vn.put("pod", v.pod());
                } else {
                    vn.put("host", v.host().toString());
                }
                vn.put("port", v.port()).put("lport", v.lport());
            }
        }
        ArrayNode captures = root.putArray("captures");
        for (CapturePoint p : s.captures()) {
            captures.addObject().put("node", p.node()).put("interface", p.iface());
        }
        ArrayNode steps = root.putArray("steps");
        for (Step st : s.steps()) {
            ObjectNode sn = steps.addObject();
            if (st.action() instanceof Step.Exec e) {
                sn.put("on", e.node()).put("run", e.command());
            } else if (st.action() instanceof Step.Py p) {
                sn.put("py", p.expression());
            } else if (st.action() instanceof Step.Wait w) {
                sn.put("run", SimDuration.format(w.duration()));
            }
            if (st.at() != null) {
                sn.put("at", SimDuration.format(st.at()));
            }
            Expect e = st.expect();
            if (e.count() > 0) {
                ObjectNode en = sn.putObject("expect");
                if (e.exit() != null) {
                    en.put("exit", e.exit());
                }
                if (e.contains() != null) {
                    en.put("contains", e.contains());
                }
                if (e.matches() != null) {
                    en.put("matches", e.matches());
                }
            }
        }
        try {
            return YAML.writeValueAsString(root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the scenario as YAML: " + e.getMessage(), e);
        }
    }

    private static void hosts(ArrayNode out, List<Host> hosts) {
        for (Host h : hosts) {
            out.addObject().put("name", h.name()).put("address", h.address().toString());
        }
    }

    /** Each document of an inline manifest as a mapping. */
    private static void inline(ArrayNode out, String text) {
        try (var it = YAML.readerFor(JsonNode.class).<JsonNode>readValues(text)) {
            while (it.hasNextValue()) {
                JsonNode n = it.nextValue();
                if (n != null && !n.isNull() && !n.isMissingNode()) {
                    out.add(n);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read an inline manifest: " + e.getMessage(), e);
        }
    }
}
