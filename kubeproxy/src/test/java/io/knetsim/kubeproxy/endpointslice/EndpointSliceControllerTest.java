package io.knetsim.kubeproxy.endpointslice;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.api.ApiServer;
import io.knetsim.api.Container;
import io.knetsim.api.ContainerPort;
import io.knetsim.api.EndpointSlice;
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
import io.knetsim.sim.SimTime;
import io.knetsim.sim.Simulator;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The EndpointSlice controller against an API server alone (no kubelet: the test writes the
 * pods' status as a kubelet would).
 *
 * <pre>
 *   Service web (app=web, port 80 -> targetPort "http")
 *   Pods web-000 .. web-249 (app=web, containerPort http 8080, podIP 11.x.y.z, Ready or not)
 *        ─▶ EndpointSlices web-xxxxx: 100 + 100 + 50 endpoints, ports [{port 8080}]
 * </pre>
 */
class EndpointSliceControllerTest {
    private Simulator sim;
    private ApiServer api;

    @BeforeEach
    void server() {
        sim = new Simulator(1);
        api = new ApiServer(sim, "C0");
        ServiceAllocator.install(api, ServiceAllocator.DEFAULT_SERVICE_CIDR);
        EndpointSliceController.start(api);
    }

    private Pod pod(String name, int i, boolean ready, String portName, int port) {
        Container c = new Container("web", "nginx", null, null, List.of(new ContainerPort(portName, null, port, "TCP")),
            null);
        Pod p = api.create(Pod.of(ObjectMeta.of("default", name, Map.of("app", "web")), PodSpec.of(c)
            .withNodeName("c0w" + (1 + i % 3))));
        return setStatus(p, "11.10." + (i / 250) + "." + (1 + i % 250), ready);
    }

    private Pod setStatus(Pod p, String ip, boolean ready) {
        PodStatus s = new PodStatus("Running", List.of(PodCondition.of("Ready", ready, sim.now())), null, null,
            "10.0.0.3", null, ip, null, null, null);
        return api.updateStatus(p.withStatus(s));
    }

    private List<EndpointSlice> slices() {
        return api.list(EndpointSlice.class, "default", "kubernetes.io/service-name=web").stream()
            .sorted(Comparator.comparing(s -> s.metadata().name())).toList();
    }

    @Test
    void slicesHoldAtMostAHundredEndpointsWithNamedPortsResolvedPerPod() {
        api.create(Service.of(ObjectMeta.of("default", "web"), ServiceSpec.clusterIP(Map.of("app", "web"),
            new ServicePort(null, null, 80, IntOrString.of("http"), null))));
        for (int i = 0; i < 250; i++) {
            pod(String.format("web-%03d", i), i, true, "http", 8080);
        }
        sim.runFor(SimTime.ms(10));
        List<EndpointSlice> s = slices();
        assertThat(s).extracting(x -> x.endpoints().size()).containsExactlyInAnyOrder(100, 100, 50);
        assertThat(s.get(0).ports()).containsExactly(new EndpointSlice.EndpointPort("", "TCP", 8080));
        assertThat(s.get(0).metadata().labels()).containsEntry("endpointslice.kubernetes.io/managed-by",
            "endpointslice-controller.k8s.io");
        assertThat(s.get(0).metadata().ownerReferences().get(0).kind()).isEqualTo("Service");
        EndpointSlice.Endpoint first = s.stream().flatMap(x -> x.endpoints().stream())
            .filter(e -> e.targetRef().name().equals("web-000")).findFirst().orElseThrow();
        assertThat(first.addresses()).containsExactly("11.10.0.1");
        assertThat(first.nodeName()).isEqualTo("c0w1");
        assertThat(s.stream().flatMap(x -> x.endpoints().stream()).map(e -> e.targetRef().name()).distinct().count())
            .isEqualTo(250);
        // a pod whose "http" is another port goes in a slice of its own
        pod("web-odd", 300, true, "http", 9090);
        sim.runFor(SimTime.ms(10));
        assertThat(slices()).extracting(x -> x.endpoints().size()).containsExactlyInAnyOrder(100, 100, 50, 1);
        assertThat(slices().stream().filter(x -> x.endpoints().size() == 1).findFirst().orElseThrow().ports())
            .containsExactly(new EndpointSlice.EndpointPort("", "TCP", 9090));
    }

    @Test
    void readinessAndDeletionAreFollowedAndTheSlicesGoWithTheService() {
        api.create(Service.of(ObjectMeta.of("default", "web"), ServiceSpec.clusterIP(Map.of("app", "web"),
            ServicePort.tcp(80, 8080))));
        sim.runFor(SimTime.ms(10));
        assertThat(slices()).hasSize(1);
        assertThat(slices().get(0).endpoints()).isEmpty();
        Pod a = pod("web-a", 0, false, null, 8080);
        pod("web-b", 1, true, null, 8080);
        sim.runFor(SimTime.ms(10));
        assertThat(slices().get(0).endpoints()).extracting(e -> e.targetRef().name() + " " + e.isReady())
            .containsExactly("web-a false", "web-b true");
        setStatus(api.get(Pod.class, "default", "web-a"), a.status().podIP(), true);
        sim.runFor(SimTime.ms(10));
        assertThat(slices().get(0).endpoints()).extracting(e -> e.targetRef().name() + " " + e.isReady())
            .containsExactly("web-a true", "web-b true");
        api.delete(Pod.class, "default", "web-b");
        sim.runFor(SimTime.ms(10));
        assertThat(slices().get(0).endpoints()).extracting(e -> e.targetRef().name()).containsExactly("web-a");
        api.delete(Service.class, "default", "web");
        sim.runFor(SimTime.ms(10));
        assertThat(slices()).isEmpty();
    }
}
