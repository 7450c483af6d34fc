package io.knetsim.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.packet.DnsMessage.Question;
import io.knetsim.packet.DnsMessage.Record;
import io.knetsim.packet.DnsMessage.Repr;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pcap4j.packet.DnsPacket;
import org.pcap4j.packet.DnsRDataA;

/**
 * DNS messages against bytes written out by hand from RFC 1035 4.1, and against pcap4j's
 * decoder.
 *
 * <pre>
 *   query  : 1234 0100 0001 0000 0000 0000 | 03 www 07 example 03 com 00 | 0001 0001
 *   answer : ... | C0 0C 0001 0001 0000001E 0004 0A000001     (name = pointer to offset 12)
 * </pre>
 */
class DnsMessageTest {
    private static final HexFormat HEX = HexFormat.of();

    private static byte[] hex(String s) {
        return HEX.parseHex(s.replace(" ", ""));
    }

    private static final String QUERY = "1234 0100 0001 0000 0000 0000"
        + " 03777777 076578616d706c65 03636f6d 00 0001 0001";

    @Test
    void aQueryIsTheBytesOfRfc1035() {
        byte[] b = Repr.query(0x1234, "www.example.com", DnsMessage.TYPE_A).emit();
        assertThat(HEX.formatHex(b)).isEqualTo(HEX.formatHex(hex(QUERY)));
        assertThat(DnsMessage.id(b, 0)).isEqualTo(0x1234);
        assertThat(DnsMessage.qdCount(b, 0)).isEqualTo(1);
        assertThat(DnsMessage.isResponse(b, 0)).isFalse();
    }

    @Test
    void answerNamesPointBackToTheQuestion() throws Exception {
        Repr r = new Repr(0x1234, DnsMessage.QR | DnsMessage.AA | DnsMessage.RD,
            List.of(new Question("www.example.com", DnsMessage.TYPE_A)),
            List.of(new Record("www.example.com", DnsMessage.TYPE_A, 30, new DnsRdata.A(Ipv4Address.parse("10.0.0.1")))),
            List.of(), List.of());
        byte[] b = r.emit();
        assertThat(HEX.formatHex(b)).isEqualTo(HEX.formatHex(hex("1234 8500 0001 0001 0000 0000"
            + " 03777777 076578616d706c65 03636f6d 00 0001 0001"
            + " c00c 0001 0001 0000001e 0004 0a000001")));
        assertThat(Repr.parse(b, 0, b.length)).isEqualTo(r);

        DnsPacket p = pcap4j(b);
        assertThat(p.getHeader().getId()).isEqualTo((short) 0x1234);
        assertThat(p.getHeader().isResponse()).isTrue();
        assertThat(p.getHeader().isAuthoritativeAnswer()).isTrue();
        assertThat(p.getHeader().getQuestions().get(0).getQName().getName()).isEqualTo("www.example.com");
        var answer = p.getHeader().getAnswers().get(0);
        assertThat(answer.getName().getPointerAsInt()).isEqualTo(12);
        assertThat(answer.getTtlAsLong()).isEqualTo(30);
        assertThat(((DnsRDataA) answer.getRData()).getAddress().getHostAddress()).isEqualTo("10.0.0.1");
    }

    private static DnsPacket pcap4j(byte[] b) {
        try {
            return DnsPacket.newPacket(b, 0, b.length);
        } catch (org.pcap4j.packet.IllegalRawDataException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void everyRecordTypeSurvivesEmitAndParse() throws Exception {
        byte[] v6 = hex("fd000000000000000000000000000001");
        List<Record> answers = List.of(
            new Record("a.test", DnsMessage.TYPE_A, 5, new DnsRdata.A(Ipv4Address.parse("192.0.2.1"))),
            new Record("a.test", DnsMessage.TYPE_AAAA, 5, new DnsRdata.Aaaa(v6)),
            new Record("c.test", DnsMessage.TYPE_CNAME, 5, new DnsRdata.Name("a.test")),
            new Record("1.2.0.192.in-addr.arpa", DnsMessage.TYPE_PTR, 5, new DnsRdata.Name("a.test")),
            new Record("_http._tcp.a.test", DnsMessage.TYPE_SRV, 5, new DnsRdata.Srv(0, 100, 80, "a.test")),
            new Record("test", DnsMessage.TYPE_NS, 5, new DnsRdata.Name("ns.test")),
            new Record("test", DnsMessage.TYPE_TXT, 5, new DnsRdata.Txt(List.of("1.1.0", "two words"))),
            new Record("test", 99, 5, new DnsRdata.Unknown(new byte[] {1, 2, 3})));
        Repr r = new Repr(7, DnsMessage.QR, List.of(new Question("a.test", DnsMessage.TYPE_ANY)), answers,
            List.of(new Record("test", DnsMessage.TYPE_SOA, 30, new DnsRdata.Soa("ns.dns.test", "hostmaster.test",
                1, 7200, 1800, 86400, 30))),
            List.of(Record.opt(1232)));
        byte[] b = r.emit();
        assertThat(Repr.parse(b, 0, b.length)).isEqualTo(r);
        assertThat(answers.stream().map(x -> x.data().text()).toList()).containsExactly("192.0.2.1", "fd00::1",
            "a.test.", "a.test.", "0 100 80 a.test.", "ns.test.", "\"1.1.0\" \"two words\"", "\\# 3 010203");
        assertThat(r.authority().get(0).data().text())
            .isEqualTo("ns.dns.test. hostmaster.test. 1 7200 1800 86400 30");
        assertThat(Repr.parse(b, 0, b.length).opt().cls()).isEqualTo(1232);
        assertThat(pcap4j(b).getHeader().getAnCountAsInt()).isEqualTo(8);
    }

    @Test
    void compressionShortensRepeatedSuffixesButNotSrvTargets() {
        Repr r = new Repr(1, DnsMessage.QR, List.of(new Question("_p._tcp.db.ns.svc.cluster.local", DnsMessage.TYPE_SRV)),
            List.of(new Record("_p._tcp.db.ns.svc.cluster.local", DnsMessage.TYPE_SRV, 30,
                new DnsRdata.Srv(0, 100, 5432, "db.ns.svc.cluster.local"))), List.of(), List.of());
        byte[] b = r.emit();
        // header 12 + question 33 + 4; answer: pointer 2 + 10 + SRV 6 + uncompressed target 25
        assertThat(b.length).isEqualTo(12 + 33 + 4 + 2 + 10 + 6 + 25);
    }

    @Test
    void namesAreEscapedAndCompareWithoutCase() throws Exception {
        byte[] b = hex("0001 0000 0001 0000 0000 0000 03612e62 0358595a 00 0001 0001");
        Repr r = Repr.parse(b, 0, b.length);
        assertThat(r.questions().get(0).name()).isEqualTo("a\\.b.XYZ");
        assertThat(DnsName.key("WEB.Default.")).isEqualTo("web.default");
        assertThat(DnsName.labels("a\\.b.xyz")).hasSize(2);
        assertThatThrownBy(() -> DnsName.labels("a..b")).hasMessage("empty label in name: a..b");
        assertThatThrownBy(() -> DnsName.labels("x".repeat(64) + ".test"))
            .hasMessageStartingWith("label longer than 63 bytes");
    }

    @Test
    void malformedMessagesAreRejectedWithAReason() {
        assertThat(reason("1234 0100 0001")).isEqualTo("message of 6 bytes is shorter than the 12-byte header");
        assertThat(reason("1234 0100 0001 0000 0000 0000 03777777"))
            .isEqualTo("question 1: name at 16 runs past the end of the message");
        assertThat(reason("1234 0100 0001 0000 0000 0000 05616263"))
            .isEqualTo("question 1: label at 12 runs past the end of the message");
        assertThat(reason("1234 0100 0001 0000 0000 0000 c00c 0001 0001"))
            .isEqualTo("question 1: compression pointer at 12 does not point back");
        assertThat(reason("1234 0100 0001 0000 0000 0000 c020 0001 0001"))
            .isEqualTo("question 1: compression pointer at 12 does not point back");
        assertThat(reason("1234 0100 0001 0000 0000 0000 4161 00 0001 0001"))
            .isEqualTo("question 1: unknown label type 0x40 at 12");
        assertThat(reason(QUERY.replace("0001 0001", "0001"))).isEqualTo("question 1: type and class cut short");
        assertThat(reason("1234 8100 0000 0001 0000 0000 00 0001 0001 00000000 0005 0a00000100"))
            .isEqualTo("answer 1: A data of 5 bytes, expected 4");
        assertThat(reason("1234 8100 0000 0001 0000 0000 00 0001 0001 00000000 0009 0a000001"))
            .isEqualTo("answer 1: data length 9 runs past the end of the message");
        assertThat(reason("1234 8100 0000 0002 0000 0000 00 0001 0001 00000000 0004 0a000001"))
            .isEqualTo("answer 2: name at 27 runs past the end of the message");
        assertThat(reason("1234 8100 0000 0001 0000 0000 00 0005 0001 00000000 0004 01610000"))
            .isEqualTo("answer 1: CNAME data: 1 bytes left after the name");
    }

    @Test
    void pointerLoopsCannotHang() {
        // a pointer to itself and two pointers to each other are both "not back"
        assertThat(reason("1234 0100 0001 0000 0000 0000 0161 c00c 0001 0001"))
            .isEqualTo("question 1: compression pointer at 14 does not point back");
        assertThat(reason("1234 8100 0000 0001 0000 0000 c00e c00c 0001 0001 00000000 0000"))
            .isEqualTo("answer 1: compression pointer at 12 does not point back");
    }

    @Test
    void longNamesAreRefused() {
        StringBuilder sb = new StringBuilder("1234 0100 0001 0000 0000 0000");
        for (int i = 0; i < 5; i++) {
            sb.append(" 3f").append("61".repeat(63));
        }
        sb.append(" 00 0001 0001");
        assertThat(reason(sb.toString())).isEqualTo("question 1: name longer than 255 bytes at 204");
    }

    private static String reason(String hexBytes) {
        byte[] b = hex(hexBytes);
        try {
            Repr.parse(b, 0, b.length);
            return "parsed";
        } catch (DnsFormatException e) {
            return e.getMessage();
        }
    }
}
