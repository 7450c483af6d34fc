package io.knetsim.ingress.controller;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.api.EndpointSlice;
import io.knetsim.api.Service;
import io.knetsim.api.ServicePort;
import io.knetsim.ingress.nginx.UpstreamServer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The upstream servers of a Service port, as a controller resolves a backend through the API
 * objects: the ready endpoints of its EndpointSlices ({@link UpstreamMode#ENDPOINTS}) or its
 * cluster IP ({@link UpstreamMode#SERVICE}). A missing Service or port gives no servers.
 *
 * <pre>
 *   backend web:80 ──Service web, port 80 (name "http", targetPort 8000)──▶ slices of web, port "http"
 *                  ──ready endpoints──▶ 10.244.1.5:8000, 10.244.2.7:8000   (sorted by address)
 * </pre>
 */
final class ServiceEndpoints {
    private final UpstreamMode mode;
    private final Map<String, Service> services = new HashMap<>();
    private final List<EndpointSlice> slices;

    ServiceEndpoints(UpstreamMode mode, List<Service> services, List<EndpointSlice> slices) {
        this.mode = mode;
        services.forEach(s -> this.services.put(s.metadata().namespace() + "/" + s.metadata().name(), s));
        this.slices = slices;
    }

    /** The servers of port {@code number} (when not null or 0) or {@code name} of Service {@code ns/service}. */
    List<UpstreamServer> servers(String ns, String service, Integer number, String name) {
        Service svc = services.get(ns + "/" + service);
        if (svc == null || svc.spec() == null) {
            return List.of();
        }
        ServicePort sp = svc.spec().ports().stream()
            .filter(p -> number != null && number != 0 ? number.equals(p.port()) : Objects.equals(name, p.name()))
            .findFirst().orElse(null);
        if (sp == null) {
            return List.of();
        }
        if (mode == UpstreamMode.SERVICE) {
            String ip = svc.spec().clusterIP();
            return ip == null || !Ipv4Address.isValid(ip) ? List.of() : List.of(UpstreamServer.of(ip, sp.port()));
        }
        Map<String, UpstreamServer> out = new LinkedHashMap<>();
        for (EndpointSlice s : slices) {
            if (!ns.equals(s.metadata().namespace()) || !svc.metadata().name().equals(s.serviceName())) {
                continue;
            }
            Integer port = s.ports().stream()
                .filter(p -> Objects.equals(emptyToNull(p.name()), emptyToNull(sp.name())))
                .map(EndpointSlice.EndpointPort::port).filter(Objects::nonNull).findFirst().orElse(null);
            if (port == null) {
                continue;
            }
            for (EndpointSlice.Endpoint e : s.endpoints()) {
                if (e.isReady() && !e.addresses().isEmpty() && Ipv4Address.isValid(e.addresses().get(0))) {
                    UpstreamServer u = UpstreamServer.of(e.addresses().get(0), port);
                    out.putIfAbsent(u.endpoint(), u);
                }
            }
        }
        return new ArrayList<>(out.values()).stream().sorted(Comparator.comparing(UpstreamServer::address)
            .thenComparingInt(UpstreamServer::port)).toList();
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
