package io.knetsim.api.controller;

import io.knetsim.api.ApiServer;
import io.knetsim.api.Deployment;
import io.knetsim.api.DeploymentStatus;
import io.knetsim.api.EventRecorder;
import io.knetsim.api.LabelSelector;
import io.knetsim.api.ObjectMeta;
import io.knetsim.api.OwnerReference;
import io.knetsim.api.PodTemplateSpec;
import io.knetsim.api.ReplicaSet;
import io.knetsim.api.ReplicaSetSpec;
import io.knetsim.api.ReplicaSetStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Deployment controller: for each Deployment, a ReplicaSet named
 * {@code <deployment>-<pod-template-hash>} whose selector, labels and template carry the
 * {@code pod-template-hash} label, scaled to {@code spec.replicas}; ReplicaSets of older
 * templates are scaled to 0. Events read as Kubernetes': {@code ScalingReplicaSet}
 * {@code Scaled up replica set web-5d8c7b9f6 from 0 to 3}. The Deployment's {@code status} sums
 * its ReplicaSets'. When the name is taken by a ReplicaSet it does not own, it counts the
 * collision in {@code status.collisionCount} and uses the hash with that count mixed in.
 * <p>A template change replaces all old pods at once (as the {@code Recreate} strategy does, but
 * without waiting for old pods to end); rolling updates with maxSurge/maxUnavailable are not
 * modelled.
 */
public final class DeploymentController extends OwnerController<Deployment, ReplicaSet> {
    /** The annotation with the revision of a ReplicaSet, as kubectl rollout history shows. */
    public static final String REVISION = "deployment.kubernetes.io/revision";


    public DeploymentController(ApiServer api) {
        super(api, "deployment-controller", Deployment.class, ReplicaSet.class);
    }

    @Override
    protected void sync(Deployment d) {
        String ns = d.metadata().namespace();
        String name = d.metadata().name();
        Integer collisions = d.status() == null ? null : d.status().collisionCount();
        String hash = PodTemplateHash.of(d.spec().template(), collisions);
        List<ReplicaSet> owned = new ArrayList<>();
        ReplicaSet current = null;
        int maxRevision = 0;
        for (ReplicaSet rs : api.list(ReplicaSet.class, ns, (String) null)) {
            OwnerReference ref = rs.metadata().controllerRef();
            if (ref != null && ref.uid().equals(d.metadata().uid())) {
                owned.add(rs);
                if (hash.equals(rs.metadata().labels().get(PodTemplateHash.LABEL))) {
                    current = rs;
                }
                maxRevision = Math.max(maxRevision, Integer.parseInt(rs.metadata().annotations().getOrDefault(REVISION, "0")));
            }
        }
        int want = d.spec().replicas();
        if (current == null) {
            ReplicaSet taken = api.find(ReplicaSet.class, ns, d.metadata().name() + "-" + hash).orElse(null);
            if (taken != null) {
                // The name belongs to a ReplicaSet this Deployment does not own: count the collision
                // and try again with another hash, as Kubernetes does.
                int n = collisions == null ? 1 : collisions + 1;
                DeploymentStatus s = d.status() == null ? new DeploymentStatus(null, null, null, null, null, null, n)
                    : new DeploymentStatus(d.status().observedGeneration(), d.status().replicas(),
                        d.status().updatedReplicas(), d.status().readyReplicas(), d.status().availableReplicas(),
                        d.status().unavailableReplicas(), n);
                api.updateStatus(d.withStatus(s));
                return;
            }
            current = api.create(newReplicaSet(d, hash, maxRevision + 1));
            owned.add(current);
            scaled(d, current.metadata().name(), 0, want);
        } else if (current.spec().replicas() != want) {
            int from = current.spec().replicas();
            current = api.update(current.withSpec(current.spec().withReplicas(want)));
            scaled(d, current.metadata().name(), from, want);
        }
        String currentName = current.metadata().name();
        for (int i = 0; i < owned.size(); i++) {
            ReplicaSet rs = owned.get(i);
            if (rs.metadata().name().equals(currentName)) {
                owned.set(i, current);
            } else if (rs.spec().replicas() > 0) {
                int from = rs.spec().replicas();
                owned.set(i, api.update(rs.withSpec(rs.spec().withReplicas(0))));
                scaled(d, rs.metadata().name(), from, 0);
            }
        }
        updateStatus(d, owned, current);
    }

    private void scaled(Deployment d, String rs, int from, int to) {
        events.record(d, EventRecorder.NORMAL, "ScalingReplicaSet",
            "Scaled " + (to > from ? "up" : "down") + " replica set " + rs + " from " + from + " to " + to);
    }

    private static ReplicaSet newReplicaSet(Deployment d, String hash, int revision) {
        Map<String, String> labels = new TreeMap<>(d.spec().template().labels());
        labels.put(PodTemplateHash.LABEL, hash);
        PodTemplateSpec t = d.spec().template();
        ObjectMeta tm = (t.metadata() == null ? ObjectMeta.named(null) : t.metadata()).withLabels(labels);
        LabelSelector sel = d.spec().selector().withMatchLabel(PodTemplateHash.LABEL, hash);
        ObjectMeta m = new ObjectMeta(d.metadata().name() + "-" + hash, null, d.metadata().namespace(), null, null,
            null, null, labels, Map.of(REVISION, Integer.toString(revision)), List.of(OwnerReference.controllerOf(d)));
        return new ReplicaSet(null, null, m, new ReplicaSetSpec(d.spec().replicas(), sel,
            new PodTemplateSpec(tm, t.spec())), null);
    }

    private void updateStatus(Deployment d, List<ReplicaSet> owned, ReplicaSet current) {
        int replicas = 0;
        int ready = 0;
        int available = 0;
        for (ReplicaSet rs : owned) {
            ReplicaSetStatus s = rs.status();
            if (s != null) {
                replicas += nz(s.replicas());
                ready += nz(s.readyReplicas());
                available += nz(s.availableReplicas());
            }
        }
        int updated = current.status() == null ? 0 : nz(current.status().replicas());
        DeploymentStatus s = new DeploymentStatus(d.metadata().generation(), replicas, updated, ready, available,
            Math.max(0, d.spec().replicas() - available), d.status() == null ? null : d.status().collisionCount());
        if (!s.equals(d.status())) {
            api.updateStatus(d.withStatus(s));
        }
    }

    private static int nz(Integer i) {
        return i == null ? 0 : i;
    }
}
