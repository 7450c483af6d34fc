package io.knetsim.tool.kubectl;

import io.knetsim.api.EndpointSlice;
import io.knetsim.api.Endpoints;
import io.knetsim.api.Service;
import io.knetsim.api.ServicePort;
import io.knetsim.api.ServiceSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * kubectl's rows for Services, EndpointSlices and Endpoints:
 * <pre>
 * NAME        TYPE        CLUSTER-IP     EXTERNAL-IP   PORT(S)          AGE
 * hostnames   NodePort    10.96.45.12    &lt;none&gt;        8888:31234/TCP   5s
 * NAME              ADDRESSTYPE   PORTS   ENDPOINTS                              AGE
 * hostnames-x7k2p   IPv4          9376    11.10.16.2,11.13.176.3,11.15.64.2 + 2 more...   5s
 * NAME        ENDPOINTS                                               AGE
 * hostnames   11.10.16.2:9376,11.13.176.3:9376,11.15.64.2:9376 + 2 more...   5s
 * </pre>
 */
final class ServiceRows {
    private ServiceRows() {
    }

    static List<String> service(Service s, boolean wide, String age) {
        ServiceSpec spec = s.spec();
        String clusterIp = ServiceSpec.EXTERNAL_NAME.equals(spec.type()) ? "<none>" : nz(spec.clusterIP(), "<none>");
        String external = switch (spec.type()) {
            case ServiceSpec.EXTERNAL_NAME -> nz(spec.externalName(), "<none>");
            case ServiceSpec.LOAD_BALANCER -> "<pending>";
            default -> "<none>";
        };
        List<String> ports = new ArrayList<>();
        for (ServicePort p : spec.ports()) {
            ports.add(p.port() + (p.nodePort() != null && p.nodePort() != 0 ? ":" + p.nodePort() : "") + "/"
                + p.protocol());
        }
        List<String> r = new ArrayList<>(List.of(s.metadata().name(), spec.type(), clusterIp, external,
            ports.isEmpty() ? "<none>" : String.join(",", ports), age));
        if (wide) {
            Map<String, String> sel = new TreeMap<>(spec.selector());
            r.add(Tables.labels(sel));
        }
        return r;
    }

    static List<String> endpointSlice(EndpointSlice s, String age) {
        List<String> ports = new ArrayList<>();
        for (EndpointSlice.EndpointPort p : s.ports()) {
            ports.add(p.port() == null ? "<unset>" : Integer.toString(p.port()));
        }
        List<String> addrs = new ArrayList<>();
        s.endpoints().forEach(e -> addrs.addAll(e.addresses()));
        String eps;
        if (addrs.isEmpty()) {
            eps = "<none>";
        } else if (addrs.size() > 3) {
            eps = String.join(",", addrs.subList(0, 3)) + " + " + (addrs.size() - 3) + " more...";
        } else {
            eps = String.join(",", addrs);
        }
        return List.of(s.metadata().name(), nz(s.addressType(), ""), ports.isEmpty() ? "<unset>" : String.join(",", ports),
            eps, age);
    }

    /**
     * kubectl's {@code formatEndpoints}: the ready addresses as {@code ip:port} for every port of
     * every subset (just {@code ip} in a subset without ports), the first three then
     * {@code + N more...}; {@code <none>} without subsets, and "" when no address is ready.
     */
    static String formatEndpoints(Endpoints ep) {
        if (ep.subsets().isEmpty()) {
            return "<none>";
        }
        List<String> list = new ArrayList<>();
        int count = 0;
        for (Endpoints.EndpointSubset ss : ep.subsets()) {
            if (ss.ports().isEmpty()) {
                count += ss.addresses().size();
                for (Endpoints.EndpointAddress a : ss.addresses()) {
                    if (list.size() < 3) {
                        list.add(a.ip());
                    }
                }
                continue;
            }
            for (Endpoints.EndpointPort p : ss.ports()) {
                count += ss.addresses().size();
                for (Endpoints.EndpointAddress a : ss.addresses()) {
                    if (list.size() < 3) {
                        list.add(a.ip() + ":" + (p.port() == null ? 0 : p.port()));
                    }
                }
            }
        }
        return String.join(",", list) + (count > 3 ? " + " + (count - 3) + " more..." : "");
    }

    private static String nz(String s, String dflt) {
        return s == null || s.isEmpty() ? dflt : s;
    }
}
