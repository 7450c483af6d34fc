package io.knetsim.kv;

import io.knetsim.app.http.HttpHeader;
import io.knetsim.app.http.HttpRequest;
import io.knetsim.app.http.HttpResponder;
import io.knetsim.app.http.HttpResponse;
import io.knetsim.app.http.HttpServer;
import io.knetsim.net.NetNamespace;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * etcd's v2 client API over the simulated network: an {@link HttpServer} on port 2379 serving
 * a {@link KvStore}.
 *
 * <pre>
 *   GET    /v2/keys/KEY[?recursive=true&amp;sorted=true]            get, listings
 *   GET    /v2/keys/KEY?wait=true[&amp;waitIndex=N&amp;recursive=true]  long-poll watch
 *   PUT    /v2/keys/KEY  value=V [ttl=S] [dir=true] [prevExist=B] [prevValue=V] [prevIndex=N]
 *   POST   /v2/keys/DIR  value=V [ttl=S]                            in-order key
 *   DELETE /v2/keys/KEY [?dir=true] [?recursive=true] [?prevValue=V] [?prevIndex=N]
 *   GET    /version   GET /health
 * </pre>
 *
 * Answers are etcd's JSON ({@link KvJson}) followed by a newline, with
 * {@code Content-Type: application/json}, {@code X-Etcd-Index}, {@code X-Raft-Index} and
 * {@code X-Raft-Term}; 201 for a create (or a set of a new key), and etcd's status per error
 * code (404, 403, 412, else 400). A watch answers {@code 200} with its headers at once and the
 * event later, in a chunked body, as etcd's Go server does; if the client goes away first the
 * watch is dropped. {@code quorum=true} is accepted and changes nothing.
 *
 * <p><b>Simplification of raft:</b> the cluster's etcd hosts (the default world has two per
 * cluster, {@code C0e1} and {@code C0e2}) each run an EtcdServer over one shared
 * {@link KvStore}, so a write through one host is at once visible through the other, as if
 * replication were instant. There is no leader election and no quorum loss: a partitioned
 * host keeps answering the clients that still reach it. {@code X-Raft-Index} is the etcd
 * index and {@code X-Raft-Term} is always {@value #RAFT_TERM}.
 */
public final class EtcdServer {
    /** etcd's client port. */
    public static final int PORT = 2379;
    /** The version {@code /version} reports (the last etcd release whose main API was v2). */
    public static final String VERSION = "2.3.8";
    public static final long RAFT_TERM = 1;

    private final KvStore store;
    private final HttpServer http;

    public EtcdServer(NetNamespace ns, KvStore store, int port) {
        this.store = store;
        this.http = new HttpServer(ns, port, this::handle);
    }

    /** Starts an etcd server for {@code store} on port 2379 of {@code ns}. */
    public static EtcdServer start(NetNamespace ns, KvStore store) {
        return new EtcdServer(ns, store, PORT).start();
    }

    public EtcdServer start() {
        http.start();
        return this;
    }

    public void stop() {
        http.stop();
    }

    public KvStore store() {
        return store;
    }

    public HttpServer http() {
        return http;
    }

    private static final String KEYS = "/v2/keys";

    private void handle(HttpRequest req, HttpResponder r) {
        String target = req.target();
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        String query = q < 0 ? "" : target.substring(q + 1);
        if (path.equals("/version") && req.method().equals("GET")) {
            r.respond(json(200, "{\"etcdserver\":\"" + VERSION + "\",\"etcdcluster\":\"2.3.0\"}", List.of()));
            return;
        }
        if (path.equals("/health") && req.method().equals("GET")) {
            r.respond(json(200, "{\"health\": \"true\"}", List.of()));
            return;
        }
        if (!path.equals(KEYS) && !path.startsWith(KEYS + "/")) {
            r.respond(HttpResponse.text(404, "Not Found", "404 page not found\n"));
            return;
        }
        if (!List.of("GET", "PUT", "POST", "DELETE").contains(req.method())) {
            r.respond(HttpResponse.text(405, "Method Not Allowed", "Method Not Allowed\n")
                .withHeader("Allow", "GET, PUT, POST, DELETE"));
            return;
        }
        try {
            String key = EtcdForm.decode(path.substring(KEYS.length()));
            String body = req.method().equals("GET") ? "" : new String(req.body(), StandardCharsets.UTF_8);
            EtcdForm f = new EtcdForm(body, query);
            switch (req.method()) {
                case "GET" -> get(key, f, r);
                case "PUT" -> r.respond(event(put(key, f)));
                case "POST" -> {
                    Long ttl = f.ttl();
                    r.respond(event(store.createInOrder(key, f.string("value"), ttl)));
                }
                default -> r.respond(event(delete(key, f)));
            }
        } catch (KvError e) {
            r.respond(error(e));
        }
    }

    private void get(String key, EtcdForm f, HttpResponder r) {
        boolean recursive = f.bool("recursive");
        boolean sorted = f.bool("sorted");
        f.bool("quorum");
        boolean wait = f.bool("wait");
        boolean stream = f.bool("stream");
        long waitIndex = f.index("waitIndex");
        if (!wait) {
            r.respond(event(store.get(key, recursive, sorted)));
            return;
        }
        HttpResponse head = new HttpResponse(200, "OK", "application/json", headers(store.index()), new byte[0]);
        KvWatch[] watch = new KvWatch[1];
        watch[0] = watch(key, recursive, waitIndex, stream, r, watch);
        r.startChunked(head);
        r.onClientGone(() -> watch[0].cancel());
    }

    /** A watch that writes its event as a chunk, and for {@code stream=true} watches again. */
    private KvWatch watch(String key, boolean recursive, long waitIndex, boolean stream, HttpResponder r,
                         KvWatch[] holder) {
        return store.watch(key, recursive, waitIndex, e -> {
            r.writeChunk((KvJson.event(e) + "\n").getBytes(StandardCharsets.UTF_8));
            if (stream && r.isOpen()) {
                holder[0] = watch(key, recursive, e.index() + 1, true, r, holder);
            } else {
                r.endChunked();
            }
        });
    }

    private KvEvent put(String key, EtcdForm f) {
        Boolean prevExist = f.optionalBool("prevExist");
        String prevValue = f.prevValue();
        long prevIndex = f.index("prevIndex");
        boolean dir = f.bool("dir");
        Long ttl = f.ttl();
        f.bool("quorum");
        String value = f.string("value");
        if (prevExist != null) {
            if (prevExist) {
                if (prevIndex == 0 && prevValue == null) {
                    return store.update(key, value, ttl);
                }
                return store.compareAndSwap(key, prevValue, prevIndex, value, ttl);
            }
            return store.create(key, dir, value, ttl);
        }
        if (prevIndex > 0 || prevValue != null) {
            return store.compareAndSwap(key, prevValue, prevIndex, value, ttl);
        }
        return store.set(key, dir, value, ttl);
    }

    private KvEvent delete(String key, EtcdForm f) {
        String prevValue = f.prevValue();
        long prevIndex = f.index("prevIndex");
        boolean dir = f.bool("dir");
        boolean recursive = f.bool("recursive");
        if (prevIndex > 0 || prevValue != null) {
            return store.compareAndDelete(key, prevValue, prevIndex);
        }
        return store.delete(key, dir, recursive);
    }

    private static List<HttpHeader> headers(long index) {
        List<HttpHeader> h = new ArrayList<>();
        h.add(new HttpHeader("X-Etcd-Index", Long.toString(index)));
        h.add(new HttpHeader("X-Raft-Index", Long.toString(index)));
        h.add(new HttpHeader("X-Raft-Term", Long.toString(RAFT_TERM)));
        return List.copyOf(h);
    }

    private static HttpResponse event(KvEvent e) {
        int status = e.isCreated() ? 201 : 200;
        return json(status, KvJson.event(e), headers(e.etcdIndex()));
    }

    private static HttpResponse error(KvError e) {
        return json(e.httpStatus(), KvJson.error(e), List.of(new HttpHeader("X-Etcd-Index", Long.toString(e.index()))));
    }

    private static HttpResponse json(int status, String body, List<HttpHeader> headers) {
        return new HttpResponse(status, reason(status), "application/json", headers,
            (body + "\n").getBytes(StandardCharsets.UTF_8));
    }

    static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 412 -> "Precondition Failed";
            default -> "Internal Server Error";
        };
    }
}
