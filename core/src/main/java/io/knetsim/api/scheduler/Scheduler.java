package io.knetsim.api.scheduler;

import io.knetsim.api.ApiServer;
import io.knetsim.api.EventRecorder;
import io.knetsim.api.Node;
import io.knetsim.api.Pod;
import io.knetsim.api.PodCondition;
import io.knetsim.api.PodStatus;
import io.knetsim.api.WatchEvent;
import io.knetsim.api.controller.WorkQueue;
import io.knetsim.sim.SimRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The scheduler ({@code default-scheduler}): binds each pod without {@code spec.nodeName} to a
 * node. Only nodes that are Ready and not cordoned are feasible; among them the one running the
 * fewest pods wins (spreading), and ties are broken by the seeded random source, so the same
 * seed places the same pods on the same nodes.
 * <pre>
 *   pod web-x (no node) ──▶ filter: Ready, schedulable ──▶ score: fewest pods ──▶ tie: seeded pick
 *                                                                                  │
 *        spec.nodeName = c0w2, PodScheduled=True, event Scheduled ◀────────────────┘
 * </pre>
 * A pod that fits nowhere stays Pending with condition PodScheduled=False (reason
 * {@code Unschedulable}) and a {@code FailedScheduling} event whose message reads as the real
 * scheduler's: {@code 0/3 nodes are available: 3 node(s) had untolerated taint
 * {node.kubernetes.io/not-ready: }. preemption: 0/3 nodes are available: 3 Preemption is not
 * helpful for scheduling.} (a node that is not Ready carries that taint in Kubernetes). It is
 * tried again whenever a node is added or changes.
 */
public final class Scheduler {
    /** The scheduler's name, as events' {@code source.component} shows it. */
    public static final String NAME = "default-scheduler";

    private final ApiServer api;
    private final EventRecorder events;
    private final SimRandom random;
    private final WorkQueue queue;
    private final LinkedHashSet<String> unschedulable = new LinkedHashSet<>();
    /** The scheduler's cache: pod key -> node of every pod that occupies a node, and pods per node. */
    private final Map<String, String> assigned = new HashMap<>();
    private final Map<String, Integer> load = new HashMap<>();

    public Scheduler(ApiServer api) {
        this.api = api;
        this.events = new EventRecorder(api, NAME, null);
        this.random = api.sim().random("scheduler/" + api.clusterName());
        this.queue = new WorkQueue(api.sim(), this::schedule);
        api.watch(Pod.class, null, null, null, this::onPod);
        api.watch(Node.class, null, null, null, e -> retryUnschedulable());
    }

    /** Starts a scheduler for {@code api}'s cluster. */
    public static Scheduler start(ApiServer api) {
        return new Scheduler(api);
    }

    private void onPod(WatchEvent<Pod> e) {
        Pod p = e.object();
        String key = WorkQueue.key(p.metadata().namespace(), p.metadata().name());
        boolean occupies = e.type() != WatchEvent.Type.DELETED && p.nodeName() != null
            && !"Succeeded".equals(p.phase()) && !"Failed".equals(p.phase());
        assume(key, occupies ? p.nodeName() : null);
        if (e.type() == WatchEvent.Type.DELETED) {
            unschedulable.remove(key);
            if (e.object().nodeName() != null) {
                retryUnschedulable();
            }
        } else if (e.type() == WatchEvent.Type.ADDED && e.object().nodeName() == null) {
            queue.add(key);
        }
    }

    private void retryUnschedulable() {
        List<String> keys = List.copyOf(unschedulable);
        unschedulable.clear();
        keys.forEach(queue::add);
    }

    private void schedule(String key) {
        String ns = key.substring(0, key.indexOf('/'));
        Pod pod = api.find(Pod.class, ns, key.substring(key.indexOf('/') + 1)).orElse(null);
        if (pod == null || pod.nodeName() != null) {
            return;
        }
        List<Node> nodes = api.list(Node.class);
        List<Node> best = new ArrayList<>();
        int bestLoad = Integer.MAX_VALUE;
        TreeMap<String, Integer> reasons = new TreeMap<>();
        for (Node n : nodes) {
            if (!n.isReady()) {
                reasons.merge("node(s) had untolerated taint {node.kubernetes.io/not-ready: }", 1, Integer::sum);
            } else if (n.isUnschedulable()) {
                reasons.merge("node(s) were unschedulable", 1, Integer::sum);
            } else {
                int l = load.getOrDefault(n.metadata().name(), 0);
                if (l < bestLoad) {
                    best.clear();
                    bestLoad = l;
                }
                if (l == bestLoad) {
                    best.add(n);
                }
            }
        }
        if (best.isEmpty()) {
            fail(key, pod, failureMessage(nodes.size(), reasons));
            return;
        }
        Node chosen = best.size() == 1 ? best.get(0) : best.get(random.nextInt(best.size()));
        String node = chosen.metadata().name();
        // As the binding subresource does, in one step as far as watchers of the node can tell:
        // the PodScheduled condition is written first, so the write that sets spec.nodeName (the
        // one a kubelet's spec.nodeName watch sees as ADDED) carries the whole bound pod.
        PodStatus st = pod.status() == null ? PodStatus.phase("Pending") : pod.status();
        Pod withCondition = api.updateStatus(pod.withStatus(st.withCondition(
            PodCondition.of("PodScheduled", true, api.sim().now()))));
        Pod bound = api.update(withCondition.withSpec(withCondition.spec().withNodeName(node)));
        assume(key, node);
        events.record(bound, EventRecorder.NORMAL, "Scheduled",
            "Successfully assigned " + ns + "/" + pod.metadata().name() + " to " + node);
    }

    /** Records that pod {@code key} occupies {@code node} (null: none), before its watch event arrives. */
    private void assume(String key, String node) {
        String old = node == null ? assigned.remove(key) : assigned.put(key, node);
        if (old != null) {
            load.merge(old, -1, Integer::sum);
        }
        if (node != null) {
            load.merge(node, 1, Integer::sum);
        }
    }

    /** The scheduler's FitError text: counts per reason, sorted as strings, then the preemption note. */
    static String failureMessage(int nodes, TreeMap<String, Integer> reasons) {
        if (nodes == 0) {
            return "no nodes available to schedule pods";
        }
        List<String> parts = new ArrayList<>();
        reasons.forEach((r, n) -> parts.add(n + " " + r));
        parts.sort(null);
        return "0/" + nodes + " nodes are available: " + String.join(", ", parts) + ". preemption: 0/" + nodes
            + " nodes are available: " + nodes + " Preemption is not helpful for scheduling.";
    }

    private void fail(String key, Pod pod, String message) {
        unschedulable.add(key);
        PodStatus st = pod.status() == null ? PodStatus.phase("Pending") : pod.status();
        PodCondition c = new PodCondition("PodScheduled", "False", null, io.knetsim.api.ApiTime.format(api.sim().now()),
            "Unschedulable", message);
        PodCondition old = st.condition("PodScheduled");
        if (old == null || !old.status().equals("False") || !message.equals(old.message())) {
            api.updateStatus(pod.withStatus(st.withCondition(c)));
        }
        events.record(pod, EventRecorder.WARNING, "FailedScheduling", message);
    }
}
