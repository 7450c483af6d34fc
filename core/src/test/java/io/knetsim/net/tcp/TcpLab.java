package io.knetsim.net.tcp;

import io.knetsim.net.Errno;

import static io.knetsim.net.topo.Topo.cable;
import static io.knetsim.net.topo.Topo.nic;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.PacketTap;
import io.knetsim.net.World;
import io.knetsim.net.dev.EthernetNic;
import io.knetsim.net.link.LinkConfig;
import io.knetsim.packet.EthernetHeader;
import io.knetsim.packet.Ipv4Header;
import io.knetsim.packet.TcpHeader;
import io.knetsim.pcap.Capture;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A two-host world for the TCP labs, and the small applications they run.
 *
 * <pre>
 *   client 10.0.0.1 [eth0] ======= LinkConfig ======= [eth0] 10.0.0.2 server
 * </pre>
 */
final class TcpLab {
    static final int CLIENT = Ipv4Address.parse("10.0.0.1").bits();
    static final int SERVER = Ipv4Address.parse("10.0.0.2").bits();

    final World world;
    final NetNamespace client;
    final NetNamespace server;
    final EthernetNic clientEth;
    final EthernetNic serverEth;
    /** TCP segments on the client's eth0 once {@link #tap()} is on, both directions, in order. */
    final List<Seg> wire = new ArrayList<>();

    /** One segment as a capture shows it. */
    record Seg(long time, boolean fromClient, TcpHeader.Repr h, int payload) {
    }

    TcpLab(long seed, LinkConfig cfg) {
        world = new World(seed);
        client = world.createNamespace("client");
        server = world.createNamespace("server");
        clientEth = nic(client, "eth0", "10.0.0.1/24");
        serverEth = nic(server, "eth0", "10.0.0.2/24");
        cable(clientEth, serverEth, cfg);
    }

    /** Records every TCP segment that crosses the client's eth0 into {@link #wire}. */
    TcpLab tap() {
        Capture.on(clientEth).to(p -> {
            byte[] d = p.data();
            if (EthernetHeader.etherType(d, 0) == EthernetHeader.TYPE_IPV4
                && Ipv4Header.protocol(d, EthernetHeader.LENGTH) == Ipv4Header.PROTO_TCP) {
                int tcp = EthernetHeader.LENGTH + Ipv4Header.headerLength(d, EthernetHeader.LENGTH);
                TcpHeader.Repr h = TcpHeader.Repr.parse(d, tcp, d.length - tcp);
                wire.add(new Seg(p.timeNanos(), p.direction() == PacketTap.Direction.OUT, h,
                    d.length - tcp - h.headerLength()));
            }
        });
        return this;
    }

    void runSeconds(double s) {
        world.sim().runFor((long) (s * 1e9));
    }

    /** Collects whatever a socket hears. */
    static class Recorder implements TcpHandler {
        final ByteArrayOutputStream data = new ByteArrayOutputStream();
        final List<String> events = new ArrayList<>();
        TcpSocket socket;
        long peerClosedAt = -1;
        long errorAt = -1;
        final World world;

        Recorder(World world) {
            this.world = world;
        }

        @Override
        public void onConnected(TcpSocket s) {
            socket = s;
            events.add("connected");
        }

        @Override
        public void onData(TcpSocket s, byte[] b, int off, int len) {
            data.write(b, off, len);
        }

        @Override
        public void onPeerClosed(TcpSocket s) {
            events.add("peer-closed");
            peerClosedAt = world.sim().now();
        }

        @Override
        public void onClosed(TcpSocket s) {
            events.add("closed");
        }

        @Override
        public void onError(TcpSocket s, Errno e) {
            events.add(e.name());
            errorAt = world.sim().now();
        }
    }

    /** Writes {@code payload} as fast as the send buffer takes it, then shuts down output. */
    static final class Sender extends Recorder {
        private final byte[] payload;
        private int sent;
        private final boolean closeAtEnd;

        Sender(World world, byte[] payload, boolean closeAtEnd) {
            super(world);
            this.payload = payload;
            this.closeAtEnd = closeAtEnd;
        }

        @Override
        public void onConnected(TcpSocket s) {
            super.onConnected(s);
            pump(s);
        }

        @Override
        public void onWritable(TcpSocket s) {
            pump(s);
        }

        private void pump(TcpSocket s) {
            while (sent < payload.length) {
                int n = s.send(payload, sent, payload.length - sent);
                if (n == 0) {
                    return;
                }
                sent += n;
            }
            if (closeAtEnd) {
                s.shutdownOutput();
            }
        }
    }

    /** Deterministic bytes that make reordering or duplication visible. */
    static byte[] pattern(int n, long seed) {
        byte[] b = new byte[n];
        long x = seed * 0x9E3779B97F4A7C15L + 1;
        for (int i = 0; i < n; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            b[i] = (byte) x;
        }
        return b;
    }
}
