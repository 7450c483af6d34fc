package io.knetsim.api;

import java.util.ArrayList;
import java.util.List;

/**
 * The garbage collector: after an owner is deleted, deletes (on the event loop, as Kubernetes'
 * background propagation does) every object whose owner references all point to objects that
 * no longer exist; that deletion cascades to their own dependents in turn. With orphan
 * propagation it instead removes the reference to the deleted owner from its dependents.
 */
final class GarbageCollector {
    private final ApiServer server;

    GarbageCollector(ApiServer server) {
        this.server = server;
    }

    void ownerDeleted(String uid) {
        server.sim().after(0, () -> collect(uid));
    }

    private void collect(String uid) {
        for (KubeObject<?> d : server.dependentsOf(uid)) {
            boolean ownerLeft = false;
            for (OwnerReference r : d.metadata().ownerReferences()) {
                if (!r.uid().equals(uid) && server.uidExists(r.uid())) {
                    ownerLeft = true;
                }
            }
            if (ownerLeft) {
                dropReference(d, uid);
            } else {
                server.remove(server.typeOf(d), d);
                ownerDeleted(d.metadata().uid());
            }
        }
    }

    /** Orphan propagation: dependents lose the reference to the deleted owner, at once. */
    void orphan(String uid) {
        for (KubeObject<?> d : server.dependentsOf(uid)) {
            dropReference(d, uid);
        }
    }

    private void dropReference(KubeObject<?> d, String uid) {
        List<OwnerReference> refs = new ArrayList<>();
        for (OwnerReference r : d.metadata().ownerReferences()) {
            if (!r.uid().equals(uid)) {
                refs.add(r);
            }
        }
        server.rewrite(d, withMeta(d, d.metadata().withOwnerReferences(refs)));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static KubeObject<?> withMeta(KubeObject<?> o, ObjectMeta m) {
        return (KubeObject<?>) ((KubeObject) o).withMetadata(m);
    }
}
