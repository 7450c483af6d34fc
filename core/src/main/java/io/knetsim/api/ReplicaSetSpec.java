package io.knetsim.api;

/** A ReplicaSet's {@code spec}: {@code replicas}, {@code selector}, pod {@code template}. */
public record ReplicaSetSpec(Integer replicas, LabelSelector selector, PodTemplateSpec template) {
    public ReplicaSetSpec withReplicas(int n) {
        return new ReplicaSetSpec(n, selector, template);
    }
}
