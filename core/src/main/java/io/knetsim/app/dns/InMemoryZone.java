package io.knetsim.app.dns;

import io.knetsim.packet.DnsMessage;
import io.knetsim.packet.DnsMessage.Question;
import io.knetsim.packet.DnsMessage.Record;
import io.knetsim.packet.DnsName;
import io.knetsim.packet.DnsRdata;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An authoritative zone held in memory, answered as RFC 1034 4.3.2 says: the records of the
 * name and type asked (all types for ANY); a CNAME followed within the zone (at most 8 links);
 * a name that exists with other types, or only as the parent of other names (an "empty
 * non-terminal"), gets NOERROR with no answer; a name that does not exist gets NXDOMAIN. Both
 * negative answers carry the zone's SOA in the authority section.
 *
 * <pre>
 *   InMemoryZone z = new InMemoryZone("example.test", 30);
 *   z.add(new Record("www.example.test", TYPE_A, 30, new DnsRdata.A(Ipv4Address.parse("10.0.0.1"))));
 * </pre>
 */
public final class InMemoryZone implements DnsZone {
    private static final int MAX_CNAME_CHAIN = 8;
    private final List<String> origins;
    private final Map<String, List<Record>> byName = new LinkedHashMap<>();
    private final Set<String> nonTerminals = new HashSet<>();
    private final Map<String, Record> soaByOrigin = new HashMap<>();

    /**
     * A zone for {@code origin} with a CoreDNS-style SOA ({@code ns.dns.<origin>.},
     * {@code hostmaster.<origin>.}, serial 1, refresh 7200, retry 1800, expire 86400, minimum
     * {@code ttl}).
     */
    public InMemoryZone(String origin, long ttl) {
        this(List.of(origin), ttl, 1);
    }

    /** A zone answering for several origins, each with its own SOA; {@code serial} names the data's version. */
    public InMemoryZone(List<String> origins, long ttl, long serial) {
        this.origins = List.copyOf(origins);
        for (String o : origins) {
            String k = DnsName.key(o);
            String main = DnsName.key(origins.get(0));
            soaByOrigin.put(k, new Record(k, DnsMessage.TYPE_SOA, ttl, new DnsRdata.Soa("ns.dns." + main,
                "hostmaster." + main, serial, 7200, 1800, 86400, ttl)));
        }
    }

    @Override
    public List<String> origins() {
        return origins;
    }

    /** Adds a record; its name must be in the zone. */
    public InMemoryZone add(Record r) {
        String k = DnsName.key(r.name());
        String origin = originOf(k);
        if (origin == null) {
            throw new IllegalArgumentException("record " + r.name() + " is outside the zone " + origins);
        }
        byName.computeIfAbsent(k, x -> new ArrayList<>()).add(r);
        for (String p = parent(k); p != null && p.length() >= origin.length(); p = parent(p)) {
            nonTerminals.add(p);
        }
        return this;
    }

    /** Removes every record of {@code name}. */
    public void remove(String name) {
        byName.remove(DnsName.key(name));
    }

    /** Every record, in the order added. */
    public List<Record> records() {
        List<Record> out = new ArrayList<>();
        byName.values().forEach(out::addAll);
        return out;
    }

    private static String parent(String k) {
        int dot = k.indexOf('.');
        return dot < 0 ? (k.isEmpty() ? null : "") : k.substring(dot + 1);
    }

    /** The SOA record of the origin {@code name} is in. */
    public Record soaFor(String name) {
        return soaByOrigin.get(originOf(name));
    }

    /** True when the zone has records at {@code name}, or names under it. */
    public boolean exists(String name) {
        String k = DnsName.key(name);
        return byName.containsKey(k) || nonTerminals.contains(k) || soaByOrigin.containsKey(k);
    }

    /** The records at {@code name} (any type). */
    public List<Record> at(String name) {
        return byName.getOrDefault(DnsName.key(name), List.of());
    }

    @Override
    public ZoneAnswer answer(Question q) {
        List<Record> answers = new ArrayList<>();
        String name = q.name();
        for (int links = 0; links <= MAX_CNAME_CHAIN; links++) {
            String k = DnsName.key(name);
            if (q.type() == DnsMessage.TYPE_SOA && soaByOrigin.containsKey(k)) {
                answers.add(rename(soaByOrigin.get(k), name));
                return ZoneAnswer.of(answers);
            }
            List<Record> here = byName.getOrDefault(k, List.of());
            List<Record> match = new ArrayList<>();
            Record cname = null;
            for (Record r : here) {
                if (r.type() == q.type() || q.type() == DnsMessage.TYPE_ANY) {
                    match.add(r);
                } else if (r.type() == DnsMessage.TYPE_CNAME) {
                    cname = r;
                }
            }
            if (!match.isEmpty()) {
                for (Record r : match) {
                    answers.add(rename(r, name));
                }
                return ZoneAnswer.of(answers);
            }
            if (cname != null) {
                answers.add(rename(cname, name));
                name = ((DnsRdata.Name) cname.data()).name();
                if (!covers(name)) {
                    return ZoneAnswer.of(answers); // the resolver follows it elsewhere
                }
                continue;
            }
            Record soa = soaFor(q.name());
            if (!exists(name)) {
                return answers.isEmpty() ? ZoneAnswer.nxdomain(soa)
                    : new ZoneAnswer(DnsMessage.NXDOMAIN, answers, List.of(soa), List.of());
            }
            return answers.isEmpty() ? ZoneAnswer.noData(soa)
                : new ZoneAnswer(DnsMessage.NOERROR, answers, List.of(soa), List.of());
        }
        return ZoneAnswer.serverFailure(); // a CNAME loop
    }

    /** The record with the owner name as asked (keeping the asker's letter case, as servers do). */
    private static Record rename(Record r, String asked) {
        return asked.equals(r.name()) ? r : new Record(asked, r.type(), r.cls(), r.ttl(), r.data());
    }
}
