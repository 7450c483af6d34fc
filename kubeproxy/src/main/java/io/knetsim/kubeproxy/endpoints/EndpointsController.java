package io.knetsim.kubeproxy.endpoints;

import io.knetsim.api.ApiServer;
import io.knetsim.api.Endpoints;
import io.knetsim.api.Endpoints.EndpointAddress;
import io.knetsim.api.Endpoints.EndpointPort;
import io.knetsim.api.Endpoints.EndpointSubset;
import io.knetsim.api.ObjectMeta;
import io.knetsim.api.ObjectReference;
import io.knetsim.api.Pod;
import io.knetsim.api.Service;
import io.knetsim.api.ServicePort;
import io.knetsim.api.controller.WorkQueue;
import io.knetsim.kubeproxy.endpointutil.ServicePods;
import io.knetsim.kubeproxy.endpointutil.TriggerTimeTracker;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * kube-controller-manager's endpoints controller: for every Service with a selector, one
 * {@code v1} Endpoints object of the same name listing the pods the Service selects (the same
 * pods as its EndpointSlices, from {@link ServicePods}), ready ones in {@code addresses}, the
 * others in {@code notReadyAddresses}; deleted when the Service is.
 *
 * <pre>
 *   Service hostnames (selector app=hostnames, port 8888 -&gt; targetPort 9376)
 *        │                           Pods app=hostnames with status.podIP
 *        ▼                                        │
 *   Endpoints hostnames ◀─────────────────────────┘
 *     subsets: [{addresses: [{ip, nodeName, targetRef: Pod}, ...],   (Ready=True)
 *                notReadyAddresses: [...],                            (the others)
 *                ports: [{port: 9376, protocol: TCP}]}]
 * </pre>
 *
 * Subsets are packed as Kubernetes' {@code RepackSubsets} packs them: addresses that serve
 * exactly the same ports share a subset (a named {@code targetPort} resolves per pod, so pods
 * whose ports differ land in different subsets; a pod without the named port is left out of
 * that port). Addresses are sorted by IP (as strings, as Kubernetes compares them), ports
 * keep the Service's order and subsets are ordered by their first address, where Kubernetes
 * orders ports and subsets by hash. At most {@link Endpoints#MAX_CAPACITY} addresses are kept,
 * ready ones first, with {@code endpoints.kubernetes.io/over-capacity: truncated}; every write
 * sets {@code endpoints.kubernetes.io/last-change-trigger-time} from a {@link TriggerTimeTracker}
 * (or removes it when only deletions changed things). The
 * object carries the Service's labels, plus {@code service.kubernetes.io/headless} for a
 * headless Service. Services without a selector are left alone: their Endpoints are written
 * by hand.
 */
public final class EndpointsController {
    /** The label marking the Endpoints of a headless Service. */
    public static final String HEADLESS_LABEL = "service.kubernetes.io/headless";
    /** The value of {@link Endpoints#OVER_CAPACITY_ANNOTATION} on a truncated object. */
    public static final String TRUNCATED = "truncated";

    private final ApiServer api;
    private final WorkQueue queue;
    private final TriggerTimeTracker triggerTimes = new TriggerTimeTracker();

    private EndpointsController(ApiServer api) {
        this.api = api;
        this.queue = new WorkQueue(api.sim(), this::sync);
    }

    /** Starts the controller on {@code api} (Service and Endpoints must be registered). */
    public static EndpointsController start(ApiServer api) {
        EndpointsController c = new EndpointsController(api);
        ServicePods.watch(api, c.queue);
        return c;
    }

    private void sync(String key) {
        int slash = key.indexOf('/');
        String ns = key.substring(0, slash);
        String name = key.substring(slash + 1);
        Service svc = api.find(Service.class, ns, name).orElse(null);
        Endpoints have = api.find(Endpoints.class, ns, name).orElse(null);
        if (svc == null) {
            triggerTimes.deleteService(ns, name);
            if (have != null) {
                api.delete(Endpoints.class, ns, name);
            }
            return;
        }
        if (!ServicePods.hasEndpoints(svc)) {
            return;
        }
        List<Pod> pods = ServicePods.of(api, svc);
        String triggerTime = triggerTimes.compute(svc, pods);
        List<EndpointSubset> subsets = subsets(svc, pods);
        boolean truncated = truncate(subsets);
        Map<String, String> labels = new TreeMap<>(svc.metadata().labels());
        if (svc.spec().isHeadless()) {
            labels.put(HEADLESS_LABEL, "");
        } else {
            labels.remove(HEADLESS_LABEL);
        }
        Map<String, String> annotations = new TreeMap<>(have == null ? Map.of() : have.metadata().annotations());
        if (truncated) {
            annotations.put(Endpoints.OVER_CAPACITY_ANNOTATION, TRUNCATED);
        } else {
            annotations.remove(Endpoints.OVER_CAPACITY_ANNOTATION);
        }
        boolean same = have != null && have.subsets().equals(subsets) && have.metadata().labels().equals(labels)
            && have.metadata().annotations().equals(annotations);
        if (same) {
            return;
        }
        // written only with a change, as Kubernetes does: the time of the oldest change it takes in
        if (triggerTime != null) {
            annotations.put(TriggerTimeTracker.ANNOTATION, triggerTime);
        } else {
            annotations.remove(TriggerTimeTracker.ANNOTATION);
        }
        if (have == null) {
            ObjectMeta m = ObjectMeta.of(ns, name, labels).withAnnotations(annotations);
            api.create(Endpoints.of(m, subsets));
        } else {
            api.update(have.withMetadata(have.metadata().withLabels(labels).withAnnotations(annotations))
                .withSubsets(subsets));
        }
    }

    /** The pods' addresses packed into subsets by the ports they serve. */
    private static List<EndpointSubset> subsets(Service svc, List<Pod> pods) {
        // each port (or, for a headless service without ports, no port) and the addresses serving it
        Map<EndpointPort, Map<EndpointAddress, Boolean>> byPort = new LinkedHashMap<>();
        EndpointPort noPort = new EndpointPort(null, -1, null);
        for (Pod p : pods) {
            EndpointAddress a = new EndpointAddress(p.status().podIP(), null, p.nodeName(),
                new ObjectReference("Pod", p.metadata().namespace(), p.metadata().name(), p.metadata().uid(),
                    null, null, null));
            boolean ready = ServicePods.isReady(p);
            if (svc.spec().ports().isEmpty()) {
                if (svc.spec().isHeadless()) {
                    byPort.computeIfAbsent(noPort, k -> new LinkedHashMap<>()).put(a, ready);
                }
                continue;
            }
            for (ServicePort sp : svc.spec().ports()) {
                Integer port = ServicePods.targetPort(p, sp);
                if (port != null) {
                    EndpointPort ep = new EndpointPort(sp.name() == null || sp.name().isEmpty() ? null : sp.name(), port,
                        sp.protocol() == null ? "TCP" : sp.protocol());
                    byPort.computeIfAbsent(ep, k -> new LinkedHashMap<>()).put(a, ready);
                }
            }
        }
        // ports served by the same addresses share a subset
        Map<Map<EndpointAddress, Boolean>, List<EndpointPort>> byAddresses = new LinkedHashMap<>();
        byPort.forEach((port, addrs) -> {
            List<EndpointPort> ports = byAddresses.computeIfAbsent(addrs, k -> new ArrayList<>());
            if (port != noPort) {
                ports.add(port);
            }
        });
        Comparator<EndpointAddress> byIp = Comparator.comparing(EndpointAddress::ip)
            .thenComparing(a -> a.targetRef().uid() == null ? "" : a.targetRef().uid());
        List<EndpointSubset> out = new ArrayList<>();
        byAddresses.forEach((addrs, ports) -> {
            List<EndpointAddress> ready = new ArrayList<>();
            List<EndpointAddress> notReady = new ArrayList<>();
            addrs.forEach((a, r) -> (r ? ready : notReady).add(a));
            ready.sort(byIp);
            notReady.sort(byIp);
            out.add(new EndpointSubset(ready, notReady, ports));
        });
        out.sort(Comparator.comparing(EndpointsController::firstIp));
        return out;
    }

    private static String firstIp(EndpointSubset s) {
        return (s.addresses().isEmpty() ? s.notReadyAddresses() : s.addresses()).get(0).ip();
    }

    /**
     * Kubernetes' {@code truncateEndpoints}: when there are more than {@link Endpoints#MAX_CAPACITY}
     * addresses, keeps ready ones first (dropping every not-ready one if the ready ones alone are
     * too many), sharing what is kept among the subsets in proportion to their size (rounded up,
     * the last subsets getting what is left); subsets left empty are removed. Returns whether
     * anything was dropped.
     */
    static boolean truncate(List<EndpointSubset> subsets) {
        int totalReady = 0;
        int totalNotReady = 0;
        for (EndpointSubset s : subsets) {
            totalReady += s.addresses().size();
            totalNotReady += s.notReadyAddresses().size();
        }
        if (totalReady + totalNotReady <= Endpoints.MAX_CAPACITY) {
            return false;
        }
        boolean truncateReady = totalReady > Endpoints.MAX_CAPACITY;
        int max = truncateReady ? Endpoints.MAX_CAPACITY : Endpoints.MAX_CAPACITY - totalReady;
        int numTotal = truncateReady ? totalReady : totalNotReady;
        int canBeAdded = max;
        for (int i = 0; i < subsets.size(); i++) {
            EndpointSubset s = subsets.get(i);
            int inSubset = truncateReady ? s.addresses().size() : s.notReadyAddresses().size();
            int toBeAdded = Math.min(canBeAdded, (int) Math.ceil((double) inSubset / numTotal * max));
            if (truncateReady) {
                List<EndpointAddress> kept = s.addresses().subList(0, Math.min(toBeAdded, s.addresses().size()));
                subsets.set(i, new EndpointSubset(kept, List.of(), s.ports()));
                canBeAdded -= kept.size();
            } else {
                List<EndpointAddress> kept = s.notReadyAddresses().subList(0,
                    Math.min(toBeAdded, s.notReadyAddresses().size()));
                subsets.set(i, new EndpointSubset(s.addresses(), kept, s.ports()));
                canBeAdded -= kept.size();
            }
        }
        // a subset left without any address would not validate
        subsets.removeIf(s -> s.addresses().isEmpty() && s.notReadyAddresses().isEmpty());
        return true;
    }
}
