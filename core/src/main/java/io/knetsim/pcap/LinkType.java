package io.knetsim.pcap;

/**
 * The link-layer header type of a capture ({@code LINKTYPE_*} in a pcap file header, {@code DLT_*}
 * in libpcap), with the name and description libpcap prints for it
 * ({@code link-type EN10MB (Ethernet)}).
 */
public enum LinkType {
    /** Ethernet II frames from the destination MAC on: a capture on one device. */
    ETHERNET(1, "EN10MB", "Ethernet"),
    /** A 16-byte Linux cooked header ({@link SllHeader}) then the payload: {@code any}, version 1. */
    LINUX_SLL(113, "LINUX_SLL", "Linux cooked v1"),
    /** A 20-byte Linux cooked header with the interface index ({@link Sll2Header}): {@code any}, version 2. */
    LINUX_SLL2(276, "LINUX_SLL2", "Linux cooked v2");

    private final int code;
    private final String dltName;
    private final String description;

    LinkType(int code, String dltName, String description) {
        this.code = code;
        this.dltName = dltName;
        this.description = description;
    }

    /** The number in the pcap file header's network field. */
    public int code() {
        return code;
    }

    /** libpcap's name, as {@code -y} takes it: {@code EN10MB}, {@code LINUX_SLL}. */
    public String dltName() {
        return dltName;
    }

    /** libpcap's description: {@code Ethernet}, {@code Linux cooked v1}. */
    public String description() {
        return description;
    }

    /** True for the cooked types captures on {@code any} produce. */
    public boolean isCooked() {
        return this != ETHERNET;
    }

    /** Bytes of link-layer header in front of the network-layer packet. */
    public int headerLength() {
        return switch (this) {
            case ETHERNET -> 14;
            case LINUX_SLL -> SllHeader.LENGTH;
            case LINUX_SLL2 -> Sll2Header.LENGTH;
        };
    }

    /** The type with this file-header code, or null. */
    public static LinkType fromCode(int code) {
        for (LinkType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }

    /** The type with this libpcap name (case-insensitive), or null. */
    public static LinkType fromName(String name) {
        for (LinkType t : values()) {
            if (t.dltName.equalsIgnoreCase(name)) {
                return t;
            }
        }
        return null;
    }
}
