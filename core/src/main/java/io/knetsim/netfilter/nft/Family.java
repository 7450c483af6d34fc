package io.knetsim.netfilter.nft;

/** The address families a table can have here: {@code ip} (IPv4) and {@code inet} (IPv4 and IPv6). */
public enum Family {
    IP("ip"), INET("inet");

    private final String text;

    Family(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    /** True for the family words nft knows, modelled or not. */
    public static boolean isFamilyWord(String w) {
        return switch (w) {
            case "ip", "inet", "ip6", "arp", "bridge", "netdev" -> true;
            default -> false;
        };
    }

    /** The family named {@code w}; nft's other families are refused with a clear message. */
    public static Family parse(String w) {
        return switch (w) {
            case "ip" -> IP;
            case "inet" -> INET;
            case "ip6", "arp", "bridge", "netdev" ->
                throw new NftException("family '" + w + "' is not modelled by knetsim (only ip and inet)");
            default -> throw new NftException("unknown family '" + w + "'");
        };
    }
}
