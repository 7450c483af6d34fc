package io.knetsim.api;

/** A Deployment's {@code status}, summed over its ReplicaSets by the Deployment controller. */
public record DeploymentStatus(Long observedGeneration, Integer replicas, Integer updatedReplicas,
    Integer readyReplicas, Integer availableReplicas, Integer unavailableReplicas) {
}
