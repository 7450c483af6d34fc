package io.knetsim.kubeproxy.endpointslice;

import io.knetsim.api.ApiServer;
import io.knetsim.api.EndpointSlice;
import io.knetsim.api.ObjectMeta;
import io.knetsim.api.ObjectReference;
import io.knetsim.api.OwnerReference;
import io.knetsim.api.Pod;
import io.knetsim.api.Service;
import io.knetsim.api.ServicePort;
import io.knetsim.api.controller.WorkQueue;
import io.knetsim.kubeproxy.endpointutil.ServicePods;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * kube-controller-manager's EndpointSlice controller: for every Service with a selector, the
 * pods it selects that have an IP, as EndpointSlices of at most {@link #MAX_ENDPOINTS_PER_SLICE}
 * endpoints, kept up to date as pods come, go or change readiness.
 *
 * <pre>
 *   Service hostnames (selector app=hostnames, port 8888 -> targetPort 9376)
 *        │                      Pods app=hostnames with status.podIP
 *        ▼                                   │
 *   EndpointSlice hostnames-xxxxx  ◀─────────┘  endpoints: [{addresses:[podIP], conditions:{ready,...},
 *     labels kubernetes.io/service-name=hostnames    nodeName, targetRef: Pod}], ports: [{port: 9376}]
 *     ownerReferences: Service (garbage-collected with it)
 * </pre>
 *
 * Which pods, their readiness and their ports come from {@link ServicePods}, shared with the
 * Endpoints controller. A named {@code targetPort} is resolved per pod against its containers'
 * named ports; pods whose ports resolve differently go in different slices, as in Kubernetes.
 * Endpoints are sorted by pod name so that the same world gives the same slices.
 */
public final class EndpointSliceController {
    /** {@code --max-endpoints-per-slice}'s default. */
    public static final int MAX_ENDPOINTS_PER_SLICE = 100;
    /** The {@code endpointslice.kubernetes.io/managed-by} value of this controller's slices. */
    public static final String MANAGED_BY = "endpointslice-controller.k8s.io";

    private final ApiServer api;
    private final WorkQueue queue;
    private final int maxPerSlice;

    private EndpointSliceController(ApiServer api, int maxPerSlice) {
        this.api = api;
        this.maxPerSlice = maxPerSlice;
        this.queue = new WorkQueue(api.sim(), this::sync);
    }

    /** Starts the controller on {@code api} (Service and EndpointSlice must be registered). */
    public static EndpointSliceController start(ApiServer api) {
        return start(api, MAX_ENDPOINTS_PER_SLICE);
    }

    /** As {@link #start(ApiServer)} with another slice size ({@code --max-endpoints-per-slice}). */
    public static EndpointSliceController start(ApiServer api, int maxPerSlice) {
        if (maxPerSlice < 1 || maxPerSlice > 1000) {
            throw new IllegalArgumentException("max-endpoints-per-slice must be between 1 and 1000, got " + maxPerSlice);
        }
        EndpointSliceController c = new EndpointSliceController(api, maxPerSlice);
        ServicePods.watch(api, c.queue);
        return c;
    }

    private void sync(String key) {
        int slash = key.indexOf('/');
        String ns = key.substring(0, slash);
        String name = key.substring(slash + 1);
        Service svc = api.find(Service.class, ns, name).orElse(null);
        List<EndpointSlice> existing = new ArrayList<>(api.list(EndpointSlice.class, ns,
            EndpointSlice.SERVICE_NAME_LABEL + "=" + name + "," + EndpointSlice.MANAGED_BY_LABEL + "=" + MANAGED_BY));
        existing.sort(Comparator.comparing(s -> s.metadata().name()));
        if (svc == null || !ServicePods.hasEndpoints(svc)) {
            return; // deleted services' slices go with the garbage collector; others are managed by hand
        }
        Map<List<EndpointSlice.EndpointPort>, List<EndpointSlice.Endpoint>> groups = new LinkedHashMap<>();
        for (Pod p : ServicePods.of(api, svc)) {
            boolean ready = ServicePods.isReady(p);
            EndpointSlice.Endpoint ep = new EndpointSlice.Endpoint(List.of(p.status().podIP()),
                new EndpointSlice.Conditions(ready, ready, false), p.nodeName(), ObjectReference.to(p));
            groups.computeIfAbsent(ports(svc, p), k -> new ArrayList<>()).add(ep);
        }
        List<EndpointSlice> desired = new ArrayList<>();
        for (Map.Entry<List<EndpointSlice.EndpointPort>, List<EndpointSlice.Endpoint>> g : groups.entrySet()) {
            List<EndpointSlice.Endpoint> eps = g.getValue();
            for (int i = 0; i < eps.size(); i += maxPerSlice) {
                desired.add(new EndpointSlice(null, null, null, "IPv4",
                    eps.subList(i, Math.min(eps.size(), i + maxPerSlice)), g.getKey()));
            }
        }
        if (desired.isEmpty()) {
            // a service without endpoints keeps one empty slice, as the controller writes it
            desired.add(new EndpointSlice(null, null, null, "IPv4", List.of(), ports(svc, null)));
        }
        for (int i = 0; i < desired.size(); i++) {
            EndpointSlice want = desired.get(i);
            if (i < existing.size()) {
                EndpointSlice have = existing.get(i);
                if (!have.endpoints().equals(want.endpoints()) || !have.ports().equals(want.ports())) {
                    api.update(have.withContent(want.endpoints(), want.ports()));
                }
            } else {
                Map<String, String> labels = new LinkedHashMap<>();
                labels.put(EndpointSlice.MANAGED_BY_LABEL, MANAGED_BY);
                labels.put(EndpointSlice.SERVICE_NAME_LABEL, name);
                ObjectMeta m = ObjectMeta.of(ns, null, labels).withGenerateName(name + "-")
                    .withOwnerReferences(List.of(OwnerReference.controllerOf(svc)));
                api.create(want.withMetadata(m));
            }
        }
        for (int i = desired.size(); i < existing.size(); i++) {
            api.delete(EndpointSlice.class, ns, existing.get(i).metadata().name());
        }
    }

    /** The slice ports of {@code svc} for {@code pod} (named target ports resolved; unresolved left out). */
    private static List<EndpointSlice.EndpointPort> ports(Service svc, Pod pod) {
        List<EndpointSlice.EndpointPort> out = new ArrayList<>();
        for (ServicePort sp : svc.spec().ports()) {
            Integer port = ServicePods.targetPort(pod, sp);
            if (port != null || pod == null) {
                out.add(new EndpointSlice.EndpointPort(sp.name() == null ? "" : sp.name(), sp.protocol(), port));
            }
        }
        return out;
    }
}
