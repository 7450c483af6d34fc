package io.knetsim.api;

/**
 * What a container is doing: exactly one of {@code waiting} (with a reason such as
 * {@code ContainerCreating}, {@code ErrImagePull} or {@code ImagePullBackOff}), {@code running}
 * or {@code terminated}.
 */
public record ContainerState(Waiting waiting, Running running, Terminated terminated) {
    /** {@code waiting}: reason and message. */
    public record Waiting(String reason, String message) {
    }

    /** {@code running}: since when. */
    public record Running(String startedAt) {
    }

    /** {@code terminated}: exit code, reason and times. */
    public record Terminated(Integer exitCode, String reason, String message, String startedAt, String finishedAt) {
    }

    public static ContainerState waiting(String reason, String message) {
        return new ContainerState(new Waiting(reason, message), null, null);
    }

    public static ContainerState running(long nowNanos) {
        return new ContainerState(null, new Running(ApiTime.format(nowNanos)), null);
    }
}
