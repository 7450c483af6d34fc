package io.knetsim.kubeproxy.endpointutil;

import io.knetsim.api.ApiTime;
import io.knetsim.api.Pod;
import io.knetsim.api.PodCondition;
import io.knetsim.api.Service;
import io.knetsim.api.controller.WorkQueue;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes' {@code TriggerTimeTracker}: the value of the
 * {@code endpoints.kubernetes.io/last-change-trigger-time} annotation, the time of the oldest
 * change a sync of a Service's endpoints takes in. A pod's change time is its Ready
 * condition's {@code lastTransitionTime}, the Service's its {@code creationTimestamp}; only
 * those newer than what the previous sync of the same Service saw count.
 *
 * <pre>
 *   t=0s  Service web created                 sync ─▶ 1970-01-01T00:00:00Z
 *   t=5s  pod web-a Ready (transition at 5s)  sync ─▶ 1970-01-01T00:00:05Z
 *   t=9s  pod web-a deleted                   sync ─▶ none (the annotation is removed)
 * </pre>
 */
public final class TriggerTimeTracker {
    /** The annotation the time goes in. */
    public static final String ANNOTATION = "endpoints.kubernetes.io/last-change-trigger-time";

    /** What the previous sync of one Service saw: its pods' and its own change times (epoch seconds). */
    private record State(Map<String, Long> pods, long service) {
    }

    private final Map<String, State> states = new HashMap<>();

    /**
     * The oldest change time among {@code svc} and {@code pods} newer than at the previous call
     * for the same Service, in RFC 3339; null when nothing changed (a pod was only deleted).
     */
    public String compute(Service svc, List<Pod> pods) {
        String key = WorkQueue.key(svc.metadata().namespace(), svc.metadata().name());
        State last = states.get(key);
        long min = Long.MAX_VALUE;
        Map<String, Long> podTimes = new HashMap<>();
        for (Pod p : pods) {
            PodCondition ready = p.status() == null ? null : p.status().condition("Ready");
            Long t = seconds(ready == null ? null : ready.lastTransitionTime());
            if (t == null) {
                continue;
            }
            podTimes.put(p.metadata().name(), t);
            Long before = last == null ? null : last.pods().get(p.metadata().name());
            if (before == null || t > before) {
                min = Math.min(min, t);
            }
        }
        Long created = seconds(svc.metadata().creationTimestamp());
        long service = created == null ? Long.MIN_VALUE : created;
        if (created != null && (last == null || service > last.service())) {
            min = Math.min(min, service);
        }
        states.put(key, new State(podTimes, service));
        return min == Long.MAX_VALUE ? null : ApiTime.format(min * 1_000_000_000L);
    }

    /** Forgets a deleted Service. */
    public void deleteService(String namespace, String name) {
        states.remove(WorkQueue.key(namespace, name));
    }

    private static Long seconds(String rfc3339) {
        return rfc3339 == null || rfc3339.isEmpty() ? null : Instant.parse(rfc3339).getEpochSecond();
    }
}
