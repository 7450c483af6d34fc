package io.knetsim.ingress.nginx;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.app.http.HttpClient;
import io.knetsim.app.http.HttpClientRequest;
import io.knetsim.app.http.HttpRequest;
import io.knetsim.app.http.HttpResponse;
import io.knetsim.app.http.HttpResult;
import io.knetsim.app.http.HttpServer;
import io.knetsim.app.http.RawClient;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.World;
import io.knetsim.net.link.LinkConfig;
import io.knetsim.net.tcp.Tcp;
import io.knetsim.net.topo.Lan;
import java.util.ArrayList;
import java.util.List;

/**
 * The lab bench of the proxy tests: a client, the proxy host and upstream hosts on one switch.
 *
 * <pre>
 *   s0 ─┬─ client 10.0.0.1
 *       ├─ proxy  10.0.0.2   (nginx :8001)
 *       └─ up1 10.0.0.11, up2 10.0.0.12, up3 10.0.0.13   (HTTP servers as each test needs)
 * </pre>
 */
final class ProxyLab {
    final World world = new World(7);
    final Lan lan = new Lan(world, "s0", LinkConfig.DEFAULT);
    final NetNamespace client = host("client", "10.0.0.1/24");
    final NetNamespace proxy = host("proxy", "10.0.0.2/24");
    final NetNamespace up1 = host("up1", "10.0.0.11/24");
    final NetNamespace up2 = host("up2", "10.0.0.12/24");
    final NetNamespace up3 = host("up3", "10.0.0.13/24");
    /** Requests the {@linkplain #recorder recording servers} received, in order. */
    final List<HttpRequest> received = new ArrayList<>();

    private NetNamespace host(String name, String cidr) {
        NetNamespace ns = world.createNamespace(name);
        lan.attach(ns, "eth0", cidr);
        return ns;
    }

    /** A server answering {@code 200 message} to every request and recording it. */
    HttpServer recorder(NetNamespace ns, int port, String message) {
        return new HttpServer(ns, port, req -> {
            received.add(req);
            return HttpResponse.text(200, "OK", message + "\n");
        }).start();
    }

    /** One request from the client to the proxy's port 8001 with {@code Connection: close}: the raw reply. */
    RawClient raw(String request) {
        RawClient r = new RawClient(request);
        Tcp.connect(client, Ipv4Address.parse("10.0.0.2").bits(), 8001, r);
        return r;
    }

    /** A GET through the proxy with core's HTTP client; runs the clock until answered. */
    HttpResult get(String target) {
        HttpResult[] out = new HttpResult[1];
        new HttpClient(client, "curl/8.5.0").send(HttpClientRequest.get(Ipv4Address.parse("10.0.0.2").bits(), 8001,
            target), r -> out[0] = r);
        world.sim().runWhile(() -> out[0] == null);
        return out[0];
    }

    /** The body of a GET through the proxy (or its status as {@code "404"} etc. when not 200). */
    String body(String target) {
        HttpResult r = get(target);
        if (!r.ok()) {
            return r.error().name();
        }
        return r.response().status() == 200 ? r.response().bodyText().strip() : String.valueOf(r.response().status());
    }
}
