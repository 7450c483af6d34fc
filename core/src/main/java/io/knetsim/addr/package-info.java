/**
 * Address value types: {@link io.knetsim.addr.Ipv4Address}, {@link io.knetsim.addr.Cidr} and
 * {@link io.knetsim.addr.MacAddress}. Each parses its text form strictly, with an error that
 * says what was expected, and is backed by a primitive so the packet path can use the bits.
 */
package io.knetsim.addr;
