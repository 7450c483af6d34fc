package io.knetsim.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.google.common.collect.ImmutableSortedMap;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes' {@code metadata} (metav1.ObjectMeta): the fields every object has, in the order
 * the API server prints them. The server fills {@code uid}, {@code resourceVersion},
 * {@code generation} and {@code creationTimestamp}; {@code generateName} asks it to append five
 * random characters to make the name. Labels and annotations are kept sorted by key, as Go's
 * JSON encoder prints maps.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ObjectMeta(String name, String generateName, String namespace, String uid, String resourceVersion,
    Long generation, String creationTimestamp, Map<String, String> labels, Map<String, String> annotations,
    List<OwnerReference> ownerReferences) {

    public ObjectMeta {
        labels = labels == null ? ImmutableSortedMap.of() : ImmutableSortedMap.copyOf(labels);
        annotations = annotations == null ? ImmutableSortedMap.of() : ImmutableSortedMap.copyOf(annotations);
        ownerReferences = ownerReferences == null ? List.of() : List.copyOf(ownerReferences);
    }

    /** Metadata with only a name (for cluster-scoped objects). */
    public static ObjectMeta named(String name) {
        return new ObjectMeta(name, null, null, null, null, null, null, null, null, null);
    }

    /** Metadata with a namespace and a name. */
    public static ObjectMeta of(String namespace, String name) {
        return new ObjectMeta(name, null, namespace, null, null, null, null, null, null, null);
    }

    /** Metadata with a namespace, a name and labels. */
    public static ObjectMeta of(String namespace, String name, Map<String, String> labels) {
        return new ObjectMeta(name, null, namespace, null, null, null, null, labels, null, null);
    }

    public ObjectMeta withName(String n) {
        return new ObjectMeta(n, generateName, namespace, uid, resourceVersion, generation, creationTimestamp,
            labels, annotations, ownerReferences);
    }

    public ObjectMeta withGenerateName(String g) {
        return new ObjectMeta(name, g, namespace, uid, resourceVersion, generation, creationTimestamp,
            labels, annotations, ownerReferences);
    }

    public ObjectMeta withNamespace(String ns) {
        return new ObjectMeta(name, generateName, ns, uid, resourceVersion, generation, creationTimestamp,
            labels, annotations, ownerReferences);
    }

    public ObjectMeta withUid(String u) {
        return new ObjectMeta(name, generateName, namespace, u, resourceVersion, generation, creationTimestamp,
            labels, annotations, ownerReferences);
    }

    public ObjectMeta withResourceVersion(String rv) {
        return new ObjectMeta(name, generateName, namespace, uid, rv, generation, creationTimestamp,
            labels, annotations, ownerReferences);
    }

    public ObjectMeta withGeneration(Long g) {
        return new ObjectMeta(name, generateName, namespace, uid, resourceVersion, g, creationTimestamp,
            labels, annotations, ownerReferences);
    }

    public ObjectMeta withCreationTimestamp(String t) {
        return new ObjectMeta(name, generateName, namespace, uid, resourceVersion, generation, t,
            labels, annotations, ownerReferences);
    }

    public ObjectMeta withLabels(Map<String, String> l) {
        return new ObjectMeta(name, generateName, namespace, uid, resourceVersion, generation, creationTimestamp,
            l, annotations, ownerReferences);
    }

    public ObjectMeta withAnnotations(Map<String, String> a) {
        return new ObjectMeta(name, generateName, namespace, uid, resourceVersion, generation, creationTimestamp,
            labels, a, ownerReferences);
    }

    public ObjectMeta withOwnerReferences(List<OwnerReference> o) {
        return new ObjectMeta(name, generateName, namespace, uid, resourceVersion, generation, creationTimestamp,
            labels, annotations, o);
    }

    /** The owner reference with {@code controller: true}, or null. */
    public OwnerReference controllerRef() {
        for (OwnerReference o : ownerReferences) {
            if (Boolean.TRUE.equals(o.controller())) {
                return o;
            }
        }
        return null;
    }
}
