package io.knetsim.app.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.tool.Invocation;
import org.junit.jupiter.api.Test;

/**
 * nslookup and dig from a pod against the cluster DNS server, exact outputs.
 *
 * <pre>
 *   client $ nslookup web / dig ... ---1 ms---> dns :53 (cluster.local, in-addr.arpa, ".")
 * </pre>
 */
class DnsToolsLabTest {
    private final DnsLab lab = new DnsLab();

    private String out(String line) {
        Invocation i = lab.run(line);
        assertThat(i.stderr()).as("stderr of %s", line).isEmpty();
        assertThat(i.exitCode()).as("exit status of %s", line).isZero();
        return i.stdout();
    }

    @Test
    void nslookupFindsAServiceThroughTheSearchList() {
        assertThat(out("nslookup web")).isEqualTo("""
            Server:\t\t10.0.0.2
            Address:\t10.0.0.2#53

            Name:\tweb.default.svc.cluster.local
            Address: 10.0.0.2

            """);
        assertThat(lab.server.log()).containsExactly("A IN web.default.svc.cluster.local. udp NOERROR");
    }

    @Test
    void nslookupOfAnUnknownNameTriesEverySearchDomainThenSaysNxdomain() {
        Invocation i = lab.run("nslookup nosuch");
        assertThat(i.stdout()).isEqualTo("""
            Server:\t\t10.0.0.2
            Address:\t10.0.0.2#53

            ** server can't find nosuch: NXDOMAIN

            """);
        assertThat(i.exitCode()).isEqualTo(1);
        assertThat(lab.server.log()).containsExactly(
            "A IN nosuch.default.svc.cluster.local. udp NXDOMAIN",
            "A IN nosuch.svc.cluster.local. udp NXDOMAIN",
            "A IN nosuch.cluster.local. udp NXDOMAIN",
            "A IN nosuch. udp NXDOMAIN");
    }

    @Test
    void nslookupOfAnAddressAsksForItsPtr() {
        assertThat(out("nslookup 10.0.0.2 10.0.0.2")).isEqualTo("""
            Server:\t\t10.0.0.2
            Address:\t10.0.0.2#53

            2.0.0.10.in-addr.arpa\tname = web.default.svc.cluster.local.

            """);
    }

    @Test
    void digShowsTheWholeAnswer() {
        // the id is random (from the world's seed): shown as N here
        assertThat(out("dig web.default.svc.cluster.local").replaceFirst("id: \\d+", "id: N")).isEqualTo(
            "\n"
            + "; <<>> DiG 9.18.28-1~deb12u2-Debian <<>> web.default.svc.cluster.local\n"
            + ";; global options: +cmd\n"
            + ";; Got answer:\n"
            + ";; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: N\n"
            + ";; flags: qr aa rd; QUERY: 1, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 1\n"
            + ";; WARNING: recursion requested but not available\n"
            + "\n"
            + ";; OPT PSEUDOSECTION:\n"
            + "; EDNS: version: 0, flags:; udp: 1232\n"
            + ";; QUESTION SECTION:\n"
            + ";web.default.svc.cluster.local.\tIN\tA\n"
            + "\n"
            + ";; ANSWER SECTION:\n"
            + "web.default.svc.cluster.local. 30 IN\tA\t10.0.0.2\n"
            + "\n"
            + ";; Query time: 4 msec\n" // ARP for 10.0.0.2 first (1 ms each way), then the query
            + ";; SERVER: 10.0.0.2#53(10.0.0.2) (UDP)\n"
            + ";; WHEN: Thu Jan 01 00:00:00 UTC 1970\n"
            + ";; MSG SIZE  rcvd: 74\n"
            + "\n");
    }

    @Test
    void digOfAMissingNameIsNxdomainWithTheZonesSoa() {
        String o = out("dig nosuch.default.svc.cluster.local");
        assertThat(o).contains(";; ->>HEADER<<- opcode: QUERY, status: NXDOMAIN, id: ")
            .contains(";; flags: qr aa rd; QUERY: 1, ANSWER: 0, AUTHORITY: 1, ADDITIONAL: 1\n")
            .contains(";nosuch.default.svc.cluster.local. IN\tA\n")
            .contains("\n;; AUTHORITY SECTION:\ncluster.local.\t\t30\tIN\tSOA\tns.dns.cluster.local. "
                + "hostmaster.cluster.local. 2 7200 1800 86400 30\n")
            .doesNotContain("ANSWER SECTION");
    }

    @Test
    void digShortSrvAndReverse() {
        assertThat(out("dig +short _https._tcp.kubernetes.default.svc.cluster.local SRV"))
            .isEqualTo("0 100 443 kubernetes.default.svc.cluster.local.\n");
        assertThat(out("dig -x 10.96.0.1 +short")).isEqualTo("kubernetes.default.svc.cluster.local.\n");
        assertThat(out("dig @10.0.0.2 dns-version.cluster.local TXT +short")).isEqualTo("\"1.1.0\"\n");
    }

    @Test
    void aBigAnswerIsTruncatedOverUdpAndDigAsksAgainOverTcp() {
        String o = out("dig db.default.svc.cluster.local +noedns");
        assertThat(o).startsWith(";; Truncated, retrying in TCP mode.\n\n; <<>> DiG")
            .contains(";; flags: qr aa rd; QUERY: 1, ANSWER: 40, AUTHORITY: 0, ADDITIONAL: 0\n")
            .contains("db.default.svc.cluster.local. 30 IN\tA\t10.244.1.40\n")
            .contains(";; SERVER: 10.0.0.2#53(10.0.0.2) (TCP)\n")
            .contains(";; MSG SIZE  rcvd: 686\n");
        assertThat(lab.server.truncated()).isEqualTo(1);
        assertThat(lab.server.log()).containsExactly("A IN db.default.svc.cluster.local. udp NOERROR",
            "A IN db.default.svc.cluster.local. tcp NOERROR");
        // with EDNS0's 1232 bytes the same answer fits in one datagram
        assertThat(out("dig db.default.svc.cluster.local")).doesNotContain("Truncated")
            .contains("(UDP)\n").contains(";; MSG SIZE  rcvd: 697\n");
    }

    @Test
    void digWithoutAServerSaysNoServersCouldBeReached() {
        lab.server.stop();
        Invocation i = lab.run("dig web.default.svc.cluster.local +tries=2");
        assertThat(i.stdout()).isEqualTo("""
            ;; communications error to 10.0.0.2#53: connection refused
            ;; communications error to 10.0.0.2#53: connection refused

            ; <<>> DiG 9.18.28-1~deb12u2-Debian <<>> web.default.svc.cluster.local +tries=2
            ;; global options: +cmd
            ;; no servers could be reached

            """);
        assertThat(i.exitCode()).isEqualTo(9);
    }

    @Test
    void nslookupTimesOutWhenTheServerIsSilent() {
        lab.server.stop();
        io.knetsim.net.ipv4.UdpSocket.open(lab.dns).bind(io.knetsim.addr.Ipv4Address.ANY, 53); // swallows queries
        long start = lab.world.sim().now();
        Invocation i = lab.run("nslookup web.default.svc.cluster.local.");
        assertThat(i.stdout()).isEqualTo(";; connection timed out; no servers could be reached\n\n");
        assertThat(i.exitCode()).isEqualTo(1);
        assertThat(lab.world.sim().now() - start).isEqualTo(io.knetsim.sim.SimTime.seconds(10));
    }

    @Test
    void nslookupShowsACnameThenTheAddress() {
        lab.upstream.add(new io.knetsim.packet.DnsMessage.Record("www.example.com",
            io.knetsim.packet.DnsMessage.TYPE_CNAME, 300, new io.knetsim.packet.DnsRdata.Name("example.com")));
        lab.upstream.add(new io.knetsim.packet.DnsMessage.Record("example.com", io.knetsim.packet.DnsMessage.TYPE_A,
            300, new io.knetsim.packet.DnsRdata.A(io.knetsim.addr.Ipv4Address.parse("192.0.2.10"))));
        assertThat(out("nslookup www.example.com.")).isEqualTo("""
            Server:\t\t10.0.0.2
            Address:\t10.0.0.2#53

            www.example.com\tcanonical name = example.com.
            Name:\texample.com
            Address: 192.0.2.10

            """);
        assertThat(out("dig +short www.example.com")).isEqualTo("example.com.\n192.0.2.10\n");
    }

    @Test
    void aServerWithoutTheNameInAnyZoneRefuses() {
        lab.server.stop();
        DnsServer clusterOnly = new DnsServer(lab.dns, java.util.List.of(lab.cluster)).start();
        String dig = out("dig example.com");
        assertThat(dig).contains(";; ->>HEADER<<- opcode: QUERY, status: REFUSED, id: ")
            .contains(";; flags: qr rd; QUERY: 1, ANSWER: 0, AUTHORITY: 0, ADDITIONAL: 1\n");
        Invocation ping = lab.run("ping -c 1 example.com");
        assertThat(ping.stderr()).isEqualTo("ping: example.com: Non-recoverable failure in name resolution\n");
        // the search list first (NXDOMAIN from cluster.local), then the name as typed, refused on both attempts
        assertThat(clusterOnly.log()).containsExactly("A IN example.com. udp REFUSED",
            "A IN example.com.default.svc.cluster.local. udp NXDOMAIN",
            "A IN example.com.svc.cluster.local. udp NXDOMAIN", "A IN example.com.cluster.local. udp NXDOMAIN",
            "A IN example.com. udp REFUSED", "A IN example.com. udp REFUSED");
    }

    @Test
    void tcpdumpShowsTheExchange() {
        Invocation tcpdump = lab.runner.start(lab.client, "tcpdump -n -i eth0 -c 2 udp port 53");
        out("dig +short web.default.svc.cluster.local");
        lab.runner.finish(tcpdump);
        // the port and the id come from the world's seed: the same on every run
        assertThat(tcpdump.stdout()).isEqualTo("""
            00:00:00.002000 IP 10.0.0.1.44786 > 10.0.0.2.53: 54019+ [1au] A? web.default.svc.cluster.local. (58)
            00:00:00.004000 IP 10.0.0.2.53 > 10.0.0.1.44786: 54019*- 1/0/1 A 10.0.0.2 (74)
            """);
    }
}
