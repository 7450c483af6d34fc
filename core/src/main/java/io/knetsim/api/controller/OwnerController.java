package io.knetsim.api.controller;

import io.knetsim.api.ApiServer;
import io.knetsim.api.EventRecorder;
import io.knetsim.api.KubeObject;
import io.knetsim.api.OwnerReference;

/**
 * What every controller that owns objects of another kind shares, as client-go's informers and
 * work queue give a Kubernetes controller: a watch on the owners and one on the owned objects,
 * both turning into the owner's {@code namespace/name} key on a {@link WorkQueue}, and a sync of
 * the owner as it is now (an owner that is gone is left to garbage collection).
 *
 * <pre>
 *   watch owners ------------------------------&gt; queue(ns/name) --&gt; sync(owner)
 *   watch owned -- controllerRef of owner kind -&gt;
 * </pre>
 */
abstract class OwnerController<O extends KubeObject<O>, C extends KubeObject<C>> {
    protected final ApiServer api;
    protected final EventRecorder events;
    private final WorkQueue queue;
    private final Class<O> ownerType;

    OwnerController(ApiServer api, String component, Class<O> ownerType, Class<C> ownedType) {
        this.api = api;
        this.ownerType = ownerType;
        this.events = new EventRecorder(api, component, null);
        this.queue = new WorkQueue(api.sim(), this::sync);
        String ownerKind = api.type(ownerType).kind();
        api.watch(ownerType, null, null, null,
            e -> queue.add(WorkQueue.key(e.object().metadata().namespace(), e.object().metadata().name())));
        api.watch(ownedType, null, null, null, e -> {
            OwnerReference ref = e.object().metadata().controllerRef();
            if (ref != null && ref.kind().equals(ownerKind)) {
                queue.add(WorkQueue.key(e.object().metadata().namespace(), ref.name()));
            }
        });
    }

    /** Keys given up after repeated API errors (see {@link WorkQueue}). */
    public long givenUp() {
        return queue.givenUp();
    }

    private void sync(String key) {
        String ns = key.substring(0, key.indexOf('/'));
        String name = key.substring(key.indexOf('/') + 1);
        O owner = api.find(ownerType, ns, name).orElse(null);
        if (owner != null) {
            sync(owner);
        }
    }

    /** Brings the owned objects of {@code owner} to what it asks for. */
    protected abstract void sync(O owner);
}
