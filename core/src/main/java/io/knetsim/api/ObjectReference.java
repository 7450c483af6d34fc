package io.knetsim.api;

/** A reference to an object, as an Event's {@code involvedObject} names it. */
public record ObjectReference(String kind, String namespace, String name, String uid, String apiVersion,
    String resourceVersion, String fieldPath) {

    public static ObjectReference to(KubeObject<?> o) {
        ObjectMeta m = o.metadata();
        return new ObjectReference(o.kind(), m.namespace(), m.name(), m.uid(), o.apiVersion(), m.resourceVersion(),
            null);
    }
}
