package io.knetsim.tool.kubectl;

import io.knetsim.api.Container;
import io.knetsim.api.ContainerStatus;
import io.knetsim.api.Deployment;
import io.knetsim.api.DeploymentStatus;
import io.knetsim.api.Event;
import io.knetsim.api.KubeObject;
import io.knetsim.api.LabelSelector;
import io.knetsim.api.Namespace;
import io.knetsim.api.Node;
import io.knetsim.api.NodeAddress;
import io.knetsim.api.Pod;
import io.knetsim.api.PodTemplateSpec;
import io.knetsim.api.ReplicaSet;
import io.knetsim.api.ReplicaSetStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The columns of {@code kubectl get} for each kind, as kubectl's built-in printers make them:
 * <pre>
 * pods         NAME READY STATUS RESTARTS AGE            -o wide: IP NODE NOMINATED NODE READINESS GATES
 * nodes        NAME STATUS ROLES AGE VERSION             -o wide: INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION CONTAINER-RUNTIME
 * deployments  NAME READY UP-TO-DATE AVAILABLE AGE       -o wide: CONTAINERS IMAGES SELECTOR
 * replicasets  NAME DESIRED CURRENT READY AGE            -o wide: CONTAINERS IMAGES SELECTOR
 * namespaces   NAME STATUS AGE
 * events       LAST SEEN TYPE REASON OBJECT MESSAGE
 * services     NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE   -o wide: SELECTOR
 * endpointslices NAME ADDRESSTYPE PORTS ENDPOINTS AGE
 * endpoints    NAME ENDPOINTS AGE                    (ENDPOINTS {@code ip:port}, three then {@code + N more...})
 * ingresses    NAME CLASS HOSTS ADDRESS PORTS AGE    (CLASS {@code <none>} without one, HOSTS {@code *} without any)
 * ingressclasses NAME CONTROLLER PARAMETERS AGE
 * gatewayclasses NAME CONTROLLER ACCEPTED AGE     gateways NAME CLASS ADDRESS PROGRAMMED AGE
 * httproutes   NAME HOSTNAMES AGE                 (the CRDs' printer columns; HOSTNAMES as a JSON list)
 * </pre>
 * Ages are {@link HumanDuration}s from {@code creationTimestamp} to the simulated now. Nodes
 * carry no {@code nodeInfo} here, so VERSION is the simulated release {@link Kubectl#SERVER_VERSION}
 * and the OS, kernel and runtime columns are {@code <unknown>}, as kubectl prints empty ones.
 */
final class Tables {
    private Tables() {
    }

    static List<String> headers(Class<?> kind, boolean wide) {
        List<String> h = new ArrayList<>();
        if (kind == Pod.class) {
            h.addAll(List.of("NAME", "READY", "STATUS", "RESTARTS", "AGE"));
            if (wide) {
                h.addAll(List.of("IP", "NODE", "NOMINATED NODE", "READINESS GATES"));
            }
        } else if (kind == Node.class) {
            h.addAll(List.of("NAME", "STATUS", "ROLES", "AGE", "VERSION"));
            if (wide) {
                h.addAll(List.of("INTERNAL-IP", "EXTERNAL-IP", "OS-IMAGE", "KERNEL-VERSION", "CONTAINER-RUNTIME"));
            }
        } else if (kind == Deployment.class) {
            h.addAll(List.of("NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"));
            if (wide) {
                h.addAll(List.of("CONTAINERS", "IMAGES", "SELECTOR"));
            }
        } else if (kind == ReplicaSet.class) {
            h.addAll(List.of("NAME", "DESIRED", "CURRENT", "READY", "AGE"));
            if (wide) {
                h.addAll(List.of("CONTAINERS", "IMAGES", "SELECTOR"));
            }
        } else if (kind == Event.class) {
            h.addAll(List.of("LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"));
        } else if (kind == io.knetsim.api.Service.class) {
            h.addAll(List.of("NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"));
            if (wide) {
                h.add("SELECTOR");
            }
        } else if (kind == io.knetsim.api.EndpointSlice.class) {
            h.addAll(List.of("NAME", "ADDRESSTYPE", "PORTS", "ENDPOINTS", "AGE"));
        } else if (kind == io.knetsim.api.Endpoints.class) {
            h.addAll(List.of("NAME", "ENDPOINTS", "AGE"));
        } else if (kind == io.knetsim.api.Ingress.class) {
            h.addAll(List.of("NAME", "CLASS", "HOSTS", "ADDRESS", "PORTS", "AGE"));
        } else if (kind == io.knetsim.api.IngressClass.class) {
            h.addAll(List.of("NAME", "CONTROLLER", "PARAMETERS", "AGE"));
        } else if (kind == io.knetsim.api.GatewayClass.class) {
            h.addAll(List.of("NAME", "CONTROLLER", "ACCEPTED", "AGE"));
        } else if (kind == io.knetsim.api.Gateway.class) {
            h.addAll(List.of("NAME", "CLASS", "ADDRESS", "PROGRAMMED", "AGE"));
        } else if (kind == io.knetsim.api.HTTPRoute.class) {
            h.addAll(List.of("NAME", "HOSTNAMES", "AGE"));
        } else {
            h.addAll(List.of("NAME", "STATUS", "AGE"));
        }
        return h;
    }

    static List<String> row(KubeObject<?> o, boolean wide, long now) {
        if (o instanceof Pod p) {
            return pod(p, wide, now);
        }
        if (o instanceof Node n) {
            return node(n, wide, now);
        }
        if (o instanceof Deployment d) {
            DeploymentStatus s = d.status();
            List<String> r = new ArrayList<>(List.of(name(d), n(s == null ? null : s.readyReplicas()) + "/"
                + n(d.spec().replicas()), n(s == null ? null : s.updatedReplicas()),
                n(s == null ? null : s.availableReplicas()), age(d, now)));
            if (wide) {
                r.addAll(workload(d.spec().template(), d.spec().selector()));
            }
            return r;
        }
        if (o instanceof ReplicaSet rs) {
            ReplicaSetStatus s = rs.status();
            List<String> r = new ArrayList<>(List.of(name(rs), n(rs.spec().replicas()), n(s == null ? null : s.replicas()),
                n(s == null ? null : s.readyReplicas()), age(rs, now)));
            if (wide) {
                r.addAll(workload(rs.spec().template(), rs.spec().selector()));
            }
            return r;
        }
        if (o instanceof Event e) {
            String object = e.involvedObject() == null ? "" : e.involvedObject().kind().toLowerCase(java.util.Locale.ROOT)
                + "/" + e.involvedObject().name();
            String last = e.lastTimestamp() != null ? e.lastTimestamp() : e.metadata().creationTimestamp();
            return List.of(since(last, now), nz(e.type()), nz(e.reason()), object, nz(e.message()).strip());
        }
        if (o instanceof io.knetsim.api.Service svc) {
            return ServiceRows.service(svc, wide, age(svc, now));
        }
        if (o instanceof io.knetsim.api.EndpointSlice es) {
            return ServiceRows.endpointSlice(es, age(es, now));
        }
        if (o instanceof io.knetsim.api.Endpoints ep) {
            return List.of(name(ep), ServiceRows.formatEndpoints(ep), age(ep, now));
        }
        if (o instanceof io.knetsim.api.Ingress ing) {
            String cls = ing.spec() == null || ing.spec().ingressClassName() == null ? "<none>"
                : ing.spec().ingressClassName();
            return List.of(name(ing), cls, hosts(ing), "", "80", age(ing, now));
        }
        if (o instanceof io.knetsim.api.IngressClass ic) {
            return List.of(name(ic), ic.controller() == null ? "" : ic.controller(), "<none>", age(ic, now));
        }
        if (o instanceof io.knetsim.api.GatewayClass gc) {
            return List.of(name(gc), gc.controllerName() == null ? "" : gc.controllerName(), "", age(gc, now));
        }
        if (o instanceof io.knetsim.api.Gateway g) {
            return List.of(name(g), g.spec() == null || g.spec().gatewayClassName() == null ? ""
                : g.spec().gatewayClassName(), "", "", age(g, now));
        }
        if (o instanceof io.knetsim.api.HTTPRoute r) {
            List<String> hs = r.spec() == null ? List.of() : r.spec().hostnames();
            String hosts = hs.isEmpty() ? "" : io.knetsim.api.KubeJson.toJson(hs);
            return List.of(name(r), hosts, age(r, now));
        }
        if (o instanceof Namespace ns) {
            String phase = ns.status() == null || ns.status().phase() == null ? "Active" : ns.status().phase();
            return List.of(name(ns), phase, age(ns, now));
        }
        return List.of(name(o), "", age(o, now));
    }

    /** kubectl's HOSTS of an Ingress: up to three hosts, then {@code + N more...}; {@code *} when none. */
    private static String hosts(io.knetsim.api.Ingress ing) {
        List<io.knetsim.api.Ingress.IngressRule> rules = ing.spec() == null ? List.of() : ing.spec().rules();
        List<String> list = new ArrayList<>();
        boolean more = false;
        for (io.knetsim.api.Ingress.IngressRule r : rules) {
            if (list.size() == 3) {
                more = true;
            }
            if (!more && r.host() != null && !r.host().isEmpty()) {
                list.add(r.host());
            }
        }
        if (list.isEmpty()) {
            return "*";
        }
        return String.join(",", list) + (more ? " + " + (rules.size() - 3) + " more..." : "");
    }

    private static List<String> pod(Pod p, boolean wide, long now) {
        int total = p.spec() == null ? 0 : p.spec().containers().size();
        int ready = 0;
        int restarts = 0;
        String reason = p.phase() == null ? "" : p.phase();
        if (p.status() != null && p.status().reason() != null) {
            reason = p.status().reason();
        }
        if (p.status() != null) {
            for (ContainerStatus cs : p.status().containerStatuses()) {
                restarts += cs.restartCount() == null ? 0 : cs.restartCount();
                if (cs.state() != null && cs.state().waiting() != null && cs.state().waiting().reason() != null) {
                    reason = cs.state().waiting().reason();
                } else if (cs.state() != null && cs.state().terminated() != null) {
                    var t = cs.state().terminated();
                    reason = t.reason() != null ? t.reason() : "ExitCode:" + t.exitCode();
                } else if (Boolean.TRUE.equals(cs.ready()) && cs.state() != null && cs.state().running() != null) {
                    ready++;
                }
            }
        }
        List<String> r = new ArrayList<>(List.of(name(p), ready + "/" + total, reason, Integer.toString(restarts),
            age(p, now)));
        if (wide) {
            String ip = p.status() == null || p.status().podIP() == null ? "<none>" : p.status().podIP();
            r.addAll(List.of(ip, p.nodeName() == null ? "<none>" : p.nodeName(), "<none>", "<none>"));
        }
        return r;
    }

    private static List<String> node(Node n, boolean wide, long now) {
        String status = n.status() == null || n.status().condition("Ready") == null ? "Unknown"
            : "True".equals(n.status().condition("Ready").status()) ? "Ready" : "NotReady";
        if (n.isUnschedulable()) {
            status += ",SchedulingDisabled";
        }
        List<String> roles = new ArrayList<>();
        n.metadata().labels().forEach((k, v) -> {
            if (k.startsWith("node-role.kubernetes.io/")) {
                roles.add(k.substring("node-role.kubernetes.io/".length()));
            } else if (k.equals("kubernetes.io/role")) {
                roles.add(v);
            }
        });
        List<String> r = new ArrayList<>(List.of(name(n), status, roles.isEmpty() ? "<none>" : String.join(",", roles),
            age(n, now), Kubectl.SERVER_VERSION));
        if (wide) {
            String internal = "<none>";
            String external = "<none>";
            for (NodeAddress a : n.status() == null ? List.<NodeAddress>of() : n.status().addresses()) {
                if (a.type().equals("InternalIP") && internal.equals("<none>")) {
                    internal = a.address();
                } else if (a.type().equals("ExternalIP") && external.equals("<none>")) {
                    external = a.address();
                }
            }
            r.addAll(List.of(internal, external, "<unknown>", "<unknown>", "<unknown>"));
        }
        return r;
    }

    private static List<String> workload(PodTemplateSpec t, LabelSelector sel) {
        List<String> names = new ArrayList<>();
        List<String> images = new ArrayList<>();
        for (Container c : t == null || t.spec() == null ? List.<Container>of() : t.spec().containers()) {
            names.add(c.name());
            images.add(c.image());
        }
        return List.of(String.join(",", names), String.join(",", images), selector(sel));
    }

    /** A selector as kubectl prints it: {@code app=web,tier in (db)}; {@code <none>} when empty. */
    static String selector(LabelSelector sel) {
        if (sel == null || sel.isEmpty()) {
            return "<none>";
        }
        return sel.toSelector().toString();
    }

    /** Labels as {@code a=1,b=2}, or {@code <none>}. */
    static String labels(Map<String, String> labels) {
        if (labels.isEmpty()) {
            return "<none>";
        }
        List<String> l = new ArrayList<>();
        labels.forEach((k, v) -> l.add(k + "=" + v));
        return String.join(",", l);
    }

    static String name(KubeObject<?> o) {
        return o.metadata().name();
    }

    static String age(KubeObject<?> o, long now) {
        return since(o.metadata().creationTimestamp(), now);
    }

    /** The age of an RFC 3339 timestamp at {@code now}; {@code <unknown>} when there is none. */
    static String since(String timestamp, long now) {
        if (timestamp == null || timestamp.isEmpty()) {
            return "<unknown>";
        }
        return HumanDuration.format(now - nanos(timestamp));
    }

    static long nanos(String timestamp) {
        return Instant.parse(timestamp).getEpochSecond() * 1_000_000_000L;
    }

    private static String n(Integer i) {
        return Integer.toString(i == null ? 0 : i);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
