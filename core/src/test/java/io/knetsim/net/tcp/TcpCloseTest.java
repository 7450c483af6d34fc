package io.knetsim.net.tcp;

import static io.knetsim.net.tcp.TcpLab.SERVER;
import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.net.link.LinkConfig;
import io.knetsim.packet.TcpHeader;
import io.knetsim.sim.SimTime;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Lab: how connections end (RFC 9293 section 3.6): the orderly FIN exchange that leaves
 * the active closer in TIME-WAIT for 60 s, and the abortive RST.
 *
 * <pre>
 *   client 10.0.0.1 [eth0] ==== 5 ms ==== [eth0] 10.0.0.2 server :7
 *
 *   client                         server
 *   ESTABLISHED --FIN-->           CLOSE-WAIT
 *   FIN-WAIT-2  <--ACK--
 *   TIME-WAIT   <--FIN--           LAST-ACK
 *               --ACK-->           CLOSED
 *   CLOSED (60 s later)
 * </pre>
 */
class TcpCloseTest {
    private static final LinkConfig LINK = LinkConfig.DEFAULT.withDelay(Duration.ofMillis(5));

    private static final class Echo extends TcpLab.Recorder {
        Echo(TcpLab lab) {
            super(lab.world);
        }

        @Override
        public void onData(TcpSocket s, byte[] b, int off, int len) {
            super.onData(s, b, off, len);
            s.send(b, off, len);
        }

        @Override
        public void onPeerClosed(TcpSocket s) {
            super.onPeerClosed(s);
            s.close();
        }
    }

    @Test
    void theActiveCloserWaitsSixtySecondsInTimeWait() {
        TcpLab lab = new TcpLab(1, LINK).tap();
        List<TcpSocket> serverSide = new ArrayList<>();
        Echo echo = new Echo(lab);
        Tcp.listen(lab.server, 7, 4, s -> {
            serverSide.add(s);
            return echo;
        });
        TcpLab.Recorder client = new TcpLab.Recorder(lab.world);
        TcpSocket c = Tcp.connect(lab.client, SERVER, 7, client);
        lab.runSeconds(0.05);
        byte[] hello = "hello".getBytes(StandardCharsets.US_ASCII);
        assertThat(c.send(hello, 0, hello.length)).isEqualTo(5);
        lab.runSeconds(0.1);
        assertThat(client.data.toString(StandardCharsets.US_ASCII)).isEqualTo("hello");

        long closedAt = lab.world.sim().now();
        c.close();
        assertThat(c.state()).isEqualTo(TcpState.FIN_WAIT_1);
        lab.runSeconds(0.007); // FIN arrived (5 ms); the server's ACK is on its way
        TcpSocket s = serverSide.get(0);
        assertThat(s.state()).isEqualTo(TcpState.LAST_ACK); // the echo closed at once on FIN
        lab.runSeconds(0.1);
        assertThat(s.state()).isEqualTo(TcpState.CLOSED);
        assertThat(echo.events).containsExactly("connected", "peer-closed", "closed");
        assertThat(c.state()).isEqualTo(TcpState.TIME_WAIT);
        assertThat(client.events).containsExactly("connected", "peer-closed");

        lab.world.sim().runUntil(closedAt + SimTime.seconds(60));
        assertThat(c.state()).isEqualTo(TcpState.TIME_WAIT);
        lab.world.sim().runUntil(closedAt + SimTime.seconds(60) + SimTime.ms(20));
        assertThat(c.state()).isEqualTo(TcpState.CLOSED);
        assertThat(client.events).containsExactly("connected", "peer-closed", "closed");
        assertThat(Tcp.of(lab.client).connections()).isEmpty();
        assertThat(Tcp.of(lab.server).connections()).isEmpty();

        List<String> flags = lab.wire.stream().map(x -> (x.fromClient() ? "> " : "< ")
            + TcpHeader.flagsString(x.h().flags())).toList();
        // handshake, data + echo (each acknowledged by the delayed-ACK timer or piggybacked), then
        // the FIN from the client; the server's ACK and FIN go out together since it closes at once
        assertThat(flags.subList(0, 3)).containsExactly("> S", "< S.", "> .");
        assertThat(flags).contains("> F.").endsWith("< F.", "> .");
    }

    @Test
    void passiveCloseGoesThroughCloseWaitAndLastAck() {
        TcpLab lab = new TcpLab(2, LINK);
        List<TcpSocket> serverSide = new ArrayList<>();
        TcpLab.Recorder srv = new TcpLab.Recorder(lab.world);
        Tcp.listen(lab.server, 7, 4, s -> {
            serverSide.add(s);
            return srv;
        });
        TcpLab.Recorder client = new TcpLab.Recorder(lab.world);
        TcpSocket c = Tcp.connect(lab.client, SERVER, 7, client);
        lab.runSeconds(0.05);
        serverSide.get(0).shutdownOutput();
        lab.runSeconds(0.05);
        assertThat(c.state()).isEqualTo(TcpState.CLOSE_WAIT);
        assertThat(serverSide.get(0).state()).isEqualTo(TcpState.FIN_WAIT_2);
        assertThat(client.events).containsExactly("connected", "peer-closed");
        c.close();
        assertThat(c.state()).isEqualTo(TcpState.LAST_ACK);
        lab.runSeconds(0.05);
        assertThat(c.state()).isEqualTo(TcpState.CLOSED);
        assertThat(serverSide.get(0).state()).isEqualTo(TcpState.TIME_WAIT);
    }

    @Test
    void simultaneousCloseMeetsInClosing() {
        TcpLab lab = new TcpLab(3, LINK);
        List<TcpSocket> serverSide = new ArrayList<>();
        Tcp.listen(lab.server, 7, 4, s -> {
            serverSide.add(s);
            return new TcpLab.Recorder(lab.world);
        });
        TcpSocket c = Tcp.connect(lab.client, SERVER, 7, new TcpLab.Recorder(lab.world));
        lab.runSeconds(0.05);
        c.close();
        serverSide.get(0).close();
        lab.runSeconds(0.007); // both FINs crossed on the wire; the ACKs are under way
        assertThat(c.state()).isEqualTo(TcpState.CLOSING);
        lab.runSeconds(0.05);
        assertThat(c.state()).isEqualTo(TcpState.TIME_WAIT);
        assertThat(serverSide.get(0).state()).isEqualTo(TcpState.TIME_WAIT);
    }

    @Test
    void abortSendsRstAndThePeerHearsConnectionReset() {
        TcpLab lab = new TcpLab(4, LINK).tap();
        TcpLab.Recorder srv = new TcpLab.Recorder(lab.world);
        Tcp.listen(lab.server, 7, 4, s -> srv);
        TcpLab.Recorder client = new TcpLab.Recorder(lab.world);
        TcpSocket c = Tcp.connect(lab.client, SERVER, 7, client);
        lab.runSeconds(0.05);
        c.abort();
        assertThat(c.state()).isEqualTo(TcpState.CLOSED);
        assertThat(client.events).containsExactly("connected", "closed");
        lab.runSeconds(0.05);
        assertThat(srv.events).containsExactly("connected", "ECONNRESET", "closed");
        assertThat(TcpHeader.flagsString(lab.wire.get(lab.wire.size() - 1).h().flags())).isEqualTo("R.");
        assertThat(Tcp.of(lab.server).connections()).isEmpty();
    }

    @Test
    void sendAfterShutdownIsABrokenPipe() {
        TcpLab lab = new TcpLab(5, LINK);
        Tcp.listen(lab.server, 7, 4, s -> null);
        TcpSocket c = Tcp.connect(lab.client, SERVER, 7, new TcpLab.Recorder(lab.world));
        lab.runSeconds(0.05);
        c.shutdownOutput();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> c.send(new byte[1], 0, 1))
            .isInstanceOf(IllegalStateException.class).hasMessage("Broken pipe");
    }
}
