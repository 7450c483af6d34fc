package io.knetsim.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.knetsim.api.Endpoints.EndpointAddress;
import io.knetsim.api.Endpoints.EndpointPort;
import io.knetsim.api.Endpoints.EndpointSubset;
import io.knetsim.sim.Simulator;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The legacy {@code v1} Endpoints kind on the API server: its JSON shape, the protocol default
 * and {@code ValidateEndpoints}' messages, which leave nothing stored.
 * <pre>
 *   api.create(Endpoints web {subsets: [{addresses: [{ip}], ports: [{port}]}]})
 *        ─▶ stored with ports[].protocol TCP, or 422 "Endpoints "web" is invalid: ..."
 * </pre>
 */
class EndpointsApiTest {
    private ApiServer api;

    @BeforeEach
    void server() {
        api = new ApiServer(new Simulator(1), "C0");
        ServiceAllocator.install(api, ServiceAllocator.DEFAULT_SERVICE_CIDR);
    }

    private static Endpoints ep(String name, EndpointSubset... subsets) {
        return Endpoints.of(ObjectMeta.of("default", name), List.of(subsets));
    }

    private static EndpointAddress addr(String ip) {
        return new EndpointAddress(ip, null, null, null);
    }

    private void invalid(Endpoints e, String message) {
        assertThatThrownBy(() -> api.create(e)).isInstanceOf(ApiException.class).hasMessage(message);
        assertThat(api.find(Endpoints.class, "default", e.metadata().name())).isEmpty();
    }

    @Test
    void endpointsReadAndWriteAsTheApiPrintsThemWithTcpByDefault() {
        String json = "{\"apiVersion\":\"v1\",\"kind\":\"Endpoints\",\"metadata\":{\"name\":\"web\"},"
            + "\"subsets\":[{\"addresses\":[{\"ip\":\"11.10.0.2\",\"nodeName\":\"c0w1\",\"targetRef\":{\"kind\":\"Pod\","
            + "\"namespace\":\"default\",\"name\":\"web-a\",\"uid\":\"u1\"}}],"
            + "\"notReadyAddresses\":[{\"ip\":\"11.10.0.3\"}],\"ports\":[{\"name\":\"http\",\"port\":8080}]}]}";
        Endpoints stored = api.create(KubeJson.fromJson(json, Endpoints.class).withMetadata(
            ObjectMeta.of("default", "web")));
        assertThat(stored.subsets().get(0).ports()).containsExactly(new EndpointPort("http", 8080, "TCP"));
        assertThat(KubeJson.toJson(stored.subsets())).isEqualTo("[{\"addresses\":[{\"ip\":\"11.10.0.2\","
            + "\"nodeName\":\"c0w1\",\"targetRef\":{\"kind\":\"Pod\",\"namespace\":\"default\",\"name\":\"web-a\","
            + "\"uid\":\"u1\"}}],\"notReadyAddresses\":[{\"ip\":\"11.10.0.3\"}],"
            + "\"ports\":[{\"name\":\"http\",\"port\":8080,\"protocol\":\"TCP\"}]}]");
        assertThat(KubeJson.fromJson(KubeJson.toJson(stored), Endpoints.class)).isEqualTo(stored);
        // without subsets the key is left out
        assertThat(KubeJson.toJson(api.create(ep("empty")))).doesNotContain("subsets");
        assertThat(api.typeForResource("endpoints")).contains(Endpoints.TYPE);
    }

    @Test
    void invalidEndpointsAreRejectedWithKubernetesMessages() {
        invalid(ep("web", new EndpointSubset(null, null, List.of(new EndpointPort(null, 80, "TCP")))),
            "Endpoints \"web\" is invalid: subsets[0]: Required value: must specify `addresses` or `notReadyAddresses`");
        invalid(ep("web", new EndpointSubset(List.of(addr("11.10.0.300")), null, null)),
            "Endpoints \"web\" is invalid: subsets[0].addresses[0].ip: Invalid value: \"11.10.0.300\": "
                + "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)");
        invalid(ep("web", new EndpointSubset(null, List.of(addr("127.0.0.1")), null)),
            "Endpoints \"web\" is invalid: subsets[0].notReadyAddresses[0].ip: Invalid value: \"127.0.0.1\": "
                + "may not be in the loopback range (127.0.0.0/8, ::1/128)");
        invalid(ep("web", new EndpointSubset(List.of(addr("11.10.0.2")), null,
                List.of(new EndpointPort(null, 80, "TCP"), new EndpointPort("b", 0, "ICMP")))),
            "Endpoints \"web\" is invalid: [subsets[0].ports[0].name: Required value, "
                + "subsets[0].ports[1].port: Invalid value: 0: must be between 1 and 65535, inclusive, "
                + "subsets[0].ports[1].protocol: Unsupported value: \"ICMP\": supported values: \"SCTP\", \"TCP\", \"UDP\"]");
    }
}
