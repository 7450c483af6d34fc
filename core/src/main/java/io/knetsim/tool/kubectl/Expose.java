package io.knetsim.tool.kubectl;

import io.knetsim.api.Container;
import io.knetsim.api.ContainerPort;
import io.knetsim.api.Deployment;
import io.knetsim.api.IntOrString;
import io.knetsim.api.KubeObject;
import io.knetsim.api.LabelSelector;
import io.knetsim.api.ObjectMeta;
import io.knetsim.api.Pod;
import io.knetsim.api.PodSpec;
import io.knetsim.api.ReplicaSet;
import io.knetsim.api.ResourceType;
import io.knetsim.api.Service;
import io.knetsim.api.ServicePort;
import io.knetsim.api.ServiceSpec;
import io.knetsim.tool.UsageException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code kubectl expose TYPE NAME}: the Service kubectl builds for a Deployment, ReplicaSet, Pod
 * or Service, as kubectl's {@code expose} does it.
 * <pre>
 *   kubectl expose deployment hostnames --port=8888 --target-port=9376 [--type=NodePort]
 *
 *   Deployment hostnames                         Service hostnames (labels: the Deployment's)
 *     selector.matchLabels {app: hostnames} ──▶    selector {app: hostnames}
 *     template: container port 9376         ──▶    ports: [{port: 8888, targetPort: 9376, protocol: TCP}]
 * </pre>
 * <ul>
 *   <li>selector: {@code --selector}, else the object's: a Deployment's or ReplicaSet's
 *       {@code matchLabels} (one with {@code matchExpressions} cannot be exposed), a Pod's labels,
 *       a Service's selector;</li>
 *   <li>ports: {@code --port}, else the object's (the pod template's container ports, a Service's
 *       ports); several become {@code port-1}, {@code port-2}, ...; none is
 *       {@code couldn't find port via --port flag or introspection};</li>
 *   <li>targetPort: {@code --target-port} (a number or a port name) for every port, else the port;</li>
 *   <li>protocol: {@code --protocol}, else the container port's, else TCP;</li>
 *   <li>name: {@code --name}, else the object's; labels: {@code --labels}, else the object's;
 *       {@code --type} and {@code --cluster-ip} as given (the API server allocates the rest).</li>
 * </ul>
 */
final class Expose {
    private static final String USAGE = "\nSee 'kubectl expose -h' for help and examples";

    private Expose() {
    }

    /** The flags {@code kubectl expose} takes besides the common ones. */
    static KubectlFlags flags(KubectlFlags common) {
        return common.value("port", null).value("target-port", null).value("protocol", null).value("type", null)
            .value("name", null).value("selector", null).value("labels", "l").value("cluster-ip", null)
            .value("session-affinity", null);
    }

    /** The Service to create for {@code o} (a Deployment, ReplicaSet, Pod or Service), in {@code namespace}. */
    static Service service(KubeObject<?> o, String namespace, KubectlFlags f) {
        Map<String, String> selector = f.has("selector") ? labels(f.string("selector", ""))
            : selectorOf(o);
        List<String> ports = new ArrayList<>();
        Map<String, String> protocols = new LinkedHashMap<>();
        if (f.has("port")) {
            ports.add(f.string("port", ""));
        } else {
            for (ServicePort p : portsOf(o)) {
                String port = String.valueOf(p.port());
                if (!ports.contains(port)) {
                    ports.add(port);
                }
                protocols.putIfAbsent(port, p.protocol() == null ? "TCP" : p.protocol());
            }
        }
        if (ports.isEmpty()) {
            throw new UsageException("error: couldn't find port via --port flag or introspection" + USAGE, 1);
        }
        IntOrString target = f.has("target-port") ? targetPort(f.string("target-port", "")) : null;
        List<ServicePort> servicePorts = new ArrayList<>();
        for (int i = 0; i < ports.size(); i++) {
            int port = port(ports.get(i));
            String name = ports.size() > 1 ? "port-" + (i + 1) : null;
            String protocol = f.string("protocol", protocols.getOrDefault(ports.get(i), "TCP"));
            servicePorts.add(new ServicePort(name, protocol, port, target == null ? IntOrString.of(port) : target, null));
        }
        Map<String, String> labels = f.has("labels") ? labels(f.string("labels", ""))
            : o.metadata().labels();
        String name = f.string("name", o.metadata().name());
        ServiceSpec spec = new ServiceSpec(f.string("type", null), null, null, servicePorts, selector,
            f.string("session-affinity", null), null, null, null, null, null, null);
        if (f.has("cluster-ip")) {
            spec = spec.withClusterIP(f.string("cluster-ip", ""));
        }
        return Service.of(ObjectMeta.of(namespace, name, new TreeMap<>(labels)), spec);
    }

    /** {@code error: cannot expose a Node}, for kinds kubectl cannot expose. */
    static void checkExposable(ResourceType<?> t) {
        if (t != Deployment.TYPE && t != ReplicaSet.TYPE && t != Pod.TYPE && t != Service.TYPE) {
            throw new UsageException("error: cannot expose a " + t.kind() + (t.group().isEmpty() ? "" : "." + t.group()), 1);
        }
    }

    private static Map<String, String> selectorOf(KubeObject<?> o) {
        LabelSelector s = null;
        if (o instanceof Deployment d) {
            s = d.spec().selector();
        } else if (o instanceof ReplicaSet rs) {
            s = rs.spec().selector();
        } else if (o instanceof Pod p) {
            if (p.metadata().labels().isEmpty()) {
                throw noSelector("the pod has no labels and cannot be exposed");
            }
            return p.metadata().labels();
        } else if (o instanceof Service svc) {
            if (svc.spec().selector().isEmpty()) {
                throw noSelector("the service has no pod selector set");
            }
            return svc.spec().selector();
        }
        if (s != null && s.matchExpressions() != null && !s.matchExpressions().isEmpty()) {
            throw noSelector("couldn't convert expressions - \"" + s.matchExpressions() + "\" to map-based selector format");
        }
        return s == null || s.matchLabels() == null ? Map.of() : s.matchLabels();
    }

    private static UsageException noSelector(String why) {
        return new UsageException("error: couldn't retrieve selectors via --selector flag or introspection: " + why
            + USAGE, 1);
    }

    /** The ports kubectl reuses when no {@code --port} is given, with their protocols. */
    private static List<ServicePort> portsOf(KubeObject<?> o) {
        PodSpec pod = null;
        if (o instanceof Deployment d) {
            pod = d.spec().template().spec();
        } else if (o instanceof ReplicaSet rs) {
            pod = rs.spec().template().spec();
        } else if (o instanceof Pod p) {
            pod = p.spec();
        } else if (o instanceof Service svc) {
            return svc.spec().ports();
        }
        List<ServicePort> out = new ArrayList<>();
        if (pod != null) {
            for (Container c : pod.containers()) {
                for (ContainerPort cp : c.ports() == null ? List.<ContainerPort>of() : c.ports()) {
                    out.add(new ServicePort(null, cp.protocol(), cp.containerPort(), null, null));
                }
            }
        }
        return out;
    }

    private static int port(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new UsageException("error: strconv.Atoi: parsing \"" + s + "\": invalid syntax", 1);
        }
    }

    private static IntOrString targetPort(String s) {
        try {
            return IntOrString.of(Integer.parseInt(s));
        } catch (NumberFormatException e) {
            return IntOrString.of(s);
        }
    }

    /** {@code k=v,k2=v2}, as {@code --labels} and {@code --selector} take them. */
    private static Map<String, String> labels(String spec) {
        Map<String, String> m = new TreeMap<>();
        for (String kv : spec.split(",")) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("error: invalid label spec: " + kv, 1);
            }
            m.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return m;
    }
}
