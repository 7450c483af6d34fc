package io.knetsim.app.dns;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.packet.DnsMessage;
import io.knetsim.packet.DnsMessage.Question;
import io.knetsim.packet.DnsMessage.Record;
import io.knetsim.packet.DnsName;
import io.knetsim.packet.DnsRdata;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The records of the Kubernetes DNS specification (schema 1.1.0) for one cluster, answered as
 * CoreDNS's {@code kubernetes} plugin answers them, from plain data: {@link #update} takes the
 * services and pods (the kube-proxy module feeds it from Service and EndpointSlice objects).
 *
 * <pre>
 *   dns-version.cluster.local.                      TXT  "1.1.0"
 *   web.default.svc.cluster.local.                  A    10.96.0.20          (ClusterIP)
 *   _http._tcp.web.default.svc.cluster.local.       SRV  0 100 80 web.default.svc.cluster.local.
 *   20.0.96.10.in-addr.arpa.                        PTR  web.default.svc.cluster.local.
 *   db.default.svc.cluster.local.                   A    10.244.1.5, 10.244.2.7   (headless: ready endpoints)
 *   db-0.db.default.svc.cluster.local.              A    10.244.1.5          (endpoint hostname)
 *   10-244-2-7.db.default.svc.cluster.local.        A    10.244.2.7          (no hostname: the dashed IP)
 *   _pg._tcp.db.default.svc.cluster.local.          SRV  0 50 5432 db-0.db.default.svc.cluster.local. ...
 *   5.1.244.10.in-addr.arpa.                        PTR  db-0.db.default.svc.cluster.local.
 *   ext.default.svc.cluster.local.                  CNAME example.com.      (ExternalName)
 *   10-244-1-9.default.pod.cluster.local.           A    10.244.1.9          (pods)
 * </pre>
 *
 * SRV records have priority 0 and weight 100 divided among the records, as CoreDNS gives them,
 * and their targets' A records in the additional section. A headless service without ready
 * endpoints is NXDOMAIN, as the specification says. Pod records follow CoreDNS's
 * {@code pods verified} mode: {@code a-b-c-d.<ns>.pod.<zone>} answers only for a pod of that
 * namespace with that IP ({@link PodRecords#INSECURE} answers any well-formed name, as the
 * specification's deprecated record and {@code pods insecure} do). A listed pod's IP also gets
 * a PTR to its pod name unless a service endpoint already claims the IP (a knetsim extension:
 * CoreDNS answers reverse lookups of endpoint IPs only). Every answer has TTL {@link #ttl} (CoreDNS's
 * {@code ttl 30} by default), and negative answers the zone's SOA.
 */
public final class ClusterDnsZone implements DnsZone {
    /** The schema version in {@code dns-version.<zone>}. */
    public static final String SCHEMA_VERSION = "1.1.0";
    /** CoreDNS's default TTL for the kubernetes plugin. */
    public static final long DEFAULT_TTL = 30;

    /** How {@code a-b-c-d.<ns>.pod.<zone>} names are answered. */
    public enum PodRecords {
        /** Only for pods given to {@link #update} (CoreDNS {@code pods verified}). */
        VERIFIED,
        /** For any well-formed name (CoreDNS {@code pods insecure}, the specification's deprecated record). */
        INSECURE,
        /** Never (CoreDNS {@code pods disabled}). */
        DISABLED
    }

    /** A port of a service: name (may be null or empty: no SRV record), protocol ({@code TCP}, {@code UDP}, {@code SCTP}) and number. */
    public record ServicePort(String name, String protocol, int port) {
    }

    /** An endpoint of a headless service: its IP, optional hostname, and whether it is ready. */
    public record Endpoint(Ipv4Address ip, String hostname, boolean ready) {
        public Endpoint(Ipv4Address ip) {
            this(ip, null, true);
        }
    }

    /**
     * A service: a ClusterIP (null for a headless one, whose {@code endpoints} then give the
     * records), or an {@code externalName} (a CNAME).
     */
    public record ServiceEntry(String name, String namespace, Ipv4Address clusterIp, List<Endpoint> endpoints,
                               List<ServicePort> ports, String externalName) {
        public ServiceEntry {
            endpoints = List.copyOf(endpoints);
            ports = List.copyOf(ports);
        }

        public static ServiceEntry clusterIp(String name, String namespace, Ipv4Address ip, List<ServicePort> ports) {
            return new ServiceEntry(name, namespace, ip, List.of(), ports, null);
        }

        public static ServiceEntry headless(String name, String namespace, List<Endpoint> endpoints,
                                            List<ServicePort> ports) {
            return new ServiceEntry(name, namespace, null, endpoints, ports, null);
        }

        public static ServiceEntry externalName(String name, String namespace, String externalName) {
            return new ServiceEntry(name, namespace, null, List.of(), List.of(), externalName);
        }
    }

    /** A pod's namespace, name and IP. */
    public record PodEntry(String name, String namespace, Ipv4Address ip) {
    }

    private final String domain;
    private final long ttl;
    private final PodRecords podRecords;
    private InMemoryZone zone;
    private Set<String> pods = Set.of();
    private long serial;

    /** A zone for {@code cluster.local} with TTL 30 and verified pod records. */
    public ClusterDnsZone() {
        this("cluster.local", DEFAULT_TTL, PodRecords.VERIFIED);
    }

    public ClusterDnsZone(String domain, long ttl, PodRecords podRecords) {
        this.domain = DnsName.key(domain);
        this.ttl = ttl;
        this.podRecords = podRecords;
        update(List.of(), List.of());
    }

    /** The cluster domain. */
    public String domain() {
        return domain;
    }

    /** The TTL of every record. */
    public long ttl() {
        return ttl;
    }

    @Override
    public List<String> origins() {
        return List.of(domain, "in-addr.arpa");
    }

    /**
     * Replaces the data with these services and pods, at once (a question is answered from the
     * old or the new data, never from a mix). The SOA serial counts the updates. A bad entry
     * (a name that is not a DNS label) throws {@link IllegalArgumentException} naming it, and
     * the zone keeps its old data.
     */
    public void update(List<ServiceEntry> services, List<PodEntry> podList) {
        InMemoryZone z = new InMemoryZone(origins(), ttl, serial + 1);
        z.add(new Record("dns-version." + domain, DnsMessage.TYPE_TXT, ttl, new DnsRdata.Txt(List.of(SCHEMA_VERSION))));
        Set<String> ptrs = new HashSet<>();
        for (ServiceEntry s : services) {
            addService(z, s, ptrs);
        }
        Set<String> podKeys = new HashSet<>();
        for (PodEntry p : podList) {
            label("pod namespace", p.namespace());
            String dashed = dashed(p.ip());
            podKeys.add(dashed + "." + p.namespace().toLowerCase(Locale.ROOT));
            String rev = reverse(p.ip());
            if (ptrs.add(rev)) {
                z.add(new Record(rev, DnsMessage.TYPE_PTR, ttl,
                    new DnsRdata.Name(dashed + "." + p.namespace() + ".pod." + domain)));
            }
        }
        this.zone = z;
        this.pods = Set.copyOf(podKeys);
        this.serial++;
    }

    private void addService(InMemoryZone z, ServiceEntry s, Set<String> ptrs) {
        label("service name", s.name());
        label("service namespace", s.namespace());
        String fqdn = s.name() + "." + s.namespace() + ".svc." + domain;
        if (s.externalName() != null) {
            if (!DnsName.isValid(s.externalName())) {
                throw new IllegalArgumentException("service " + s.namespace() + "/" + s.name()
                    + ": externalName is not a valid DNS name: " + s.externalName());
            }
            z.add(new Record(fqdn, DnsMessage.TYPE_CNAME, ttl, new DnsRdata.Name(DnsName.key(s.externalName()))));
            return;
        }
        List<String[]> targets = new ArrayList<>(); // {target name, ip}
        if (s.clusterIp() != null) {
            z.add(new Record(fqdn, DnsMessage.TYPE_A, ttl, new DnsRdata.A(s.clusterIp())));
            targets.add(new String[] {fqdn, s.clusterIp().toString()});
            String rev = reverse(s.clusterIp());
            if (ptrs.add(rev)) {
                z.add(new Record(rev, DnsMessage.TYPE_PTR, ttl, new DnsRdata.Name(fqdn)));
            }
        } else {
            for (Endpoint e : s.endpoints()) {
                if (!e.ready()) {
                    continue;
                }
                String host = e.hostname() == null || e.hostname().isEmpty() ? dashed(e.ip()) : e.hostname();
                label("endpoint hostname", host);
                String hostFqdn = host + "." + fqdn;
                z.add(new Record(fqdn, DnsMessage.TYPE_A, ttl, new DnsRdata.A(e.ip())));
                z.add(new Record(hostFqdn, DnsMessage.TYPE_A, ttl, new DnsRdata.A(e.ip())));
                targets.add(new String[] {hostFqdn, e.ip().toString()});
                String rev = reverse(e.ip());
                if (ptrs.add(rev)) {
                    z.add(new Record(rev, DnsMessage.TYPE_PTR, ttl, new DnsRdata.Name(hostFqdn)));
                }
            }
        }
        for (ServicePort p : s.ports()) {
            if (p.name() == null || p.name().isEmpty() || targets.isEmpty()) {
                continue;
            }
            label("port name", p.name());
            String srv = "_" + p.name() + "._" + p.protocol().toLowerCase(Locale.ROOT) + "." + fqdn;
            int weight = 100 / targets.size();
            for (String[] t : targets) {
                z.add(new Record(srv, DnsMessage.TYPE_SRV, ttl, new DnsRdata.Srv(0, weight, p.port(), t[0])));
            }
        }
    }

    private static void label(String what, String v) {
        if (v == null || v.isEmpty() || v.length() > 63 || !v.matches("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?")) {
            throw new IllegalArgumentException(what + " \"" + v + "\" is not a DNS label (RFC 1123: letters, digits "
                + "and '-', at most 63, starting and ending with a letter or digit)");
        }
    }

    /** {@code 10.244.1.5} as {@code 10-244-1-5}. */
    public static String dashed(Ipv4Address ip) {
        return ip.toString().replace('.', '-');
    }

    /** {@code 10.244.1.5} as {@code 5.1.244.10.in-addr.arpa}. */
    public static String reverse(Ipv4Address ip) {
        String[] o = ip.toString().split("\\.");
        return o[3] + "." + o[2] + "." + o[1] + "." + o[0] + ".in-addr.arpa";
    }

    @Override
    public ZoneAnswer answer(Question q) {
        String k = DnsName.key(q.name());
        String podSuffix = ".pod." + domain;
        if (k.endsWith(podSuffix)) {
            ZoneAnswer a = podAnswer(q, k.substring(0, k.length() - podSuffix.length()));
            if (a != null) {
                return a;
            }
        }
        ZoneAnswer a = zone.answer(q);
        if (a.rcode() == DnsMessage.NOERROR && q.type() == DnsMessage.TYPE_SRV && !a.answers().isEmpty()) {
            List<Record> extra = new ArrayList<>();
            for (Record r : a.answers()) {
                if (r.data() instanceof DnsRdata.Srv srv) {
                    extra.addAll(zone.at(srv.target()));
                }
            }
            return new ZoneAnswer(a.rcode(), a.answers(), a.authority(), extra);
        }
        return a;
    }

    /** {@code a-b-c-d.<ns>} under {@code pod.<zone>}; null when it is not of that shape. */
    private ZoneAnswer podAnswer(Question q, String rest) {
        String[] parts = rest.split("\\.");
        if (parts.length != 2 || podRecords == PodRecords.DISABLED) {
            return null;
        }
        String[] octets = parts[0].split("-");
        if (octets.length != 4) {
            return null;
        }
        String dotted = String.join(".", octets);
        if (!io.knetsim.addr.Ipv4Address.isValid(dotted)) {
            return null;
        }
        Record soa = zone.soaFor(q.name());
        if (podRecords == PodRecords.VERIFIED && !pods.contains(rest)) {
            return ZoneAnswer.nxdomain(soa);
        }
        if (q.type() != DnsMessage.TYPE_A && q.type() != DnsMessage.TYPE_ANY) {
            return ZoneAnswer.noData(soa);
        }
        return ZoneAnswer.of(List.of(new Record(q.name(), DnsMessage.TYPE_A, ttl,
            new DnsRdata.A(Ipv4Address.parse(dotted)))));
    }
}
