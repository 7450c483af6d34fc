package io.knetsim.api;

/**
 * A node condition such as {@code Ready}: {@code status} is "True", "False" or "Unknown", as
 * Kubernetes spells it, with the kubelet's reason (e.g. {@code KubeletReady}) and message.
 */
public record NodeCondition(String type, String status, String lastHeartbeatTime, String lastTransitionTime,
    String reason, String message) {
}
