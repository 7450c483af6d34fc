package io.knetsim.tool.dnsutils;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.app.dns.DnsClient;
import io.knetsim.net.NetNamespace;
import io.knetsim.packet.DnsMessage;
import io.knetsim.packet.DnsMessage.Repr;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * One question sent as dig and nslookup send it: to one server, up to {@code tries} times,
 * each waiting {@code timeout}; a truncated UDP answer is asked again over TCP (unless
 * {@code +ignore}). {@code onRetry} hears each failed try ({@code timed out},
 * {@code connection refused}), as dig prints them.
 */
final class DnsTarget {
    private DnsTarget() {
    }

    static void ask(NetNamespace ns, Ipv4Address server, int port, Repr query, long timeout, int tries, boolean tcp,
                    boolean tcpFallback, BiConsumer<Integer, DnsClient.Outcome> onRetry, Consumer<DnsClient.Outcome> done) {
        attempt(ns, server, port, query, timeout, tries, tcp, tcpFallback, 1, onRetry, done);
    }

    private static void attempt(NetNamespace ns, Ipv4Address server, int port, Repr query, long timeout, int tries,
                                boolean tcp, boolean tcpFallback, int n, BiConsumer<Integer, DnsClient.Outcome> onRetry,
                                Consumer<DnsClient.Outcome> done) {
        DnsClient.exchange(ns, server, port, query, timeout, tcpFallback, tcp, o -> {
            if (o.ok() || n >= tries) {
                if (!o.ok()) {
                    onRetry.accept(n, o);
                }
                done.accept(o);
                return;
            }
            onRetry.accept(n, o);
            attempt(ns, server, port, query, timeout, tries, tcp, tcpFallback, n + 1, onRetry, done);
        });
    }

    /** dig's words for a failed exchange. */
    static String failure(DnsClient.Outcome o) {
        return switch (o.failure()) {
            case TIMEOUT -> "timed out";
            case REFUSED -> "connection refused";
            default -> "host unreachable";
        };
    }

    static String reverseName(Ipv4Address ip) {
        String[] o = ip.toString().split("\\.");
        return o[3] + "." + o[2] + "." + o[1] + "." + o[0] + ".in-addr.arpa";
    }

    static boolean isAddress(String s) {
        return Ipv4Address.isValid(s);
    }

    static int port() {
        return DnsMessage.PORT;
    }
}
