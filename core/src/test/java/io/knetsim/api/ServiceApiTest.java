package io.knetsim.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.knetsim.addr.Cidr;
import io.knetsim.addr.Ipv4Address;
import io.knetsim.sim.Simulator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Services and EndpointSlices in the API server: defaults, the registry's allocation of cluster
 * IPs (10.96.0.0/12) and node ports (30000-32767), and the API server's validation messages.
 *
 * <pre>
 *   create(Service) ─▶ defaults (type, sessionAffinity, protocol, targetPort, policies)
 *                   ─▶ validate ─▶ ServiceAllocator: clusterIP, nodePorts ─▶ stored
 * </pre>
 */
class ServiceApiTest {
    private ApiServer api;

    @BeforeEach
    void server() {
        api = new ApiServer(new Simulator(1), "C0");
        ServiceAllocator.install(api, ServiceAllocator.DEFAULT_SERVICE_CIDR);
    }

    private static Service svc(String name, ServiceSpec spec) {
        return Service.of(ObjectMeta.of("default", name), spec);
    }

    private void invalid(Service s, String message) {
        assertThatThrownBy(() -> api.create(s)).isInstanceOf(ApiException.class).hasMessage(message);
        assertThat(api.find(Service.class, "default", s.metadata().name())).isEmpty();
    }

    @Test
    void aClusterIpServiceIsDefaultedAndGetsAnAddressFromTheServiceCidr() {
        Service s = api.create(svc("hostnames", ServiceSpec.clusterIP(Map.of("app", "hostnames"),
            new ServicePort(null, null, 8888, null, null))));
        String ip = s.spec().clusterIP();
        assertThat(Cidr.parse("10.96.0.0/12").contains(Ipv4Address.parse(ip))).isTrue();
        String json = KubeJson.toJson(s.spec());
        assertThat(json).isEqualTo("{\"type\":\"ClusterIP\",\"clusterIP\":\"" + ip + "\",\"clusterIPs\":[\"" + ip
            + "\"],\"ports\":[{\"protocol\":\"TCP\",\"port\":8888,\"targetPort\":8888}],\"selector\":{\"app\":\"hostnames\"},"
            + "\"sessionAffinity\":\"None\",\"internalTrafficPolicy\":\"Cluster\",\"ipFamilies\":[\"IPv4\"],"
            + "\"ipFamilyPolicy\":\"SingleStack\"}");
        Service back = KubeJson.fromJson(KubeJson.toJson(s), Service.class);
        assertThat(back).isEqualTo(s);
        // a named target port stays a name
        Service named = KubeJson.fromJson("{\"metadata\":{\"name\":\"web\"},\"spec\":{\"selector\":{\"app\":\"web\"},"
            + "\"ports\":[{\"name\":\"http\",\"port\":80,\"targetPort\":\"http\"}],\"sessionAffinity\":\"ClientIP\"}}",
            Service.class);
        Service stored = api.create(named);
        assertThat(stored.spec().ports().get(0).targetPort()).isEqualTo(IntOrString.of("http"));
        assertThat(stored.spec().sessionAffinityConfig().timeoutSeconds()).isEqualTo(10800);
        assertThat(stored.spec().clusterIP()).isNotEqualTo(ip);
    }

    @Test
    void nodePortsComeFromTheRangeAndAnUpdateKeepsWhatWasAllocated() {
        Service s = api.create(svc("np", ServiceSpec.clusterIP(Map.of("app", "web"), ServicePort.tcp(80, 8080))
            .withType(ServiceSpec.NODE_PORT)));
        int np = s.spec().ports().get(0).nodePort();
        assertThat(np).isBetween(30000, 32767);
        assertThat(s.spec().externalTrafficPolicy()).isEqualTo("Cluster");
        Service again = api.update(s.withSpec(s.spec().withClusterIP(null).withPorts(List.of(ServicePort.tcp(80, 8080))))
            .withMetadata(s.metadata()));
        assertThat(again.spec().clusterIP()).isEqualTo(s.spec().clusterIP());
        assertThat(again.spec().ports().get(0).nodePort()).isEqualTo(np);
        invalid(svc("np2", ServiceSpec.clusterIP(Map.of(), ServicePort.tcp(80, 80).withNodePort(np))
            .withType(ServiceSpec.NODE_PORT)), "Service \"np2\" is invalid: spec.ports[0].nodePort: Invalid value: "
            + np + ": provided port is already allocated");
        invalid(svc("np3", ServiceSpec.clusterIP(Map.of(), ServicePort.tcp(80, 80).withNodePort(80))
            .withType(ServiceSpec.NODE_PORT)), "Service \"np3\" is invalid: spec.ports[0].nodePort: Invalid value: 80: "
            + "provided port is not in the valid range. The range of valid ports is 30000-32767");
        api.delete(Service.class, "default", "np");
        Service reuse = api.create(svc("np4", ServiceSpec.clusterIP(Map.of(), ServicePort.tcp(80, 80).withNodePort(np))
            .withType(ServiceSpec.NODE_PORT)));
        assertThat(reuse.spec().ports().get(0).nodePort()).isEqualTo(np);
    }

    @Test
    void aFullRangeRefusesTheNextServiceUntilOneIsDeleted() {
        // a /29 service range has six usable addresses
        ApiServer small = new ApiServer(new Simulator(1), "C9");
        ServiceAllocator.install(small, Cidr.parse("10.96.0.0/29"));
        for (int i = 0; i < 6; i++) {
            small.create(svc("s" + i, ServiceSpec.clusterIP(Map.of(), ServicePort.tcp(80, 80))));
        }
        assertThatThrownBy(() -> small.create(svc("s6", ServiceSpec.clusterIP(Map.of(), ServicePort.tcp(80, 80)))))
            .hasMessage("Service \"s6\" is invalid: spec.clusterIPs: Invalid value: []: failed to allocate a serviceIP: "
                + "range is full");
        String freed = small.get(Service.class, "default", "s3").spec().clusterIP();
        small.delete(Service.class, "default", "s3");
        assertThat(small.create(svc("s6", ServiceSpec.clusterIP(Map.of(), ServicePort.tcp(80, 80)))).spec().clusterIP())
            .as("the only free address is the deleted service's").isEqualTo(freed);
        // an address asked for by value is free again once its service is gone
        String s0 = small.get(Service.class, "default", "s0").spec().clusterIP();
        small.delete(Service.class, "default", "s0");
        assertThat(small.create(svc("s7", ServiceSpec.clusterIP(Map.of(), ServicePort.tcp(80, 80)).withClusterIP(s0)))
            .spec().clusterIP()).isEqualTo(s0);
    }

    @Test
    void requestedClusterIpsMustBeFreeAndInTheRangeAndCannotChange() {
        Service s = api.create(svc("a", ServiceSpec.clusterIP(Map.of(), ServicePort.tcp(80, 80)).withClusterIP("10.96.0.10")));
        assertThat(s.spec().clusterIPs()).containsExactly("10.96.0.10");
        invalid(svc("b", ServiceSpec.clusterIP(Map.of(), ServicePort.tcp(80, 80)).withClusterIP("10.96.0.10")),
            "Service \"b\" is invalid: spec.clusterIPs: Invalid value: [\"10.96.0.10\"]: failed to allocate IP 10.96.0.10: "
                + "provided IP is already allocated");
        invalid(svc("c", ServiceSpec.clusterIP(Map.of(), ServicePort.tcp(80, 80)).withClusterIP("10.0.0.1")),
            "Service \"c\" is invalid: spec.clusterIPs: Invalid value: [\"10.0.0.1\"]: failed to allocate IP 10.0.0.1: "
                + "the provided IP (10.0.0.1) is not in the valid range. The range of valid IPs is 10.96.0.0/12");
        assertThatThrownBy(() -> api.update(s.withSpec(s.spec().withClusterIP("10.96.0.11"))))
            .hasMessage("Service \"a\" is invalid: spec.clusterIPs[0]: Invalid value: \"10.96.0.11\": may not change once set");
        Service headless = api.create(svc("h", ServiceSpec.clusterIP(Map.of("app", "db")).withClusterIP("None")));
        assertThat(headless.spec().clusterIPs()).containsExactly("None");
        invalid(svc("hn", ServiceSpec.clusterIP(Map.of(), ServicePort.tcp(80, 80)).withClusterIP("None")
            .withType(ServiceSpec.NODE_PORT)), "Service \"hn\" is invalid: spec.clusterIPs[0]: Invalid value: \"None\": "
            + "may not be set to 'None' for NodePort services");
    }

    @Test
    void badSpecsGetTheApiServersMessages() {
        invalid(svc("x", ServiceSpec.clusterIP(Map.of())), "Service \"x\" is invalid: spec.ports: Required value");
        invalid(svc("x", ServiceSpec.clusterIP(Map.of(), ServicePort.tcp(0, 80))),
            "Service \"x\" is invalid: spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive");
        invalid(svc("x", ServiceSpec.clusterIP(Map.of(), ServicePort.tcp(80, 80), ServicePort.tcp(81, 81))),
            "Service \"x\" is invalid: [spec.ports[0].name: Required value, spec.ports[1].name: Required value]");
        invalid(svc("x", ServiceSpec.clusterIP(Map.of(), ServicePort.tcp(80, 80).withProtocol("ICMP"))),
            "Service \"x\" is invalid: spec.ports[0].protocol: Unsupported value: \"ICMP\": supported values: \"SCTP\", "
                + "\"TCP\", \"UDP\"");
        invalid(svc("x", ServiceSpec.clusterIP(Map.of(), ServicePort.tcp(80, 80)).withType("Magic")),
            "Service \"x\" is invalid: spec.type: Unsupported value: \"Magic\": supported values: \"ClusterIP\", "
                + "\"ExternalName\", \"LoadBalancer\", \"NodePort\"");
        invalid(svc("x", ServiceSpec.clusterIP(Map.of(), ServicePort.tcp(80, 80).withNodePort(30001))),
            "Service \"x\" is invalid: spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'");
        invalid(svc("x", ServiceSpec.clusterIP(Map.of(), ServicePort.tcp(80, 80)).withExternalTrafficPolicy("Local")),
            "Service \"x\" is invalid: spec.externalTrafficPolicy: Invalid value: \"Local\": may only be set when `type` "
                + "is 'NodePort' or 'LoadBalancer'");
        invalid(svc("x", ServiceSpec.clusterIP(Map.of(), ServicePort.tcp(80, 80))
            .withSessionAffinity("ClientIP", SessionAffinityConfig.timeout(0))),
            "Service \"x\" is invalid: spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: 0: must be "
                + "greater than 0 and less than 86400");
        invalid(svc("x", ServiceSpec.clusterIP(Map.of(), new ServicePort("web", null, 80, IntOrString.of("Http_Port!"), null))),
            "Service \"x\" is invalid: spec.ports[0].targetPort: Invalid value: \"Http_Port!\": must contain only "
                + "alpha-numeric characters (a-z, 0-9), and hyphens (-)");
        invalid(svc("Bad_Name", ServiceSpec.clusterIP(Map.of(), ServicePort.tcp(80, 80))),
            "Service \"Bad_Name\" is invalid: metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 label must "
                + "consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric "
                + "character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')");
    }

    @Test
    void anEndpointSliceIsStoredInItsJsonShape() {
        EndpointSlice s = api.create(new EndpointSlice(null, null, ObjectMeta.of("default", "web-abc",
            Map.of(EndpointSlice.SERVICE_NAME_LABEL, "web")), "IPv4",
            List.of(new EndpointSlice.Endpoint(List.of("11.10.16.2"), new EndpointSlice.Conditions(true, true, false),
                "c0w3", null)), List.of(new EndpointSlice.EndpointPort("http", "TCP", 9376))));
        assertThat(KubeJson.toJson(s)).contains("\"apiVersion\":\"discovery.k8s.io/v1\",\"kind\":\"EndpointSlice\"",
            "\"addressType\":\"IPv4\",\"endpoints\":[{\"addresses\":[\"11.10.16.2\"],\"conditions\":{\"ready\":true,"
                + "\"serving\":true,\"terminating\":false},\"nodeName\":\"c0w3\"}],\"ports\":[{\"name\":\"http\","
                + "\"protocol\":\"TCP\",\"port\":9376}]");
        assertThat(s.serviceName()).isEqualTo("web");
        assertThatThrownBy(() -> api.create(new EndpointSlice(null, null, ObjectMeta.of("default", "bad"), "IPv4",
            List.of(new EndpointSlice.Endpoint(List.of("web"), null, null, null)), List.of())))
            .hasMessage("EndpointSlice.discovery.k8s.io \"bad\" is invalid: endpoints[0].addresses[0]: Invalid value: "
                + "\"web\": must be a valid IPv4 address");
    }
}
