package io.knetsim.api;

/** A port a container listens on: {@code containerPort}, {@code protocol} (TCP by default), optional name. */
public record ContainerPort(String name, Integer hostPort, Integer containerPort, String protocol) {
    public static ContainerPort tcp(int port) {
        return new ContainerPort(null, null, port, "TCP");
    }
}
