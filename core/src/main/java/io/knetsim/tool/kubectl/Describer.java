package io.knetsim.tool.kubectl;

import io.knetsim.api.ApiServer;
import io.knetsim.api.Container;
import io.knetsim.api.ContainerPort;
import io.knetsim.api.ContainerState;
import io.knetsim.api.ContainerStatus;
import io.knetsim.api.Deployment;
import io.knetsim.api.DeploymentStatus;
import io.knetsim.api.EnvVar;
import io.knetsim.api.Event;
import io.knetsim.api.KubeObject;
import io.knetsim.api.Node;
import io.knetsim.api.NodeAddress;
import io.knetsim.api.NodeCondition;
import io.knetsim.api.OwnerReference;
import io.knetsim.api.Pod;
import io.knetsim.api.PodCondition;
import io.knetsim.api.PodIP;
import io.knetsim.api.PodTemplateSpec;
import io.knetsim.api.ReplicaSet;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code kubectl describe pod|node|deployment|service|endpoints NAME}: kubectl's describers' sections, aligned as
 * its prefix writer does ({@link GoTabWriter#describe()}), with timestamps in RFC 1123 with a
 * numeric zone ({@code Thu, 01 Jan 1970 00:00:05 +0000}) and the object's Events last:
 * <pre>
 * Events:
 *   Type    Reason     Age   From               Message
 *   ----    ------     ----  ----               -------
 *   Normal  Scheduled  12s   default-scheduler  Successfully assigned default/web to c0w1
 * </pre>
 * Sections for what knetsim does not model (volumes, QoS, tolerations, resources, the
 * Deployment's strategy and conditions, a node's capacity and system info) are left out or
 * printed as {@code <none>}.
 */
final class Describer {
    private static final DateTimeFormatter RFC1123Z =
        DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final ApiServer api;
    private final long now;
    private final GoTabWriter w = GoTabWriter.describe();

    Describer(ApiServer api, long now) {
        this.api = api;
        this.now = now;
    }

    String describe(KubeObject<?> o) {
        if (o instanceof Pod p) {
            pod(p);
        } else if (o instanceof Node n) {
            node(n);
        } else if (o instanceof Deployment d) {
            deployment(d);
        } else if (o instanceof io.knetsim.api.Service svc) {
            service(svc);
        } else if (o instanceof io.knetsim.api.Endpoints ep) {
            endpoints(ep);
        } else {
            throw new io.knetsim.tool.UsageException("error: describe of " + o.kind() + " is not supported by knetsim's kubectl", 1);
        }
        return w.flush();
    }

    private void line(String indent, String key, String value) {
        w.write(indent + key + ":\t" + value + "\n");
    }

    private void labels(String indent, String key, Map<String, String> m) {
        if (m.isEmpty()) {
            line(indent, key, "<none>");
            return;
        }
        boolean first = true;
        for (Map.Entry<String, String> e : m.entrySet()) {
            w.write((first ? indent + key + ":" : "") + "\t" + e.getKey() + "=" + e.getValue() + "\n");
            first = false;
        }
    }

    private void annotations(String indent, Map<String, String> m) {
        if (m.isEmpty()) {
            line(indent, "Annotations", "<none>");
            return;
        }
        boolean first = true;
        for (Map.Entry<String, String> e : m.entrySet()) {
            w.write((first ? indent + "Annotations:" : "") + "\t" + e.getKey() + ": " + e.getValue().strip() + "\n");
            first = false;
        }
    }

    static String time(String rfc3339) {
        return rfc3339 == null ? "" : RFC1123Z.format(Instant.parse(rfc3339));
    }

    // ---------------------------------------------------------------- pod

    private void pod(Pod p) {
        var m = p.metadata();
        var st = p.status();
        line("", "Name", m.name());
        line("", "Namespace", m.namespace());
        line("", "Priority", "0");
        line("", "Service Account", "default");
        String node = p.nodeName() == null ? "<none>"
            : p.nodeName() + "/" + (st == null || st.hostIP() == null ? "" : st.hostIP());
        line("", "Node", node);
        if (st != null && st.startTime() != null) {
            line("", "Start Time", time(st.startTime()));
        }
        labels("", "Labels", m.labels());
        annotations("", m.annotations());
        line("", "Status", p.phase() == null ? "" : p.phase());
        if (st != null && st.reason() != null) {
            line("", "Reason", st.reason());
        }
        if (st != null && st.message() != null) {
            line("", "Message", st.message());
        }
        line("", "IP", st == null || st.podIP() == null ? "" : st.podIP());
        if (st == null || st.podIPs().isEmpty()) {
            line("", "IPs", "<none>");
        } else {
            w.write("IPs:\n");
            for (PodIP ip : st.podIPs()) {
                line("  ", "IP", ip.ip());
            }
        }
        OwnerReference owner = m.controllerRef();
        if (owner != null) {
            line("", "Controlled By", owner.kind() + "/" + owner.name());
        }
        w.write("Containers:\n");
        for (Container c : p.spec().containers()) {
            ContainerStatus cs = null;
            for (ContainerStatus s : st == null ? List.<ContainerStatus>of() : st.containerStatuses()) {
                if (s.name().equals(c.name())) {
                    cs = s;
                }
            }
            w.write("  " + c.name() + ":\n");
            if (cs != null) {
                line("    ", "Container ID", cs.containerID() == null ? "" : cs.containerID());
            }
            line("    ", "Image", c.image());
            if (cs != null) {
                line("    ", "Image ID", cs.imageID() == null ? "" : cs.imageID());
            }
            container(c, "    ");
            if (cs != null) {
                state("State", cs.state());
                if (cs.lastState() != null && (cs.lastState().running() != null || cs.lastState().waiting() != null
                    || cs.lastState().terminated() != null)) {
                    state("Last State", cs.lastState());
                }
                line("    ", "Ready", Boolean.TRUE.equals(cs.ready()) ? "True" : "False");
                line("    ", "Restart Count", Integer.toString(cs.restartCount() == null ? 0 : cs.restartCount()));
            }
            env(c, "    ");
            line("    ", "Mounts", "<none>");
        }
        if (st != null && !st.conditions().isEmpty()) {
            w.write("Conditions:\n");
            w.write("  Type\tStatus\n");
            for (PodCondition c : st.conditions()) {
                w.write("  " + c.type() + " \t" + c.status() + " \n");
            }
        }
        line("", "Volumes", "<none>");
        line("", "QoS Class", "BestEffort");
        line("", "Node-Selectors", "<none>");
        line("", "Tolerations", "<none>");
        events(p);
    }

    private void container(Container c, String indent) {
        if (!c.command().isEmpty()) {
            w.write(indent + "Command:\n");
            c.command().forEach(s -> w.write(indent + "  " + s + "\n"));
        }
        if (!c.args().isEmpty()) {
            w.write(indent + "Args:\n");
            c.args().forEach(s -> w.write(indent + "  " + s + "\n"));
        }
        List<ContainerPort> ports = c.ports();
        if (ports.isEmpty()) {
            line(indent, "Port", "<none>");
            line(indent, "Host Port", "<none>");
        } else {
            List<String> ps = new ArrayList<>();
            List<String> hs = new ArrayList<>();
            for (ContainerPort p : ports) {
                String proto = p.protocol() == null ? "TCP" : p.protocol();
                ps.add(p.containerPort() + "/" + proto + (p.name() == null ? "" : " (" + p.name() + ")"));
                hs.add((p.hostPort() == null ? 0 : p.hostPort()) + "/" + proto + (p.name() == null ? "" : " (" + p.name() + ")"));
            }
            line(indent, ports.size() == 1 ? "Port" : "Ports", String.join(", ", ps));
            line(indent, ports.size() == 1 ? "Host Port" : "Host Ports", String.join(", ", hs));
        }
    }

    private void env(Container c, String indent) {
        if (c.env().isEmpty()) {
            line(indent, "Environment", "<none>");
            return;
        }
        w.write(indent + "Environment:\n");
        for (EnvVar e : c.env()) {
            line(indent + "  ", e.name(), e.value() == null ? "" : e.value());
        }
    }

    private void state(String key, ContainerState s) {
        if (s == null) {
            line("    ", key, "Waiting");
            return;
        }
        if (s.running() != null) {
            line("    ", key, "Running");
            line("      ", "Started", time(s.running().startedAt()));
        } else if (s.waiting() != null) {
            line("    ", key, "Waiting");
            if (s.waiting().reason() != null) {
                line("      ", "Reason", s.waiting().reason());
            }
            if (s.waiting().message() != null) {
                line("      ", "Message", s.waiting().message());
            }
        } else if (s.terminated() != null) {
            var t = s.terminated();
            line("    ", key, "Terminated");
            if (t.reason() != null) {
                line("      ", "Reason", t.reason());
            }
            if (t.message() != null) {
                line("      ", "Message", t.message());
            }
            line("      ", "Exit Code", String.valueOf(t.exitCode()));
            if (t.startedAt() != null) {
                line("      ", "Started", time(t.startedAt()));
            }
            if (t.finishedAt() != null) {
                line("      ", "Finished", time(t.finishedAt()));
            }
        } else {
            line("    ", key, "Waiting");
        }
    }

    // ---------------------------------------------------------------- node

    private void node(Node n) {
        var m = n.metadata();
        List<String> roles = new ArrayList<>();
        m.labels().keySet().forEach(k -> {
            if (k.startsWith("node-role.kubernetes.io/")) {
                roles.add(k.substring("node-role.kubernetes.io/".length()));
            }
        });
        line("", "Name", m.name());
        line("", "Roles", roles.isEmpty() ? "<none>" : String.join(",", roles));
        labels("", "Labels", m.labels());
        annotations("", m.annotations());
        line("", "CreationTimestamp", time(m.creationTimestamp()));
        line("", "Taints", "<none>");
        line("", "Unschedulable", Boolean.toString(n.isUnschedulable()));
        if (n.status() != null && !n.status().conditions().isEmpty()) {
            w.write("Conditions:\n");
            w.write("  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n");
            w.write("  ----\t------\t-----------------\t------------------\t------\t-------\n");
            for (NodeCondition c : n.status().conditions()) {
                w.write("  " + c.type() + " \t" + c.status() + " \t" + time(c.lastHeartbeatTime()) + " \t"
                    + time(c.lastTransitionTime()) + " \t" + c.reason() + " \t" + c.message() + "\n");
            }
        }
        w.write("Addresses:\n");
        for (NodeAddress a : n.status() == null ? List.<NodeAddress>of() : n.status().addresses()) {
            line("  ", a.type(), a.address());
        }
        if (n.spec() != null && n.spec().podCIDR() != null) {
            line("", "PodCIDR", n.spec().podCIDR());
            line("", "PodCIDRs", String.join(",", n.spec().podCIDRs()));
        }
        List<Pod> pods = api.list(Pod.class, null, null, "spec.nodeName=" + m.name());
        pods = pods.stream().filter(p -> !"Succeeded".equals(p.phase()) && !"Failed".equals(p.phase())).toList();
        line("", "Non-terminated Pods", "(" + pods.size() + " in total)");
        if (!pods.isEmpty()) {
            w.write("  Namespace\tName\tAge\n");
            w.write("  ---------\t----\t---\n");
            for (Pod p : pods) {
                w.write("  " + p.metadata().namespace() + "\t" + p.metadata().name() + "\t" + Tables.age(p, now) + "\n");
            }
        }
        events(n);
    }

    // ---------------------------------------------------------------- deployment

    private void deployment(Deployment d) {
        var m = d.metadata();
        DeploymentStatus s = d.status();
        line("", "Name", m.name());
        line("", "Namespace", m.namespace());
        line("", "CreationTimestamp", time(m.creationTimestamp()));
        labels("", "Labels", m.labels());
        annotations("", m.annotations());
        line("", "Selector", Tables.selector(d.spec().selector()));
        int desired = d.spec().replicas() == null ? 1 : d.spec().replicas();
        int updated = s == null || s.updatedReplicas() == null ? 0 : s.updatedReplicas();
        int total = s == null || s.replicas() == null ? 0 : s.replicas();
        int available = s == null || s.availableReplicas() == null ? 0 : s.availableReplicas();
        int unavailable = s == null || s.unavailableReplicas() == null ? 0 : s.unavailableReplicas();
        line("", "Replicas", desired + " desired | " + updated + " updated | " + total + " total | " + available
            + " available | " + unavailable + " unavailable");
        template(d.spec().template());
        List<ReplicaSet> owned = api.list(ReplicaSet.class, m.namespace(), (String) null).stream()
            .filter(rs -> rs.metadata().controllerRef() != null && m.uid().equals(rs.metadata().controllerRef().uid()))
            .toList();
        ReplicaSet newest = null;
        List<String> old = new ArrayList<>();
        for (ReplicaSet rs : owned) {
            if (templateMatches(rs.spec().template(), d.spec().template())) {
                newest = rs;
            }
        }
        for (ReplicaSet rs : owned) {
            if (rs != newest && rs.status() != null && rs.status().replicas() != null && rs.status().replicas() > 0) {
                old.add(rsSummary(rs));
            }
        }
        line("", "OldReplicaSets", old.isEmpty() ? "<none>" : String.join(", ", old));
        line("", "NewReplicaSet", newest == null ? "<none>" : rsSummary(newest));
        events(d);
    }

    private static boolean templateMatches(PodTemplateSpec rsTemplate, PodTemplateSpec dTemplate) {
        if (rsTemplate == null || dTemplate == null) {
            return false;
        }
        Map<String, String> labels = new java.util.TreeMap<>(rsTemplate.labels());
        labels.remove("pod-template-hash");
        return labels.equals(new java.util.TreeMap<>(dTemplate.labels()))
            && java.util.Objects.equals(rsTemplate.spec(), dTemplate.spec());
    }

    private static String rsSummary(ReplicaSet rs) {
        int have = rs.status() == null || rs.status().replicas() == null ? 0 : rs.status().replicas();
        int want = rs.spec().replicas() == null ? 0 : rs.spec().replicas();
        return rs.metadata().name() + " (" + have + "/" + want + " replicas created)";
    }

    private void template(PodTemplateSpec t) {
        w.write("Pod Template:\n");
        labels("  ", "Labels", t == null ? Map.of() : t.labels());
        w.write("  Containers:\n");
        for (Container c : t == null || t.spec() == null ? List.<Container>of() : t.spec().containers()) {
            w.write("   " + c.name() + ":\n");
            line("    ", "Image", c.image());
            container(c, "    ");
            env(c, "    ");
            line("    ", "Mounts", "<none>");
        }
        line("  ", "Volumes", "<none>");
        line("  ", "Node-Selectors", "<none>");
        line("  ", "Tolerations", "<none>");
    }

    // ---------------------------------------------------------------- service

    /**
     * A Service as kubectl's describer prints it, its {@code Endpoints} taken from the
     * Service's EndpointSlices ({@code address:port}, three then {@code + N more...}):
     * <pre>
     * Port:                     &lt;unset&gt;  8888/TCP
     * TargetPort:               9376/TCP
     * Endpoints:                11.10.16.6:9376,11.15.64.5:9376,11.13.176.6:9376 + 2 more...
     * </pre>
     */
    private void service(io.knetsim.api.Service svc) {
        var m = svc.metadata();
        var spec = svc.spec();
        line("", "Name", m.name());
        line("", "Namespace", m.namespace());
        labels("", "Labels", m.labels());
        annotations("", m.annotations());
        line("", "Selector", Tables.labels(new java.util.TreeMap<>(spec.selector())));
        line("", "Type", spec.type() == null ? "" : spec.type());
        if (spec.ipFamilyPolicy() != null) {
            line("", "IP Family Policy", spec.ipFamilyPolicy());
        }
        line("", "IP Families", spec.ipFamilies().isEmpty() ? "<none>" : String.join(",", spec.ipFamilies()));
        line("", "IP", spec.clusterIP() == null ? "" : spec.clusterIP());
        line("", "IPs", spec.clusterIPs().isEmpty() ? "<none>" : String.join(",", spec.clusterIPs()));
        if (spec.externalName() != null) {
            line("", "External Name", spec.externalName());
        }
        List<io.knetsim.api.EndpointSlice> slices = api.list(io.knetsim.api.EndpointSlice.class, m.namespace(),
            io.knetsim.api.EndpointSlice.SERVICE_NAME_LABEL + "=" + m.name());
        for (io.knetsim.api.ServicePort p : spec.ports()) {
            String name = p.name() == null || p.name().isEmpty() ? "<unset>" : p.name();
            String proto = p.protocol() == null ? "TCP" : p.protocol();
            w.write("Port:\t" + name + "\t" + p.port() + "/" + proto + "\n");
            String target = p.targetPort() == null ? String.valueOf(p.port()) : p.targetPort().toString();
            line("", "TargetPort", target + "/" + proto);
            if (p.nodePort() != null && p.nodePort() != 0) {
                w.write("NodePort:\t" + name + "\t" + p.nodePort() + "/" + proto + "\n");
            }
            line("", "Endpoints", endpoints(slices, p.name() == null ? "" : p.name()));
        }
        line("", "Session Affinity", spec.sessionAffinity() == null ? "None" : spec.sessionAffinity());
        if (spec.externalTrafficPolicy() != null) {
            line("", "External Traffic Policy", spec.externalTrafficPolicy());
        }
        if (spec.internalTrafficPolicy() != null) {
            line("", "Internal Traffic Policy", spec.internalTrafficPolicy());
        }
        events(svc);
    }

    /** kubectl's {@code formatEndpointSlices}: the slices' endpoints on the port named {@code port}. */
    private static String endpoints(List<io.knetsim.api.EndpointSlice> slices, String port) {
        if (slices.isEmpty()) {
            return "<none>";
        }
        List<String> list = new ArrayList<>();
        int count = 0;
        for (io.knetsim.api.EndpointSlice s : slices) {
            for (io.knetsim.api.EndpointSlice.EndpointPort ep : s.ports()) {
                if (!port.equals(ep.name() == null ? "" : ep.name())) {
                    continue;
                }
                for (io.knetsim.api.EndpointSlice.Endpoint e : s.endpoints()) {
                    if (list.size() < 3) {
                        list.add(e.addresses().get(0) + ":" + ep.port());
                    }
                    count++;
                }
            }
        }
        return String.join(",", list) + (count > 3 ? " + " + (count - 3) + " more..." : "");
    }

    // ---------------------------------------------------------------- endpoints

    /**
     * Endpoints as kubectl's describer prints them: each subset's ready and not-ready IPs and
     * its ports, then a blank line.
     * <pre>
     * Subsets:
     *   Addresses:          11.10.16.2,11.15.64.2
     *   NotReadyAddresses:  &lt;none&gt;
     *   Ports:
     *     Name     Port  Protocol
     *     ----     ----  --------
     *     &lt;unset&gt;  9376  TCP
     * </pre>
     */
    private void endpoints(io.knetsim.api.Endpoints ep) {
        var m = ep.metadata();
        line("", "Name", m.name());
        line("", "Namespace", m.namespace());
        labels("", "Labels", m.labels());
        annotations("", m.annotations());
        w.write("Subsets:\n");
        for (io.knetsim.api.Endpoints.EndpointSubset ss : ep.subsets()) {
            line("  ", "Addresses", ips(ss.addresses()));
            line("  ", "NotReadyAddresses", ips(ss.notReadyAddresses()));
            if (!ss.ports().isEmpty()) {
                w.write("  Ports:\n");
                w.write("    Name\tPort\tProtocol\n");
                w.write("    ----\t----\t--------\n");
                for (io.knetsim.api.Endpoints.EndpointPort p : ss.ports()) {
                    String name = p.name() == null || p.name().isEmpty() ? "<unset>" : p.name();
                    w.write("    " + name + "\t" + (p.port() == null ? 0 : p.port()) + "\t"
                        + (p.protocol() == null ? "" : p.protocol()) + "\n");
                }
            }
            w.write("\n");
        }
        events(ep);
    }

    private static String ips(List<io.knetsim.api.Endpoints.EndpointAddress> addresses) {
        return addresses.isEmpty() ? "<none>"
            : String.join(",", addresses.stream().map(io.knetsim.api.Endpoints.EndpointAddress::ip).toList());
    }

    // ---------------------------------------------------------------- events

    private void events(KubeObject<?> o) {
        List<Event> evs = new ArrayList<>(api.list(Event.class, null, (String) null).stream()
            .filter(e -> e.involvedObject() != null && o.metadata().uid().equals(e.involvedObject().uid()))
            .toList());
        if (evs.isEmpty()) {
            line("", "Events", "<none>");
            return;
        }
        evs.sort(Comparator.comparingLong(e -> Tables.nanos(e.lastTimestamp() != null ? e.lastTimestamp()
            : e.metadata().creationTimestamp())));
        w.write("Events:\n");
        w.write("  Type\tReason\tAge\tFrom\tMessage\n");
        w.write("  ----\t------\t----\t----\t-------\n");
        for (Event e : evs) {
            String age;
            if (e.count() != null && e.count() > 1) {
                age = Tables.since(e.lastTimestamp(), now) + " (x" + e.count() + " over "
                    + Tables.since(e.firstTimestamp(), now) + ")";
            } else {
                age = Tables.since(e.firstTimestamp() != null ? e.firstTimestamp() : e.metadata().creationTimestamp(), now);
            }
            String from = e.source() == null || e.source().component() == null ? "" : e.source().component();
            w.write("  " + e.type() + "\t" + e.reason() + "\t" + age + "\t" + from + "\t" + e.message().strip() + "\n");
        }
    }
}
