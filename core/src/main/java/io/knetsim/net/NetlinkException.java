package io.knetsim.net;

/**
 * A configuration request the kernel refuses, with the message iproute2 prints for it
 * ({@code RTNETLINK answers: File exists}, {@code Error: Nexthop has invalid gateway.}).
 * Nothing is changed when it is thrown.
 */
public final class NetlinkException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NetlinkException(String message) {
        super(message);
    }
}
