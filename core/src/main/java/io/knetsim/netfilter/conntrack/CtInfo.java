package io.knetsim.netfilter.conntrack;

/**
 * What conntrack attached to a packet ({@code skb->_nfct} with its {@code ctinfo}): the
 * entry, which direction the packet goes in, and its state. Null entry for INVALID.
 */
public record CtInfo(Conntrack owner, ConntrackEntry entry, boolean reply, CtState state) {
}
