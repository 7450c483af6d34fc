/**
 * Packets as bytes. {@link io.knetsim.packet.SkBuff} is the one carrier (a buffer with headroom,
 * header offsets and a little off-wire metadata, like Linux's {@code sk_buff}); each wire format
 * is a small final class of offset constants and static accessors over {@code (byte[] buf, int off)}
 * with a nested {@code Repr} record for parse/emit. Bytes are exactly what Linux would put on
 * the wire, so captures open in Wireshark unchanged.
 */
package io.knetsim.packet;
