package io.knetsim.net;

/**
 * Why a packet was dropped, after Linux's {@code enum skb_drop_reason}. Every packet that enters
 * the simulator is either delivered or dropped with one of these, counted per device and per
 * namespace ({@code ip -s link}, {@link NetNamespace#drops()}) and reported to drop listeners.
 */
public enum DropReason {
    /** The device (or its peer) is administratively down. */
    DEV_DOWN,
    /** The device has no carrier: an unplugged NIC, a veth whose peer is gone. */
    NO_CARRIER,
    /** Frame too short for its headers. */
    PKT_TOO_SMALL,
    /** EtherType the namespace does not handle. */
    UNHANDLED_ETHERTYPE,
    /** Destination MAC is not ours (PACKET_OTHERHOST) on a non-bridge port. */
    OTHERHOST,
    /** Malformed IPv4 header (version, IHL, total length). */
    IP_INHDR,
    /** Bad IPv4 header checksum. */
    IP_CSUM,
    /** No route to the destination. */
    NO_ROUTE,
    /** A blackhole route matched. */
    BLACKHOLE,
    /** An unreachable or prohibit route matched. */
    ROUTE_UNREACHABLE,
    /** Not addressed to us and {@code net.ipv4.ip_forward} is 0. */
    NOT_FORWARDING,
    /** Reverse-path filter rejected the source address. */
    RP_FILTER,
    /** Source address is one of ours or invalid (martian). */
    IP_INVALID_SOURCE,
    /** TTL reached zero while forwarding. */
    TTL_EXPIRED,
    /** Packet larger than the MTU with DF set. */
    MTU_EXCEEDED,
    /** Reassembly did not complete in time. */
    FRAG_REASM_TIMEOUT,
    /** Fragments that overlap inconsistently or exceed 65535 bytes. */
    FRAG_INVALID,
    /** No local handler for the IP protocol. */
    UNHANDLED_PROTO,
    /** No socket bound to the UDP/TCP port. */
    NO_SOCKET,
    /** Bad ICMP checksum or malformed ICMP. */
    ICMP_CSUM,
    /** Bad UDP checksum or length. */
    UDP_CSUM,
    /** Bad TCP checksum or header. */
    TCP_CSUM,
    /** A SYN to a listener whose SYN queue (backlog) is full. */
    TCP_SYN_QUEUE_FULL,
    /** A TCP segment outside the receive window, or not acceptable in the connection's state. */
    TCP_INVALID_SEGMENT,
    /** An ICMP message nobody was waiting for (unknown echo reply, stray error). */
    ICMP_UNHANDLED,
    /** Echo request ignored ({@code net.ipv4.icmp_echo_ignore_all}). */
    ICMP_ECHO_IGNORED,
    /** Neighbour resolution failed (no ARP reply). */
    NEIGH_FAILED,
    /** Too many packets queued waiting for neighbour resolution. */
    NEIGH_QUEUEFULL,
    /** Dropped by a netfilter hook (a rule's {@code drop}). */
    NF_DROP,
    /** Queue full on a rate-limited link (drop-tail). */
    QDISC_DROP,
    /** Lost on a lossy link. */
    LINK_LOSS,
    /** Too many device hops: a bridge or veth loop. */
    LOOP,
    /** Unicast frame would go back out of the port it came in on (hairpin off). */
    BRIDGE_SAME_PORT,
    /** Unknown unicast frame with no other bridge port to flood it to. */
    BRIDGE_NO_PORT,
    /** VXLAN header invalid (I flag clear) or too short. */
    VXLAN_INVALID_HDR,
    /** VXLAN packet for a VNI no device here has. */
    VXLAN_VNI_NOT_FOUND,
    /** VXLAN has no remote for the destination MAC and no default entry. */
    VXLAN_NO_REMOTE,
    /** A socket's receive buffer was full. */
    SOCKET_RCVBUFF,
    /** Anything else; avoid. */
    NOT_SPECIFIED;

    /** Lower-case name as printed by tools, e.g. {@code neigh_failed}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
