package io.knetsim.api;

import java.util.List;
import java.util.Map;

/**
 * The spec of a Service ({@code v1.ServiceSpec}), as far as networking inside the cluster goes.
 *
 * @param type                  ClusterIP (default), NodePort, LoadBalancer (no load balancer is
 *                              modelled: it behaves as NodePort) or ExternalName
 * @param clusterIP             allocated from the service CIDR when empty; {@code None} for a
 *                              headless service
 * @param clusterIPs            {@code [clusterIP]}, filled by the API server
 * @param ports                 the ports
 * @param selector              the labels of the pods behind the service; none: endpoints are
 *                              managed by hand
 * @param sessionAffinity       None (default) or ClientIP
 * @param sessionAffinityConfig the ClientIP timeout (10800 s by default)
 * @param externalTrafficPolicy Cluster (default for NodePort) or Local: whether node-port traffic
 *                              may go to endpoints on other nodes
 * @param internalTrafficPolicy Cluster (default)
 * @param externalName          the DNS name of an ExternalName service
 * @param ipFamilies            {@code [IPv4]}, filled by the API server
 * @param ipFamilyPolicy        {@code SingleStack}, filled by the API server
 */
public record ServiceSpec(String type, String clusterIP, List<String> clusterIPs, List<ServicePort> ports,
    Map<String, String> selector, String sessionAffinity, SessionAffinityConfig sessionAffinityConfig,
    String externalTrafficPolicy, String internalTrafficPolicy, String externalName, List<String> ipFamilies,
    String ipFamilyPolicy) {

    public static final String CLUSTER_IP = "ClusterIP";
    public static final String NODE_PORT = "NodePort";
    public static final String LOAD_BALANCER = "LoadBalancer";
    public static final String EXTERNAL_NAME = "ExternalName";
    public static final String NONE = "None";

    public ServiceSpec {
        clusterIPs = clusterIPs == null ? List.of() : List.copyOf(clusterIPs);
        ports = ports == null ? List.of() : List.copyOf(ports);
        selector = selector == null ? Map.of() : Map.copyOf(selector);
        ipFamilies = ipFamilies == null ? List.of() : List.copyOf(ipFamilies);
    }

    /** A ClusterIP service selecting {@code selector}, with {@code ports}. */
    public static ServiceSpec clusterIP(Map<String, String> selector, ServicePort... ports) {
        return new ServiceSpec(null, null, null, List.of(ports), selector, null, null, null, null, null, null, null);
    }

    public ServiceSpec withType(String t) {
        return new ServiceSpec(t, clusterIP, clusterIPs, ports, selector, sessionAffinity, sessionAffinityConfig,
            externalTrafficPolicy, internalTrafficPolicy, externalName, ipFamilies, ipFamilyPolicy);
    }

    public ServiceSpec withClusterIP(String ip) {
        return new ServiceSpec(type, ip, ip == null ? List.of() : List.of(ip), ports, selector, sessionAffinity,
            sessionAffinityConfig, externalTrafficPolicy, internalTrafficPolicy, externalName, ipFamilies,
            ipFamilyPolicy);
    }

    public ServiceSpec withPorts(List<ServicePort> p) {
        return new ServiceSpec(type, clusterIP, clusterIPs, p, selector, sessionAffinity, sessionAffinityConfig,
            externalTrafficPolicy, internalTrafficPolicy, externalName, ipFamilies, ipFamilyPolicy);
    }

    public ServiceSpec withSelector(Map<String, String> s) {
        return new ServiceSpec(type, clusterIP, clusterIPs, ports, s, sessionAffinity, sessionAffinityConfig,
            externalTrafficPolicy, internalTrafficPolicy, externalName, ipFamilies, ipFamilyPolicy);
    }

    public ServiceSpec withSessionAffinity(String a, SessionAffinityConfig c) {
        return new ServiceSpec(type, clusterIP, clusterIPs, ports, selector, a, c, externalTrafficPolicy,
            internalTrafficPolicy, externalName, ipFamilies, ipFamilyPolicy);
    }

    public ServiceSpec withExternalTrafficPolicy(String p) {
        return new ServiceSpec(type, clusterIP, clusterIPs, ports, selector, sessionAffinity, sessionAffinityConfig,
            p, internalTrafficPolicy, externalName, ipFamilies, ipFamilyPolicy);
    }

    ServiceSpec withDefaults(String t, String affinity, SessionAffinityConfig cfg, String etp, String itp,
        List<ServicePort> p) {
        return new ServiceSpec(t, clusterIP, clusterIPs, p, selector, affinity, cfg, etp, itp, externalName,
            ipFamilies, ipFamilyPolicy);
    }

    ServiceSpec withFamilies(List<String> families, String policy) {
        return new ServiceSpec(type, clusterIP, clusterIPs, ports, selector, sessionAffinity, sessionAffinityConfig,
            externalTrafficPolicy, internalTrafficPolicy, externalName, families, policy);
    }

    /** Whether this service is headless ({@code clusterIP: None}). */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isHeadless() {
        return NONE.equals(clusterIP);
    }

    /** Whether node ports are allocated for it (NodePort and LoadBalancer). */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean hasNodePorts() {
        return NODE_PORT.equals(type) || LOAD_BALANCER.equals(type);
    }
}
