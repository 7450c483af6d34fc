package io.knetsim.net.tcp;

import static io.knetsim.net.tcp.TcpLab.SERVER;
import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.net.DropReason;
import io.knetsim.net.link.LinkConfig;
import io.knetsim.net.topo.TwoWorkerOverlay;
import io.knetsim.sim.SimTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Lab: TCP between pods over a flannel VXLAN overlay; a listener whose SYN queue is full; a
 * half-open connection whose client went away.
 *
 * <pre>
 *   podA 11.10.1.2 (mtu 1450) -- cni0 -- flannel.100 == 10.0.0.3 ==== 10.0.0.4 == flannel.100 -- cni0 -- podB :8080
 *   full-size segments: 1398 payload + 12 TS + 20 TCP + 20 IP = 1450, + 50 bytes VXLAN = 1500 on the underlay
 * </pre>
 */
class TcpOverlayAndBacklogTest {
    @Test
    void aMegabyteBetweenPodsFitsTheOverlayMtuWithoutDrops() {
        TwoWorkerOverlay o = new TwoWorkerOverlay(9, LinkConfig.DEFAULT.withDelay(Duration.ofMillis(1))
            .withRate(1_000_000_000));
        TcpLab.Recorder srv = new TcpLab.Recorder(o.world);
        Tcp.listen(o.podB, 8080, 16, s -> srv);
        byte[] payload = TcpLab.pattern(1 << 20, 9);
        TcpLab.Sender client = new TcpLab.Sender(o.world, payload, true);
        Tcp.connect(o.podA, Ipv4Address.parse("11.10.2.2").bits(), 8080, client);
        o.world.sim().runFor(SimTime.seconds(5));
        assertThat(srv.data.toByteArray()).isEqualTo(payload);
        assertThat(client.socket.mss()).isEqualTo(1398);
        assertThat(client.socket.retransmits()).isZero();
        assertThat(o.hostA.drops().total() + o.hostB.drops().total() + o.podA.drops().total()
            + o.podB.drops().total()).isZero();
    }

    @Test
    void aSynBeyondTheBacklogIsDroppedAndTheClientRetriesASecondLater() {
        // both SYNs reach the server before either handshake completes; backlog 1 takes one
        TcpLab lab = new TcpLab(10, LinkConfig.DEFAULT.withDelay(Duration.ofMillis(5)));
        List<TcpSocket> accepted = new ArrayList<>();
        Tcp.listen(lab.server, 80, 1, s -> {
            accepted.add(s);
            return null;
        });
        TcpLab.Recorder first = new TcpLab.Recorder(lab.world);
        TcpLab.Recorder second = new TcpLab.Recorder(lab.world);
        Tcp.connect(lab.client, SERVER, 80, first);
        Tcp.connect(lab.client, SERVER, 80, second);
        lab.runSeconds(0.5);
        assertThat(first.events).containsExactly("connected");
        assertThat(second.events).isEmpty();
        assertThat(lab.server.drops().get(DropReason.TCP_SYN_QUEUE_FULL)).isEqualTo(1);
        lab.runSeconds(1);
        assertThat(second.events).containsExactly("connected");
        assertThat(accepted).hasSize(2);
    }

    @Test
    void aHalfOpenConnectionGivesUpAfterFiveSynAckRetriesAndFreesItsBacklogSlot() {
        // the client's SYN gets through, then the client's NIC goes down: the server resends its
        // SYN-ACK at 1, 3, 7, 15 and 31 s (tcp_synack_retries = 5) and drops the child at 63 s
        TcpLab lab = new TcpLab(11, LinkConfig.DEFAULT.withDelay(Duration.ofMillis(5)));
        TcpListener l = Tcp.listen(lab.server, 80, 1, s -> null);
        Tcp.connect(lab.client, SERVER, 80, new TcpLab.Recorder(lab.world));
        lab.runSeconds(0.017); // ARP (10 ms), then the SYN arrived (15 ms); the SYN-ACK is on its way
        lab.clientEth.setUp(false);
        assertThat(l.halfOpen()).isEqualTo(1);
        TcpSocket child = Tcp.of(lab.server).connections().get(0);
        assertThat(child.state()).isEqualTo(TcpState.SYN_RECEIVED);
        lab.runSeconds(62);
        assertThat(child.retransmits()).isEqualTo(5);
        assertThat(child.state()).isEqualTo(TcpState.SYN_RECEIVED);
        lab.runSeconds(2);
        assertThat(child.state()).isEqualTo(TcpState.CLOSED);
        assertThat(l.halfOpen()).isZero();
        assertThat(Tcp.of(lab.server).connections()).isEmpty();
    }
}
