package io.knetsim.tool.dnsutils;

import io.knetsim.tool.ToolRegistry;

/** The DNS client tools of BIND's dnsutils package. */
public final class DnsUtils {
    private DnsUtils() {
    }

    /** Registers {@code dig} and {@code nslookup}. */
    public static void registerAll(ToolRegistry r) {
        r.register(new Dig());
        r.register(new Nslookup());
    }
}
