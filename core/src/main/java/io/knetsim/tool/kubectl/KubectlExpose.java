package io.knetsim.tool.kubectl;

import io.knetsim.api.ApiServer;
import io.knetsim.api.ContainerPort;
import io.knetsim.api.Deployment;
import io.knetsim.api.IntOrString;
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
import java.util.List;
import java.util.Map;

/**
 * {@code kubectl expose (deployment|replicaset|pod|service) NAME [--port=P] [--target-port=T]
 * [--name=SVC] [--type=ClusterIP|NodePort] [--protocol=TCP|UDP]}: a Service selecting what the
 * object selects, as kubectl's generator makes it.
 *
 * <pre>
 *   kubectl expose deployment web --port=80 --target-port=8000
 *     Service web: selector = the Deployment's spec.selector.matchLabels, labels = its labels,
 *     port 80 -&gt; 8000; "service/web exposed"
 * </pre>
 *
 * Without {@code --port} the ports come from the pod template's container ports (one Service
 * port each, named {@code port-1}, {@code port-2}, ... when there are several); with none,
 * kubectl's {@code couldn't find port via --port flag or introspection}. A selector that uses
 * {@code matchExpressions} cannot be copied, as kubectl refuses it too.
 */
final class KubectlExpose {
    private KubectlExpose() {
    }

    /** Creates the Service and returns its name; errors are {@link UsageException}s with kubectl's text. */
    static String expose(ApiServer api, String namespace, List<String> args, KubectlFlags f) {
        if (args.isEmpty()) {
            throw new UsageException("error: You must provide the resource to expose\n"
                + "See 'kubectl expose -h' for help and examples", 1);
        }
        ResourceType<?> t = KubeResources.resolve(api, args.get(0));
        if (args.size() < 2) {
            throw new UsageException("error: resource(s) were provided, but no name was specified", 1);
        }
        String name = args.get(1);
        ObjectMeta meta;
        Map<String, String> selector;
        PodSpec template;
        if (t == Deployment.TYPE) {
            Deployment d = api.get(Deployment.class, namespace, name);
            meta = d.metadata();
            selector = matchLabels(d.spec().selector(), "deployment", name);
            template = d.spec().template() == null ? null : d.spec().template().spec();
        } else if (t == ReplicaSet.TYPE) {
            ReplicaSet rs = api.get(ReplicaSet.class, namespace, name);
            meta = rs.metadata();
            selector = matchLabels(rs.spec().selector(), "replicaset", name);
            template = rs.spec().template() == null ? null : rs.spec().template().spec();
        } else if (t == Pod.TYPE) {
            Pod p = api.get(Pod.class, namespace, name);
            meta = p.metadata();
            selector = p.metadata().labels();
            if (selector == null || selector.isEmpty()) {
                throw new UsageException("error: the pod has no labels and cannot be exposed", 1);
            }
            template = p.spec();
        } else if (t == Service.TYPE) {
            Service s = api.get(Service.class, namespace, name);
            meta = s.metadata();
            selector = s.spec().selector();
            if (selector == null || selector.isEmpty()) {
                throw new UsageException("error: couldn't retrieve selectors via --selector flag or introspection: "
                    + "the service has no pod selector set", 1);
            }
            template = null;
        } else {
            throw new UsageException("error: cannot expose a " + t.kind(), 1);
        }
        String type = f.string("type", ServiceSpec.CLUSTER_IP);
        if (!type.equals(ServiceSpec.CLUSTER_IP) && !type.equals(ServiceSpec.NODE_PORT)) {
            throw new UsageException("error: knetsim's kubectl exposes as ClusterIP or NodePort, not " + type, 1);
        }
        String protocol = f.string("protocol", "TCP");
        List<ServicePort> ports = ports(f, template, protocol);
        String svcName = f.string("name", name);
        Service svc = Service.of(ObjectMeta.of(namespace, svcName, meta.labels()),
            ServiceSpec.clusterIP(selector, ports.toArray(ServicePort[]::new)).withType(type));
        api.create(svc);
        return svcName;
    }

    private static Map<String, String> matchLabels(LabelSelector s, String kind, String name) {
        if (s == null || s.matchLabels().isEmpty() || (s.matchExpressions() != null && !s.matchExpressions().isEmpty())) {
            throw new UsageException("error: couldn't retrieve selectors via --selector flag or introspection: "
                + "invalid " + kind + " " + name + ": expressions are not supported for this object", 1);
        }
        return s.matchLabels();
    }

    private static List<ServicePort> ports(KubectlFlags f, PodSpec template, String protocol) {
        IntOrString target = f.has("target-port") ? targetPort(f.string("target-port", "")) : null;
        if (f.has("port")) {
            int port = f.integer("port", 0, "kubectl expose");
            return List.of(new ServicePort(null, protocol, port, target == null ? IntOrString.of(port) : target, null));
        }
        List<ContainerPort> found = new ArrayList<>();
        if (template != null && template.containers() != null) {
            template.containers().forEach(c -> {
                if (c.ports() != null) {
                    found.addAll(c.ports());
                }
            });
        }
        if (found.isEmpty()) {
            throw new UsageException("error: couldn't find port via --port flag or introspection\n"
                + "See 'kubectl expose -h' for help and examples", 1);
        }
        List<ServicePort> out = new ArrayList<>();
        for (int i = 0; i < found.size(); i++) {
            int p = found.get(i).containerPort();
            out.add(new ServicePort(found.size() > 1 ? "port-" + (i + 1) : null, protocol, p,
                target == null ? IntOrString.of(p) : target, null));
        }
        return out;
    }

    private static IntOrString targetPort(String text) {
        try {
            return IntOrString.of(Integer.parseInt(text));
        } catch (NumberFormatException e) {
            return IntOrString.of(text);
        }
    }
}
