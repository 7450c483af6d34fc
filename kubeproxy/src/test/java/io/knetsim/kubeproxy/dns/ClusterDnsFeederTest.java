package io.knetsim.kubeproxy.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.api.ApiServer;
import io.knetsim.api.Container;
import io.knetsim.api.ObjectMeta;
import io.knetsim.api.Pod;
import io.knetsim.api.PodCondition;
import io.knetsim.api.PodSpec;
import io.knetsim.api.PodStatus;
import io.knetsim.api.Service;
import io.knetsim.api.ServiceAllocator;
import io.knetsim.api.ServicePort;
import io.knetsim.api.ServiceSpec;
import io.knetsim.app.dns.ClusterDnsZone;
import io.knetsim.app.dns.ZoneAnswer;
import io.knetsim.kubeproxy.endpointslice.EndpointSliceController;
import io.knetsim.packet.DnsMessage;
import io.knetsim.packet.DnsMessage.Question;
import io.knetsim.sim.SimTime;
import io.knetsim.sim.Simulator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The feeder against an API server alone (no kubelet: the test writes pod status as a kubelet
 * would), asking the zone directly.
 *
 * <pre>
 *   Service web 10.96.0.20 (app=web)      Service db None (headless, app=db)   Service ext ExternalName example.com
 *   Pods db-0 11.10.0.5 (Ready), db-1 11.10.0.6 (not Ready)
 *   API server ──watch──▶ ClusterDnsFeeder ──update──▶ ClusterDnsZone ◀── A? ...
 * </pre>
 */
class ClusterDnsFeederTest {
    private Simulator sim;
    private ApiServer api;
    private ClusterDnsFeeder feeder;

    @BeforeEach
    void server() {
        sim = new Simulator(1);
        api = new ApiServer(sim, "C0");
        ServiceAllocator.install(api, ServiceAllocator.DEFAULT_SERVICE_CIDR);
        EndpointSliceController.start(api);
        feeder = ClusterDnsFeeder.start(api, new ClusterDnsZone());
    }

    private List<String> ask(String name, int type) {
        ZoneAnswer a = feeder.zone().answer(new Question(name, type));
        List<String> out = new ArrayList<>();
        out.add(DnsMessage.rcodeName(a.rcode()));
        a.answers().forEach(r -> out.add(DnsMessage.typeName(r.type()) + " " + r.data().text()));
        return out;
    }

    private void pod(String name, String ip, boolean ready) {
        Pod p = api.create(Pod.of(ObjectMeta.of("default", name, Map.of("app", "db")),
            PodSpec.of(Container.of("db", "busybox")).withNodeName("c0w1")));
        api.updateStatus(p.withStatus(new PodStatus("Running", List.of(PodCondition.of("Ready", ready, sim.now())),
            null, null, "10.0.0.3", null, ip, null, null, null)));
    }

    private void service(String name, ServiceSpec spec) {
        api.create(Service.of(ObjectMeta.of("default", name), spec));
    }

    @Test
    void clusterIpHeadlessAndExternalNameServicesAndPodsAreAnsweredAfterTheChangesOfOneInstant() {
        long before = feeder.rebuilds();
        service("web", ServiceSpec.clusterIP(Map.of("app", "web"), ServicePort.tcp(80, 8080)).withClusterIP("10.96.0.20"));
        service("db", ServiceSpec.clusterIP(Map.of("app", "db"), new ServicePort("pg", null, 5432, null, null))
            .withClusterIP(ServiceSpec.NONE));
        service("ext", new ServiceSpec(ServiceSpec.EXTERNAL_NAME, null, null, null, null, null, null, null, null,
            "example.com", null, null));
        pod("db-0", "11.10.0.5", true);
        pod("db-1", "11.10.0.6", false);
        // nothing is answered before the clock runs the rebuild
        assertThat(ask("web.default.svc.cluster.local", DnsMessage.TYPE_A)).containsExactly("NXDOMAIN");
        sim.runFor(SimTime.seconds(1));
        assertThat(ask("web.default.svc.cluster.local", DnsMessage.TYPE_A)).containsExactly("NOERROR", "A 10.96.0.20");
        assertThat(ask("db.default.svc.cluster.local", DnsMessage.TYPE_A)).containsExactly("NOERROR", "A 11.10.0.5");
        assertThat(ask("11-10-0-5.db.default.svc.cluster.local", DnsMessage.TYPE_A))
            .containsExactly("NOERROR", "A 11.10.0.5");
        assertThat(ask("ext.default.svc.cluster.local", DnsMessage.TYPE_A))
            .containsExactly("NOERROR", "CNAME example.com.");
        assertThat(ask("11-10-0-6.default.pod.cluster.local", DnsMessage.TYPE_A))
            .containsExactly("NOERROR", "A 11.10.0.6");
        // the creations of one instant and the slices they caused: a few rebuilds, not one per event
        assertThat(feeder.rebuilds() - before).isBetween(1L, 3L);
        assertThat(feeder.lastError()).isNull();
    }

    @Test
    void aDeletedServiceAndAPodThatBecomesReadyAreFollowed() {
        service("db", ServiceSpec.clusterIP(Map.of("app", "db"), ServicePort.tcp(5432, 5432))
            .withClusterIP(ServiceSpec.NONE));
        pod("db-0", "11.10.0.5", false);
        sim.runFor(SimTime.seconds(1));
        assertThat(ask("db.default.svc.cluster.local", DnsMessage.TYPE_A)).containsExactly("NXDOMAIN");
        Pod p = api.get(Pod.class, "default", "db-0");
        api.updateStatus(p.withStatus(new PodStatus("Running", List.of(PodCondition.of("Ready", true, sim.now())),
            null, null, "10.0.0.3", null, "11.10.0.5", null, null, null)));
        sim.runFor(SimTime.seconds(1));
        assertThat(ask("db.default.svc.cluster.local", DnsMessage.TYPE_A)).containsExactly("NOERROR", "A 11.10.0.5");
        api.delete(Service.class, "default", "db");
        sim.runFor(SimTime.seconds(1));
        assertThat(ask("db.default.svc.cluster.local", DnsMessage.TYPE_A)).containsExactly("NXDOMAIN");
    }
}
