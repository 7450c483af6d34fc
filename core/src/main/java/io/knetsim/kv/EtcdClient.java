package io.knetsim.kv;

import io.knetsim.app.http.HttpClient;
import io.knetsim.app.http.HttpClientError;
import io.knetsim.app.http.HttpClientRequest;
import io.knetsim.app.http.HttpClientResponse;
import io.knetsim.app.http.HttpResult;
import io.knetsim.net.NetNamespace;
import io.knetsim.sim.SimTime;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * An asynchronous etcd v2 client for components (flannel keeps its leases with one), over
 * {@link HttpClient}: {@link #get}, {@link #set}, {@link #create}, {@link #delete} and
 * {@link #watch} (a v2 long poll, {@code ?wait=true&waitIndex=N}). Each call ends with one
 * {@link EtcdResponse} on the simulator clock.
 *
 * <p>Endpoints are tried in turn as the Go client does: starting from the one that answered
 * last, a call that cannot reach an endpoint (refused, unreachable, no handshake within the
 * {@linkplain #dialTimeout() dial timeout}, reset, or no answer within the request timeout)
 * goes on to the next; only when none answers does the call fail with one transport error per
 * endpoint. An etcd error ({@code 100: Key not found}) is an answer, not a reason to fail over.
 *
 * <pre>
 *   client --x--> 10.1.0.1:2379 (partitioned: dial timeout 1 s)
 *          -----> 10.1.0.2:2379  {"action":"get",...}   (pinned for the next call)
 * </pre>
 */
public final class EtcdClient {
    /** The Go client's default dial timeout. */
    public static final long DIAL_TIMEOUT = SimTime.seconds(1);
    /** How long a non-watch request may take once connected (etcdctl's {@code --total-timeout}). */
    public static final long REQUEST_TIMEOUT = SimTime.seconds(5);

    private final HttpClient http;
    private final List<EtcdEndpoint> endpoints;
    private long dialTimeout = DIAL_TIMEOUT;
    private long requestTimeout = REQUEST_TIMEOUT;
    private int pinned;

    public EtcdClient(NetNamespace ns, List<EtcdEndpoint> endpoints) {
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("etcd client: no endpoints");
        }
        this.http = new HttpClient(ns, "Go-http-client/1.1");
        this.endpoints = List.copyOf(endpoints);
    }

    /** A client for URLs such as {@code http://10.1.0.1:2379}. */
    public static EtcdClient of(NetNamespace ns, String... urls) {
        List<EtcdEndpoint> eps = new ArrayList<>();
        for (String u : urls) {
            eps.add(EtcdEndpoint.parse(u));
        }
        return new EtcdClient(ns, eps);
    }

    public List<EtcdEndpoint> endpoints() {
        return endpoints;
    }

    public long dialTimeout() {
        return dialTimeout;
    }

    /** Sets the dial and request timeouts (nanoseconds of simulated time). */
    public EtcdClient withTimeouts(long dial, long request) {
        this.dialTimeout = dial;
        this.requestTimeout = request;
        return this;
    }

    /** {@code GET /v2/keys/KEY?recursive=..&sorted=..}. */
    public void get(String key, boolean recursive, boolean sorted, Consumer<EtcdResponse> done) {
        List<String> q = new ArrayList<>();
        if (recursive) {
            q.add("recursive=true");
        }
        if (sorted) {
            q.add("sorted=true");
        }
        start("GET", target(key, q), "", requestTimeout, done);
    }

    /** {@code PUT /v2/keys/KEY} with {@code value} and the options as a form. */
    public void set(String key, String value, EtcdSetOptions o, Consumer<EtcdResponse> done) {
        List<String> f = new ArrayList<>();
        if (value != null && !o.dir()) {
            f.add("value=" + enc(value));
        }
        if (o.ttl() != null) {
            f.add("ttl=" + o.ttl());
        }
        if (o.prevExist() != null) {
            f.add("prevExist=" + o.prevExist());
        }
        if (o.prevValue() != null) {
            f.add("prevValue=" + enc(o.prevValue()));
        }
        if (o.prevIndex() != 0) {
            f.add("prevIndex=" + o.prevIndex());
        }
        if (o.dir()) {
            f.add("dir=true");
        }
        start("PUT", target(key, List.of()), String.join("&", f), requestTimeout, done);
    }

    /** A set that must not replace anything ({@code prevExist=false}). */
    public void create(String key, String value, Long ttl, Consumer<EtcdResponse> done) {
        set(key, value, EtcdSetOptions.NONE.withPrevExist(false).withTtl(ttl), done);
    }

    /** {@code POST /v2/keys/DIR}: a key named after the next index. */
    public void createInOrder(String dir, String value, Long ttl, Consumer<EtcdResponse> done) {
        String form = "value=" + enc(value) + (ttl == null ? "" : "&ttl=" + ttl);
        start("POST", target(dir, List.of()), form, requestTimeout, done);
    }

    /** {@code DELETE /v2/keys/KEY?dir=..&recursive=..&prevValue=..&prevIndex=..}. */
    public void delete(String key, EtcdDeleteOptions o, Consumer<EtcdResponse> done) {
        List<String> q = new ArrayList<>();
        if (o.dir()) {
            q.add("dir=true");
        }
        if (o.recursive()) {
            q.add("recursive=true");
        }
        if (o.prevValue() != null) {
            q.add("prevValue=" + enc(o.prevValue()));
        }
        if (o.prevIndex() != 0) {
            q.add("prevIndex=" + o.prevIndex());
        }
        start("DELETE", target(key, q), "", requestTimeout, done);
    }

    /**
     * Waits for the first change of {@code key} (below it too when {@code recursive}) at or
     * after {@code waitIndex} (0: the next one): a v2 long poll with no request timeout. To
     * follow a key, watch again from the event's {@code modifiedIndex + 1}.
     */
    public EtcdWatch watch(String key, boolean recursive, long waitIndex, Consumer<EtcdResponse> done) {
        List<String> q = new ArrayList<>();
        q.add("wait=true");
        if (waitIndex > 0) {
            q.add("waitIndex=" + waitIndex);
        }
        if (recursive) {
            q.add("recursive=true");
        }
        return start("GET", target(key, q), "", 0, done);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String target(String key, List<String> query) {
        StringBuilder sb = new StringBuilder("/v2/keys");
        for (String seg : KvStore.clean(key).split("/")) {
            if (!seg.isEmpty()) {
                sb.append('/').append(enc(seg).replace("+", "%20"));
            }
        }
        if (KvStore.clean(key).equals("/")) {
            sb.append('/');
        }
        if (!query.isEmpty()) {
            sb.append('?').append(String.join("&", query));
        }
        return sb.toString();
    }

    private EtcdWatch start(String method, String target, String form, long timeout, Consumer<EtcdResponse> done) {
        EtcdWatch call = new EtcdWatch();
        attempt(call, method, target, form, timeout, pinned, 0, new ArrayList<>(), done);
        return call;
    }

    /** Tries endpoint {@code i} ({@code tried} endpoints already failed, their errors in {@code errors}). */
    private void attempt(EtcdWatch call, String method, String target, String form, long timeout, int i, int tried,
                         List<String> errors, Consumer<EtcdResponse> done) {
        EtcdEndpoint ep = endpoints.get(i);
        HttpClientRequest req = HttpClientRequest.form(ep.address(), ep.port(), method, target, form)
            .withTimeouts(dialTimeout, timeout);
        call.current = http.send(req, result -> {
            if (call.cancelled) {
                return;
            }
            EtcdResponse r = decode(result, ep, method, target);
            if (r != null) {
                pinned = i;
                done.accept(r);
                return;
            }
            errors.add(transportError(result, ep, method, target));
            if (tried + 1 < endpoints.size()) {
                attempt(call, method, target, form, timeout, (i + 1) % endpoints.size(), tried + 1, errors, done);
            } else {
                done.accept(new EtcdResponse(null, null, List.copyOf(errors), null));
            }
        });
    }

    /** The answer, or null when this endpoint did not give one (try the next). */
    private static EtcdResponse decode(HttpResult result, EtcdEndpoint ep, String method, String target) {
        if (!result.ok()) {
            return null;
        }
        HttpClientResponse resp = result.response();
        String ct = resp.header("Content-Type");
        if (ct == null || !ct.startsWith("application/json")) {
            return null;
        }
        try {
            var json = KvJson.parse(resp.bodyText());
            if (resp.status() / 100 == 2) {
                String idx = resp.header("X-Etcd-Index");
                return new EtcdResponse(KvJson.parseEvent(json, idx == null ? 0 : Long.parseLong(idx)), null,
                    List.of(), ep);
            }
            if (json.has("errorCode")) {
                return new EtcdResponse(null, KvJson.parseError(json), List.of(), ep);
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
        return null;
    }

    /** The Go client's text for why an endpoint gave no answer. */
    private static String transportError(HttpResult result, EtcdEndpoint ep, String method, String target) {
        if (result.ok()) {
            HttpClientResponse r = result.response();
            return "unexpected response from " + ep.url() + ": " + r.status() + " " + r.reason();
        }
        HttpClientError e = result.error();
        if (!result.connected()) {
            return switch (e) {
                case CONNECTION_REFUSED, NETWORK_UNREACHABLE -> "dial tcp " + ep.hostPort() + ": connect: " + e.message();
                default -> "dial tcp " + ep.hostPort() + ": " + e.message();
            };
        }
        return switch (e) {
            case TIMEOUT -> "client: endpoint " + ep.url() + " exceeded header timeout";
            case RESET -> "read tcp " + ep.hostPort() + ": read: connection reset by peer";
            default -> method + " " + ep.url() + target + ": " + e.message();
        };
    }
}
