package io.knetsim.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One entry of {@code metadata.ownerReferences}: the object this one belongs to. When the owner
 * is deleted, the garbage collector deletes its dependents. At most one owner is the
 * {@code controller} (a ReplicaSet for its pods, a Deployment for its ReplicaSets).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OwnerReference(String apiVersion, String kind, String name, String uid, Boolean controller,
    Boolean blockOwnerDeletion) {

    /** A controller reference to {@code owner}, as controllers set it. */
    public static OwnerReference controllerOf(KubeObject<?> owner) {
        return new OwnerReference(owner.apiVersion(), owner.kind(), owner.metadata().name(), owner.metadata().uid(),
            true, true);
    }
}
