package io.knetsim.api;

/** The kubelet's report on one container: its state, whether it is ready, restarts, image. */
public record ContainerStatus(String name, ContainerState state, ContainerState lastState, Boolean ready,
    Integer restartCount, String image, String imageID, String containerID, Boolean started) {
}
