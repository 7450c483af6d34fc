package io.knetsim.api;

import java.util.List;

/**
 * A Kubernetes Namespace ({@code v1}): a scope for names. {@code default} and
 * {@code kube-system} exist from the start. Its name must be an RFC 1123 label.
 * <pre>
 * {"apiVersion":"v1","kind":"Namespace","metadata":{"name":"web",...},
 *  "spec":{"finalizers":["kubernetes"]},"status":{"phase":"Active"}}
 * </pre>
 */
public record Namespace(String apiVersion, String kind, ObjectMeta metadata, Spec spec, Status status)
    implements KubeObject<Namespace> {

    public static final ResourceType<Namespace> TYPE = new ResourceType<>("", "v1", "Namespace", "namespaces",
        false, true, Namespace.class,
        n -> new Namespace(n.apiVersion, n.kind, n.metadata, n.spec == null ? new Spec(List.of("kubernetes")) : n.spec,
            new Status("Active")),
        Validation::dns1123Label, n -> List.of(),
        java.util.Map.of("status.phase", n -> n.status == null ? null : n.status.phase()));

    public Namespace {
        apiVersion = apiVersion == null ? "v1" : apiVersion;
        kind = kind == null ? "Namespace" : kind;
    }

    /** {@code spec.finalizers}. */
    public record Spec(List<String> finalizers) {
        public Spec {
            finalizers = finalizers == null ? List.of() : List.copyOf(finalizers);
        }
    }

    /** {@code status.phase}: Active or Terminating. */
    public record Status(String phase) {
    }

    public static Namespace named(String name) {
        return new Namespace(null, null, ObjectMeta.named(name), null, null);
    }

    @Override
    public Namespace withMetadata(ObjectMeta m) {
        return new Namespace(apiVersion, kind, m, spec, status);
    }

    @Override
    public Namespace withStatusOf(Namespace other) {
        return new Namespace(apiVersion, kind, metadata, spec, other.status);
    }
}
