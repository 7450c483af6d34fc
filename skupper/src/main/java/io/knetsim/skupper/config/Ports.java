package io.knetsim.skupper.config;

/** Port and host rules shared by the listening entities. */
final class Ports {
    private Ports() {
    }

    static void check(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be from 0 to 65535: " + port);
        }
    }

    /** "", "0.0.0.0", "::" and "[::]" listen on every local address. */
    static boolean isAny(String host) {
        return host.isEmpty() || host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
    }

    /** Two listeners on one port clash when their hosts are equal or either listens on any address. */
    static boolean overlap(String hostA, String hostB) {
        return isAny(hostA) || isAny(hostB) || hostA.equals(hostB);
    }
}
