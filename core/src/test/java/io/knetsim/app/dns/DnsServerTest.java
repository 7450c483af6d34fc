package io.knetsim.app.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.net.World;
import io.knetsim.packet.DnsMessage;
import io.knetsim.packet.DnsMessage.Question;
import io.knetsim.packet.DnsMessage.Record;
import io.knetsim.packet.DnsMessage.Repr;
import io.knetsim.packet.DnsRdata;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The server's answers to single messages, fed in without a network (a harness, as in smoltcp). */
class DnsServerTest {
    private final InMemoryZone zone = new InMemoryZone("lab.test", 60);
    private final DnsServer server = new DnsServer(new World(1).createNamespace("dns"), List.of(zone));

    DnsServerTest() {
        zone.add(new Record("www.lab.test", DnsMessage.TYPE_A, 60, new DnsRdata.A(Ipv4Address.parse("10.0.0.1"))));
        zone.add(new Record("alias.lab.test", DnsMessage.TYPE_CNAME, 60, new DnsRdata.Name("www.lab.test")));
        zone.add(new Record("loop1.lab.test", DnsMessage.TYPE_CNAME, 60, new DnsRdata.Name("loop2.lab.test")));
        zone.add(new Record("loop2.lab.test", DnsMessage.TYPE_CNAME, 60, new DnsRdata.Name("loop1.lab.test")));
        for (int i = 0; i < 40; i++) {
            zone.add(new Record("many.lab.test", DnsMessage.TYPE_A, 60, new DnsRdata.A(Ipv4Address.parse("10.1.0." + i))));
        }
    }

    private Repr ask(Repr q, boolean udp) throws Exception {
        byte[] b = server.respond(q.emit(), udp);
        return Repr.parse(b, 0, b.length);
    }

    private Repr ask(String name, int type) throws Exception {
        return ask(Repr.query(42, name, type), true);
    }

    @Test
    void answersAreAuthoritativeAndFollowCnamesInTheZone() throws Exception {
        Repr r = ask("alias.lab.test", DnsMessage.TYPE_A);
        assertThat(r.id()).isEqualTo(42);
        assertThat(r.flags()).isEqualTo(DnsMessage.QR | DnsMessage.AA | DnsMessage.RD);
        assertThat(r.answers()).extracting(x -> x.name() + " " + x.data().text())
            .containsExactly("alias.lab.test www.lab.test.", "www.lab.test 10.0.0.1");
    }

    @Test
    void namesOutsideEveryZoneAreRefused() throws Exception {
        Repr r = ask("example.com", DnsMessage.TYPE_A);
        assertThat(r.rcode()).isEqualTo(DnsMessage.REFUSED);
        assertThat(r.has(DnsMessage.AA)).isFalse();
    }

    @Test
    void aCnameLoopIsServfail() throws Exception {
        assertThat(ask("loop1.lab.test", DnsMessage.TYPE_A).rcode()).isEqualTo(DnsMessage.SERVFAIL);
    }

    @Test
    void otherOpcodesAreNotImplemented() throws Exception {
        Repr notify = new Repr(7, 4 << 11, List.of(new Question("lab.test", DnsMessage.TYPE_SOA)), List.of(), List.of(),
            List.of());
        Repr r = ask(notify, true);
        assertThat(r.rcode()).isEqualTo(DnsMessage.NOTIMP);
        assertThat(r.opcode()).isEqualTo(4);
    }

    @Test
    void twoQuestionsAreAFormatError() throws Exception {
        Repr two = new Repr(7, 0, List.of(new Question("a.lab.test", 1), new Question("b.lab.test", 1)), List.of(),
            List.of(), List.of());
        assertThat(ask(two, true).rcode()).isEqualTo(DnsMessage.FORMERR);
        assertThat(server.dropped()).containsEntry("FORMERR: 2 questions, expected 1", 1L);
    }

    @Test
    void udpAnswersOver512BytesAreTruncatedUnlessEdnsAllowsMore() throws Exception {
        Repr r = ask("many.lab.test", DnsMessage.TYPE_A);
        assertThat(r.has(DnsMessage.TC)).isTrue();
        assertThat(r.emit().length).isLessThanOrEqualTo(512);
        assertThat(r.answers()).hasSize(30); // 12 + 19 + 30 * 16 = 511 bytes
        Repr tcp = ask(Repr.query(42, "many.lab.test", DnsMessage.TYPE_A), false);
        assertThat(tcp.has(DnsMessage.TC)).isFalse();
        assertThat(tcp.answers()).hasSize(40);
        List<Record> opt = new ArrayList<>(List.of(Record.opt(1232)));
        Repr edns = ask(new Repr(42, DnsMessage.RD, List.of(new Question("many.lab.test", 1)), List.of(), List.of(),
            opt), true);
        assertThat(edns.has(DnsMessage.TC)).isFalse();
        assertThat(edns.answers()).hasSize(40);
        assertThat(edns.opt().cls()).isEqualTo(DnsServer.EDNS_UDP_SIZE);
        assertThat(server.truncated()).isEqualTo(1);
    }

    @Test
    void responsesAndRuntsAreDropped() {
        byte[] response = Repr.query(1, "www.lab.test", 1).withFlags(DnsMessage.QR).emit();
        assertThat(server.respond(response, true)).isNull();
        assertThat(server.respond(new byte[5], true)).isNull();
        assertThat(server.dropped()).containsOnly(java.util.Map.entry("not a query: QR is set", 1L),
            java.util.Map.entry("message of 5 bytes is shorter than the 12-byte header", 1L));
    }
}
