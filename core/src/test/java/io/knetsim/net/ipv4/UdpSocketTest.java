package io.knetsim.net.ipv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.net.DropReason;
import io.knetsim.net.Errno;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.World;
import io.knetsim.net.link.LinkConfig;
import io.knetsim.net.topo.Topo;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The UDP socket API between two hosts.
 *
 * <pre>
 *   a [eth0 10.0.0.1/24] ========== [eth0 10.0.0.2/24] b
 * </pre>
 */
class UdpSocketTest {
    private final World w = new World(1);
    private final NetNamespace a = Topo.host(w, "a");
    private final NetNamespace b = Topo.host(w, "b");
    private final Ipv4Address addrB = Ipv4Address.parse("10.0.0.2");

    {
        Topo.cable(Topo.nic(a, "eth0", "10.0.0.1/24"), Topo.nic(b, "eth0", "10.0.0.2/24"), LinkConfig.DEFAULT);
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void aDatagramAndItsReplyTravelBetweenBoundSockets() {
        List<UdpSocket.Datagram> atServer = new ArrayList<>();
        List<UdpSocket.Datagram> atClient = new ArrayList<>();
        UdpSocket server = UdpSocket.open(b).bind(Ipv4Address.ANY, 53);
        server.onReceive(d -> {
            atServer.add(d);
            server.sendTo(text("pong"), d.src(), d.srcPort());
        });
        UdpSocket client = UdpSocket.open(a).onReceive(atClient::add).connect(addrB, 53);

        client.send(text("ping"));
        w.sim().runUntilIdle();

        assertThat(client.localAddress()).hasToString("10.0.0.1");
        assertThat(client.localPort()).isBetween(32768, 60999);
        assertThat(atServer).singleElement().satisfies(d -> {
            assertThat(new String(d.payload(), StandardCharsets.US_ASCII)).isEqualTo("ping");
            assertThat(d.src()).hasToString("10.0.0.1");
            assertThat(d.srcPort()).isEqualTo(client.localPort());
            assertThat(d.dstPort()).isEqualTo(53);
        });
        assertThat(atClient).singleElement().satisfies(d ->
            assertThat(new String(d.payload(), StandardCharsets.US_ASCII)).isEqualTo("pong"));
    }

    @Test
    void aConnectedSocketGetsEconnrefusedFromPortUnreachableAndTheNextSendReturnsIt() {
        List<Errno> errors = new ArrayList<>();
        UdpSocket client = UdpSocket.open(a).onError(errors::add).connect(addrB, 9999);

        client.send(text("anyone?"));
        w.sim().runUntilIdle();

        assertThat(errors).containsExactly(Errno.ECONNREFUSED);
        assertThat(b.drops().get(DropReason.NO_SOCKET)).isEqualTo(1);
        assertThatThrownBy(() -> client.send(text("again"))).isInstanceOf(UdpSocketException.class)
            .hasMessage("Connection refused");
        client.send(text("third")); // the error was reported once, as Linux clears sk_err on read
        w.sim().runUntilIdle();
        assertThat(errors).containsExactly(Errno.ECONNREFUSED, Errno.ECONNREFUSED);
    }

    @Test
    void anUnconnectedSocketIgnoresIcmpErrors() {
        List<Errno> errors = new ArrayList<>();
        UdpSocket s = UdpSocket.open(a).onError(errors::add).bind(Ipv4Address.ANY, 0);
        s.sendTo(text("x"), addrB, 9999);
        w.sim().runUntilIdle();
        assertThat(errors).isEmpty();
    }

    @Test
    void aConnectedSocketOnlyHearsItsPeer() {
        List<UdpSocket.Datagram> got = new ArrayList<>();
        UdpSocket client = UdpSocket.open(a).onReceive(got::add).connect(addrB, 53);
        UdpSocket stranger = UdpSocket.open(b).bind(Ipv4Address.ANY, 54);
        stranger.sendTo(text("spoof"), Ipv4Address.parse("10.0.0.1"), client.localPort());
        w.sim().runUntilIdle();
        assertThat(got).isEmpty();
        assertThat(a.drops().get(DropReason.NO_SOCKET)).isEqualTo(1);
    }

    @Test
    void bindAndConnectErrorsAreTheErrnosLinuxGives() {
        UdpSocket.open(b).bind(Ipv4Address.ANY, 53);
        assertThatThrownBy(() -> UdpSocket.open(b).bind(Ipv4Address.ANY, 53)).hasMessage("Address already in use");
        assertThatThrownBy(() -> UdpSocket.open(b).bind(Ipv4Address.parse("10.9.9.9"), 53))
            .hasMessage("Cannot assign requested address");
        assertThatThrownBy(() -> UdpSocket.open(a).connect(Ipv4Address.parse("192.0.2.1"), 53))
            .hasMessage("Network is unreachable");
        assertThatThrownBy(() -> UdpSocket.open(a).send(text("x"))).hasMessage("Destination address required");
        UdpSocket closed = UdpSocket.open(a).bind(Ipv4Address.ANY, 0);
        int port = closed.localPort();
        closed.close();
        assertThat(a.udp().isBound(port)).isFalse();
    }
}
