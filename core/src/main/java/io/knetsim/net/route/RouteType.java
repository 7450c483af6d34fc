package io.knetsim.net.route;

/** Route types as {@code ip route} names them ({@code RTN_*}). */
public enum RouteType {
    UNICAST("unicast"), LOCAL("local"), BROADCAST("broadcast"), BLACKHOLE("blackhole"),
    UNREACHABLE("unreachable"), PROHIBIT("prohibit"), THROW("throw");

    private final String text;

    RouteType(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    public static RouteType parse(String s) {
        for (RouteType t : values()) {
            if (t.text.equals(s)) {
                return t;
            }
        }
        return null;
    }
}
