package io.knetsim.scenarios.services;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.api.ApiServer;
import io.knetsim.api.Container;
import io.knetsim.api.ContainerPort;
import io.knetsim.api.Deployment;
import io.knetsim.api.Endpoints;
import io.knetsim.api.IntOrString;
import io.knetsim.api.ObjectMeta;
import io.knetsim.api.Pod;
import io.knetsim.api.PodSpec;
import io.knetsim.api.Service;
import io.knetsim.api.ServicePort;
import io.knetsim.api.ServiceSpec;
import io.knetsim.net.NetNamespace;
import io.knetsim.scenarios.cluster.Cluster;
import io.knetsim.scenarios.cluster.ClusterSpec;
import io.knetsim.scenarios.cluster.ClusterWorld;
import io.knetsim.sim.SimTime;
import io.knetsim.tool.Invocation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Lab: the "Debug Services" page's {@code kubectl get endpoints hostnames} on cluster C0, where
 * the endpoints controller keeps the Service's Endpoints object next to its EndpointSlices.
 *
 * <pre>
 *   Deployment hostnames (3 x registry.k8s.io/serve_hostname, port "http" 9376) ── spread over C0w1..w3
 *   Service hostnames  ClusterIP :80 ─▶ targetPort http
 *   C0w1$ kubectl get endpoints hostnames
 *   NAME        ENDPOINTS                                      AGE
 *   hostnames   11.x.y.z:9376,11.x.y.z:9376,11.x.y.z:9376     10s
 * </pre>
 */
class EndpointsLabTest {
    private ClusterWorld world;
    private Cluster c0;
    private ApiServer api;

    @BeforeEach
    void build() {
        world = ClusterWorld.twoClusters(1, ClusterSpec.FLANNEL_VXLAN).boot();
        c0 = world.cluster("C0");
        api = c0.api();
    }

    /** The ready pods' {@code ip:9376}, by IP as strings (as the endpoints controller sorts them). */
    private List<String> podEndpoints() {
        return api.list(Pod.class, "default", "app=hostnames").stream().filter(Pod::isReady)
            .map(p -> p.status().podIP()).sorted().map(ip -> ip + ":9376").toList();
    }

    private Invocation kubectl(String args) {
        NetNamespace w1 = c0.worker("w1").host();
        return world.runner().run(w1, "kubectl " + args);
    }

    @Test
    void kubectlGetEndpointsListsTheServicesPodAddressesAndFollowsThePods() {
        Container c = new Container("hostnames", "registry.k8s.io/serve_hostname", null, null,
            List.of(new ContainerPort("http", null, 9376, "TCP")), null);
        api.create(Deployment.of("default", "hostnames", 3, Map.of("app", "hostnames"), PodSpec.of(c)));
        api.create(Service.of(ObjectMeta.of("default", "hostnames"), ServiceSpec.clusterIP(Map.of("app", "hostnames"),
            new ServicePort(null, null, 80, IntOrString.of("http"), null))));
        world.world().sim().runFor(SimTime.seconds(10));

        List<String> eps = podEndpoints();
        assertThat(eps).hasSize(3);
        String cell = String.join(",", eps);
        Invocation get = kubectl("get endpoints hostnames");
        assertThat(get.exitCode()).as(get.stderr()).isZero();
        assertThat(get.stdout()).isEqualTo(
            "NAME        ENDPOINTS" + " ".repeat(cell.length() - "ENDPOINTS".length()) + "   AGE\n"
                + "hostnames   " + cell + "   10s\n");
        assertThat(api.get(Endpoints.class, "default", "hostnames").subsets().get(0).addresses())
            .extracting(a -> a.targetRef().name()).containsExactlyInAnyOrderElementsOf(api.list(Pod.class, "default",
                "app=hostnames").stream().map(p -> p.metadata().name()).toList());

        // a pod dies: its address goes, the ReplicaSet's replacement comes once it is ready
        String gone = api.list(Pod.class, "default", "app=hostnames").get(0).status().podIP() + ":9376";
        kubectl("delete pod " + api.list(Pod.class, "default", "app=hostnames").get(0).metadata().name());
        world.world().sim().runFor(SimTime.seconds(10));
        List<String> after = podEndpoints();
        assertThat(after).hasSize(3).doesNotContain(gone);
        assertThat(kubectl("get ep hostnames --no-headers").stdout())
            .startsWith("hostnames   " + String.join(",", after) + "   ");

        // the Service goes, and its Endpoints with it
        kubectl("delete service hostnames");
        world.world().sim().runFor(SimTime.seconds(1));
        assertThat(kubectl("get endpoints hostnames").stderr())
            .isEqualTo("Error from server (NotFound): endpoints \"hostnames\" not found\n");
    }
}
