package io.knetsim.scenarios.scenario;

/**
 * An interface to capture with {@code knetsim run --pcap DIR}, written as
 * {@code DIR/NODE-INTERFACE.pcap}: e.g. {@code C0w1} {@code flannel.100} for the overlay's
 * inner frames, {@code C0w1} {@code eth0} for the VXLAN packets on the underlay.
 */
public record CapturePoint(String node, String iface) {
    /** The file name under the capture directory. */
    public String fileName() {
        return node + "-" + iface + ".pcap";
    }
}
