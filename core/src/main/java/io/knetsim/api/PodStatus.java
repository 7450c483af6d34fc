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

    /**
     * The status a kubelet reports once every container of {@code pod} runs: phase Running,
     * conditions PodReadyToStartContainers, Initialized, Ready, ContainersReady and PodScheduled
     * all True, the host's and pod's addresses, and each container running, ready and started.
     * {@code images} are the normalized image references, one per container, as the runtime
     * reports them (e.g. {@code docker.io/library/nginx:latest}).
     */
    public static PodStatus running(Pod pod, String hostIp, String podIp, List<String> images, long nowNanos) {
        String t = ApiTime.format(nowNanos);
        List<PodCondition> cs = new ArrayList<>();
        for (String type : List.of("PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled")) {
            PodCondition old = pod.status() == null ? null : pod.status().condition(type);
            cs.add(old != null && "True".equals(old.status()) ? old : new PodCondition(type, "True", null, t, null, null));
        }
        List<ContainerStatus> statuses = new ArrayList<>();
        List<Container> containers = pod.spec().containers();
        for (int i = 0; i < containers.size(); i++) {
            statuses.add(new ContainerStatus(containers.get(i).name(), ContainerState.running(nowNanos), null, true, 0,
                images.get(i), null, null, true));
        }
        String start = pod.status() != null && pod.status().startTime() != null ? pod.status().startTime() : t;
        return new PodStatus("Running", cs, null, null, null, null, null, null, start, statuses).withIPs(hostIp, podIp);
    }

    /**
     * The status of a pod whose containers cannot start: phase Pending, Ready and ContainersReady
     * False with reason {@code ContainersNotReady} and message
     * {@code containers with unready status: [web]}, and each container waiting with
     * {@code reason} and {@code message} (e.g. {@code ErrImagePull} and the pull error).
     */
    public static PodStatus waiting(Pod pod, String hostIp, String podIp, String reason, String message, long nowNanos) {
        String t = ApiTime.format(nowNanos);
        List<String> names = pod.spec().containers().stream().map(Container::name).toList();
        String notReady = "containers with unready status: [" + String.join(" ", names) + "]";
        List<PodCondition> cs = new ArrayList<>();
        cs.add(new PodCondition("PodReadyToStartContainers", podIp == null ? "False" : "True", null, t, null, null));
        cs.add(new PodCondition("Initialized", "True", null, t, null, null));
        cs.add(new PodCondition("Ready", "False", null, t, "ContainersNotReady", notReady));
        cs.add(new PodCondition("ContainersReady", "False", null, t, "ContainersNotReady", notReady));
        PodCondition scheduled = pod.status() == null ? null : pod.status().condition("PodScheduled");
        cs.add(scheduled != null ? scheduled : new PodCondition("PodScheduled", "True", null, t, null, null));
        List<ContainerStatus> statuses = new ArrayList<>();
        for (Container c : pod.spec().containers()) {
            statuses.add(new ContainerStatus(c.name(), ContainerState.waiting(reason, message), null, false, 0, c.image(),
                null, null, false));
        }
        String start = pod.status() != null && pod.status().startTime() != null ? pod.status().startTime() : t;
        return new PodStatus("Pending", cs, null, null, null, null, null, null, start, statuses).withIPs(hostIp, podIp);
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
