package io.knetsim.api;

import io.knetsim.addr.Ipv4Address;
import java.util.ArrayList;
import java.util.List;

/**
 * The legacy Endpoints object ({@code v1}, deprecated since Kubernetes 1.33 but still served):
 * one object per Service, named as the Service, listing its pods' addresses in subsets of
 * addresses that share the same ports. The endpoints controller of kube-controller-manager
 * writes it; {@code kubectl get endpoints NAME} reads it (the "Debug Services" page does).
 * <pre>
 * {"apiVersion":"v1","kind":"Endpoints",
 *  "metadata":{"name":"hostnames","namespace":"default","labels":{"app":"hostnames"}},
 *  "subsets":[{"addresses":[{"ip":"11.10.16.2","nodeName":"c0w3",
 *                            "targetRef":{"kind":"Pod","name":"hostnames-...","namespace":"default","uid":"..."}}],
 *              "notReadyAddresses":[{"ip":"11.13.176.3",...}],
 *              "ports":[{"port":9376,"protocol":"TCP"}]}]}
 * </pre>
 * A Service without pods has an Endpoints object without {@code subsets}. The API server
 * defaults each port's {@code protocol} to TCP; validation follows Kubernetes'
 * {@code ValidateEndpoints}: every subset has {@code addresses} or {@code notReadyAddresses},
 * addresses are valid, non-special IPs, ports are 1-65535 with TCP/UDP/SCTP and, when a subset
 * has several, a DNS-label name each.
 *
 * @param subsets the sets of addresses and the ports they all serve
 */
public record Endpoints(String apiVersion, String kind, ObjectMeta metadata, List<EndpointSubset> subsets)
    implements KubeObject<Endpoints> {

    /** Set by the controller when it kept only {@link #MAX_CAPACITY} addresses: value {@code truncated}. */
    public static final String OVER_CAPACITY_ANNOTATION = "endpoints.kubernetes.io/over-capacity";
    /** The most addresses the endpoints controller writes into one object. */
    public static final int MAX_CAPACITY = 1000;

    public static final ResourceType<Endpoints> TYPE = new ResourceType<>("", "v1", "Endpoints", "endpoints", true,
        false, Endpoints.class, Endpoints::withDefaults, Validation::dns1123Subdomain, Endpoints::validate);

    public Endpoints {
        apiVersion = apiVersion == null ? "v1" : apiVersion;
        kind = kind == null ? "Endpoints" : kind;
        subsets = subsets == null ? List.of() : List.copyOf(subsets);
    }

    /** Endpoints with {@code metadata} and {@code subsets}. */
    public static Endpoints of(ObjectMeta metadata, List<EndpointSubset> subsets) {
        return new Endpoints(null, null, metadata, subsets);
    }

    /**
     * Addresses that serve the same ports: ready ones in {@code addresses}, the others in
     * {@code notReadyAddresses}.
     */
    public record EndpointSubset(List<EndpointAddress> addresses, List<EndpointAddress> notReadyAddresses,
        List<EndpointPort> ports) {
        public EndpointSubset {
            addresses = addresses == null ? List.of() : List.copyOf(addresses);
            notReadyAddresses = notReadyAddresses == null ? List.of() : List.copyOf(notReadyAddresses);
            ports = ports == null ? List.of() : List.copyOf(ports);
        }
    }

    /**
     * One address: the pod's IP, the node it runs on and a reference to the pod.
     *
     * @param ip        an IPv4 address
     * @param hostname  the pod's hostname, when it has one (not set by knetsim's controller)
     * @param nodeName  the node hosting the pod
     * @param targetRef the pod ({@code kind}, {@code namespace}, {@code name}, {@code uid})
     */
    public record EndpointAddress(String ip, String hostname, String nodeName, ObjectReference targetRef) {
    }

    /**
     * A port every address of the subset serves.
     *
     * @param name     the Service port's name ("" or null when the Service has one unnamed port)
     * @param port     the port number on the addresses
     * @param protocol TCP, UDP or SCTP (TCP by default)
     */
    public record EndpointPort(String name, Integer port, String protocol) {
    }

    @Override
    public Endpoints withMetadata(ObjectMeta m) {
        return new Endpoints(apiVersion, kind, m, subsets);
    }

    /** The same object with other subsets. */
    public Endpoints withSubsets(List<EndpointSubset> s) {
        return new Endpoints(apiVersion, kind, metadata, s);
    }

    private Endpoints withDefaults() {
        List<EndpointSubset> out = new ArrayList<>();
        for (EndpointSubset s : subsets) {
            List<EndpointPort> ports = new ArrayList<>();
            for (EndpointPort p : s.ports()) {
                ports.add(p.protocol() == null || p.protocol().isEmpty() ? new EndpointPort(p.name(), p.port(), "TCP") : p);
            }
            out.add(new EndpointSubset(s.addresses(), s.notReadyAddresses(), ports));
        }
        return withSubsets(out);
    }

    private static List<FieldError> validate(Endpoints e) {
        List<FieldError> errs = new ArrayList<>();
        for (int i = 0; i < e.subsets.size(); i++) {
            EndpointSubset s = e.subsets.get(i);
            String path = "subsets[" + i + "]";
            if (s.addresses().isEmpty() && s.notReadyAddresses().isEmpty()) {
                errs.add(FieldError.required(path, "must specify `addresses` or `notReadyAddresses`"));
            }
            for (int j = 0; j < s.addresses().size(); j++) {
                address(s.addresses().get(j), path + ".addresses[" + j + "]", errs);
            }
            for (int j = 0; j < s.notReadyAddresses().size(); j++) {
                address(s.notReadyAddresses().get(j), path + ".notReadyAddresses[" + j + "]", errs);
            }
            for (int j = 0; j < s.ports().size(); j++) {
                port(s.ports().get(j), s.ports().size() > 1, path + ".ports[" + j + "]", errs);
            }
        }
        return errs;
    }

    private static void address(EndpointAddress a, String path, List<FieldError> errs) {
        if (a.ip() == null || !Ipv4Address.isValid(a.ip())) {
            errs.add(FieldError.invalid(path + ".ip", a.ip() == null ? "" : a.ip(),
                "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"));
        } else {
            Ipv4Address ip = Ipv4Address.parse(a.ip());
            int first = ip.bits() >>> 24;
            int second = (ip.bits() >>> 16) & 0xFF;
            if (ip.isAny()) {
                errs.add(FieldError.invalid(path + ".ip", a.ip(), "may not be unspecified (0.0.0.0, ::)"));
            } else if (first == 127) {
                errs.add(FieldError.invalid(path + ".ip", a.ip(), "may not be in the loopback range (127.0.0.0/8, ::1/128)"));
            } else if (first == 169 && second == 254) {
                errs.add(FieldError.invalid(path + ".ip", a.ip(), "may not be in the link-local range (169.254.0.0/16, fe80::/10)"));
            } else if ((ip.bits() & 0xFFFFFF00) == 0xE0000000) {
                errs.add(FieldError.invalid(path + ".ip", a.ip(),
                    "may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)"));
            }
        }
        if (a.hostname() != null && !a.hostname().isEmpty()) {
            for (String m : Validation.dns1123Label(a.hostname())) {
                errs.add(FieldError.invalid(path + ".hostname", a.hostname(), m));
            }
        }
        if (a.nodeName() != null) {
            for (String m : Validation.dns1123Subdomain(a.nodeName())) {
                errs.add(FieldError.invalid(path + ".nodeName", a.nodeName(), m));
            }
        }
    }

    private static void port(EndpointPort p, boolean requireName, String path, List<FieldError> errs) {
        if (requireName && (p.name() == null || p.name().isEmpty())) {
            errs.add(FieldError.required(path + ".name", ""));
        } else if (p.name() != null && !p.name().isEmpty()) {
            for (String m : Validation.dns1123Label(p.name())) {
                errs.add(FieldError.invalid(path + ".name", p.name(), m));
            }
        }
        if (p.port() == null || p.port() < 1 || p.port() > 65535) {
            errs.add(FieldError.invalid(path + ".port", p.port() == null ? 0 : p.port(),
                "must be between 1 and 65535, inclusive"));
        }
        if (p.protocol() == null || p.protocol().isEmpty()) {
            errs.add(FieldError.required(path + ".protocol", ""));
        } else if (!List.of("TCP", "UDP", "SCTP").contains(p.protocol())) {
            errs.add(FieldError.notSupported(path + ".protocol", p.protocol(), "SCTP", "TCP", "UDP"));
        }
    }
}
