package io.knetsim.packet;

/**
 * A DNS message that does not follow RFC 1035's wire format: the message names what is wrong
 * and where ({@code "answer 1: name: compression pointer at 40 does not point back"}), as a
 * server's log line would. Never thrown for a well-formed message with unknown record types:
 * those are kept as opaque data.
 */
public final class DnsFormatException extends Exception {
    public DnsFormatException(String reason) {
        super(reason);
    }
}
