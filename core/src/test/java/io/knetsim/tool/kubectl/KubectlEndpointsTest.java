package io.knetsim.tool.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.api.ApiServer;
import io.knetsim.api.ClusterDirectory;
import io.knetsim.api.Endpoints;
import io.knetsim.api.Endpoints.EndpointAddress;
import io.knetsim.api.Endpoints.EndpointPort;
import io.knetsim.api.Endpoints.EndpointSubset;
import io.knetsim.api.ObjectMeta;
import io.knetsim.api.ObjectReference;
import io.knetsim.api.ServiceAllocator;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.World;
import io.knetsim.tool.iproute.Shell;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Lab: {@code kubectl get endpoints} and {@code kubectl describe endpoints}, as the "Debug
 * Services" page uses them, on an admin host of a cluster with the Service kinds (no
 * controllers: the test writes the Endpoints the endpoints controller would write).
 * <pre>
 *   admin ──kubectl get ep hostnames──▶ ApiServer "C0"
 *                                         Endpoints hostnames {subsets: [{addresses, notReadyAddresses, ports}]}
 * </pre>
 */
class KubectlEndpointsTest {
    private final World world = new World(7);
    private final NetNamespace admin = world.createNamespace("admin");
    private final ApiServer api = new ApiServer(world.sim(), "C0");
    private final Shell sh = new Shell();

    KubectlEndpointsTest() {
        ServiceAllocator.install(api, ServiceAllocator.DEFAULT_SERVICE_CIDR);
        ClusterDirectory.of(world).register(api, "https://10.1.0.1:6443", List.of(admin), null);
    }

    private static EndpointAddress addr(String ip, String pod) {
        return new EndpointAddress(ip, null, "c0w1", new ObjectReference("Pod", "default", pod, "uid-" + pod, null,
            null, null));
    }

    private void hostnames() {
        api.create(Endpoints.of(ObjectMeta.of("default", "hostnames", Map.of("app", "hostnames")), List.of(
            new EndpointSubset(List.of(addr("11.10.16.6", "h-1"), addr("11.13.176.5", "h-2"), addr("11.13.176.6", "h-3"),
                addr("11.15.64.5", "h-4")), List.of(addr("11.15.64.6", "h-5")), List.of(new EndpointPort(null, 9376, null))))));
    }

    @Test
    void getEndpointsListsReadyAddressesWithTheirPortsThreeThenMore() {
        hostnames();
        api.create(Endpoints.of(ObjectMeta.of("default", "empty"), null));
        api.create(Endpoints.of(ObjectMeta.of("default", "starting"), List.of(new EndpointSubset(null,
            List.of(addr("11.10.16.7", "s-1")), List.of(new EndpointPort(null, 80, null))))));
        api.create(Endpoints.of(ObjectMeta.of("default", "two"), List.of(new EndpointSubset(
            List.of(addr("11.10.16.8", "t-1")), null,
            List.of(new EndpointPort("http", 80, null), new EndpointPort("https", 443, null))))));
        api.create(Endpoints.of(ObjectMeta.of("default", "headless"), List.of(new EndpointSubset(
            List.of(addr("11.10.16.9", "d-1"), addr("11.10.16.10", "d-2")), null, null))));
        String table = "NAME        ENDPOINTS                                                       AGE\n"
            + "empty       <none>                                                          0s\n"
            + "headless    11.10.16.9,11.10.16.10                                          0s\n"
            + "hostnames   11.10.16.6:9376,11.13.176.5:9376,11.13.176.6:9376 + 1 more...   0s\n"
            + "starting                                                                    0s\n"
            + "two         11.10.16.8:80,11.10.16.8:443                                    0s\n";
        assertThat(sh.out(admin, "kubectl get endpoints")).isEqualTo(table);
        assertThat(sh.out(admin, "kubectl get ep -o wide")).isEqualTo(table);
        assertThat(sh.out(admin, "kubectl get endpoints hostnames")).isEqualTo(
            "NAME        ENDPOINTS                                                       AGE\n"
                + "hostnames   11.10.16.6:9376,11.13.176.5:9376,11.13.176.6:9376 + 1 more...   0s\n");
        assertThat(sh.out(admin, "kubectl get ep -o name")).isEqualTo(
            "endpoints/empty\nendpoints/headless\nendpoints/hostnames\nendpoints/starting\nendpoints/two\n");
        assertThat(sh.run(admin, "kubectl get endpoints nope").stderr())
            .isEqualTo("Error from server (NotFound): endpoints \"nope\" not found\n");
    }

    @Test
    void outputAsYamlAndJsonCarriesTheSubsets() {
        api.create(Endpoints.of(ObjectMeta.of("default", "web"), List.of(new EndpointSubset(
            List.of(addr("11.10.16.6", "w-1")), null, List.of(new EndpointPort(null, 8080, null))))));
        String json = sh.out(admin, "kubectl get ep web -o json");
        assertThat(json).contains("\"kind\": \"Endpoints\"").contains("\"apiVersion\": \"v1\"")
            .contains("\"subsets\": [").contains("\"ip\": \"11.10.16.6\"").contains("\"protocol\": \"TCP\"");
        String yaml = sh.out(admin, "kubectl get ep web -o yaml");
        assertThat(yaml).startsWith("apiVersion: v1\nkind: Endpoints\nmetadata:\n").endsWith(
            "subsets:\n"
                + "- addresses:\n"
                + "  - ip: 11.10.16.6\n"
                + "    nodeName: c0w1\n"
                + "    targetRef:\n"
                + "      kind: Pod\n"
                + "      name: w-1\n"
                + "      namespace: default\n"
                + "      uid: uid-w-1\n"
                + "  ports:\n"
                + "  - port: 8080\n"
                + "    protocol: TCP\n");
    }

    @Test
    void describeEndpointsShowsEachSubsetsAddressesAndPorts() {
        hostnames();
        List<EndpointSubset> two = new ArrayList<>();
        two.add(new EndpointSubset(List.of(addr("11.10.16.8", "t-1")), null,
            List.of(new EndpointPort("http", 80, "TCP"), new EndpointPort("metrics", 9100, "TCP"))));
        two.add(new EndpointSubset(null, List.of(addr("11.10.16.9", "t-2")), null));
        api.create(Endpoints.of(ObjectMeta.of("default", "two"), two));
        assertThat(sh.out(admin, "kubectl describe ep hostnames")).isEqualTo(
            "Name:         hostnames\n"
                + "Namespace:    default\n"
                + "Labels:       app=hostnames\n"
                + "Annotations:  <none>\n"
                + "Subsets:\n"
                + "  Addresses:          11.10.16.6,11.13.176.5,11.13.176.6,11.15.64.5\n"
                + "  NotReadyAddresses:  11.15.64.6\n"
                + "  Ports:\n"
                + "    Name     Port  Protocol\n"
                + "    ----     ----  --------\n"
                + "    <unset>  9376  TCP\n"
                + "\n"
                + "Events:  <none>\n");
        assertThat(sh.out(admin, "kubectl describe endpoints two")).isEqualTo(
            "Name:         two\n"
                + "Namespace:    default\n"
                + "Labels:       <none>\n"
                + "Annotations:  <none>\n"
                + "Subsets:\n"
                + "  Addresses:          11.10.16.8\n"
                + "  NotReadyAddresses:  <none>\n"
                + "  Ports:\n"
                + "    Name     Port  Protocol\n"
                + "    ----     ----  --------\n"
                + "    http     80    TCP\n"
                + "    metrics  9100  TCP\n"
                + "\n"
                + "  Addresses:          <none>\n"
                + "  NotReadyAddresses:  11.10.16.9\n"
                + "\n"
                + "Events:  <none>\n");
    }

    @Test
    void aServiceWithoutSelectorGetsItsEndpointsFromAManifest() {
        admin.files().write("/root/external.yaml", """
            apiVersion: v1
            kind: Service
            metadata:
              name: external-db
            spec:
              ports:
              - port: 5432
            ---
            apiVersion: v1
            kind: Endpoints
            metadata:
              name: external-db
            subsets:
            - addresses:
              - ip: 192.0.2.42
              ports:
              - port: 5432
            """);
        assertThat(sh.out(admin, "kubectl apply -f external.yaml"))
            .isEqualTo("service/external-db created\nendpoints/external-db created\n");
        assertThat(sh.out(admin, "kubectl get ep external-db")).isEqualTo(
            "NAME          ENDPOINTS         AGE\n"
                + "external-db   192.0.2.42:5432   0s\n");
        admin.files().write("/root/bad.yaml", """
            apiVersion: v1
            kind: Endpoints
            metadata:
              name: bad
            subsets:
            - addresses:
              - ip: 127.0.0.1
            """);
        var bad = sh.run(admin, "kubectl apply -f bad.yaml");
        assertThat(bad.stderr()).isEqualTo("The Endpoints \"bad\" is invalid: subsets[0].addresses[0].ip: Invalid value: "
            + "\"127.0.0.1\": may not be in the loopback range (127.0.0.0/8, ::1/128)\n");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(api.find(Endpoints.class, "default", "bad")).isEmpty();
    }
}
