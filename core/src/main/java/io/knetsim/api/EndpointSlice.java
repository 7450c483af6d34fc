package io.knetsim.api;

import java.util.List;

/**
 * An EndpointSlice ({@code discovery.k8s.io/v1}): up to 100 endpoints of one Service, with the
 * ports they serve, written by the EndpointSlice controller and read by every kube-proxy.
 * <pre>
 * {"apiVersion":"discovery.k8s.io/v1","kind":"EndpointSlice",
 *  "metadata":{"name":"hostnames-x7k2p","namespace":"default","generateName":"hostnames-",
 *              "labels":{"endpointslice.kubernetes.io/managed-by":"endpointslice-controller.k8s.io",
 *                        "kubernetes.io/service-name":"hostnames"},"ownerReferences":[...]},
 *  "addressType":"IPv4",
 *  "endpoints":[{"addresses":["11.10.16.2"],"conditions":{"ready":true,"serving":true,"terminating":false},
 *                "nodeName":"c0w3","targetRef":{"kind":"Pod","name":"hostnames-...","namespace":"default",...}}],
 *  "ports":[{"name":"","port":9376,"protocol":"TCP"}]}
 * </pre>
 */
public record EndpointSlice(String apiVersion, String kind, ObjectMeta metadata, String addressType,
    List<Endpoint> endpoints, List<EndpointPort> ports) implements KubeObject<EndpointSlice> {

    /** The label naming the slice's service. */
    public static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";
    /** The label naming who manages the slice. */
    public static final String MANAGED_BY_LABEL = "endpointslice.kubernetes.io/managed-by";
    public static final ResourceType<EndpointSlice> TYPE = new ResourceType<>("discovery.k8s.io", "v1",
        "EndpointSlice", "endpointslices", true, false, EndpointSlice.class, s -> s,
        Validation::dns1123Subdomain, EndpointSlice::validate);

    public EndpointSlice {
        apiVersion = apiVersion == null ? "discovery.k8s.io/v1" : apiVersion;
        kind = kind == null ? "EndpointSlice" : kind;
        endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
        ports = ports == null ? List.of() : List.copyOf(ports);
    }

    /**
     * One endpoint: its addresses, conditions, node and the pod it is.
     *
     * @param addresses  one IPv4 address
     * @param conditions ready / serving / terminating
     * @param nodeName   the node the pod runs on
     * @param targetRef  the pod
     */
    public record Endpoint(List<String> addresses, Conditions conditions, String nodeName,
        ObjectReference targetRef) {
        public Endpoint {
            addresses = addresses == null ? List.of() : List.copyOf(addresses);
        }

        /** Whether kube-proxy should send new connections to it (ready unset counts as ready). */
        @com.fasterxml.jackson.annotation.JsonIgnore
        public boolean isReady() {
            return conditions == null || conditions.ready() == null || conditions.ready();
        }
    }

    /** {@code conditions} of an endpoint. */
    public record Conditions(Boolean ready, Boolean serving, Boolean terminating) {
    }

    /** A port the endpoints serve: the service port's name, protocol and the resolved target port. */
    public record EndpointPort(String name, String protocol, Integer port) {
    }

    @Override
    public EndpointSlice withMetadata(ObjectMeta m) {
        return new EndpointSlice(apiVersion, kind, m, addressType, endpoints, ports);
    }

    public EndpointSlice withContent(List<Endpoint> e, List<EndpointPort> p) {
        return new EndpointSlice(apiVersion, kind, metadata, addressType, e, p);
    }

    /** The service this slice belongs to, from its label; null when unlabelled. */
    public String serviceName() {
        return metadata == null || metadata.labels() == null ? null : metadata.labels().get(SERVICE_NAME_LABEL);
    }

    private static List<FieldError> validate(EndpointSlice s) {
        List<FieldError> errs = new java.util.ArrayList<>();
        if (s.addressType == null || s.addressType.isEmpty()) {
            errs.add(FieldError.required("addressType", ""));
        } else if (!List.of("IPv4", "IPv6", "FQDN").contains(s.addressType)) {
            errs.add(FieldError.notSupported("addressType", s.addressType, "FQDN", "IPv4", "IPv6"));
        }
        for (int i = 0; i < s.endpoints.size(); i++) {
            Endpoint e = s.endpoints.get(i);
            if (e.addresses().isEmpty()) {
                errs.add(FieldError.required("endpoints[" + i + "].addresses", "must contain at least 1 address"));
            }
            for (int j = 0; j < e.addresses().size(); j++) {
                String a = e.addresses().get(j);
                if ("IPv4".equals(s.addressType) && !io.knetsim.addr.Ipv4Address.isValid(a)) {
                    errs.add(FieldError.invalid("endpoints[" + i + "].addresses[" + j + "]", a,
                        "must be a valid IPv4 address"));
                }
            }
        }
        for (int i = 0; i < s.ports.size(); i++) {
            EndpointPort p = s.ports.get(i);
            if (p.port() != null && (p.port() < 1 || p.port() > 65535)) {
                errs.add(FieldError.invalid("ports[" + i + "].port", p.port(), "must be between 1 and 65535, inclusive"));
            }
        }
        return errs;
    }
}
