package io.knetsim.net.ipv4;

import io.knetsim.net.Errno;

/** A UDP socket call failed; the message is the strerror text a C program would print. */
public final class UdpSocketException extends RuntimeException {
    private final Errno errno;

    public UdpSocketException(Errno errno) {
        super(errno.message());
        this.errno = errno;
    }

    /** The errno. */
    public Errno errno() {
        return errno;
    }
}
