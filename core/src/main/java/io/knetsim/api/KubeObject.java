package io.knetsim.api;

/**
 * A Kubernetes object: {@code apiVersion}, {@code kind}, {@code metadata}, and usually a
 * {@code spec} (what is wanted) and a {@code status} (what is). Kinds are immutable records;
 * the server and controllers change them by making copies with {@code with...} methods.
 *
 * <p>A kind describes itself to the {@link ApiServer} through a {@link ResourceType} (its
 * plural name, group, scope, defaults and validation), so a new kind is one class and a call
 * to {@link ApiServer#register}.
 *
 * @param <T> the kind itself
 */
public interface KubeObject<T extends KubeObject<T>> {
    String apiVersion();

    String kind();

    ObjectMeta metadata();

    /** The same object with other metadata. */
    T withMetadata(ObjectMeta metadata);

    /** The desired state, compared to decide whether {@code metadata.generation} moves; null if none. */
    default Object spec() {
        return null;
    }

    /**
     * Whether the server keeps {@code metadata.generation} for this kind (1 on create, +1 on
     * every change of {@code spec}), as it does for Deployments and ReplicaSets.
     */
    default boolean tracksGeneration() {
        return false;
    }

    /**
     * Field errors of changing {@code old} into this object beyond those of validating it
     * alone, e.g. an immutable field that changed; empty by default.
     */
    default java.util.List<FieldError> validateUpdate(T old) {
        return java.util.List.of();
    }

    /**
     * This object with the status of {@code other} (for {@code updateStatus}, which changes
     * nothing else); kinds without a status subresource return themselves.
     */
    default T withStatusOf(T other) {
        @SuppressWarnings("unchecked")
        T self = (T) this;
        return self;
    }
}
