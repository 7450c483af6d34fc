package io.knetsim.app.dns;

import io.knetsim.packet.DnsMessage;
import io.knetsim.packet.DnsMessage.Record;
import java.util.List;

/**
 * What a {@link DnsZone} says to one question: the response code and the three record
 * sections. NXDOMAIN and "no data" (NOERROR, no answer) carry the zone's SOA in the authority
 * section, as RFC 2308 asks and CoreDNS does, so resolvers can cache the negative answer.
 */
public record ZoneAnswer(int rcode, List<Record> answers, List<Record> authority, List<Record> additional) {
    public ZoneAnswer {
        answers = List.copyOf(answers);
        authority = List.copyOf(authority);
        additional = List.copyOf(additional);
    }

    public static ZoneAnswer of(List<Record> answers) {
        return new ZoneAnswer(DnsMessage.NOERROR, answers, List.of(), List.of());
    }

    public static ZoneAnswer nxdomain(Record soa) {
        return new ZoneAnswer(DnsMessage.NXDOMAIN, List.of(), List.of(soa), List.of());
    }

    public static ZoneAnswer noData(Record soa) {
        return new ZoneAnswer(DnsMessage.NOERROR, List.of(), List.of(soa), List.of());
    }

    /** SERVFAIL: the zone cannot answer now (its data is not ready). */
    public static ZoneAnswer serverFailure() {
        return new ZoneAnswer(DnsMessage.SERVFAIL, List.of(), List.of(), List.of());
    }
}
