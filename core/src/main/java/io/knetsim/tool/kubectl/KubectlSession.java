package io.knetsim.tool.kubectl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.knetsim.api.ApiException;
import io.knetsim.api.ApiServer;
import io.knetsim.api.ClusterDirectory;
import io.knetsim.api.Container;
import io.knetsim.api.ContainerPort;
import io.knetsim.api.Deployment;
import io.knetsim.api.KubeJson;
import io.knetsim.api.KubeObject;
import io.knetsim.api.Namespace;
import io.knetsim.api.ObjectMeta;
import io.knetsim.api.Pod;
import io.knetsim.api.PodSpec;
import io.knetsim.api.ResourceType;
import io.knetsim.net.NetNamespace;
import io.knetsim.tool.Invocation;
import io.knetsim.tool.UsageException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One kubectl command against one cluster: the subcommands' flags, the API calls and what
 * they print. Each method returns the exit status, or -1 when it exits later by itself
 * ({@code exec}).
 */
final class KubectlSession {
    /** The annotation {@code kubectl apply} keeps the applied manifest in. */
    static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    private final Invocation inv;
    private final ClusterDirectory.Member member;
    private final ApiServer api;

    KubectlSession(Invocation inv, ClusterDirectory.Member member) {
        this.inv = inv;
        this.member = member;
        this.api = member.api();
    }

    private static KubectlFlags common() {
        return new KubectlFlags().value("namespace", "n").value("kubeconfig", null).value("context", null)
            .value("cluster", null).value("request-timeout", null);
    }

    private static String ns(KubectlFlags f) {
        return f.string("namespace", "default");
    }

    // ---------------------------------------------------------------- get

    int get(List<String> words) {
        KubectlFlags f = common().bool("all-namespaces", "A").value("selector", "l").value("field-selector", null)
            .value("output", "o").bool("show-labels", null).bool("no-headers", null).bool("watch", "w")
            .parse(words, "kubectl get");
        if (f.bool("watch")) {
            throw new UsageException("error: --watch is not supported by knetsim's kubectl", 1);
        }
        List<String> args = f.args();
        if (args.isEmpty()) {
            throw new UsageException("You must specify the type of resource to get. Use \"kubectl api-resources\" "
                + "for a complete list of supported resources.\n\nerror: Required resource not specified.\n"
                + "Use \"kubectl explain <resource>\" for a detailed description of that resource (e.g. kubectl explain pods).\n"
                + "See 'kubectl get -h' for help and examples", 1);
        }
        // several types (svc,endpointslices) each get their own table, as kubectl prints them
        List<ResourceType<?>> types = new ArrayList<>();
        for (String word : args.get(0).split(",", -1)) {
            types.add(KubeResources.resolve(api, word));
        }
        String output = f.string("output", "");
        if (!List.of("", "wide", "yaml", "json", "name").contains(output)) {
            throw new UsageException("error: unable to match a printer suitable for the output format \"" + output
                + "\", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,"
                + "jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml", 1);
        }
        boolean multi = types.size() > 1;
        boolean anyNamespaced = types.stream().anyMatch(ResourceType::namespaced);
        boolean all = f.bool("all-namespaces") && anyNamespaced;
        String namespace = ns(f);
        List<List<KubeObject<?>>> found = new ArrayList<>();
        int status = 0;
        List<String> names = args.subList(1, args.size());
        StringBuilder err = new StringBuilder();
        for (ResourceType<?> t : types) {
            List<KubeObject<?>> objects = new ArrayList<>();
            if (names.isEmpty()) {
                objects.addAll(list(t, all && t.namespaced() ? null : namespace, f.string("selector", ""),
                    f.string("field-selector", "")));
            } else {
                for (String n : names) {
                    try {
                        objects.add(KubeResources.get(api, t, namespace, n));
                    } catch (ApiException e) {
                        err.append(KubectlErrors.message(e)).append('\n');
                        status = 1;
                    }
                }
            }
            found.add(objects);
        }
        List<KubeObject<?>> every = found.stream().flatMap(List::stream).toList();
        long now = inv.sim().now();
        switch (output) {
            case "yaml", "json" -> {
                List<JsonNode> trees = every.stream().map(ObjectWriter::tree).toList();
                JsonNode n = trees.size() == 1 && !multi && names.size() == 1 ? trees.get(0) : ObjectWriter.list(trees);
                if (!(every.isEmpty() && !names.isEmpty())) {
                    inv.print(output.equals("yaml") ? ObjectWriter.yaml(n) : ObjectWriter.json(n));
                }
            }
            case "name" -> {
                for (int i = 0; i < types.size(); i++) {
                    ResourceType<?> t = types.get(i);
                    found.get(i).forEach(o -> inv.println(KubeResources.objectName(t, o)));
                }
            }
            default -> {
                boolean first = true;
                for (int i = 0; i < types.size(); i++) {
                    if (found.get(i).isEmpty()) {
                        continue;
                    }
                    if (!first && !f.bool("no-headers")) {
                        inv.println("");
                    }
                    first = false;
                    inv.print(table(types.get(i), found.get(i), output.equals("wide"), all, f.bool("show-labels"),
                        f.bool("no-headers"), multi, now));
                }
            }
        }
        inv.eprint(err.toString());
        if (every.isEmpty() && names.isEmpty() && !output.equals("yaml") && !output.equals("json")) {
            inv.eprintln(all || !anyNamespaced ? "No resources found" : "No resources found in " + namespace + " namespace.");
        }
        return status;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private List<KubeObject<?>> list(ResourceType<?> t, String namespace, String labels, String fields) {
        return (List) api.list((Class) t.type(), namespace, labels, fields);
    }

    /**
     * One type's table; with {@code withKind} (several types asked for) names read
     * {@code service/web}, {@code endpointslice.discovery.k8s.io/web-abcde}, as kubectl prints them.
     */
    private static String table(ResourceType<?> t, List<KubeObject<?>> objects, boolean wide, boolean all,
        boolean showLabels, boolean noHeaders, boolean withKind, long now) {
        GoTabWriter w = GoTabWriter.table();
        List<String> h = new ArrayList<>();
        if (all) {
            h.add("NAMESPACE");
        }
        h.addAll(Tables.headers(t.type(), wide));
        if (showLabels) {
            h.add("LABELS");
        }
        if (!noHeaders) {
            w.row(h);
        }
        for (KubeObject<?> o : objects) {
            List<String> r = new ArrayList<>();
            if (all) {
                r.add(o.metadata().namespace() == null ? "" : o.metadata().namespace());
            }
            List<String> row = new ArrayList<>(Tables.row(o, wide, now));
            if (withKind) {
                row.set(0, KubeResources.kindName(t) + "/" + row.get(0));
            }
            r.addAll(row);
            if (showLabels) {
                r.add(Tables.labels(o.metadata().labels()));
            }
            w.row(r);
        }
        return w.flush();
    }

    // ---------------------------------------------------------------- describe

    int describe(List<String> words) {
        KubectlFlags f = common().parse(words, "kubectl describe");
        List<String> args = f.args();
        if (args.isEmpty()) {
            throw new UsageException("You must specify the type of resource to describe. Use \"kubectl api-resources\" "
                + "for a complete list of supported resources.", 1);
        }
        ResourceType<?> t = KubeResources.resolve(api, args.get(0));
        String namespace = t.namespaced() ? ns(f) : null;
        List<KubeObject<?>> objects = new ArrayList<>();
        if (args.size() == 1) {
            objects.addAll(list(t, namespace, "", ""));
            if (objects.isEmpty()) {
                inv.eprintln(t.namespaced() ? "No resources found in " + ns(f) + " namespace." : "No resources found");
                return 0;
            }
        } else {
            for (String n : args.subList(1, args.size())) {
                objects.add(KubeResources.get(api, t, namespace, n));
            }
        }
        Describer d = new Describer(api, inv.sim().now());
        for (int i = 0; i < objects.size(); i++) {
            inv.print((i > 0 ? "\n\n" : "") + d.describe(objects.get(i)));
        }
        return 0;
    }

    // ---------------------------------------------------------------- create / run / scale

    int create(List<String> words) {
        KubectlFlags f = common().value("filename", "f").value("image", null).value("replicas", "r")
            .value("port", null).parse(words, "kubectl create");
        if (f.has("filename")) {
            return applyFile(f, false);
        }
        List<String> args = f.args();
        if (args.isEmpty()) {
            throw new UsageException("error: must specify one of -f and -k", 1);
        }
        switch (args.get(0)) {
            case "deployment", "deploy" -> {
                if (args.size() < 2) {
                    throw new UsageException("error: exactly one NAME is required, got 0\nSee 'kubectl create deployment -h' for help and examples", 1);
                }
                if (!f.has("image")) {
                    throw new UsageException("error: required flag(s) \"image\" not set", 1);
                }
                String name = args.get(1);
                int replicas = f.integer("replicas", 1, "kubectl create deployment");
                Map<String, String> labels = Map.of("app", name);
                Container c = new Container(containerName(f.string("image", "")), f.string("image", ""), null, null,
                    ports(f, "kubectl create deployment"), null);
                Deployment d = Deployment.of(ns(f), name, replicas, labels, new PodSpec(List.of(c), null, null));
                d = d.withMetadata(d.metadata().withLabels(labels));
                try {
                    api.create(d);
                } catch (ApiException e) {
                    if ("Invalid".equals(e.reason())) {
                        throw e;
                    }
                    throw new UsageException("error: failed to create deployment: " + e.getMessage(), 1);
                }
                inv.println("deployment.apps/" + name + " created");
                return 0;
            }
            case "namespace", "ns" -> {
                if (args.size() < 2) {
                    throw new UsageException("error: exactly one NAME is required, got 0\nSee 'kubectl create namespace -h' for help and examples", 1);
                }
                api.create(Namespace.named(args.get(1)));
                inv.println("namespace/" + args.get(1) + " created");
                return 0;
            }
            default -> throw new UsageException("error: unknown command \"" + args.get(0)
                + "\" for \"kubectl create\"\nknetsim's kubectl creates: deployment, namespace, -f FILE", 1);
        }
    }

    /** kubectl create deployment's container name: the image's last path element without tag or digest. */
    private static String containerName(String image) {
        String n = image;
        int at = n.indexOf('@');
        if (at >= 0) {
            n = n.substring(0, at);
        }
        n = n.substring(n.lastIndexOf('/') + 1);
        int colon = n.indexOf(':');
        return (colon >= 0 ? n.substring(0, colon) : n).replace('_', '-');
    }

    private static List<ContainerPort> ports(KubectlFlags f, String cmd) {
        if (!f.has("port")) {
            return List.of();
        }
        int p = f.integer("port", 0, cmd);
        return List.of(new ContainerPort(null, null, p, null));
    }

    int run(List<String> words) {
        KubectlFlags f = common().value("image", null).value("port", null).value("restart", null)
            .value("labels", "l").bool("rm", null).bool("stdin", "i").bool("tty", "t").parse(words, "kubectl run");
        List<String> args = f.args();
        if (args.isEmpty()) {
            throw new UsageException("error: NAME is required for run\nSee 'kubectl run -h' for help and examples", 1);
        }
        if (!f.has("image")) {
            throw new UsageException("error: --image is required", 1);
        }
        String name = args.get(0);
        Map<String, String> labels = new TreeMap<>();
        if (f.has("labels")) {
            for (String kv : f.string("labels", "").split(",")) {
                int eq = kv.indexOf('=');
                if (eq <= 0) {
                    throw new UsageException("error: invalid label spec: " + kv, 1);
                }
                labels.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        } else {
            labels.put("run", name);
        }
        List<String> cmdArgs = f.command() == null ? List.of() : f.command();
        Container c = new Container(name, f.string("image", ""), null, cmdArgs, ports(f, "kubectl run"), null);
        String restart = f.string("restart", "Always");
        if (!List.of("Always", "OnFailure", "Never").contains(restart)) {
            throw new UsageException("error: invalid restart policy: " + restart, 1);
        }
        api.create(Pod.of(ObjectMeta.of(ns(f), name, labels), new PodSpec(List.of(c), restart, null)));
        inv.println("pod/" + name + " created");
        return 0;
    }

    int scale(List<String> words) {
        KubectlFlags f = common().value("replicas", null).parse(words, "kubectl scale");
        if (!f.has("replicas")) {
            throw new UsageException("error: required flag(s) \"replicas\" not set", 1);
        }
        int n = f.integer("replicas", 0, "kubectl scale");
        List<String> args = f.args();
        if (args.size() < 2) {
            throw new UsageException("error: resource(s) were provided, but no name was specified", 1);
        }
        ResourceType<?> t = KubeResources.resolve(api, args.get(0));
        for (String name : args.subList(1, args.size())) {
            if (t == Deployment.TYPE) {
                Deployment d = api.get(Deployment.class, ns(f), name);
                api.update(d.withReplicas(n));
            } else if (t == io.knetsim.api.ReplicaSet.TYPE) {
                var rs = api.get(io.knetsim.api.ReplicaSet.class, ns(f), name);
                api.update(rs.withSpec(rs.spec().withReplicas(n)));
            } else {
                throw new UsageException("error: no objects passed to scale " + KubeResources.kindName(t)
                    + " is not scalable", 1);
            }
            inv.println(KubeResources.kindName(t) + "/" + name + " scaled");
        }
        return 0;
    }

    int expose(List<String> words) {
        KubectlFlags f = Expose.flags(common()).parse(words, "kubectl expose");
        List<String> args = f.args();
        if (args.isEmpty()) {
            throw new UsageException("error: You must provide one or more resources by argument or filename.\n"
                + "Example resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n"
                + "   '<resource> <name>'\n   '<resource>'", 1);
        }
        List<String> ref = args.get(0).contains("/") ? List.of(args.get(0).split("/", 2)) : args;
        if (ref.size() < 2) {
            throw new UsageException("error: resource(s) were provided, but no name was specified", 1);
        }
        ResourceType<?> t = KubeResources.resolve(api, ref.get(0));
        Expose.checkExposable(t);
        KubeObject<?> o = KubeResources.get(api, t, ns(f), ref.get(1));
        io.knetsim.api.Service svc = api.create(Expose.service(o, ns(f), f));
        inv.println("service/" + svc.metadata().name() + " exposed");
        return 0;
    }

    // ---------------------------------------------------------------- apply / create -f / delete

    int apply(List<String> words) {
        KubectlFlags f = common().value("filename", "f").parse(words, "kubectl apply");
        if (!f.has("filename")) {
            throw new UsageException("error: must specify one of -f and -k", 1);
        }
        return applyFile(f, true);
    }

    /**
     * Creates (or, for apply, creates or updates) every object of {@code -f}: the file is read
     * and decoded whole first, so a malformed document changes nothing; then each object is
     * sent in order, and a refused one is reported while the others still go, as kubectl does.
     */
    private int applyFile(KubectlFlags f, boolean apply) {
        String file = f.string("filename", "");
        List<Manifests.Doc> docs = Manifests.read(inv.ns().files(), api, file, ns(f), f.has("namespace"));
        int status = 0;
        for (Manifests.Doc d : docs) {
            try {
                String result = apply ? applyOne(d) : createOne(d);
                inv.println(KubeResources.objectName(d.type(), d.object()) + " " + result);
            } catch (ApiException e) {
                inv.eprintln(KubectlErrors.message(e, d.source()));
                status = 1;
            }
        }
        return status;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private String createOne(Manifests.Doc d) {
        api.create((KubeObject) d.object());
        return "created";
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private String applyOne(Manifests.Doc d) {
        KubeObject<?> o = d.object();
        ObjectMeta m = o.metadata() == null ? ObjectMeta.named(null) : o.metadata();
        Map<String, String> ann = new LinkedHashMap<>(m.annotations());
        ann.put(LAST_APPLIED, lastApplied(d.json()));
        KubeObject<?> withAnn = ((KubeObject) o).withMetadata(m.withAnnotations(ann).withResourceVersion(null));
        String ns = d.type().namespaced() ? m.namespace() : null;
        var existing = api.find((Class) d.type().type(), ns, m.name() == null ? "" : m.name());
        if (existing.isEmpty()) {
            api.create((KubeObject) withAnn);
            return "created";
        }
        KubeObject<?> before = (KubeObject<?>) existing.get();
        KubeObject<?> after = api.update((KubeObject) withAnn);
        return after.metadata().resourceVersion().equals(before.metadata().resourceVersion()) ? "unchanged" : "configured";
    }

    /** The manifest as kubectl apply records it: compact JSON, keys sorted, with {@code annotations: {}}, and a newline. */
    private static String lastApplied(JsonNode json) {
        ObjectNode copy = json.deepCopy();
        ObjectNode meta = copy.has("metadata") && copy.get("metadata").isObject() ? (ObjectNode) copy.get("metadata")
            : copy.putObject("metadata");
        if (meta.has("annotations") && meta.get("annotations").isObject()) {
            ((ObjectNode) meta.get("annotations")).remove(LAST_APPLIED);
        } else {
            meta.putObject("annotations");
        }
        try {
            return KubeJson.mapper().writeValueAsString(ObjectWriter.sorted(copy)) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    int delete(List<String> words) {
        KubectlFlags f = common().value("filename", "f").value("selector", "l").bool("all", null)
            .bool("ignore-not-found", null).value("grace-period", null).bool("now", null).bool("force", null)
            .value("wait", null).parse(words, "kubectl delete");
        int status = 0;
        if (f.has("filename")) {
            for (Manifests.Doc d : Manifests.read(inv.ns().files(), api, f.string("filename", ""), ns(f),
                f.has("namespace"))) {
                status |= deleteOne(d.type(), d.object().metadata().namespace(), d.object().metadata().name(), f);
            }
            return status;
        }
        List<String> args = f.args();
        if (args.isEmpty()) {
            throw new UsageException("error: You must provide one or more resources by argument or filename.\n"
                + "Example resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n"
                + "   '<resource> <name>'\n   '<resource>'", 1);
        }
        ResourceType<?> t = KubeResources.resolve(api, args.get(0));
        String namespace = t.namespaced() ? ns(f) : null;
        List<String> names = new ArrayList<>(args.subList(1, args.size()));
        if (names.isEmpty()) {
            if (!f.bool("all") && !f.has("selector")) {
                throw new UsageException("error: resource(s) were provided, but no name was specified", 1);
            }
            for (KubeObject<?> o : list(t, namespace, f.string("selector", ""), "")) {
                names.add(o.metadata().name());
            }
            if (names.isEmpty()) {
                inv.println(t.namespaced() ? "No resources found" : "No resources found");
                return 0;
            }
        }
        for (String n : names) {
            status |= deleteOne(t, namespace, n, f);
        }
        return status;
    }

    private int deleteOne(ResourceType<?> t, String namespace, String name, KubectlFlags f) {
        try {
            KubeResources.delete(api, t, namespace, name);
            inv.println(KubeResources.kindName(t) + " \"" + name + "\" deleted");
            return 0;
        } catch (ApiException e) {
            if (f.bool("ignore-not-found") && e.code() == 404) {
                return 0;
            }
            inv.eprintln(KubectlErrors.message(e));
            return 1;
        }
    }

    // ---------------------------------------------------------------- exec / cluster-info

    int exec(List<String> words) {
        KubectlFlags f = common().value("container", "c").bool("stdin", "i").bool("tty", "t").bool("quiet", "q")
            .parse(words, "kubectl exec");
        List<String> args = f.args();
        if (args.isEmpty()) {
            throw new UsageException("error: pod, type/name or --filename must be specified", 1);
        }
        if (args.size() > 1) {
            throw new UsageException("error: exec [POD] [COMMAND] is not supported anymore. "
                + "Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples", 1);
        }
        String podName = args.get(0).startsWith("pod/") ? args.get(0).substring(4) : args.get(0);
        List<String> command = f.command();
        if (command == null || command.isEmpty()) {
            throw new UsageException("error: you must specify at least one command for the container", 1);
        }
        Pod pod = api.get(Pod.class, ns(f), podName);
        String container = f.string("container", pod.spec().containers().get(0).name());
        boolean known = pod.spec().containers().stream().anyMatch(c -> c.name().equals(container));
        if (!known) {
            throw new UsageException("Error from server (BadRequest): container " + container
                + " is not valid for pod " + podName, 1);
        }
        if (!"Running".equals(pod.phase())) {
            throw new UsageException("error: unable to upgrade connection: container not found (\"" + container + "\")", 1);
        }
        NetNamespace podNs = member.exec() == null ? null : member.exec().podNamespace(ns(f), podName);
        if (podNs == null || inv.runner() == null) {
            throw new UsageException("error: unable to upgrade connection: container not found (\"" + container + "\")", 1);
        }
        Invocation child = inv.runner().start(podNs, command, Map.of(), inv);
        if (child.finished()) {
            done(child);
        } else {
            child.onExit(() -> done(child));
        }
        return -1;
    }

    private void done(Invocation child) {
        int code = child.exitCode();
        if (code == 127 && child.stderr().contains("command not found")) {
            inv.exit(127);
            return;
        }
        if (code != 0) {
            inv.eprintln("command terminated with exit code " + code);
        }
        inv.exit(code);
    }

    int clusterInfo(List<String> words) {
        common().parse(words, "kubectl cluster-info");
        inv.println("Kubernetes control plane is running at " + member.server());
        inv.println("");
        inv.println("To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.");
        return 0;
    }
}
