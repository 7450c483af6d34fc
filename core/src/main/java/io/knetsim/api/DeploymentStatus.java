package io.knetsim.api;

/**
 * A Deployment's {@code status}, summed over its ReplicaSets by the Deployment controller;
 * {@code collisionCount} counts pod-template-hash collisions with ReplicaSets it does not own.
 */
public record DeploymentStatus(Long observedGeneration, Integer replicas, Integer updatedReplicas,
    Integer readyReplicas, Integer availableReplicas, Integer unavailableReplicas, Integer collisionCount) {
}
