package io.knetsim.api;

import java.util.Map;

/**
 * A Deployment ({@code apps/v1}): keeps {@code spec.replicas} pods of a template running. As in
 * Kubernetes, the Deployment controller makes a ReplicaSet per template
 * ({@code <deployment>-<pod-template-hash>}), and the ReplicaSet controller makes the pods
 * ({@code <replicaset>-<5 chars>}):
 * <pre>
 *   Deployment web ──owns──▶ ReplicaSet web-5d8c7b9f6 ──owns──▶ Pod web-5d8c7b9f6-x2kqz
 *                                                      └─owns──▶ Pod web-5d8c7b9f6-9fwlm
 * </pre>
 * The selector must match the template's labels:
 * {@code spec.template.metadata.labels: Invalid value: {"app":"db"}: `selector` does not match template `labels`}.
 */
public record Deployment(String apiVersion, String kind, ObjectMeta metadata, DeploymentSpec spec,
    DeploymentStatus status) implements KubeObject<Deployment> {

    public static final ResourceType<Deployment> TYPE = new ResourceType<>("apps", "v1", "Deployment", "deployments",
        true, true, Deployment.class,
        d -> new Deployment(d.apiVersion, d.kind, d.metadata, d.spec == null ? null
            : new DeploymentSpec(d.spec.replicas() == null ? 1 : d.spec.replicas(), d.spec.selector(),
                WorkloadValidation.defaultTemplate(d.spec.template())), null),
        Validation::dns1123Subdomain,
        d -> d.spec == null ? java.util.List.of(FieldError.required("spec.selector", ""), FieldError.required("spec.template", ""))
            : WorkloadValidation.validate(d.spec.replicas(), d.spec.selector(), d.spec.template(), "deployment"));

    public Deployment {
        apiVersion = apiVersion == null ? "apps/v1" : apiVersion;
        kind = kind == null ? "Deployment" : kind;
    }

    /** A Deployment of {@code replicas} pods labelled {@code labels}, selected by the same labels. */
    public static Deployment of(String namespace, String name, int replicas, Map<String, String> labels, PodSpec pod) {
        return new Deployment(null, null, ObjectMeta.of(namespace, name),
            new DeploymentSpec(replicas, LabelSelector.matching(labels), PodTemplateSpec.of(labels, pod)), null);
    }

    /** {@code spec.selector} cannot change: {@code spec.selector: Invalid value: {...}: field is immutable}. */
    @Override
    public java.util.List<FieldError> validateUpdate(Deployment old) {
        return WorkloadValidation.selectorImmutable(spec == null ? null : spec.selector(),
            old.spec == null ? null : old.spec.selector());
    }

    @Override
    public boolean tracksGeneration() {
        return true;
    }

    @Override
    public Deployment withMetadata(ObjectMeta m) {
        return new Deployment(apiVersion, kind, m, spec, status);
    }

    @Override
    public Deployment withStatusOf(Deployment other) {
        return new Deployment(apiVersion, kind, metadata, spec, other.status);
    }

    public Deployment withSpec(DeploymentSpec s) {
        return new Deployment(apiVersion, kind, metadata, s, status);
    }

    public Deployment withStatus(DeploymentStatus s) {
        return new Deployment(apiVersion, kind, metadata, spec, s);
    }

    /** The same Deployment scaled to {@code n} replicas. */
    public Deployment withReplicas(int n) {
        return withSpec(spec.withReplicas(n));
    }
}
