package io.knetsim.app.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.app.dns.ClusterDnsZone.Endpoint;
import io.knetsim.app.dns.ClusterDnsZone.PodEntry;
import io.knetsim.app.dns.ClusterDnsZone.ServiceEntry;
import io.knetsim.app.dns.ClusterDnsZone.ServicePort;
import io.knetsim.packet.DnsMessage;
import io.knetsim.packet.DnsMessage.Question;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The records of the Kubernetes DNS specification, from hand-made services and pods: each
 * answer printed as dig prints records (name TTL IN TYPE data).
 */
class ClusterDnsZoneTest {
    private static Ipv4Address ip(String s) {
        return Ipv4Address.parse(s);
    }

    private final ClusterDnsZone zone = new ClusterDnsZone();

    ClusterDnsZoneTest() {
        zone.update(List.of(
            ServiceEntry.clusterIp("kubernetes", "default", ip("10.96.0.1"), List.of(new ServicePort("https", "TCP", 443))),
            ServiceEntry.clusterIp("kube-dns", "kube-system", ip("10.96.0.10"), List.of(
                new ServicePort("dns", "UDP", 53), new ServicePort("dns-tcp", "TCP", 53), new ServicePort("", "TCP", 9153))),
            ServiceEntry.headless("db", "prod", List.of(new Endpoint(ip("10.244.1.5"), "db-0", true),
                new Endpoint(ip("10.244.2.7"), null, true), new Endpoint(ip("10.244.3.9"), "db-2", false)),
                List.of(new ServicePort("pg", "TCP", 5432))),
            ServiceEntry.headless("empty", "prod", List.of(), List.of()),
            ServiceEntry.externalName("ext", "prod", "example.com")),
            List.of(new PodEntry("client", "default", ip("10.244.1.20"))));
    }

    private List<String> ask(String name, int type) {
        ZoneAnswer a = zone.answer(new Question(name, type));
        List<String> out = new java.util.ArrayList<>();
        out.add(DnsMessage.rcodeName(a.rcode()));
        for (var r : a.answers()) {
            out.add(r.name() + " " + r.ttl() + " " + DnsMessage.typeName(r.type()) + " " + r.data().text());
        }
        for (var r : a.authority()) {
            out.add("authority: " + r.name() + " " + DnsMessage.typeName(r.type()) + " " + r.data().text());
        }
        for (var r : a.additional()) {
            out.add("additional: " + r.name() + " " + DnsMessage.typeName(r.type()) + " " + r.data().text());
        }
        return out;
    }

    @Test
    void schemaVersion() {
        assertThat(ask("dns-version.cluster.local", DnsMessage.TYPE_TXT))
            .containsExactly("NOERROR", "dns-version.cluster.local 30 TXT \"1.1.0\"");
    }

    @Test
    void aClusterIpServiceHasAnASrvPerNamedPortAndAPtr() {
        assertThat(ask("kubernetes.default.svc.cluster.local", DnsMessage.TYPE_A))
            .containsExactly("NOERROR", "kubernetes.default.svc.cluster.local 30 A 10.96.0.1");
        assertThat(ask("_dns-tcp._tcp.kube-dns.kube-system.svc.cluster.local", DnsMessage.TYPE_SRV)).containsExactly(
            "NOERROR", "_dns-tcp._tcp.kube-dns.kube-system.svc.cluster.local 30 SRV 0 100 53 kube-dns.kube-system.svc.cluster.local.",
            "additional: kube-dns.kube-system.svc.cluster.local A 10.96.0.10");
        assertThat(ask("_dns._udp.kube-dns.kube-system.svc.cluster.local", DnsMessage.TYPE_SRV)).hasSize(3);
        assertThat(ask("10.0.96.10.in-addr.arpa", DnsMessage.TYPE_PTR))
            .containsExactly("NOERROR", "10.0.96.10.in-addr.arpa 30 PTR kube-dns.kube-system.svc.cluster.local.");
        // names compare without case; the answer keeps the asker's spelling
        assertThat(ask("Kubernetes.Default.SVC.cluster.local.", DnsMessage.TYPE_A))
            .containsExactly("NOERROR", "Kubernetes.Default.SVC.cluster.local. 30 A 10.96.0.1");
    }

    @Test
    void aHeadlessServiceAnswersWithItsReadyEndpoints() {
        assertThat(ask("db.prod.svc.cluster.local", DnsMessage.TYPE_A)).containsExactly("NOERROR",
            "db.prod.svc.cluster.local 30 A 10.244.1.5", "db.prod.svc.cluster.local 30 A 10.244.2.7");
        assertThat(ask("db-0.db.prod.svc.cluster.local", DnsMessage.TYPE_A))
            .containsExactly("NOERROR", "db-0.db.prod.svc.cluster.local 30 A 10.244.1.5");
        assertThat(ask("10-244-2-7.db.prod.svc.cluster.local", DnsMessage.TYPE_A))
            .containsExactly("NOERROR", "10-244-2-7.db.prod.svc.cluster.local 30 A 10.244.2.7");
        assertThat(ask("_pg._tcp.db.prod.svc.cluster.local", DnsMessage.TYPE_SRV)).containsExactly("NOERROR",
            "_pg._tcp.db.prod.svc.cluster.local 30 SRV 0 50 5432 db-0.db.prod.svc.cluster.local.",
            "_pg._tcp.db.prod.svc.cluster.local 30 SRV 0 50 5432 10-244-2-7.db.prod.svc.cluster.local.",
            "additional: db-0.db.prod.svc.cluster.local A 10.244.1.5",
            "additional: 10-244-2-7.db.prod.svc.cluster.local A 10.244.2.7");
        assertThat(ask("5.1.244.10.in-addr.arpa", DnsMessage.TYPE_PTR))
            .containsExactly("NOERROR", "5.1.244.10.in-addr.arpa 30 PTR db-0.db.prod.svc.cluster.local.");
        // not ready: no records at all
        assertThat(ask("db-2.db.prod.svc.cluster.local", DnsMessage.TYPE_A).get(0)).isEqualTo("NXDOMAIN");
    }

    @Test
    void aHeadlessServiceWithoutReadyEndpointsIsNxdomain() {
        assertThat(ask("empty.prod.svc.cluster.local", DnsMessage.TYPE_A)).containsExactly("NXDOMAIN",
            "authority: cluster.local SOA ns.dns.cluster.local. hostmaster.cluster.local. 2 7200 1800 86400 30");
    }

    @Test
    void externalNameIsACname() {
        assertThat(ask("ext.prod.svc.cluster.local", DnsMessage.TYPE_A))
            .containsExactly("NOERROR", "ext.prod.svc.cluster.local 30 CNAME example.com.");
    }

    @Test
    void podRecordsAnswerForKnownPodsInVerifiedMode() {
        assertThat(ask("10-244-1-20.default.pod.cluster.local", DnsMessage.TYPE_A))
            .containsExactly("NOERROR", "10-244-1-20.default.pod.cluster.local 30 A 10.244.1.20");
        assertThat(ask("10-244-1-20.prod.pod.cluster.local", DnsMessage.TYPE_A).get(0)).isEqualTo("NXDOMAIN");
        assertThat(ask("20.1.244.10.in-addr.arpa", DnsMessage.TYPE_PTR))
            .containsExactly("NOERROR", "20.1.244.10.in-addr.arpa 30 PTR 10-244-1-20.default.pod.cluster.local.");
        ClusterDnsZone insecure = new ClusterDnsZone("cluster.local", 5, ClusterDnsZone.PodRecords.INSECURE);
        assertThat(insecure.answer(new Question("1-2-3-4.any.pod.cluster.local", DnsMessage.TYPE_A)).answers())
            .extracting(r -> r.data().text()).containsExactly("1.2.3.4");
        assertThat(insecure.answer(new Question("1-2-3-999.any.pod.cluster.local", DnsMessage.TYPE_A)).rcode())
            .isEqualTo(DnsMessage.NXDOMAIN);
    }

    @Test
    void existingNamesWithoutTheTypeAskedAreNoData() {
        assertThat(ask("kubernetes.default.svc.cluster.local", DnsMessage.TYPE_AAAA)).containsExactly("NOERROR",
            "authority: cluster.local SOA ns.dns.cluster.local. hostmaster.cluster.local. 2 7200 1800 86400 30");
        // a namespace is an empty non-terminal: it exists, with no records of its own
        assertThat(ask("default.svc.cluster.local", DnsMessage.TYPE_A).get(0)).isEqualTo("NOERROR");
        assertThat(ask("cluster.local", DnsMessage.TYPE_SOA)).containsExactly("NOERROR",
            "cluster.local 30 SOA ns.dns.cluster.local. hostmaster.cluster.local. 2 7200 1800 86400 30");
    }

    @Test
    void badEntriesAreRefusedAndTheOldDataStays() {
        assertThatThrownBy(() -> zone.update(List.of(ServiceEntry.clusterIp("Bad_Name", "default", ip("10.96.0.5"),
            List.of())), List.of())).hasMessage("service name \"Bad_Name\" is not a DNS label (RFC 1123: letters, "
                + "digits and '-', at most 63, starting and ending with a letter or digit)");
        assertThat(ask("kubernetes.default.svc.cluster.local", DnsMessage.TYPE_A).get(1)).endsWith("10.96.0.1");
    }
}
