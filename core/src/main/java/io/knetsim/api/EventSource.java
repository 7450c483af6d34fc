package io.knetsim.api;

/** Who reported an Event: {@code component} (e.g. {@code default-scheduler}, {@code kubelet}) and {@code host}. */
public record EventSource(String component, String host) {
}
