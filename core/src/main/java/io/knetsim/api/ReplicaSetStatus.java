package io.knetsim.api;

/** A ReplicaSet's {@code status}: pods it owns, how many are fully labelled, ready and available. */
public record ReplicaSetStatus(Integer replicas, Integer fullyLabeledReplicas, Integer readyReplicas,
    Integer availableReplicas, Long observedGeneration) {
}
