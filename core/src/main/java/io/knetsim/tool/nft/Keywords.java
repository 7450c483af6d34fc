package io.knetsim.tool.nft;

import java.util.Set;

/** Words nft's scanner turns into keyword tokens (the ones knetsim's grammar uses). */
final class Keywords {
    private static final Set<String> WORDS = Set.of("add", "create", "insert", "replace", "delete", "destroy", "flush",
        "list", "table", "tables", "chain", "chains", "rule", "set", "sets", "map", "maps", "element", "ruleset",
        "define", "type", "hook", "priority", "policy", "handle", "position", "index", "ip", "inet", "tcp", "udp", "th",
        "icmp", "meta", "counter", "packets", "bytes", "limit", "rate", "over", "burst", "quota", "log", "prefix",
        "accept", "drop", "continue", "return", "jump", "goto", "reject", "with", "vmap", "numgen", "random", "inc",
        "mod", "offset", "jhash", "seed", "flags", "elements", "saddr", "daddr", "sport", "dport", "protocol", "ttl",
        "iifname", "oifname", "mark", "l4proto", "nfproto", "interval", "typeof", "ct", "dnat", "snat", "masquerade",
        "fib", "notrack", "reset", "filter", "nat", "route", "level");

    private Keywords() {
    }

    static boolean isKeyword(String w) {
        return WORDS.contains(w);
    }
}
