package io.knetsim.tool.tcpdump;

import static io.knetsim.tool.tcpdump.Frames.frame;
import static io.knetsim.tool.tcpdump.Frames.tcp;
import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.packet.TcpHeader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * TCP as tcpdump prints it, from hand-made segments of an HTTP exchange (the simulator's TCP
 * stack is not needed to check the printer).
 *
 * <pre>
 *   client 10.0.0.1.40000                          server 10.0.0.2.80
 *        SYN seq 1000  ------------------------------>
 *        <------------------------------  SYN-ACK seq 5000 ack 1001
 *        ACK, then "GET / HTTP/1.1"  ----------------->
 *        <------------------------------  ACK, "HTTP/1.1 200 OK"
 *        FIN  ---------------------------------------->   RST (no ACK)
 * </pre>
 */
class TcpPrintTest {
    private static final int C = 40000;
    private static final int S = 80;
    private static final byte[] GET = ("GET / HTTP/1.1\r\nHost: 10.0.0.2\r\nUser-Agent: curl/7.88.1\r\nAccept: */*\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OK = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nS1-W2".getBytes(StandardCharsets.US_ASCII);

    private static TcpHeader.Options syn(long tsVal, long tsEcr) {
        return new TcpHeader.Options(1460, 7, true, tsVal, tsEcr, true, List.of());
    }

    private static TcpHeader.Options ts(long tsVal, long tsEcr) {
        return new TcpHeader.Options(-1, -1, false, tsVal, tsEcr, true, List.of());
    }

    private static List<byte[]> exchange() {
        List<byte[]> f = new ArrayList<>();
        f.add(tcp("10.0.0.1", C, "10.0.0.2", S, 1000, 0, TcpHeader.SYN, 64240, syn(1, 0), new byte[0]));
        f.add(tcp("10.0.0.2", S, "10.0.0.1", C, 5000, 1001, TcpHeader.SYN | TcpHeader.ACK, 65160, syn(2, 1), new byte[0]));
        f.add(tcp("10.0.0.1", C, "10.0.0.2", S, 1001, 5001, TcpHeader.ACK, 502, ts(3, 2), new byte[0]));
        f.add(tcp("10.0.0.1", C, "10.0.0.2", S, 1001, 5001, TcpHeader.PSH | TcpHeader.ACK, 502, ts(4, 2), GET));
        f.add(tcp("10.0.0.2", S, "10.0.0.1", C, 5001, 1001 + GET.length, TcpHeader.ACK, 509, ts(5, 4), new byte[0]));
        f.add(tcp("10.0.0.2", S, "10.0.0.1", C, 5001, 1001 + GET.length, TcpHeader.PSH | TcpHeader.ACK, 509, ts(6, 4), OK));
        f.add(tcp("10.0.0.1", C, "10.0.0.2", S, 1001 + GET.length, 5001 + OK.length, TcpHeader.FIN | TcpHeader.ACK,
            502, ts(7, 6), new byte[0]));
        f.add(tcp("10.0.0.2", S, "10.0.0.1", C, 5001 + OK.length, 0, TcpHeader.RST, 0, TcpHeader.Options.NONE,
            new byte[0]));
        return f;
    }

    private static List<String> print(String opts, List<byte[]> frames) {
        List<String> args = opts.isEmpty() ? List.of() : List.of(opts.split(" "));
        PacketPrinter p = new PacketPrinter(TcpdumpOptions.parse(args), i -> null);
        List<String> out = new ArrayList<>();
        for (byte[] b : frames) {
            out.add(p.print(frame(b)));
        }
        return out;
    }

    @Test
    void relativeSequenceNumbersStartAtTheFirstSegmentWithAnAck() {
        assertThat(print("-n", exchange())).containsExactly(
            "00:00:01.000000 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 1000, win 64240, "
                + "options [mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7], length 0",
            "00:00:01.000000 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [S.], seq 5000, ack 1001, win 65160, "
                + "options [mss 1460,sackOK,TS val 2 ecr 1,nop,wscale 7], length 0",
            "00:00:01.000000 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [.], ack 1, win 502, "
                + "options [nop,nop,TS val 3 ecr 2], length 0",
            "00:00:01.000000 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [P.], seq 1:73, ack 1, win 502, "
                + "options [nop,nop,TS val 4 ecr 2], length 72: HTTP: GET / HTTP/1.1",
            "00:00:01.000000 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [.], ack 73, win 509, "
                + "options [nop,nop,TS val 5 ecr 4], length 0",
            "00:00:01.000000 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [P.], seq 1:44, ack 73, win 509, "
                + "options [nop,nop,TS val 6 ecr 4], length 43: HTTP: HTTP/1.1 200 OK",
            "00:00:01.000000 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [F.], seq 73, ack 44, win 502, "
                + "options [nop,nop,TS val 7 ecr 6], length 0",
            "00:00:01.000000 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [R], seq 5044, win 0, length 0");
    }

    @Test
    void absoluteNumbersWithS() {
        List<String> out = print("-n -S -t", exchange());
        assertThat(out.get(2)).isEqualTo("IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [.], ack 5001, win 502, "
            + "options [nop,nop,TS val 3 ecr 2], length 0");
        assertThat(out.get(3)).contains("Flags [P.], seq 1001:1073, ack 5001,");
    }

    @Test
    void verboseChecksTheChecksumAndShowsTheHttpHeaders() {
        List<byte[]> f = exchange();
        byte[] syn = f.get(0);
        int sum = (syn[14 + 20 + 16] & 0xff) << 8 | (syn[14 + 20 + 17] & 0xff);
        String vs = print("-n -v -t", List.of(syn)).get(0);
        assertThat(vs).isEqualTo(String.format("IP (tos 0x0, ttl 64, id 2, offset 0, flags [DF], proto TCP (6), length 60)\n"
            + "    10.0.0.1.40000 > 10.0.0.2.80: Flags [S], cksum 0x%04x (correct), seq 1000, win 64240, "
            + "options [mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7], length 0", sum));
        syn[14 + 20 + 16] ^= 0x01;
        assertThat(print("-n -v -t", List.of(syn)).get(0)).contains(String.format("cksum 0x%04x (incorrect -> 0x%04x)",
            sum ^ 0x100, sum));
        // a capture that starts mid-connection takes its first ACK-bearing segment as the origin
        String get = print("-n -v -t", List.of(f.get(2), f.get(3))).get(1);
        assertThat(get).contains("seq 0:72, ack 1,").endsWith("length 72: HTTP, length: 72\n\tGET / HTTP/1.1\n"
            + "\tHost: 10.0.0.2\n\tUser-Agent: curl/7.88.1\n\tAccept: */*\n\t");
    }

    @Test
    void quietAndNamedPorts() {
        assertThat(print("-q -n -t", exchange()).get(3)).isEqualTo("IP 10.0.0.1.40000 > 10.0.0.2.80: tcp 72");
        assertThat(print("-t", exchange()).get(0)).startsWith("IP 10.0.0.1.40000 > 10.0.0.2.http: Flags [S]");
    }

    @Test
    void sackBlocksAreRelativeToo() {
        List<byte[]> f = exchange().subList(0, 3);
        List<byte[]> all = new ArrayList<>(f);
        all.add(tcp("10.0.0.1", C, "10.0.0.2", S, 1001, 5001, TcpHeader.ACK, 502,
            new TcpHeader.Options(-1, -1, false, 0, 0, false, TcpHeader.sack(5001 + 1448, 5001 + 2896)), new byte[0]));
        assertThat(print("-n -t", all).get(3))
            .isEqualTo("IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [.], ack 1, win 502, options [nop,nop,sack 1 {1449:2897}], length 0");
    }

    @Test
    void malformedOptionsAndHeadersSayBadOpt() {
        byte[] b = tcp("10.0.0.1", C, "10.0.0.2", S, 1, 0, TcpHeader.SYN, 1000, syn(1, 0), new byte[0]);
        b[14 + 20 + 21] = 9; // MSS option claims 9 bytes: tcpdump notes it and reads on
        assertThat(print("-n -t", List.of(b)).get(0)).isEqualTo("IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 1, win 1000, "
            + "options [mss 1460[len 9],sackOK,TS val 1 ecr 0,nop,wscale 7], length 0");
        b[14 + 20 + 21] = 30; // longer than all the options: bad, and no length is printed
        assertThat(print("-n -t", List.of(b)).get(0)).isEqualTo("IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 1, win 1000, "
            + "options [[bad opt]");
        byte[] c = tcp("10.0.0.1", C, "10.0.0.2", S, 1, 0, TcpHeader.SYN, 1000, TcpHeader.Options.NONE, new byte[0]);
        c[14 + 20 + 12] = 0x40; // data offset 4: 16 bytes
        assertThat(print("-n -t", List.of(c)).get(0))
            .isEqualTo("IP 10.0.0.1.40000 > 10.0.0.2.80:  tcp 4 [bad hdr length 16 - too short, < 20]");
    }

    @Test
    void truncatedPacketsEndWithTheProtocolInBrackets() {
        byte[] b = exchange().get(0);
        byte[] cut = java.util.Arrays.copyOf(b, 14 + 20 + 10); // as with -s 44
        PacketPrinter p = new PacketPrinter(TcpdumpOptions.parse(List.of("-n", "-t")), i -> null);
        Frame f = Frame.of(io.knetsim.pcap.LinkType.ETHERNET, new io.knetsim.pcap.PcapRecord(0, b.length, cut));
        assertThat(p.print(f)).isEqualTo("IP 10.0.0.1.40000 > 10.0.0.2.80:  [|tcp]");
        // a packet really shorter than its IP header says is invalid, not just cut
        assertThat(print("-n -t", List.of(cut)).get(0)).startsWith("IP [total length 60 > length 30] (invalid) ");
    }
}
