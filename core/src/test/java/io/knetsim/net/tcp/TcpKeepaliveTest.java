package io.knetsim.net.tcp;

import static io.knetsim.net.tcp.TcpLab.SERVER;
import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.net.link.LinkConfig;
import io.knetsim.packet.TcpHeader;
import io.knetsim.sim.SimTime;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Lab: {@code SO_KEEPALIVE} with Linux's defaults. An idle connection says nothing unless the
 * option is on; then after 7200 s of silence the client sends a probe (a zero-length ACK one
 * below SND.UNA), the server answers, and the next probe comes 7200 s after that answer. A
 * peer that has vanished gets 9 probes 75 s apart, then a RST, and the application hears
 * ETIMEDOUT.
 *
 * <pre>
 *   client 10.0.0.1 [eth0] ==== 10 ms ==== [eth0] 10.0.0.2 server :9
 *                   tap
 *   idle 7200 s ... probe seq=SND.UNA-1 --&gt;
 *                         &lt;-- ACK
 *   idle 7200 s ... probe --&gt;           (peer gone: 8 more, 75 s apart, then RST, ETIMEDOUT)
 * </pre>
 */
class TcpKeepaliveTest {
    private static final LinkConfig LINK = LinkConfig.DEFAULT.withDelay(Duration.ofMillis(10));

    @Test
    void offByDefaultAnIdleConnectionStaysSilent() {
        TcpLab lab = new TcpLab(1, LINK).tap();
        Tcp.listen(lab.server, 9, 4, s -> null);
        TcpSocket c = Tcp.connect(lab.client, SERVER, 9, new TcpLab.Recorder(lab.world));
        lab.runSeconds(0.1);
        assertThat(c.keepAlive()).isFalse();
        int before = lab.wire.size();
        lab.runSeconds(3 * 3600);
        assertThat(lab.wire).hasSize(before);
        assertThat(c.state()).isEqualTo(TcpState.ESTABLISHED);
    }

    @Test
    void anIdleConnectionIsProbedEveryTwoHoursAndAnsweredProbesKeepItOpen() {
        TcpLab lab = new TcpLab(1, LINK).tap();
        Tcp.listen(lab.server, 9, 4, s -> null);
        TcpSocket c = Tcp.connect(lab.client, SERVER, 9, new TcpLab.Recorder(lab.world));
        lab.runSeconds(0.1);
        int iss = lab.wire.get(0).h().seq();
        c.setKeepAlive(true);
        long set = lab.world.sim().now();
        int before = lab.wire.size();
        lab.runSeconds(4 * 3600 + 600);
        List<TcpLab.Seg> segs = lab.wire.subList(before, lab.wire.size());
        assertThat(segs).extracting(TcpLab.Seg::fromClient).containsExactly(true, false, true, false);
        // the probe: a bare ACK with sequence number SND.UNA - 1 (the ISS here, as nothing was sent)
        assertThat(segs.get(0).h().seq()).isEqualTo(iss);
        assertThat(segs.get(0).h().flags()).isEqualTo(TcpHeader.ACK);
        assertThat(segs.get(0).payload()).isZero();
        assertThat(segs.get(0).time() - set).isEqualTo(SimTime.seconds(7200));
        assertThat(segs.get(1).h().ack()).isEqualTo(iss + 1);
        assertThat(segs.get(2).time() - segs.get(1).time()).isEqualTo(SimTime.seconds(7200));
        assertThat(c.state()).isEqualTo(TcpState.ESTABLISHED);
    }

    @Test
    void aVanishedPeerGetsNineProbesSeventyFiveSecondsApartThenEtimedout() {
        TcpLab lab = new TcpLab(1, LINK).tap();
        Tcp.listen(lab.server, 9, 4, s -> null);
        TcpLab.Recorder r = new TcpLab.Recorder(lab.world);
        TcpSocket c = Tcp.connect(lab.client, SERVER, 9, r);
        lab.runSeconds(0.1);
        c.setKeepAlive(true);
        long set = lab.world.sim().now();
        lab.serverEth.setUp(false);
        long out = c.segmentsOut();
        lab.runSeconds(7200 + 8 * 75 + 1);
        assertThat(r.events).containsExactly("connected");
        assertThat(c.segmentsOut() - out).isEqualTo(TcpKeepalive.PROBES);
        lab.runSeconds(100);
        assertThat(r.events).containsExactly("connected", "ETIMEDOUT", "closed");
        assertThat(r.errorAt - set).isEqualTo(SimTime.seconds(7200 + 9 * 75));
        assertThat(c.segmentsOut() - out).isEqualTo(TcpKeepalive.PROBES + 1); // and the RST
        assertThat(c.state()).isEqualTo(TcpState.CLOSED);
    }
}
