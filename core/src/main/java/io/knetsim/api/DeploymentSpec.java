package io.knetsim.api;

/** A Deployment's {@code spec}: how many {@code replicas} (1 by default), the {@code selector} and the pod {@code template}. */
public record DeploymentSpec(Integer replicas, LabelSelector selector, PodTemplateSpec template) {
    public DeploymentSpec withReplicas(int n) {
        return new DeploymentSpec(n, selector, template);
    }
}
