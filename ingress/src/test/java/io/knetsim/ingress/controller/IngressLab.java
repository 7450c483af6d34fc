package io.knetsim.ingress.controller;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.api.ApiServer;
import io.knetsim.api.EndpointSlice;
import io.knetsim.api.ObjectMeta;
import io.knetsim.api.Service;
import io.knetsim.api.ServiceAllocator;
import io.knetsim.api.ServicePort;
import io.knetsim.api.ServiceSpec;
import io.knetsim.app.http.HttpClient;
import io.knetsim.app.http.HttpClientRequest;
import io.knetsim.app.http.HttpResponse;
import io.knetsim.app.http.HttpResult;
import io.knetsim.app.http.HttpServer;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.World;
import io.knetsim.net.link.LinkConfig;
import io.knetsim.net.topo.Lan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The bench of the controller tests: an API server, a client, the ingress host and three
 * "pods" on one switch. Services and EndpointSlices are written by hand (no kube-proxy, no
 * EndpointSlice controller), so in endpoints mode nginx talks to the pods directly.
 *
 * <pre>
 *   s0 ─┬─ client 10.0.0.1
 *       ├─ ingress 10.0.0.2   (IngressController, nginx :80)
 *       └─ pod1 10.0.0.11, pod2 10.0.0.12, pod3 10.0.0.13   (HTTP :8000 answering their name)
 * </pre>
 */
final class IngressLab {
    final World world = new World(11);
    final Lan lan = new Lan(world, "s0", LinkConfig.DEFAULT);
    final ApiServer api = new ApiServer(world.sim(), "C0");
    final NetNamespace client = host("client", "10.0.0.1/24");
    final NetNamespace ingress = host("ingress", "10.0.0.2/24");

    IngressLab() {
        ServiceAllocator.install(api, ServiceAllocator.DEFAULT_SERVICE_CIDR);
        api.register(io.knetsim.api.Ingress.TYPE);
        for (int i = 1; i <= 3; i++) {
            NetNamespace pod = host("pod" + i, "10.0.0." + (10 + i) + "/24");
            String name = "pod" + i;
            new HttpServer(pod, 8000, req -> HttpResponse.text(200, "OK", name + "\n")).start();
        }
    }

    private NetNamespace host(String name, String cidr) {
        NetNamespace ns = world.createNamespace(name);
        lan.attach(ns, "eth0", cidr);
        return ns;
    }

    /** A Service {@code name} with port 80 (named http) to target port 8000, without a selector. */
    Service service(String name) {
        return api.create(Service.of(ObjectMeta.of("default", name),
            ServiceSpec.clusterIP(null, new ServicePort("http", null, 80, null, null))));
    }

    /** The EndpointSlice {@code SERVICE-abc} of a service: the pods given by number, with their readiness. */
    EndpointSlice slice(String service, Map<Integer, Boolean> pods) {
        List<EndpointSlice.Endpoint> eps = new ArrayList<>();
        pods.forEach((n, ready) -> eps.add(new EndpointSlice.Endpoint(List.of("10.0.0." + (10 + n)),
            new EndpointSlice.Conditions(ready, ready, false), "node" + n, null)));
        EndpointSlice s = new EndpointSlice(null, null, ObjectMeta.of("default", service + "-abc",
            Map.of(EndpointSlice.SERVICE_NAME_LABEL, service)), "IPv4", eps,
            List.of(new EndpointSlice.EndpointPort("http", "TCP", 8000)));
        return api.find(EndpointSlice.class, "default", service + "-abc")
            .map(old -> api.update(s.withMetadata(old.metadata().withLabels(s.metadata().labels()))))
            .orElseGet(() -> api.create(s));
    }

    /** Lets the watches deliver and the controller sync. */
    void settle() {
        world.sim().runFor(io.knetsim.sim.SimTime.MS);
    }

    /** GET {@code target} with {@code Host: host} through the ingress: the body, or the status when not 200. */
    String get(String host, String target) {
        return get(host, target, Map.of());
    }

    /** As {@link #get(String, String)}, with more request headers. */
    String get(String host, String target, Map<String, String> headers) {
        HttpResult[] out = new HttpResult[1];
        HttpClientRequest req = HttpClientRequest.get(Ipv4Address.parse("10.0.0.2").bits(), 80, target)
            .withHeader("Host", host);
        for (Map.Entry<String, String> h : new java.util.TreeMap<>(headers).entrySet()) {
            req = req.withHeader(h.getKey(), h.getValue());
        }
        new HttpClient(client, "curl/8.5.0").send(req, r -> out[0] = r);
        world.sim().runWhile(() -> out[0] == null);
        io.knetsim.app.http.HttpClientResponse r = out[0].response();
        return r.status() == 200 ? r.bodyText().strip() : String.valueOf(r.status());
    }
}
