package io.knetsim.net.tcp;

import static io.knetsim.net.tcp.TcpLab.SERVER;
import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.net.DropReason;
import io.knetsim.net.link.LinkConfig;
import io.knetsim.net.topo.TwoWorkerOverlay;
import io.knetsim.packet.TcpHeader;
import io.knetsim.sim.SimTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Lab: the three-way handshake, byte for byte as Linux sends it.
 *
 * <pre>
 *   client 10.0.0.1 [eth0] ==== 1 ms ==== [eth0] 10.0.0.2 server :80
 *
 *   SYN      mss 1460, sackOK, TS val x ecr 0, nop, wscale 7   win 64240
 *   SYN-ACK  mss 1460, sackOK, TS val y ecr x, nop, wscale 7   win 65160
 *   ACK      nop, nop, TS val x' ecr y                          win 502 (x 128)
 * </pre>
 */
class TcpHandshakeTest {
    private static final LinkConfig LINK = LinkConfig.DEFAULT.withDelay(Duration.ofMillis(1));

    @Test
    void synCarriesLinuxOptionsAndWindows() {
        TcpLab lab = new TcpLab(1, LINK).tap();
        List<TcpSocket> accepted = new ArrayList<>();
        Tcp.listen(lab.server, 80, 16, s -> {
            accepted.add(s);
            return new TcpLab.Recorder(lab.world);
        });
        TcpLab.Recorder client = new TcpLab.Recorder(lab.world);
        TcpSocket sock = Tcp.connect(lab.client, SERVER, 80, client);
        assertThat(sock.state()).isEqualTo(TcpState.SYN_SENT);
        lab.runSeconds(0.1);

        assertThat(client.events).containsExactly("connected");
        assertThat(sock.state()).isEqualTo(TcpState.ESTABLISHED);
        assertThat(accepted).singleElement().satisfies(s -> assertThat(s.state()).isEqualTo(TcpState.ESTABLISHED));
        assertThat(lab.wire).hasSize(3);

        TcpHeader.Repr syn = lab.wire.get(0).h();
        assertThat(TcpHeader.flagsString(syn.flags())).isEqualTo("S");
        assertThat(syn.window()).isEqualTo(64240);
        assertThat(syn.headerLength()).isEqualTo(40);
        assertThat(syn.options().mss()).isEqualTo(1460);
        assertThat(syn.options().sackPermitted()).isTrue();
        assertThat(syn.options().timestamps()).isTrue();
        assertThat(syn.options().tsEcr()).isZero();
        assertThat(syn.options().windowScale()).isEqualTo(7);
        assertThat(syn.srcPort()).isBetween(32768, 60999).isEqualTo(sock.localPort());
        assertThat(syn.dstPort()).isEqualTo(80);

        TcpHeader.Repr synAck = lab.wire.get(1).h();
        assertThat(TcpHeader.flagsString(synAck.flags())).isEqualTo("S.");
        assertThat(synAck.ack()).isEqualTo(syn.seq() + 1);
        assertThat(synAck.window()).isEqualTo(65160); // 45 * 1448, as tcp_select_initial_window rounds
        assertThat(synAck.options().mss()).isEqualTo(1460);
        assertThat(synAck.options().windowScale()).isEqualTo(7);
        assertThat(synAck.options().tsEcr()).isEqualTo(syn.options().tsVal());

        TcpHeader.Repr ack = lab.wire.get(2).h();
        assertThat(TcpHeader.flagsString(ack.flags())).isEqualTo(".");
        assertThat(ack.seq()).isEqualTo(syn.seq() + 1);
        assertThat(ack.ack()).isEqualTo(synAck.seq() + 1);
        assertThat(ack.headerLength()).isEqualTo(32); // nop, nop, TS
        assertThat(ack.window()).isEqualTo(502); // 64240 rounded up to 128-byte units: 64256 >> 7
        assertThat(ack.options().tsEcr()).isEqualTo(synAck.options().tsVal());

        assertThat(sock.mss()).isEqualTo(1448); // 1460 less 12 bytes of timestamps
        assertThat(sock.srtt()).isPositive();
    }

    @Test
    void synOptionsAreLaidOutAsLinuxWritesThem() {
        TcpLab lab = new TcpLab(2, LINK);
        List<byte[]> frames = new ArrayList<>();
        io.knetsim.pcap.Capture.on(lab.clientEth).to(p -> frames.add(p.data()));
        Tcp.connect(lab.client, SERVER, 80, new TcpLab.Recorder(lab.world));
        lab.runSeconds(0.01);
        byte[] f = frames.stream().filter(d -> d.length > 40 && d[23] == 6).findFirst().orElseThrow();
        int opt = 14 + 20 + 20;
        // 02 04 05 b4 | 04 02 08 0a | tsval | tsecr | 01 03 03 07
        assertThat(new byte[] {f[opt], f[opt + 1], f[opt + 2], f[opt + 3], f[opt + 4], f[opt + 5], f[opt + 6],
            f[opt + 7]}).containsExactly(2, 4, 5, (byte) 0xb4, 4, 2, 8, 10);
        assertThat(new byte[] {f[opt + 16], f[opt + 17], f[opt + 18], f[opt + 19]}).containsExactly(1, 3, 3, 7);
    }

    @Test
    void mssFollowsTheRouteMtuOverAVxlanOverlay() {
        // podA 11.10.1.2 --eth0 mtu 1450-- cni0 -- flannel.100 == underlay == ... -- podB 11.10.2.2 :8080
        TwoWorkerOverlay o = new TwoWorkerOverlay(3, LinkConfig.DEFAULT);
        List<TcpSocket> accepted = new ArrayList<>();
        Tcp.listen(o.podB, 8080, 8, s -> {
            accepted.add(s);
            return null;
        });
        TcpLab.Recorder r = new TcpLab.Recorder(o.world);
        TcpSocket s = Tcp.connect(o.podA, io.knetsim.addr.Ipv4Address.parse("11.10.2.2").bits(), 8080, r);
        o.world.sim().runFor(SimTime.ms(100));
        assertThat(s.state()).isEqualTo(TcpState.ESTABLISHED);
        assertThat(s.advertisedMss()).isEqualTo(1410);
        assertThat(s.mss()).isEqualTo(1398);
        assertThat(accepted).singleElement().satisfies(a -> assertThat(a.advertisedMss()).isEqualTo(1410));
    }

    @Test
    void aClosedPortAnswersRstAndTheClientHearsConnectionRefused() {
        TcpLab lab = new TcpLab(4, LINK).tap();
        TcpLab.Recorder client = new TcpLab.Recorder(lab.world);
        TcpSocket s = Tcp.connect(lab.client, SERVER, 81, client);
        lab.runSeconds(0.1);
        assertThat(client.events).containsExactly("ECONNREFUSED", "closed");
        assertThat(s.state()).isEqualTo(TcpState.CLOSED);
        TcpHeader.Repr rst = lab.wire.get(1).h();
        assertThat(TcpHeader.flagsString(rst.flags())).isEqualTo("R.");
        assertThat(rst.seq()).isZero();
        assertThat(rst.ack()).isEqualTo(lab.wire.get(0).h().seq() + 1);
        assertThat(lab.server.drops().get(DropReason.NO_SOCKET)).isEqualTo(1);
        assertThat(Tcp.of(lab.client).connections()).isEmpty();
    }

    @Test
    void anIcmpUnreachableIsASoftErrorTheSynTimerStillDecides() {
        // the server host answers for a port on a route it has no way to: a router-style
        // host unreachable comes back; Linux keeps trying until tcp_syn_retries run out
        TcpLab lab = new TcpLab(6, LINK);
        List<String> icmp = new ArrayList<>();
        io.knetsim.pcap.Capture.on(lab.clientEth).to(p -> {
            if (p.direction() == io.knetsim.net.PacketTap.Direction.IN && p.data().length > 34 && p.data()[23] == 1) {
                icmp.add("type " + p.data()[34] + " code " + p.data()[35]);
            }
        });
        io.knetsim.net.topo.Topo.routeVia(lab.client, "192.0.2.0/24", "10.0.0.2", lab.clientEth);
        lab.server.sysctl().ipForward = 1;
        TcpLab.Recorder client = new TcpLab.Recorder(lab.world);
        TcpSocket s = Tcp.connect(lab.client, io.knetsim.addr.Ipv4Address.parse("192.0.2.1").bits(), 80, client);
        lab.runSeconds(2);
        assertThat(client.events).isEmpty();
        assertThat(s.state()).isEqualTo(TcpState.SYN_SENT);
        assertThat(icmp).startsWith("type 3 code 0", "type 3 code 0"); // net unreachable, for each SYN
        assertThat(lab.client.drops().get(DropReason.ICMP_UNHANDLED)).isZero();
        lab.runSeconds(130);
        assertThat(client.events).containsExactly("ETIMEDOUT", "closed");
    }

    @Test
    void aSynIntoTheVoidTimesOutAfterSixRetries() {
        // server unplugged: nobody answers; SYNs at 0, 1, 3, 7, 15, 31, 63 s, then give up at 127 s
        TcpLab lab = new TcpLab(5, LINK);
        lab.serverEth.setUp(false);
        TcpLab.Recorder client = new TcpLab.Recorder(lab.world);
        TcpSocket s = Tcp.connect(lab.client, SERVER, 80, client);
        lab.runSeconds(126);
        assertThat(client.events).isEmpty();
        assertThat(s.retransmits()).isEqualTo(6);
        lab.runSeconds(2);
        assertThat(client.events).containsExactly("ETIMEDOUT", "closed");
    }
}
