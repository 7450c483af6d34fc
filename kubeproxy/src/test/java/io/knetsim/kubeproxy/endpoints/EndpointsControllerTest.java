package io.knetsim.kubeproxy.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.api.ApiServer;
import io.knetsim.api.Container;
import io.knetsim.api.ContainerPort;
import io.knetsim.api.EndpointSlice;
import io.knetsim.api.Endpoints;
import io.knetsim.api.Endpoints.EndpointAddress;
import io.knetsim.api.Endpoints.EndpointPort;
import io.knetsim.api.Endpoints.EndpointSubset;
import io.knetsim.api.IntOrString;
import io.knetsim.api.ObjectMeta;
import io.knetsim.api.Pod;
import io.knetsim.api.PodCondition;
import io.knetsim.api.PodSpec;
import io.knetsim.api.PodStatus;
import io.knetsim.api.Service;
import io.knetsim.api.ServiceAllocator;
import io.knetsim.api.ServicePort;
import io.knetsim.api.ServiceSpec;
import io.knetsim.kubeproxy.endpointslice.EndpointSliceController;
import io.knetsim.sim.SimTime;
import io.knetsim.sim.Simulator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The endpoints controller against an API server alone (no kubelet: the test writes the pods'
 * status as a kubelet would), next to the EndpointSlice controller, which sees the same pods.
 *
 * <pre>
 *   Service web (app=web, port 80 -&gt; targetPort 8080 or "http")
 *   Pods web-a, web-b, ... (app=web, podIP 11.10.0.x, Ready or not)
 *        ─▶ Endpoints web: subsets [{addresses: ready pods, notReadyAddresses: the others, ports: [8080]}]
 * </pre>
 */
class EndpointsControllerTest {
    private Simulator sim;
    private ApiServer api;

    @BeforeEach
    void server() {
        sim = new Simulator(1);
        api = new ApiServer(sim, "C0");
        ServiceAllocator.install(api, ServiceAllocator.DEFAULT_SERVICE_CIDR);
        EndpointSliceController.start(api);
        EndpointsController.start(api);
    }

    private Pod pod(String name, String ip, boolean ready, String portName, int port) {
        Container c = new Container("web", "nginx", null, null, List.of(new ContainerPort(portName, null, port, "TCP")),
            null);
        Pod p = api.create(Pod.of(ObjectMeta.of("default", name, Map.of("app", "web")), PodSpec.of(c)
            .withNodeName("c0w1")));
        return setStatus(p, ip, ready);
    }

    private Pod setStatus(Pod p, String ip, boolean ready) {
        PodStatus s = new PodStatus("Running", List.of(PodCondition.of("Ready", ready, sim.now())), null, null,
            "10.0.0.3", null, ip, null, null, null);
        return api.updateStatus(p.withStatus(s));
    }

    private Optional<Endpoints> endpoints() {
        sim.runFor(SimTime.ms(10));
        return api.find(Endpoints.class, "default", "web");
    }

    private static List<String> ips(List<EndpointAddress> a) {
        return a.stream().map(EndpointAddress::ip).toList();
    }

    @Test
    void readyPodsAreAddressesTheOthersNotReadyAddressesAndAllGoWithTheService() {
        api.create(Service.of(ObjectMeta.of("default", "web", Map.of("app", "web")),
            ServiceSpec.clusterIP(Map.of("app", "web"), ServicePort.tcp(80, 8080))));
        // a service without pods has an Endpoints object without subsets
        Endpoints empty = endpoints().orElseThrow();
        assertThat(empty.subsets()).isEmpty();
        assertThat(empty.metadata().labels()).containsExactlyEntriesOf(Map.of("app", "web"));
        assertThat(empty.metadata().ownerReferences()).isEmpty();

        Pod a = pod("web-a", "11.10.0.9", false, null, 8080);
        pod("web-b", "11.10.0.10", true, null, 8080);
        pod("web-c", "11.10.0.2", true, null, 8080);
        Endpoints ep = endpoints().orElseThrow();
        assertThat(ep.subsets()).hasSize(1);
        EndpointSubset s = ep.subsets().get(0);
        // sorted by IP as strings, as Kubernetes compares them
        assertThat(ips(s.addresses())).containsExactly("11.10.0.10", "11.10.0.2");
        assertThat(ips(s.notReadyAddresses())).containsExactly("11.10.0.9");
        assertThat(s.ports()).containsExactly(new EndpointPort(null, 8080, "TCP"));
        EndpointAddress b = s.addresses().get(0);
        assertThat(b.nodeName()).isEqualTo("c0w1");
        assertThat(b.targetRef().kind()).isEqualTo("Pod");
        assertThat(b.targetRef().name()).isEqualTo("web-b");
        assertThat(b.targetRef().namespace()).isEqualTo("default");
        assertThat(b.targetRef().uid()).isEqualTo(api.get(Pod.class, "default", "web-b").metadata().uid());

        // web-a becomes ready
        setStatus(api.get(Pod.class, "default", "web-a"), a.status().podIP(), true);
        s = endpoints().orElseThrow().subsets().get(0);
        assertThat(ips(s.addresses())).containsExactly("11.10.0.10", "11.10.0.2", "11.10.0.9");
        assertThat(s.notReadyAddresses()).isEmpty();

        // web-b is deleted, web-c leaves the selector: both go
        api.delete(Pod.class, "default", "web-b");
        Pod c = api.get(Pod.class, "default", "web-c");
        api.update(c.withMetadata(c.metadata().withLabels(Map.of("app", "other"))));
        assertThat(ips(endpoints().orElseThrow().subsets().get(0).addresses())).containsExactly("11.10.0.9");
        // the EndpointSlice controller saw the same pods
        List<EndpointSlice> slices = api.list(EndpointSlice.class, "default", "kubernetes.io/service-name=web");
        assertThat(slices).hasSize(1);
        assertThat(slices.get(0).endpoints()).extracting(e -> e.addresses().get(0)).containsExactly("11.10.0.9");

        // the last pod goes: subsets go, the object stays
        api.delete(Pod.class, "default", "web-a");
        assertThat(endpoints().orElseThrow().subsets()).isEmpty();

        api.delete(Service.class, "default", "web");
        assertThat(endpoints()).isEmpty();
    }

    @Test
    void namedTargetPortsResolvePerPodAndSplitTheSubsets() {
        api.create(Service.of(ObjectMeta.of("default", "web"), ServiceSpec.clusterIP(Map.of("app", "web"),
            new ServicePort("http", "TCP", 80, IntOrString.of("http"), null),
            new ServicePort("metrics", "TCP", 9100, IntOrString.of(9100), null))));
        pod("web-a", "11.10.0.1", true, "http", 8080);
        pod("web-b", "11.10.0.2", false, "http", 8080);
        pod("web-c", "11.10.0.3", true, "http", 9090);
        pod("web-d", "11.10.0.4", true, "web", 8080); // no port named http: only metrics
        List<EndpointSubset> subsets = endpoints().orElseThrow().subsets();
        assertThat(subsets).extracting(s -> ips(s.addresses()) + " " + ips(s.notReadyAddresses()) + " " + s.ports())
            .containsExactly(
                "[11.10.0.1] [11.10.0.2] [EndpointPort[name=http, port=8080, protocol=TCP]]",
                "[11.10.0.1, 11.10.0.3, 11.10.0.4] [11.10.0.2] [EndpointPort[name=metrics, port=9100, protocol=TCP]]",
                "[11.10.0.3] [] [EndpointPort[name=http, port=9090, protocol=TCP]]");
    }

    @Test
    void selectorlessServicesKeepTheirHandWrittenEndpoints() {
        api.create(Service.of(ObjectMeta.of("default", "web"), ServiceSpec.clusterIP(null, ServicePort.tcp(80, 8080))));
        Endpoints manual = Endpoints.of(ObjectMeta.of("default", "web"), List.of(new EndpointSubset(
            List.of(new EndpointAddress("192.0.2.42", null, null, null)), null, List.of(new EndpointPort(null, 8080, null)))));
        api.create(manual);
        pod("web-a", "11.10.0.1", true, null, 8080);
        Endpoints ep = endpoints().orElseThrow();
        assertThat(ips(ep.subsets().get(0).addresses())).containsExactly("192.0.2.42");
        // the API server defaulted the protocol
        assertThat(ep.subsets().get(0).ports()).containsExactly(new EndpointPort(null, 8080, "TCP"));
    }

    @Test
    void aHeadlessServiceWithoutPortsListsBareAddressesAndIsLabelled() {
        api.create(Service.of(ObjectMeta.of("default", "web"),
            ServiceSpec.clusterIP(Map.of("app", "web")).withClusterIP("None")));
        pod("web-a", "11.10.0.1", true, null, 8080);
        Endpoints ep = endpoints().orElseThrow();
        assertThat(ep.metadata().labels()).containsExactlyEntriesOf(Map.of("service.kubernetes.io/headless", ""));
        assertThat(ep.subsets()).containsExactly(new EndpointSubset(List.of(ep.subsets().get(0).addresses().get(0)),
            List.of(), List.of()));
        assertThat(ips(ep.subsets().get(0).addresses())).containsExactly("11.10.0.1");
    }

    @Test
    void moreThanAThousandAddressesAreTruncatedReadyFirstAndAnnotated() {
        api.create(Service.of(ObjectMeta.of("default", "web"), ServiceSpec.clusterIP(Map.of("app", "web"),
            ServicePort.tcp(80, 8080))));
        for (int i = 0; i < 1003; i++) {
            pod(String.format("web-%04d", i), "11.10." + (i / 250) + "." + (1 + i % 250), i >= 5, null, 8080);
        }
        Endpoints ep = endpoints().orElseThrow();
        assertThat(ep.metadata().annotations()).containsExactlyEntriesOf(new java.util.TreeMap<>(Map.of(
            "endpoints.kubernetes.io/over-capacity", "truncated",
            "endpoints.kubernetes.io/last-change-trigger-time", "1970-01-01T00:00:00Z")));
        // 998 ready kept whole; 2 of the 5 not ready fill the 1000
        assertThat(ep.subsets().get(0).addresses()).hasSize(998);
        assertThat(ep.subsets().get(0).notReadyAddresses()).hasSize(2);
        // back under capacity, the annotation goes (and, with only deletions, the trigger time)
        for (int i = 0; i < 5; i++) {
            api.delete(Pod.class, "default", String.format("web-%04d", i));
        }
        ep = endpoints().orElseThrow();
        assertThat(ep.metadata().annotations()).isEmpty();
        assertThat(ep.subsets().get(0).addresses()).hasSize(998);
    }

    @Test
    void theLastChangeTriggerTimeIsTheOldestChangeASyncTakesIn() {
        api.create(Service.of(ObjectMeta.of("default", "web"), ServiceSpec.clusterIP(Map.of("app", "web"),
            ServicePort.tcp(80, 8080))));
        String trigger = "endpoints.kubernetes.io/last-change-trigger-time";
        // first sync: the Service's creation
        assertThat(endpoints().orElseThrow().metadata().annotations()).containsEntry(trigger, "1970-01-01T00:00:00Z");
        sim.runFor(SimTime.seconds(5));
        pod("web-a", "11.10.0.1", false, null, 8080);
        sim.runFor(SimTime.seconds(2));
        // web-a turns Ready at 7 s: that transition is the trigger
        setStatus(api.get(Pod.class, "default", "web-a"), "11.10.0.1", true);
        Endpoints ep = endpoints().orElseThrow();
        assertThat(ips(ep.subsets().get(0).addresses())).containsExactly("11.10.0.1");
        assertThat(ep.metadata().annotations()).containsEntry(trigger, "1970-01-01T00:00:07Z");
        sim.runFor(SimTime.seconds(2));
        api.delete(Pod.class, "default", "web-a");
        // a deletion alone brings no trigger time: the annotation goes
        ep = endpoints().orElseThrow();
        assertThat(ep.subsets()).isEmpty();
        assertThat(ep.metadata().annotations()).doesNotContainKey(trigger);
    }

    @Test
    void truncationSharesTheCapacityAmongSubsetsInProportion() {
        List<EndpointSubset> subsets = new ArrayList<>();
        subsets.add(subset(1500, 10, 80));
        subsets.add(subset(500, 0, 81));
        assertThat(EndpointsController.truncate(subsets)).isTrue();
        // ready ones alone are too many: ceil(1500/2000*1000) = 750 and 250, no not-ready ones
        assertThat(subsets).extracting(s -> s.addresses().size() + "/" + s.notReadyAddresses().size())
            .containsExactly("750/0", "250/0");
        List<EndpointSubset> small = new ArrayList<>(List.of(subset(10, 10, 80)));
        assertThat(EndpointsController.truncate(small)).isFalse();
        assertThat(small.get(0).addresses()).hasSize(10);
    }

    private static EndpointSubset subset(int ready, int notReady, int port) {
        List<EndpointAddress> r = new ArrayList<>();
        List<EndpointAddress> n = new ArrayList<>();
        for (int i = 0; i < ready + notReady; i++) {
            (i < ready ? r : n).add(new EndpointAddress("11." + port + "." + (i / 250) + "." + (1 + i % 250), null,
                null, null));
        }
        return new EndpointSubset(r, n, List.of(new EndpointPort(null, port, "TCP")));
    }
}
