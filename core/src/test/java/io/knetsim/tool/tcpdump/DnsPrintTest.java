package io.knetsim.tool.tcpdump;

import static io.knetsim.tool.tcpdump.Frames.frame;
import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.packet.TcpHeader;
import io.knetsim.packet.UdpHeader;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * DNS as tcpdump prints it, for the lookups pods make through the cluster DNS service.
 *
 * <pre>
 *   pod 10.244.1.5.41000  --- A? kubernetes.default.svc.cluster.local. --->  10.96.0.10.53
 *                         <-- A 10.96.0.1 (or NXDomain) ------------------
 * </pre>
 */
class DnsPrintTest {
    private static final String NAME = "kubernetes.default.svc.cluster.local";

    /** A DNS message: header, one question, then raw resource records. */
    private static byte[] message(int id, int flags, int an, int ns, int ar, String qname, int qtype, byte[]... rrs) {
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        int[] hdr = {id, flags, 1, an, ns, ar};
        for (int h : hdr) {
            m.write(h >>> 8);
            m.write(h);
        }
        m.writeBytes(name(qname));
        m.write(qtype >>> 8);
        m.write(qtype);
        m.write(0);
        m.write(1);
        for (byte[] rr : rrs) {
            m.writeBytes(rr);
        }
        return m.toByteArray();
    }

    private static byte[] name(String n) {
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        for (String l : n.split("\\.")) {
            m.write(l.length());
            m.writeBytes(l.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        m.write(0);
        return m.toByteArray();
    }

    /** A record whose owner is a pointer to the question name (offset 12). */
    private static byte[] rr(int type, byte[] rdata) {
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        m.writeBytes(new byte[] {(byte) 0xc0, 12, (byte) (type >>> 8), (byte) type, 0, 1, 0, 0, 0, 30,
            (byte) (rdata.length >>> 8), (byte) rdata.length});
        m.writeBytes(rdata);
        return m.toByteArray();
    }

    private static byte[] udp(String src, int sport, String dst, int dport, byte[] dns) {
        byte[] u = new byte[8 + dns.length];
        UdpHeader.write(u, 0, sport, dport, u.length);
        System.arraycopy(dns, 0, u, 8, dns.length);
        UdpHeader.fillChecksum(u, 0, u.length, Frames.ip(src), Frames.ip(dst));
        return Frames.ipv4(src, dst, 17, u, 64, 0, 7);
    }

    private static String print(String opts, byte[] frame) {
        return new PacketPrinter(TcpdumpOptions.parse(List.of(opts.split(" "))), i -> null).print(frame(frame));
    }

    private static final byte[] QUERY = message(36185, 0x0100, 0, 0, 0, NAME, 1);
    private static final byte[] ANSWER = message(36185, 0x8500, 1, 0, 0, NAME, 1,
        rr(1, new byte[] {10, 96, 0, 1}));

    @Test
    void queryAndAnswer() {
        assertThat(QUERY).hasSize(54);
        assertThat(print("-n -t", udp("10.244.1.5", 41000, "10.96.0.10", 53, QUERY)))
            .isEqualTo("IP 10.244.1.5.41000 > 10.96.0.10.53: 36185+ A? kubernetes.default.svc.cluster.local. (54)");
        assertThat(print("-n -t", udp("10.96.0.10", 53, "10.244.1.5", 41000, ANSWER)))
            .isEqualTo("IP 10.96.0.10.53 > 10.244.1.5.41000: 36185*- 1/0/0 A 10.96.0.1 (70)");
        assertThat(print("-t", udp("10.96.0.10", 53, "10.244.1.5", 41000, ANSWER)))
            .startsWith("IP 10.96.0.10.domain > 10.244.1.5.41000: 36185*-");
    }

    @Test
    void nxdomainAndRecursionAvailable() {
        byte[] soa = new byte[2 + 2 + 20];
        soa[0] = (byte) 0xc0;
        soa[1] = 12;
        soa[2] = (byte) 0xc0;
        soa[3] = 12;
        byte[] nx = message(52711, 0x8583, 0, 1, 0, "nope.default.svc.cluster.local", 1, rr(6, soa));
        assertThat(print("-n -t", udp("10.96.0.10", 53, "10.244.1.5", 41000, nx)))
            .isEqualTo("IP 10.96.0.10.53 > 10.244.1.5.41000: 52711 NXDomain* 0/1/0 (" + nx.length + ")");
    }

    @Test
    void verboseLevelsAddNamesQuestionsAndSections() {
        byte[] cname = message(7, 0x8180, 2, 0, 0, "www.example.com", 1,
            rr(5, name("web.example.com")), rr(1, new byte[] {93, (byte) 184, (byte) 216, 34}));
        assertThat(print("-n -t", udp("10.96.0.10", 53, "10.244.1.5", 41000, cname)))
            .endsWith(": 7 2/0/0 CNAME web.example.com., A 93.184.216.34 (" + cname.length + ")");
        assertThat(print("-n -t -v", udp("10.96.0.10", 53, "10.244.1.5", 41000, ANSWER)))
            .endsWith(": 36185*- 1/0/0 kubernetes.default.svc.cluster.local. A 10.96.0.1 (70)");
        assertThat(print("-n -t -vv", udp("10.96.0.10", 53, "10.244.1.5", 41000, ANSWER)))
            .endsWith(": [udp sum ok] 36185*- q: A? kubernetes.default.svc.cluster.local. 1/0/0 "
                + "kubernetes.default.svc.cluster.local. A 10.96.0.1 (70)");
    }

    @Test
    void aaaaSrvAndEdns() {
        byte[] v6 = new byte[16];
        v6[0] = 0x20;
        v6[1] = 0x01;
        v6[2] = 0x0d;
        v6[3] = (byte) 0xb8;
        v6[15] = 1;
        byte[] aaaa = message(9, 0x8180, 1, 0, 0, "h.example", 28, rr(28, v6));
        assertThat(print("-n -t", udp("10.96.0.10", 53, "10.244.1.5", 41000, aaaa))).contains("1/0/0 AAAA 2001:db8::1 (");
        byte[] srvData = new byte[6 + 17];
        srvData[1] = 0; // priority 0
        srvData[3] = 100; // weight 100
        srvData[4] = (byte) (8000 >>> 8);
        srvData[5] = (byte) 8000;
        System.arraycopy(name("svc1.default.svc"), 0, srvData, 6, 18 - 1);
        byte[] srv = message(10, 0x8500, 1, 0, 0, "_http._tcp.svc1", 33, rr(33, java.util.Arrays.copyOf(srvData, 6 + 18)));
        assertThat(print("-n -t", udp("10.96.0.10", 53, "10.244.1.5", 41000, srv)))
            .contains("1/0/0 SRV svc1.default.svc.:8000 0 100 (");
        byte[] opt = {0, 0, 41, 0x04, (byte) 0xd0, 0, 0, 0, 0, 0, 0};
        byte[] edns = message(12345, 0x0120, 0, 0, 1, "example.com", 1, opt);
        assertThat(print("-n -t", udp("10.244.1.5", 41000, "10.96.0.10", 53, edns)))
            .endsWith(": 12345+ [1au] A? example.com. (" + edns.length + ")");
        assertThat(print("-n -t -vv", udp("10.244.1.5", 41000, "10.96.0.10", 53, edns)))
            .endsWith(" ar: . OPT UDPsize=1232 (" + edns.length + ")");
    }

    @Test
    void overTcpTheLengthPrefixIsSkipped() {
        byte[] payload = new byte[2 + QUERY.length];
        payload[1] = (byte) QUERY.length;
        System.arraycopy(QUERY, 0, payload, 2, QUERY.length);
        byte[] f = Frames.tcp("10.244.1.5", 41000, "10.96.0.10", 53, 100, 200, TcpHeader.PSH | TcpHeader.ACK, 502,
            TcpHeader.Options.NONE, payload);
        assertThat(print("-n -t -S", f)).isEqualTo("IP 10.244.1.5.41000 > 10.96.0.10.53: Flags [P.], seq 100:156, ack 200, "
            + "win 502, length 56 36185+ A? kubernetes.default.svc.cluster.local. (54)");
    }

    @Test
    void brokenMessagesAreCutShort() {
        byte[] bad = java.util.Arrays.copyOf(ANSWER, 60);
        assertThat(print("-n -t", udp("10.96.0.10", 53, "10.244.1.5", 41000, bad))).endsWith("1/0/0 [|domain]");
        byte[] loop = ANSWER.clone();
        loop[54] = (byte) 0xc0;
        loop[55] = 60; // a pointer forward: refused
        assertThat(print("-n -t -v", udp("10.96.0.10", 53, "10.244.1.5", 41000, loop))).endsWith("<BAD PTR> [|domain]");
    }
}
