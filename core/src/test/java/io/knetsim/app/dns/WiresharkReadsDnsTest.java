package io.knetsim.app.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.pcap.Capture;
import io.knetsim.pcap.Tshark;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * tshark as the oracle for our DNS bytes: a capture of the client's eth0 while it looks names
 * up over UDP, gets a truncated answer and asks again over TCP, and gets NXDOMAIN.
 *
 * <pre>
 *   client eth0 [capture] ---1 ms--- dns :53
 * </pre>
 */
class WiresharkReadsDnsTest {
    @Test
    void tsharkDecodesQueriesAnswersTruncationAndTcp(@TempDir Path dir) throws Exception {
        Tshark tshark = Tshark.require("DNS capture check");
        DnsLab lab = new DnsLab();
        Path file = dir.resolve("client-eth0.pcap");
        Capture c = Capture.on(lab.client.device("eth0")).toFile(file);
        lab.run("dig +short web.default.svc.cluster.local");
        lab.run("dig +short db.default.svc.cluster.local +noedns");
        lab.run("dig +short nosuch.default.svc.cluster.local SRV");
        lab.run("dig +short _pg._tcp.db.default.svc.cluster.local SRV");
        c.stop();

        List<List<String>> rows = tshark.fields(file, List.of("-Y", "dns"), "frame.protocols", "dns.flags.response",
            "dns.qry.name", "dns.qry.type", "dns.flags.rcode", "dns.flags.truncated", "dns.count.answers", "dns.a",
            "_ws.malformed", "_ws.expert.severity");
        assertThat(rows).extracting(r -> r.get(1) + " " + r.get(2) + " " + r.get(3) + " rcode=" + r.get(4) + " tc="
            + r.get(5) + " an=" + r.get(6) + " " + (r.get(7).length() > 30 ? r.get(7).substring(0, 30) : r.get(7))
            + " " + r.get(8) + r.get(9)).containsExactly(
            "0 web.default.svc.cluster.local 1 rcode= tc=0 an=0  ",
            "1 web.default.svc.cluster.local 1 rcode=0 tc=0 an=1 10.0.0.2 ",
            "0 db.default.svc.cluster.local 1 rcode= tc=0 an=0  ",
            "1 db.default.svc.cluster.local 1 rcode=0 tc=1 an=29 10.244.1.1,10.244.1.2,10.244.1 ",  // 512 bytes
            "0 db.default.svc.cluster.local 1 rcode= tc=0 an=0  ",                                   // over TCP
            "1 db.default.svc.cluster.local 1 rcode=0 tc=0 an=40 10.244.1.1,10.244.1.2,10.244.1 ",
            "0 nosuch.default.svc.cluster.local 33 rcode= tc=0 an=0  ",
            "1 nosuch.default.svc.cluster.local 33 rcode=3 tc=0 an=0  ",
            "0 _pg._tcp.db.default.svc.cluster.local 33 rcode= tc=0 an=0  ",
            "1 _pg._tcp.db.default.svc.cluster.local 33 rcode=0 tc=1 an=19  ",                      // 1232 bytes
            "0 _pg._tcp.db.default.svc.cluster.local 33 rcode= tc=0 an=0  ",
            "1 _pg._tcp.db.default.svc.cluster.local 33 rcode=0 tc=0 an=40 10.244.1.1,10.244.1.2,10.244.1 ");
        assertThat(rows.get(4).get(0)).endsWith("tcp:dns");
    }
}
