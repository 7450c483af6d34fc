package io.knetsim.api;

/** One of a node's addresses: {@code type} InternalIP, ExternalIP or Hostname, and the address. */
public record NodeAddress(String type, String address) {
    public static NodeAddress internalIp(String ip) {
        return new NodeAddress("InternalIP", ip);
    }

    public static NodeAddress hostname(String name) {
        return new NodeAddress("Hostname", name);
    }
}
