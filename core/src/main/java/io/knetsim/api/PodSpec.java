package io.knetsim.api;

import java.util.List;

/**
 * A pod's {@code spec}: its containers, {@code restartPolicy} (Always by default) and, once the
 * scheduler has placed it, {@code nodeName}.
 */
public record PodSpec(List<Container> containers, String restartPolicy, String nodeName) {
    public PodSpec {
        containers = containers == null ? List.of() : List.copyOf(containers);
    }

    public static PodSpec of(Container... containers) {
        return new PodSpec(List.of(containers), null, null);
    }

    public PodSpec withNodeName(String n) {
        return new PodSpec(containers, restartPolicy, n);
    }

    public PodSpec withRestartPolicy(String p) {
        return new PodSpec(containers, p, nodeName);
    }
}
