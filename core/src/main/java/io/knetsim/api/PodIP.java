package io.knetsim.api;

/** One entry of {@code status.podIPs} (and {@code hostIPs}): {@code {"ip": "11.10.16.2"}}. */
public record PodIP(String ip) {
}
