package io.knetsim.net;

import io.knetsim.addr.Cidr;
import io.knetsim.addr.Ipv4Address;

/**
 * An IPv4 address assigned to a device ({@code struct in_ifaddr}): the address with its
 * prefix, broadcast, scope and whether it is secondary (a second address in a subnet the
 * device already has).
 */
public record IfAddress(NetDevice device, Cidr cidr, Ipv4Address broadcast, Scope scope, boolean secondary) {
    /** Address scope as {@code ip addr} prints it. */
    public enum Scope {
        GLOBAL("global"), LINK("link"), HOST("host");

        private final String text;

        Scope(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    public Ipv4Address address() {
        return cidr.address();
    }

    public int bits() {
        return cidr.address().bits();
    }

    /** The connected subnet, host bits cleared. */
    public Cidr subnet() {
        return cidr.network();
    }
}
