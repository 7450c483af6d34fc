package io.knetsim.api;

import java.util.ArrayList;
import java.util.List;

/**
 * A pod's {@code status}, written by the scheduler (PodScheduled) and the kubelet (the rest):
 * {@code phase} (Pending, Running, Succeeded, Failed, Unknown), conditions, {@code hostIP},
 * {@code podIP}/{@code podIPs} and container statuses.
 */
public record PodStatus(String phase, List<PodCondition> conditions, String message, String reason, String hostIP,
    List<PodIP> hostIPs, String podIP, List<PodIP> podIPs, String startTime, List<ContainerStatus> containerStatuses) {

    public PodStatus {
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
        hostIPs = hostIPs == null ? List.of() : List.copyOf(hostIPs);
        podIPs = podIPs == null ? List.of() : List.copyOf(podIPs);
        containerStatuses = containerStatuses == null ? List.of() : List.copyOf(containerStatuses);
    }

    /** A status with only a phase. */
    public static PodStatus phase(String phase) {
        return new PodStatus(phase, null, null, null, null, null, null, null, null, null);
    }

    /** The condition of {@code type}, or null. */
    public PodCondition condition(String type) {
        for (PodCondition c : conditions) {
            if (c.type().equals(type)) {
                return c;
            }
        }
        return null;
    }

    /** This status with condition {@code c} added or replacing the one of its type. */
    public PodStatus withCondition(PodCondition c) {
        List<PodCondition> l = new ArrayList<>();
        boolean replaced = false;
        for (PodCondition o : conditions) {
            if (o.type().equals(c.type())) {
                l.add(c);
                replaced = true;
            } else {
                l.add(o);
            }
        }
        if (!replaced) {
            l.add(c);
        }
        return new PodStatus(phase, l, message, reason, hostIP, hostIPs, podIP, podIPs, startTime, containerStatuses);
    }

    public PodStatus withPhase(String p) {
        return new PodStatus(p, conditions, message, reason, hostIP, hostIPs, podIP, podIPs, startTime,
            containerStatuses);
    }

    /** This status with the pod's and host's addresses ({@code podIP} and the one-entry {@code podIPs}). */
    public PodStatus withIPs(String hostIp, String podIp) {
        return new PodStatus(phase, conditions, message, reason, hostIp, hostIp == null ? null : List.of(new PodIP(hostIp)),
            podIp, podIp == null ? null : List.of(new PodIP(podIp)), startTime, containerStatuses);
    }

    public PodStatus withStartTime(String t) {
        return new PodStatus(phase, conditions, message, reason, hostIP, hostIPs, podIP, podIPs, t, containerStatuses);
    }

    public PodStatus withContainerStatuses(List<ContainerStatus> cs) {
        return new PodStatus(phase, conditions, message, reason, hostIP, hostIPs, podIP, podIPs, startTime, cs);
    }
}
