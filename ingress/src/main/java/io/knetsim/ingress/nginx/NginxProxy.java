package io.knetsim.ingress.nginx;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.app.http.HttpRequest;
import io.knetsim.app.http.HttpResponder;
import io.knetsim.app.http.HttpServer;
import io.knetsim.net.NetNamespace;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * An nginx-like reverse proxy running in a namespace: it listens on its configuration's port
 * (all addresses, so {@code curl localhost:8001} and {@code curl 10.0.0.3:8001} both reach it),
 * matches each request to a location and proxies it to an upstream over the simulated TCP (see
 * {@link ProxiedRequest} for the steps and {@link ProxyMessages} for the bytes).
 *
 * <p>Its listening side is core's {@link HttpServer}: it parses each client connection's
 * requests, hands them over one at a time and writes the answers in request order (pipelined
 * requests wait), keeps the connection alive as HTTP/1.1 says and closes it after an answer to
 * a request that does not keep it alive. The proxy answers with its own bytes
 * ({@link HttpResponder#respondEncoded}), nginx's 400 page to a malformed request, and cancels
 * a pending request when its client goes away (the upstream connection is dropped, as nginx
 * does without {@code proxy_ignore_client_abort}). Each request takes the proxy's current
 * {@link Generation} when it starts.
 *
 * <p>It writes its configuration into the host's file view as nginx would read it:
 * {@code /etc/nginx/nginx.conf} (if absent) and {@code /etc/nginx/conf.d/NAME.conf}, which
 * {@code nginx -T} prints. {@link #reload} replaces the configuration live, as
 * {@code nginx -s reload}: requests already in flight finish on the old one.
 */
public final class NginxProxy {
    private static final int BACKLOG = 511; // nginx's default listen backlog on Linux

    private final NetNamespace ns;
    private final Map<Integer, Long> statuses = new TreeMap<>();
    private Generation gen;
    private HttpServer listener;
    private long requests;
    private boolean stopped;

    private NginxProxy(NetNamespace ns) {
        this.ns = ns;
    }

    /**
     * Starts a proxy. Fails, leaving the namespace unchanged, when the port is taken or a proxy
     * of the same name already runs there.
     */
    public static NginxProxy start(NetNamespace ns, NginxConfig config) {
        String path = NginxConfWriter.path(config.name());
        if (ns.files().exists(path)) {
            throw new IllegalStateException("ingress " + config.name() + " already runs on " + ns.name()
                + " (" + path + " exists)");
        }
        NginxProxy p = new NginxProxy(ns);
        p.listener = p.listen(config.listen());
        p.gen = new Generation(ns, config, null);
        p.gen.startChecks();
        if (!ns.files().exists(NginxConfWriter.MAIN_PATH)) {
            ns.files().write(NginxConfWriter.MAIN_PATH, NginxConfWriter.MAIN);
        }
        ns.files().write(path, NginxConfWriter.render(config));
        return p;
    }

    private HttpServer listen(int port) {
        try {
            return new HttpServer(ns, port, this::handle)
                .backlog(BACKLOG)
                .onBadRequest(() -> {
                    counted(400);
                    return ProxyMessages.errorResponse(400, false, false, ns.sim().now());
                })
                .start(); // tcp_nodelay on, as HttpServer sets it
        } catch (RuntimeException e) {
            throw new IllegalStateException("nginx: [emerg] bind() to 0.0.0.0:" + port
                + " failed (98: Address already in use)", e);
        }
    }

    /** One client request: proxied on the current generation, answered in its connection's order. */
    private void handle(HttpRequest req, HttpResponder responder) {
        String remote = req.remoteAddr();
        int client = Ipv4Address.parse(remote.substring(0, remote.lastIndexOf(':'))).bits();
        ProxiedRequest r = begin(req, client, a -> {
            counted(a.status());
            responder.respondEncoded(a.bytes());
        });
        responder.onClientGone(r::cancel);
    }

    /**
     * Loads a new configuration of the same name. New requests use it at once; requests in
     * flight finish on the old one. A new listen port is bound before the old one is let go, so a
     * port already in use leaves the proxy as it was.
     */
    public void reload(NginxConfig config) {
        if (stopped) {
            throw new IllegalStateException("ingress " + gen.config.name() + " is stopped");
        }
        if (!config.name().equals(gen.config.name())) {
            throw new IllegalArgumentException("reload: the name may not change (was " + gen.config.name()
                + ", got " + config.name() + ")");
        }
        if (config.listen() != gen.config.listen()) {
            HttpServer next = listen(config.listen());
            listener.stop();
            listener = next;
        }
        Generation old = gen;
        gen = new Generation(ns, config, old);
        old.stopChecks();
        gen.startChecks();
        ns.files().write(NginxConfWriter.path(config.name()), NginxConfWriter.render(config));
    }

    /** Stops listening and checking; its conf.d file is removed. Open connections finish. */
    public void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        listener.stop();
        gen.stopChecks();
        ns.files().delete(NginxConfWriter.path(gen.config.name()));
    }

    public NginxConfig config() {
        return gen.config;
    }

    public NetNamespace ns() {
        return ns;
    }

    /** Requests answered so far (by the upstream or by the proxy itself). */
    public long requests() {
        return requests;
    }

    /** How many answers had {@code status}. */
    public long responses(int status) {
        return statuses.getOrDefault(status, 0L);
    }

    /**
     * Whether the current configuration's upstream would consider {@code endpoint}
     * ({@code ADDRESS:PORT}) now: not taken out by active checks nor by max_fails/fail_timeout.
     */
    public boolean isUp(String upstream, String endpoint) {
        UpstreamPeers peers = gen.peers.get(upstream);
        if (peers == null) {
            throw new IllegalArgumentException("no upstream " + upstream + " in ingress " + gen.config.name());
        }
        for (UpstreamPeers.Peer p : peers.peers()) {
            if (p.server().endpoint().equals(endpoint)) {
                return !p.checkDown && !peers.passiveDown(p, ns.sim().now());
            }
        }
        throw new IllegalArgumentException("no server " + endpoint + " in upstream " + upstream);
    }

    private ProxiedRequest begin(HttpRequest req, int clientAddress, Consumer<ProxiedRequest.Answer> done) {
        ProxiedRequest r = new ProxiedRequest(ns, gen, req, clientAddress, done);
        r.start();
        return r;
    }

    private void counted(int status) {
        requests++;
        statuses.merge(status, 1L, Long::sum);
    }
}
