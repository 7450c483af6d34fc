package io.knetsim.app.dns;

import io.knetsim.packet.DnsMessage;
import java.util.List;

/**
 * Where a {@link DnsServer} gets its answers: one authoritative zone (or a few, such as
 * {@code cluster.local} with the reverse {@code in-addr.arpa}), as a CoreDNS plugin serves
 * them. {@link InMemoryZone} holds records given to it; {@link ClusterDnsZone} makes the
 * Kubernetes records from services and pods; the kube-proxy module feeds one from Service and
 * EndpointSlice objects.
 */
public interface DnsZone {
    /** The origins this zone answers for ({@code cluster.local}); names at or under one are its. */
    List<String> origins();

    /** The answer to a question whose name is at or under one of {@link #origins()}. */
    ZoneAnswer answer(DnsMessage.Question question);

    /** True when {@code name} is at or under one of this zone's origins (case-insensitive). */
    default boolean covers(String name) {
        return originOf(name) != null;
    }

    /** The longest origin {@code name} is at or under, or null. */
    default String originOf(String name) {
        String k = io.knetsim.packet.DnsName.key(name);
        String best = null;
        for (String o : origins()) {
            String ok = io.knetsim.packet.DnsName.key(o);
            boolean in = ok.isEmpty() || k.equals(ok) || k.endsWith("." + ok);
            if (in && (best == null || ok.length() > best.length())) {
                best = ok;
            }
        }
        return best;
    }
}
