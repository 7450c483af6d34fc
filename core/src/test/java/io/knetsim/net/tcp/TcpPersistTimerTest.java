package io.knetsim.net.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.sim.SimTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Lab: how long a sender waits on a closed window. As long as the receiver answers its
 * probes, the connection stays open however long the window stays shut, the probes settling
 * at one per 120 s ({@code TCP_RTO_MAX}); when the receiver vanishes, tcp_retries2 (15)
 * unanswered probes end the connection with ETIMEDOUT.
 *
 * <pre>
 *   client 10.0.0.1 [eth0] ==== 10 ms, 100 Mbit/s ==== [eth0] 10.0.0.2 server :9
 *    sender       tap                                       paused reader (or link down)
 * </pre>
 */
class TcpPersistTimerTest {
    @Test
    void aConnectionSurvivesAnHourOfZeroWindowWhileTheProbesAreAnswered() {
        TcpZeroWindowTest.Run r = new TcpZeroWindowTest.Run();
        r.lab.runSeconds(3600);
        assertThat(r.client.state()).isEqualTo(TcpState.FIN_WAIT_1);
        assertThat(r.snd.events).containsExactly("connected");
        List<TcpLab.Seg> probes = r.probes();
        assertThat(probes.size()).isBetween(30, 40);
        // once backed off to the maximum, each answer restarts a 120 s timer
        for (int i = probes.size() - 10; i < probes.size(); i++) {
            TcpLab.Seg p = probes.get(i);
            TcpLab.Seg answer = r.lab.wire.stream().filter(s -> !s.fromClient() && s.time() < p.time())
                .reduce((a, b) -> b).orElseThrow();
            assertThat(p.time() - answer.time()).isEqualTo(SimTime.seconds(120));
            assertThat(answer.h().window()).isZero();
        }
        r.srv.socket.resumeReading();
        r.lab.runSeconds(5);
        assertThat(r.srv.data.toByteArray()).isEqualTo(TcpLab.pattern(TcpZeroWindowTest.TOTAL, 1));
        assertThat(r.srv.events).containsExactly("connected", "peer-closed");
        assertThat(r.client.state()).isEqualTo(TcpState.FIN_WAIT_2);
    }

    @Test
    void fifteenUnansweredProbesEndInEtimedout() {
        TcpZeroWindowTest.Run r = new TcpZeroWindowTest.Run();
        r.lab.runSeconds(30);
        r.lab.serverEth.setUp(false);
        long down = r.lab.world.sim().now();
        long out = r.client.segmentsOut();
        r.lab.runSeconds(3000);
        assertThat(r.snd.events).containsExactly("connected", "ETIMEDOUT", "closed");
        assertThat(r.client.state()).isEqualTo(TcpState.CLOSED);
        // 15 probes, no more, and no RST: the persist timer gives up quietly (tcp_write_err)
        assertThat(r.client.segmentsOut() - out).isEqualTo(TcpSocket.DATA_RETRIES);
        // the first is on the wire (later ones wait for an ARP reply that never comes); from it
        // the interval doubles from 51.2 s, reaches 120 s, and the 16th expiry gives up
        List<TcpLab.Seg> onWire = r.probes().stream().filter(p -> p.time() > down).toList();
        assertThat(onWire).hasSize(1);
        assertThat(r.snd.errorAt - onWire.get(0).time())
            .isEqualTo(SimTime.ms(51_200) + SimTime.ms(102_400) + 13 * SimTime.seconds(120));
    }
}
