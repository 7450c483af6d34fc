package io.knetsim.tool.tcpdump;

import io.knetsim.addr.MacAddress;
import java.util.Map;

/**
 * The names tcpdump prints instead of numbers: services from {@code /etc/services} (Debian's
 * netbase, the common subset) unless {@code -n}, IP protocols ({@code ipproto_values} and
 * {@code /etc/protocols}), EtherTypes, and MAC addresses with their OUI.
 */
final class Names {
    private Names() {
    }

    private static final Map<Integer, String> TCP = Map.ofEntries(
        Map.entry(20, "ftp-data"), Map.entry(21, "ftp"), Map.entry(22, "ssh"), Map.entry(23, "telnet"),
        Map.entry(25, "smtp"), Map.entry(53, "domain"), Map.entry(80, "http"), Map.entry(110, "pop3"),
        Map.entry(111, "sunrpc"), Map.entry(143, "imap2"), Map.entry(179, "bgp"), Map.entry(389, "ldap"),
        Map.entry(443, "https"), Map.entry(465, "submissions"), Map.entry(587, "submission"),
        Map.entry(636, "ldaps"), Map.entry(853, "domain-s"), Map.entry(873, "rsync"), Map.entry(993, "imaps"),
        Map.entry(995, "pop3s"), Map.entry(2049, "nfs"), Map.entry(3306, "mysql"), Map.entry(5432, "postgresql"),
        Map.entry(5671, "amqps"), Map.entry(5672, "amqp"), Map.entry(6000, "x11"), Map.entry(6379, "redis"),
        Map.entry(8080, "http-alt"));

    private static final Map<Integer, String> UDP = Map.ofEntries(
        Map.entry(53, "domain"), Map.entry(67, "bootps"), Map.entry(68, "bootpc"), Map.entry(69, "tftp"),
        Map.entry(111, "sunrpc"), Map.entry(123, "ntp"), Map.entry(137, "netbios-ns"), Map.entry(138, "netbios-dgm"),
        Map.entry(161, "snmp"), Map.entry(162, "snmp-trap"), Map.entry(443, "https"), Map.entry(500, "isakmp"),
        Map.entry(514, "syslog"), Map.entry(520, "router"), Map.entry(853, "domain-s"), Map.entry(1812, "radius"),
        Map.entry(2049, "nfs"), Map.entry(4500, "ipsec-nat-t"), Map.entry(5353, "mdns"));

    /** A TCP port as tcpdump prints it: its service name unless {@code numeric}. */
    static String tcpPort(int port, boolean numeric) {
        String n = numeric ? null : TCP.get(port);
        return n != null ? n : Integer.toString(port);
    }

    static String udpPort(int port, boolean numeric) {
        String n = numeric ? null : UDP.get(port);
        return n != null ? n : Integer.toString(port);
    }

    /** A service name to its port for filters ({@code port http}), or -1; tcp first, then udp. */
    static int portByName(String name, String proto) {
        if (!"udp".equals(proto)) {
            for (Map.Entry<Integer, String> e : TCP.entrySet()) {
                if (e.getValue().equals(name)) {
                    return e.getKey();
                }
            }
        }
        if (!"tcp".equals(proto)) {
            for (Map.Entry<Integer, String> e : UDP.entrySet()) {
                if (e.getValue().equals(name)) {
                    return e.getKey();
                }
            }
        }
        if ("www".equals(name) && !"udp".equals(proto)) {
            return 80;
        }
        return -1;
    }

    /** The protocol in tcpdump's {@code -v} IP line: {@code proto ICMP (1)}. */
    static String ipProtoUpper(int p) {
        return switch (p) {
            case 0 -> "Options";
            case 1 -> "ICMP";
            case 2 -> "IGMP";
            case 4 -> "IPIP";
            case 6 -> "TCP";
            case 8 -> "EGP";
            case 17 -> "UDP";
            case 41 -> "IPv6";
            case 46 -> "RSVP";
            case 47 -> "GRE";
            case 50 -> "ESP";
            case 51 -> "AH";
            case 58 -> "ICMPv6";
            case 89 -> "OSPF";
            case 103 -> "PIM";
            case 112 -> "VRRP";
            case 132 -> "SCTP";
            default -> "unknown";
        };
    }

    /** The name in {@code /etc/protocols}, as printed without {@code -n}; null if none. */
    static String ipProtoLower(int p) {
        return switch (p) {
            case 1 -> "icmp";
            case 2 -> "igmp";
            case 4 -> "ipencap";
            case 6 -> "tcp";
            case 17 -> "udp";
            case 41 -> "ipv6";
            case 47 -> "gre";
            case 50 -> "esp";
            case 51 -> "ah";
            case 58 -> "ipv6-icmp";
            case 89 -> "ospf";
            case 103 -> "pim";
            case 112 -> "vrrp";
            case 132 -> "sctp";
            default -> null;
        };
    }

    /** Filter names for {@code proto \name}: the number, or -1. */
    static int ipProtoByName(String name) {
        return switch (name) {
            case "icmp" -> 1;
            case "igmp" -> 2;
            case "tcp" -> 6;
            case "udp" -> 17;
            case "gre" -> 47;
            case "esp" -> 50;
            case "ah" -> 51;
            case "sctp" -> 132;
            default -> -1;
        };
    }

    /** tcpdump's {@code ethertype_values} name, or null. */
    static String etherType(int t) {
        return switch (t) {
            case 0x0800 -> "IPv4";
            case 0x0806 -> "ARP";
            case 0x8035 -> "Reverse ARP";
            case 0x86dd -> "IPv6";
            case 0x8100 -> "802.1Q";
            case 0x88a8 -> "802.1Q-QinQ";
            case 0x8847 -> "MPLS unicast";
            case 0x8848 -> "MPLS multicast";
            case 0x888e -> "EAPOL";
            case 0x88cc -> "LLDP";
            case 0x9000 -> "Loopback";
            default -> null;
        };
    }

    /**
     * A MAC as {@code etheraddr_string} prints it: lower-case hex with colons; without
     * {@code -n}, the broadcast address is {@code Broadcast} and others carry their OUI
     * ({@code (oui Unknown)}: the simulator's addresses are locally administered).
     */
    static String mac(long bits, boolean numeric) {
        if (numeric) {
            return MacAddress.format(bits);
        }
        if (bits == MacAddress.BROADCAST.bits()) {
            return "Broadcast";
        }
        int oui = (int) (bits >>> 24);
        String name = switch (oui) {
            case 0x000000 -> "Ethernet";
            case 0x00000c -> "Cisco";
            case 0x0050c2 -> "IEEE";
            default -> "Unknown";
        };
        return MacAddress.format(bits) + " (oui " + name + ")";
    }
}
