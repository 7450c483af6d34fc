package io.knetsim.api.controller;

import io.knetsim.api.ApiServer;
import io.knetsim.api.EventRecorder;
import io.knetsim.api.ObjectMeta;
import io.knetsim.api.OwnerReference;
import io.knetsim.api.Pod;
import io.knetsim.api.ReplicaSet;
import io.knetsim.api.ReplicaSetStatus;
import io.knetsim.api.labels.Selector;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The ReplicaSet controller: keeps {@code spec.replicas} pods owned by each ReplicaSet. Missing
 * pods are created from the template with {@code generateName: <replicaset>-} (the API server
 * adds five random characters) and a controller owner reference; surplus pods are deleted,
 * least useful first as Kubernetes ranks them (unscheduled, then pending, then not ready, then
 * the newest; pods created in the same second go by name, last first). A deleted pod is replaced at once. It records {@code SuccessfulCreate} and
 * {@code SuccessfulDelete} events and keeps {@code status} up to date.
 */
public final class ReplicaSetController extends OwnerController<ReplicaSet, Pod> {

    public ReplicaSetController(ApiServer api) {
        super(api, "replicaset-controller", ReplicaSet.class, Pod.class);
    }

    @Override
    protected void sync(ReplicaSet rs) {
        String ns = rs.metadata().namespace();
        String name = rs.metadata().name();
        List<Pod> pods = owned(rs);
        int want = rs.spec().replicas();
        if (pods.size() < want) {
            for (int i = pods.size(); i < want; i++) {
                Pod p = api.create(Pod.of(new ObjectMeta(null, name + "-", ns, null, null, null, null,
                    rs.spec().template().labels(), null, List.of(OwnerReference.controllerOf(rs))),
                    rs.spec().template().spec()));
                events.record(rs, EventRecorder.NORMAL, "SuccessfulCreate", "Created pod: " + p.metadata().name());
            }
        } else if (pods.size() > want) {
            List<Pod> ranked = new ArrayList<>(pods);
            ranked.sort(DELETION_ORDER);
            for (Pod p : ranked.subList(0, pods.size() - want)) {
                api.delete(Pod.class, ns, p.metadata().name());
                events.record(rs, EventRecorder.NORMAL, "SuccessfulDelete", "Deleted pod: " + p.metadata().name());
            }
        }
        updateStatus(rs, owned(rs));
    }

    private List<Pod> owned(ReplicaSet rs) {
        Selector sel = rs.spec().selector().toSelector();
        List<Pod> out = new ArrayList<>();
        for (Pod p : api.list(Pod.class, rs.metadata().namespace(), sel)) {
            OwnerReference ref = p.metadata().controllerRef();
            if (ref != null && ref.uid().equals(rs.metadata().uid()) && !isTerminal(p)) {
                out.add(p);
            }
        }
        return out;
    }

    private static boolean isTerminal(Pod p) {
        return "Succeeded".equals(p.phase()) || "Failed".equals(p.phase());
    }

    private void updateStatus(ReplicaSet rs, List<Pod> pods) {
        int ready = (int) pods.stream().filter(Pod::isReady).count();
        Selector template = Selector.fromSet(rs.spec().template().labels());
        int labelled = (int) pods.stream().filter(p -> template.matches(p.metadata().labels())).count();
        ReplicaSetStatus s = new ReplicaSetStatus(pods.size(), labelled, ready, ready, rs.metadata().generation());
        if (!s.equals(rs.status())) {
            api.updateStatus(rs.withStatus(s));
        }
    }

    /** Kubernetes' order for choosing pods to delete: the least useful first. */
    static final Comparator<Pod> DELETION_ORDER = Comparator
        .<Pod>comparingInt(p -> p.nodeName() == null ? 0 : 1)
        .thenComparingInt(p -> phaseRank(p.phase()))
        .thenComparingInt(p -> p.isReady() ? 1 : 0)
        .thenComparing((Pod p) -> p.metadata().creationTimestamp(), Comparator.reverseOrder())
        .thenComparing((Pod p) -> p.metadata().name(), Comparator.reverseOrder());

    private static int phaseRank(String phase) {
        if ("Pending".equals(phase)) {
            return 0;
        }
        if ("Running".equals(phase)) {
            return 2;
        }
        return 1;
    }
}
