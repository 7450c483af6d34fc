package io.knetsim.api;

/**
 * A ReplicaSet ({@code apps/v1}): keeps {@code spec.replicas} pods matching its selector. A
 * Deployment makes one per pod template; its pods are named {@code <replicaset>-<5 chars>}
 * through {@code metadata.generateName}.
 */
public record ReplicaSet(String apiVersion, String kind, ObjectMeta metadata, ReplicaSetSpec spec,
    ReplicaSetStatus status) implements KubeObject<ReplicaSet> {

    public static final ResourceType<ReplicaSet> TYPE = new ResourceType<>("apps", "v1", "ReplicaSet", "replicasets",
        true, true, ReplicaSet.class,
        r -> new ReplicaSet(r.apiVersion, r.kind, r.metadata, r.spec == null ? null
            : new ReplicaSetSpec(r.spec.replicas() == null ? 1 : r.spec.replicas(), r.spec.selector(),
                WorkloadValidation.defaultTemplate(r.spec.template())), null),
        Validation::dns1123Subdomain,
        r -> r.spec == null ? java.util.List.of(FieldError.required("spec.selector", ""), FieldError.required("spec.template", ""))
            : WorkloadValidation.validate(r.spec.replicas(), r.spec.selector(), r.spec.template(), "replicaset"));

    public ReplicaSet {
        apiVersion = apiVersion == null ? "apps/v1" : apiVersion;
        kind = kind == null ? "ReplicaSet" : kind;
    }

    /** {@code spec.selector} cannot change: {@code spec.selector: Invalid value: {...}: field is immutable}. */
    @Override
    public java.util.List<FieldError> validateUpdate(ReplicaSet old) {
        return WorkloadValidation.selectorImmutable(spec == null ? null : spec.selector(),
            old.spec == null ? null : old.spec.selector());
    }

    @Override
    public boolean tracksGeneration() {
        return true;
    }

    @Override
    public ReplicaSet withMetadata(ObjectMeta m) {
        return new ReplicaSet(apiVersion, kind, m, spec, status);
    }

    @Override
    public ReplicaSet withStatusOf(ReplicaSet other) {
        return new ReplicaSet(apiVersion, kind, metadata, spec, other.status);
    }

    public ReplicaSet withSpec(ReplicaSetSpec s) {
        return new ReplicaSet(apiVersion, kind, metadata, s, status);
    }

    public ReplicaSet withStatus(ReplicaSetStatus s) {
        return new ReplicaSet(apiVersion, kind, metadata, spec, s);
    }
}
