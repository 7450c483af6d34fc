package io.knetsim.skupper.router;

import io.knetsim.net.tcp.TcpHandler;
import io.knetsim.net.tcp.TcpSocket;
import io.knetsim.skupper.amqp.AmqpError;
import io.knetsim.skupper.amqp.Attach;
import io.knetsim.skupper.config.TcpConnectorEntity;
import io.knetsim.skupper.config.TcpListenerEntity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The TCP adaptor's streams on one router. Each client connection a tcpListener accepts
 * becomes a stream: a forward link named {@code tcp/ROUTER/N} with the listener's address as
 * target, carrying one streamed delivery (the client's bytes), and a reverse link
 * {@code tcp/ROUTER/N/reply} coming back the same way with the server's bytes.
 *
 * <pre>
 *   router A (tcpListener)        router B (interior)            router C (tcpConnector)
 *   TcpStream ── tcp/A/1 ──▶ LinkRelay ── tcp/A/1 ──▶ TcpStream ──▶ server
 *   client ◀── tcp/A/1/reply ── LinkRelay ◀── tcp/A/1/reply ──
 * </pre>
 *
 * Each router that receives a forward link chooses where it goes by the address: to a local
 * tcpConnector when it has the closest consumer, else on to the next hop towards the closest
 * router with one (equal costs in turn); with none reachable the link is refused with
 * {@code qd:no-route-to-dest} and the client's connection is reset.
 */
final class StreamTable {
    static final String NO_ROUTE = "qd:no-route-to-dest";

    /** Where a new stream goes from this router. */
    sealed interface Destination permits Local, Remote {
    }

    /** To a tcpConnector on this router. */
    record Local(TcpConnectorEntity connector) implements Destination {
    }

    /** On to the next hop, over this inter-router connection. */
    record Remote(RouterConnection via) implements Destination {
    }

    /** Something waiting for the reverse link of a stream. */
    interface ReverseWaiter {
        void onReverseAttach(RouterConnection c, Attach a);
    }

    private final SkupperRouter router;
    private final Map<String, List<TcpConnectorEntity>> connectors = new TreeMap<>();
    private final Map<String, Long> localTurn = new LinkedHashMap<>();
    private final Map<String, ReverseWaiter> waiting = new LinkedHashMap<>();
    private final List<Runnable> aborters = new ArrayList<>();
    private final Map<String, long[]> counts = new TreeMap<>();
    private long next = 1;
    private int active;

    StreamTable(SkupperRouter router) {
        this.router = router;
    }

    SkupperRouter router() {
        return router;
    }

    void addConnector(TcpConnectorEntity c) {
        connectors.computeIfAbsent(c.address(), k -> new ArrayList<>()).add(c);
    }

    int active() {
        return active;
    }

    /** Streams per address: [0] started here (in), [1] delivered to a local connector (out), [2] relayed (thru). */
    Map<String, long[]> counts() {
        Map<String, long[]> m = new TreeMap<>();
        counts.forEach((k, v) -> m.put(k, v.clone()));
        return m;
    }

    void countLocal(String address) {
        count(address, 1);
    }

    private void count(String address, int which) {
        counts.computeIfAbsent(address, k -> new long[3])[which]++;
    }

    /** Addresses with a tcpConnector on this router, with how many. */
    Map<String, Integer> localConsumers() {
        Map<String, Integer> m = new TreeMap<>();
        connectors.forEach((k, v) -> m.put(k, v.size()));
        return m;
    }

    /** A client connection accepted by a tcpListener: starts a stream towards its address. */
    TcpHandler accept(TcpListenerEntity l, TcpSocket client) {
        String name = "tcp/" + router.id() + "/" + next++;
        count(l.address(), 0);
        return TcpStream.client(this, name, l.address(), client);
    }

    /** Where a new stream for {@code address} goes from here: a local connector, or the next hop's connection. */
    Optional<Destination> route(String address) {
        Optional<String> dest = router.routing().pickConsumer(address);
        if (dest.isEmpty()) {
            return Optional.empty();
        }
        if (dest.get().equals(router.id())) {
            List<TcpConnectorEntity> list = connectors.get(address);
            long n = localTurn.merge(address, 1L, Long::sum) - 1;
            return Optional.of(new Local(list.get((int) (n % list.size()))));
        }
        return router.routing().nextHop(dest.get()).map(Remote::new);
    }

    void expectReverse(String name, ReverseWaiter w) {
        waiting.put(name + "/reply", w);
    }

    void forget(String name) {
        waiting.remove(name + "/reply");
    }

    void started(Runnable abort) {
        active++;
        aborters.add(abort);
    }

    void ended(Runnable abort) {
        if (aborters.remove(abort)) {
            active--;
        }
    }

    void abortAll() {
        for (Runnable r : new ArrayList<>(aborters)) {
            r.run();
        }
    }

    /** The peer attached a link that is not its control link: a stream's forward or reverse link. */
    void onRemoteAttach(RouterConnection c, Attach a) {
        if (a.receiver()) {
            c.amqp.refuse(a, AmqpError.of("amqp:not-allowed", "the router sends only on links it attaches"));
            return;
        }
        ReverseWaiter w = waiting.remove(a.name());
        if (w != null) {
            w.onReverseAttach(c, a);
            return;
        }
        String address = a.target() == null ? null : a.target().address();
        if (address == null || !a.name().startsWith("tcp/")) {
            c.amqp.refuse(a, AmqpError.of("amqp:not-found", "no target address"));
            return;
        }
        Optional<Destination> to = route(address);
        if (to.isEmpty()) {
            c.amqp.refuse(a, AmqpError.of(NO_ROUTE, "no route to the destination " + address));
            return;
        }
        if (to.get() instanceof Local local) {
            count(address, 1);
            TcpStream.server(this, c, a, local.connector());
        } else {
            count(address, 2);
            LinkRelay.start(this, c, a, ((Remote) to.get()).via());
        }
    }
}
