package io.knetsim.kubeproxy.endpointutil;

import io.knetsim.api.ApiServer;
import io.knetsim.api.Container;
import io.knetsim.api.ContainerPort;
import io.knetsim.api.IntOrString;
import io.knetsim.api.Pod;
import io.knetsim.api.Service;
import io.knetsim.api.ServicePort;
import io.knetsim.api.ServiceSpec;
import io.knetsim.api.WatchEvent;
import io.knetsim.api.controller.WorkQueue;
import io.knetsim.api.labels.Selector;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of the EndpointSlice and Endpoints controllers that is the same in both (in
 * Kubernetes, {@code pkg/controller/util/endpoint} and {@code podutil.FindPort}): which pods
 * are a Service's endpoints, whether each is ready, which port a Service port reaches on a
 * pod, and which Services to sync when a Service or a pod changes.
 *
 * <pre>
 *   Service web {selector app=web, port 80 -&gt; targetPort "http"}
 *        │ {@link #of}: pods matching app=web, with status.podIP, not Succeeded/Failed, by name
 *        ▼
 *   Pod web-a {ports: [http 8080]}  ── {@link #targetPort} ──▶ 8080    {@link #isReady}: Ready=True
 * </pre>
 */
public final class ServicePods {
    private final ApiServer api;
    private final WorkQueue queue;
    /** The labels each pod had when last seen, so that a pod leaving a selector syncs the Service. */
    private final Map<String, Map<String, String>> podLabels = new HashMap<>();

    private ServicePods(ApiServer api, WorkQueue queue) {
        this.api = api;
        this.queue = queue;
    }

    /**
     * Watches Services and Pods on {@code api} and adds to {@code queue} the key
     * ({@code namespace/name}) of every Service that changed, and of every Service whose
     * selector matches a changed pod's labels, before or after the change.
     */
    public static void watch(ApiServer api, WorkQueue queue) {
        ServicePods w = new ServicePods(api, queue);
        api.watch(Service.class, null, null, null,
            e -> queue.add(WorkQueue.key(e.object().metadata().namespace(), e.object().metadata().name())));
        api.watch(Pod.class, null, null, null, w::onPod);
    }

    private void onPod(WatchEvent<Pod> e) {
        String ns = e.object().metadata().namespace();
        String key = WorkQueue.key(ns, e.object().metadata().name());
        Map<String, String> labels = e.object().metadata().labels();
        Map<String, String> before = e.type() == WatchEvent.Type.DELETED ? podLabels.remove(key)
            : podLabels.put(key, labels);
        for (Service s : api.list(Service.class, ns, (Selector) null)) {
            Map<String, String> sel = s.spec().selector();
            if (sel.isEmpty()) {
                continue;
            }
            Selector selector = Selector.fromSet(sel);
            if (selector.matches(labels) || (before != null && selector.matches(before))) {
                queue.add(WorkQueue.key(ns, s.metadata().name()));
            }
        }
    }

    /**
     * Whether the controllers keep endpoints for {@code svc}: it selects pods and is not an
     * ExternalName. Endpoints of Services without a selector are written by hand.
     */
    public static boolean hasEndpoints(Service svc) {
        return !svc.spec().selector().isEmpty() && !ServiceSpec.EXTERNAL_NAME.equals(svc.spec().type());
    }

    /**
     * The pods that are endpoints of {@code svc} (Kubernetes' {@code ShouldPodBeInEndpoints}):
     * those its selector matches that have a pod IP and have not ended (Succeeded or Failed),
     * sorted by name so that the same world always gives the same objects.
     */
    public static List<Pod> of(ApiServer api, Service svc) {
        List<Pod> pods = new ArrayList<>();
        for (Pod p : api.list(Pod.class, svc.metadata().namespace(), Selector.fromSet(svc.spec().selector()))) {
            if (p.status() == null || p.status().podIP() == null || p.status().podIP().isEmpty()
                || "Succeeded".equals(p.phase()) || "Failed".equals(p.phase())) {
                continue;
            }
            pods.add(p);
        }
        pods.sort(Comparator.comparing(p -> p.metadata().name()));
        return pods;
    }

    /** Whether new connections may go to {@code pod}: its Ready condition is True. */
    public static boolean isReady(Pod pod) {
        return pod.isReady();
    }

    /**
     * The port {@code sp} reaches on {@code pod} ({@code podutil.FindPort}): a numeric
     * {@code targetPort} as it is (the service port when unset), a named one looked up among the
     * pod's containers' ports of the same name and protocol; null when the pod has no such port
     * or, for a named port, when {@code pod} is null.
     */
    public static Integer targetPort(Pod pod, ServicePort sp) {
        IntOrString t = sp.targetPort();
        if (t == null) {
            return sp.port();
        }
        if (t.isInt()) {
            return t.intVal();
        }
        if (pod == null || pod.spec() == null) {
            return null;
        }
        String protocol = sp.protocol() == null ? "TCP" : sp.protocol();
        for (Container c : pod.spec().containers()) {
            for (ContainerPort cp : c.ports()) {
                if (t.strVal().equals(cp.name()) && protocol.equals(cp.protocol() == null ? "TCP" : cp.protocol())) {
                    return cp.containerPort();
                }
            }
        }
        return null;
    }
}
