package io.knetsim.net.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.World;
import io.knetsim.net.topo.Topo;
import io.knetsim.sim.SimTime;
import org.junit.jupiter.api.Test;

/**
 * Lab: TCP where no wire delays anything: over a bare veth pair, which hands each frame to the
 * peer at once (segments that come back while a stack is still sending wait in its socket
 * backlog), and to oneself over {@code lo}, whose 65536-byte MTU is more than an IPv4 datagram
 * can hold.
 *
 * <pre>
 *   host 10.0.0.1 [veth0] ===== [eth0] 10.0.0.2 pod :8080        node 127.0.0.1 -> 127.0.0.1:80 (lo)
 * </pre>
 */
class TcpVethTest {
    @Test
    void aMegabyteOverAVethPairArrivesIntactWithoutDeepRecursion() {
        World w = new World(1);
        NetNamespace host = w.createNamespace("host");
        NetNamespace pod = w.createNamespace("pod");
        Topo.veth(host, "veth0", "10.0.0.1/24", pod, "eth0", "10.0.0.2/24");
        TcpLab.Recorder srv = new TcpLab.Recorder(w);
        Tcp.listen(pod, 8080, 4, s -> srv);
        byte[] payload = TcpLab.pattern(1 << 20, 1);
        TcpLab.Sender client = new TcpLab.Sender(w, payload, true);
        Tcp.connect(host, Ipv4Address.parse("10.0.0.2").bits(), 8080, client);
        w.sim().runFor(SimTime.seconds(10));
        assertThat(srv.data.toByteArray()).isEqualTo(payload);
        assertThat(srv.events).containsExactly("connected", "peer-closed");
        assertThat(client.socket.retransmits()).isZero();
    }

    @Test
    void bothDirectionsAtOnceOverAVethPairThroughTheSocketBacklog() {
        World w = new World(2);
        NetNamespace host = w.createNamespace("host");
        NetNamespace pod = w.createNamespace("pod");
        Topo.veth(host, "veth0", "10.0.0.1/24", pod, "eth0", "10.0.0.2/24");
        byte[] a = TcpLab.pattern(500_000, 1);
        byte[] b = TcpLab.pattern(400_000, 2);
        TcpPropertyTest.Peer server = new TcpPropertyTest.Peer(b, w.sim().random("s"), w.sim());
        Tcp.listen(pod, 8080, 4, s -> server);
        TcpPropertyTest.Peer client = new TcpPropertyTest.Peer(a, w.sim().random("c"), w.sim());
        Tcp.connect(host, Ipv4Address.parse("10.0.0.2").bits(), 8080, client);
        w.sim().runFor(SimTime.seconds(120));
        assertThat(server.in.toByteArray()).isEqualTo(a);
        assertThat(client.in.toByteArray()).isEqualTo(b);
        assertThat(client.events).containsExactly("connected", "peer-closed", "closed");
        assertThat(server.events).containsExactly("connected", "peer-closed", "closed");
    }

    @Test
    void aConnectionToItselfOverLoopbackUsesTheLoopbackMtu() {
        World w = new World(3);
        NetNamespace ns = w.createNamespace("node");
        TcpLab.Recorder srv = new TcpLab.Recorder(w);
        Tcp.listen(ns, 80, 4, s -> srv);
        byte[] payload = TcpLab.pattern(300_000, 3);
        TcpLab.Sender client = new TcpLab.Sender(w, payload, true);
        TcpSocket c = Tcp.connect(ns, Ipv4Address.parse("127.0.0.1").bits(), 80, client);
        w.sim().runFor(SimTime.seconds(1));
        assertThat(srv.data.toByteArray()).isEqualTo(payload);
        assertThat(c.advertisedMss()).isEqualTo(65495); // as Linux announces on lo: 65535 - 40, not 65536 - 40
        assertThat(Tcp.of(ns).connections()).hasSize(2); // one end in TIME-WAIT, the other in CLOSE-WAIT
    }
}
