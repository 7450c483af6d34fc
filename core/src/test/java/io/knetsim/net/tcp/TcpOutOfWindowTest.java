package io.knetsim.net.tcp;

import static io.knetsim.net.tcp.TcpLab.CLIENT;
import static io.knetsim.net.tcp.TcpLab.SERVER;
import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.net.DropReason;
import io.knetsim.net.ipv4.RouteResult;
import io.knetsim.net.link.LinkConfig;
import io.knetsim.packet.Ipv4Header;
import io.knetsim.packet.SkBuff;
import io.knetsim.packet.TcpHeader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Lab: segments outside the window. A stale pure ACK is dropped unread and answered by a
 * duplicate ACK at most once per 500 ms ({@code tcp_invalid_ratelimit}); a RST whose
 * sequence number is in the window but not exact gets a challenge ACK and resets nothing
 * (RFC 5961).
 *
 * <pre>
 *   client 10.0.0.1 [eth0] ==== 1 ms ==== [eth0] 10.0.0.2 server :80
 *     forged segments from the client's stack, with the connection's ports
 * </pre>
 */
class TcpOutOfWindowTest {
    private static void forge(TcpLab lab, TcpSocket c, int seq, int ack, int flags) {
        RouteResult rt = lab.client.ip().route(SERVER, CLIENT, null);
        SkBuff skb = SkBuff.allocate(SkBuff.DEFAULT_HEADROOM, TcpHeader.MIN_LENGTH);
        int o = skb.put(TcpHeader.MIN_LENGTH);
        TcpHeader.write(skb.buf(), o, c.localPort(), 80, seq, ack, TcpHeader.MIN_LENGTH, flags, 8192, 0);
        TcpHeader.fillChecksum(skb.buf(), o, TcpHeader.MIN_LENGTH, CLIENT, SERVER);
        lab.client.ip().sendL4(skb, rt, SERVER, Ipv4Header.PROTO_TCP, 64, 0, true);
    }

    @Test
    void staleAcksAreAnsweredAtMostTwiceASecondAndAnInexactRstResetsNothing() {
        TcpLab lab = new TcpLab(1, LinkConfig.DEFAULT.withDelay(Duration.ofMillis(1))).tap();
        List<TcpSocket> server = new ArrayList<>();
        Tcp.listen(lab.server, 80, 4, s -> {
            server.add(s);
            return null;
        });
        TcpSocket c = Tcp.connect(lab.client, SERVER, 80, new TcpLab.Recorder(lab.world));
        lab.runSeconds(0.1);
        TcpHeader.Repr synAck = lab.wire.get(1).h();
        int clientSeq = lab.wire.get(0).h().seq() + 1;
        int before = lab.wire.size();

        for (int i = 0; i < 10; i++) {
            forge(lab, c, clientSeq - 100_000, synAck.seq() + 1, TcpHeader.ACK);
        }
        lab.runSeconds(0.1);
        long answers = lab.wire.subList(before, lab.wire.size()).stream().filter(s -> !s.fromClient()).count();
        assertThat(answers).isEqualTo(1);
        assertThat(lab.server.drops().get(DropReason.TCP_INVALID_SEGMENT)).isEqualTo(10);

        lab.runSeconds(1);
        before = lab.wire.size();
        forge(lab, c, clientSeq + 1000, 0, TcpHeader.RST);
        lab.runSeconds(0.1);
        assertThat(server.get(0).state()).isEqualTo(TcpState.ESTABLISHED);
        assertThat(lab.wire.subList(before, lab.wire.size()).stream().filter(s -> !s.fromClient())
            .map(s -> TcpHeader.flagsString(s.h().flags()))).containsExactly(".");
    }
}
