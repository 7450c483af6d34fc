package io.knetsim.kubeproxy.proxy;

import io.knetsim.api.EndpointSlice;
import io.knetsim.api.Service;
import io.knetsim.api.ServicePort;
import io.knetsim.api.ServiceSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * kube-proxy's service and endpoints change trackers, collapsed: from the Services and
 * EndpointSlices it watches, the service ports it programs, each with its ready endpoints.
 * Headless and ExternalName services get no rules, nor SCTP ports (knetsim has no SCTP);
 * endpoints that are not ready are left out; an endpoint listed in two slices counts once.
 */
public final class ServicePorts {
    private ServicePorts() {
    }

    /** Service ports sorted by namespace, name, port name, protocol. */
    public static List<ServicePortInfo> of(List<Service> services, List<EndpointSlice> slices) {
        Map<String, List<EndpointSlice>> byService = new LinkedHashMap<>();
        for (EndpointSlice s : slices) {
            if (s.serviceName() != null) {
                byService.computeIfAbsent(s.metadata().namespace() + "/" + s.serviceName(), k -> new ArrayList<>())
                    .add(s);
            }
        }
        List<ServicePortInfo> out = new ArrayList<>();
        for (Service svc : services) {
            ServiceSpec spec = svc.spec();
            if (spec.isHeadless() || ServiceSpec.EXTERNAL_NAME.equals(spec.type()) || spec.clusterIP() == null
                || spec.clusterIP().isEmpty()) {
                continue;
            }
            String ns = svc.metadata().namespace();
            List<EndpointSlice> mine = byService.getOrDefault(ns + "/" + svc.metadata().name(), List.of());
            for (ServicePort sp : spec.ports()) {
                if (!"TCP".equals(sp.protocol()) && !"UDP".equals(sp.protocol())) {
                    continue;
                }
                String portName = sp.name() == null ? "" : sp.name();
                Map<String, ServicePortInfo.EndpointInfo> eps = new LinkedHashMap<>();
                for (EndpointSlice slice : mine) {
                    Integer target = null;
                    for (EndpointSlice.EndpointPort p : slice.ports()) {
                        String pn = p.name() == null ? "" : p.name();
                        if (pn.equals(portName) && sp.protocol().equals(p.protocol())) {
                            target = p.port();
                        }
                    }
                    if (target == null) {
                        continue;
                    }
                    for (EndpointSlice.Endpoint e : slice.endpoints()) {
                        if (!e.isReady() || e.addresses().isEmpty()) {
                            continue;
                        }
                        ServicePortInfo.EndpointInfo ei =
                            new ServicePortInfo.EndpointInfo(e.addresses().get(0), target, e.nodeName());
                        eps.putIfAbsent(ei.toString(), ei);
                    }
                }
                List<ServicePortInfo.EndpointInfo> sorted = new ArrayList<>(eps.values());
                sorted.sort(Comparator.comparing((ServicePortInfo.EndpointInfo e) ->
                    io.knetsim.addr.Ipv4Address.parse(e.ip())).thenComparingInt(ServicePortInfo.EndpointInfo::port));
                Integer timeout = spec.sessionAffinityConfig() == null ? null : spec.sessionAffinityConfig().timeoutSeconds();
                out.add(new ServicePortInfo(ns, svc.metadata().name(), portName, sp.protocol().toLowerCase(
                    java.util.Locale.ROOT), spec.clusterIP(), sp.port(), sp.nodePort() == null ? 0 : sp.nodePort(),
                    "Local".equals(spec.externalTrafficPolicy()),
                    "ClientIP".equals(spec.sessionAffinity()) ? (timeout == null ? 10800 : timeout) : 0, sorted));
            }
        }
        out.sort(Comparator.comparing(ServicePortInfo::namespace).thenComparing(ServicePortInfo::name)
            .thenComparing(ServicePortInfo::portName).thenComparing(ServicePortInfo::protocol));
        return out;
    }
}
