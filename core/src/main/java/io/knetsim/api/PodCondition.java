package io.knetsim.api;

/**
 * A pod condition: {@code PodScheduled}, {@code Initialized}, {@code ContainersReady},
 * {@code Ready}, with {@code status} "True"/"False" and, when False, a reason and message
 * (e.g. {@code Unschedulable}, {@code 0/3 nodes are available: ...}).
 */
public record PodCondition(String type, String status, String lastProbeTime, String lastTransitionTime,
    String reason, String message) {

    public static PodCondition of(String type, boolean value, long nowNanos) {
        return new PodCondition(type, value ? "True" : "False", null, ApiTime.format(nowNanos), null, null);
    }
}
