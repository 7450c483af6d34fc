package io.knetsim.app.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.net.ipv4.UdpSocket;
import io.knetsim.sim.SimTime;
import io.knetsim.tool.Invocation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The stub resolver behind curl, wget, ping and nc: /etc/hosts first, then DNS with the
 * search list and ndots of /etc/resolv.conf, as glibc does.
 *
 * <pre>
 *   client (resolv.conf: search default.svc.cluster.local svc.cluster.local cluster.local,
 *           ndots:5, nameserver 10.0.0.2) ---1 ms--- dns 10.0.0.2 :53, web :80
 * </pre>
 */
class ResolverLabTest {
    private final DnsLab lab = new DnsLab();

    private StubResolver.Result resolve(String name) {
        List<StubResolver.Result> got = new ArrayList<>();
        new StubResolver(lab.client).resolve(name, got::add);
        lab.world.sim().runWhile(got::isEmpty);
        return got.get(0);
    }

    @Test
    void curlReachesAServiceByItsShortName() {
        Invocation c = lab.run("curl -s http://web/");
        assertThat(c.stdout()).isEqualTo("hello from web\n");
        assertThat(c.exitCode()).isZero();
        assertThat(lab.run("wget -qO- http://web.default/").stdout()).isEqualTo("hello from web\n");
        assertThat(lab.run("curl -s web.default.svc.cluster.local.").stdout()).isEqualTo("hello from web\n");
        Invocation nc = lab.run("nc -z -v web 80");
        assertThat(nc.stderr()).isEqualTo("Connection to web 80 port [tcp/http] succeeded!\n");
        assertThat(nc.exitCode()).isZero();
    }

    @Test
    void namesWithFewerDotsThanNdotsTryTheSearchDomainsFirst() {
        assertThat(resolve("web.default").addresses()).containsExactly(Ipv4Address.parse("10.0.0.2"));
        // one dot < 5: web.default + default.svc.cluster.local first, then svc.cluster.local
        assertThat(lab.server.log()).containsExactly(
            "A IN web.default.default.svc.cluster.local. udp NXDOMAIN",
            "A IN web.default.svc.cluster.local. udp NOERROR");
    }

    @Test
    void namesWithEnoughDotsOrAFinalDotAreTriedAsTheyAreFirst() {
        lab.client.files().write("/etc/resolv.conf", "search default.svc.cluster.local\nnameserver 10.0.0.2\n"
            + "options ndots:2\n");
        StubResolver.Result r = resolve("kubernetes.default.svc");
        assertThat(r.error()).isEqualTo(StubResolver.Error.NONAME); // svc. is not a zone: the root says no
        assertThat(lab.server.log()).containsExactly(
            "A IN kubernetes.default.svc. udp NXDOMAIN",
            "A IN kubernetes.default.svc.default.svc.cluster.local. udp NXDOMAIN");
        assertThat(resolve("web.default.svc.cluster.local.").ok()).isTrue();
        assertThat(lab.server.log()).hasSize(3).last().isEqualTo("A IN web.default.svc.cluster.local. udp NOERROR");
    }

    @Test
    void anUnknownNameIsNameOrServiceNotKnownForEveryTool() {
        Invocation ping = lab.run("ping -c 1 nosuch");
        assertThat(ping.stderr()).isEqualTo("ping: nosuch: Name or service not known\n");
        assertThat(ping.exitCode()).isEqualTo(2);
        Invocation curl = lab.run("curl http://nosuch/");
        assertThat(curl.stderr()).isEqualTo("curl: (6) Could not resolve host: nosuch\n");
        assertThat(curl.exitCode()).isEqualTo(6);
        assertThat(lab.run("nc -z nosuch 80").stderr())
            .isEqualTo("nc: getaddrinfo for host \"nosuch\" port 80: Name or service not known\n");
        assertThat(lab.run("wget -qO- http://nosuch/").exitCode()).isEqualTo(4);
        assertThat(lab.server.log()).hasSize(16); // 4 names each
    }

    @Test
    void aNameWithoutAnARecordHasNoAddress() {
        // dns-version.cluster.local has only TXT: NOERROR without an answer, for every name tried
        assertThat(lab.run("ping -c 1 dns-version.cluster.local").stderr())
            .isEqualTo("ping: dns-version.cluster.local: No address associated with hostname\n");
    }

    @Test
    void pingNamesTheReplierByItsPtrRecord() {
        Invocation ping = lab.run("ping -c 1 web");
        assertThat(ping.stdout()).startsWith("PING web (10.0.0.2) 56(84) bytes of data.\n"
            + "64 bytes from web.default.svc.cluster.local (10.0.0.2): icmp_seq=1 ttl=64 time=2.00 ms\n");
        assertThat(lab.run("ping -n -c 1 web").stdout()).contains("64 bytes from 10.0.0.2: icmp_seq=1");
    }

    @Test
    void etcHostsComesBeforeDns() {
        lab.client.files().write("/etc/hosts", "127.0.0.1\tlocalhost\n# lab\n10.0.0.2\tweb.lab shop\n");
        Invocation c = lab.run("curl -sv http://shop/");
        assertThat(c.stdout()).isEqualTo("hello from web\n");
        assertThat(c.stderr()).startsWith("*   Trying 10.0.0.2:80...\n* Connected to shop (10.0.0.2) port 80\n");
        assertThat(lab.server.log()).isEmpty();
        StubResolver.Result r = resolve("SHOP");
        assertThat(r.canonicalName()).isEqualTo("web.lab");
        assertThat(lab.run("ping -c 1 shop").stdout()).contains("64 bytes from web.lab (10.0.0.2)");
    }

    @Test
    void curlThroughHostsAloneNeedsNoDnsServer() {
        lab.server.stop();
        lab.client.files().delete("/etc/resolv.conf");
        lab.client.files().write("/etc/hosts", "10.0.0.2 web\n");
        assertThat(lab.run("curl -s web").stdout()).isEqualTo("hello from web\n");
        // without resolv.conf glibc asks 127.0.0.1, where nothing listens
        assertThat(lab.run("curl -s http://other/").exitCode()).isEqualTo(6);
        assertThat(lab.run("ping -c 1 other").stderr()).isEqualTo("ping: other: Temporary failure in name resolution\n");
    }

    @Test
    void aSilentServerTimesOutOnTheSimulatedClock() {
        lab.server.stop();
        UdpSocket.open(lab.dns).bind(Ipv4Address.ANY, 53); // swallows every query
        long start = lab.world.sim().now();
        Invocation ping = lab.run("ping -c 1 web");
        assertThat(ping.stderr()).isEqualTo("ping: web: Temporary failure in name resolution\n");
        // web.default.svc.cluster.local: 5 s, then 10 s (timeout << attempt); the timeout ends the
        // search list; "web" as it is: 5 s + 10 s again
        assertThat(lab.world.sim().now() - start).isEqualTo(SimTime.seconds(30));
        Invocation curl = lab.run("curl -m 3 http://web/");
        assertThat(curl.stderr()).isEqualTo("curl: (28) Resolving timed out after 3000 milliseconds\n");
        assertThat(curl.exitCode()).isEqualTo(28);
    }

    @Test
    void timeoutAndAttemptsComeFromResolvConf() {
        lab.server.stop();
        UdpSocket.open(lab.dns).bind(Ipv4Address.ANY, 53);
        lab.client.files().write("/etc/resolv.conf", "nameserver 10.0.0.2\noptions timeout:1 attempts:1\n");
        long start = lab.world.sim().now();
        assertThat(resolve("web.lab").error()).isEqualTo(StubResolver.Error.AGAIN);
        assertThat(lab.world.sim().now() - start).isEqualTo(SimTime.seconds(1));
    }

    @Test
    void theResolverFallsBackToTcpForATruncatedAnswer() {
        StubResolver.Result r = resolve("db");
        assertThat(r.addresses()).hasSize(40).startsWith(Ipv4Address.parse("10.244.1.1"));
        assertThat(lab.server.truncated()).isEqualTo(1);
        assertThat(lab.server.log()).containsExactly("A IN db.default.svc.cluster.local. udp NOERROR",
            "A IN db.default.svc.cluster.local. tcp NOERROR");
    }

    @Test
    void malformedDatagramsAreDroppedWithAReason() {
        lab.run("nc -u 10.0.0.2 53 --send hi");
        lab.run("nc -u 10.0.0.2 53 --send 0123456789ab");
        lab.world.sim().runFor(SimTime.seconds(1));
        assertThat(lab.server.dropped()).containsOnly(
            java.util.Map.entry("message of 3 bytes is shorter than the 12-byte header", 1L),
            java.util.Map.entry("FORMERR: question 1: label at 12 runs past the end of the message", 1L));
        // the server still answers
        assertThat(lab.run("curl -s web").stdout()).isEqualTo("hello from web\n");
    }
}
