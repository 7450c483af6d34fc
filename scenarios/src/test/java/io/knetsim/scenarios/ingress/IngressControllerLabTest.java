package io.knetsim.scenarios.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.api.ApiServer;
import io.knetsim.api.Container;
import io.knetsim.api.ContainerPort;
import io.knetsim.api.Deployment;
import io.knetsim.api.Ingress;
import io.knetsim.api.Ingress.HTTPIngressPath;
import io.knetsim.api.Ingress.IngressRule;
import io.knetsim.api.Ingress.IngressSpec;
import io.knetsim.api.IntOrString;
import io.knetsim.api.ObjectMeta;
import io.knetsim.api.Pod;
import io.knetsim.api.PodSpec;
import io.knetsim.api.Service;
import io.knetsim.api.ServicePort;
import io.knetsim.api.ServiceSpec;
import io.knetsim.ingress.controller.IngressController;
import io.knetsim.ingress.controller.IngressControllerConfig;
import io.knetsim.ingress.controller.UpstreamMode;
import io.knetsim.scenarios.cluster.Cluster;
import io.knetsim.scenarios.cluster.ClusterSpec;
import io.knetsim.scenarios.cluster.ClusterWorld;
import io.knetsim.sim.SimTime;
import io.knetsim.tool.Invocation;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Lab: an ingress controller on a running cluster, with kube-proxy.
 *
 * <pre>
 *   Deployments web (2) and api (1) of knetsim/fixed-message :8000, Services web, api :80
 *   Ingress: foo.example.com  /     Prefix ─▶ web:80
 *                             /api  Prefix ─▶ api:80
 *   C0w1 IngressController :8080, endpoints mode ──▶ pod IPs over flannel
 *   C0w2 IngressController :8080, service mode   ──▶ ClusterIP ──kube-proxy DNAT──▶ pods
 *   C0wN$ curl -H 'Host: foo.example.com' localhost:8080/...
 * </pre>
 */
class IngressControllerLabTest {
    private ClusterWorld world;
    private Cluster c0;
    private ApiServer api;

    @BeforeEach
    void build() {
        world = ClusterWorld.twoClusters(1, ClusterSpec.FLANNEL_VXLAN).boot();
        c0 = world.cluster("C0");
        api = c0.api();
        c0.startKubeProxy(SimTime.seconds(1));
        for (String app : List.of("web", "api")) {
            Container c = new Container(app, "knetsim/fixed-message", null, null,
                List.of(new ContainerPort("http", null, 8000, "TCP")), null);
            api.create(Deployment.of("default", app, app.equals("web") ? 2 : 1, Map.of("app", app), PodSpec.of(c)));
            api.create(Service.of(ObjectMeta.of("default", app), ServiceSpec.clusterIP(Map.of("app", app),
                new ServicePort(null, null, 80, IntOrString.of(8000), null))));
        }
        api.create(Ingress.of(ObjectMeta.of("default", "web"), new IngressSpec("nginx", null, List.of(
            IngressRule.of("foo.example.com", HTTPIngressPath.of("/", "Prefix", "web", 80),
                HTTPIngressPath.of("/api", "Prefix", "api", 80))))));
    }

    private Set<String> podNames(String app) {
        Set<String> out = new TreeSet<>();
        api.list(Pod.class, "default", "app=" + app).stream().filter(Pod::isReady)
            .forEach(p -> out.add(p.metadata().name()));
        return out;
    }

    private String curl(String worker, String host, String path) {
        Invocation r = world.runner().run(c0.worker(worker).host(),
            "curl -s -H 'Host: " + host + "' localhost:8080" + path);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        return r.stdout().strip();
    }

    @Test
    void bothUpstreamModesRouteByHostAndPathAndFollowAScaleUp() {
        IngressController.start(api, c0.worker("w1").host(), IngressControllerConfig.of("ingress", 8080));
        IngressController.start(api, c0.worker("w2").host(),
            IngressControllerConfig.of("ingress", 8080).withUpstreams(UpstreamMode.SERVICE));
        world.world().sim().runFor(SimTime.seconds(10));
        assertThat(podNames("web")).hasSize(2);
        for (String w : List.of("w1", "w2")) {
            Set<String> web = new HashSet<>();
            for (int i = 0; i < 20; i++) {
                web.add(curl(w, "foo.example.com", "/index.html"));
            }
            assertThat(web).as(w).isEqualTo(podNames("web"));
            assertThat(curl(w, "foo.example.com", "/api/v1")).as(w).isEqualTo(podNames("api").iterator().next());
            assertThat(curl(w, "bar.example.com", "/")).as(w).contains("<title>404 Not Found</title>");
        }
        String ip = api.get(Service.class, "default", "web").spec().clusterIP();
        assertThat(world.runner().run(c0.worker("w2").host(), "cat /etc/nginx/conf.d/ingress.conf").stdout())
            .contains("upstream default-web-80 {\n    server " + ip + ":80;\n}");

        Deployment d = api.get(Deployment.class, "default", "web");
        api.update(d.withSpec(d.spec().withReplicas(3)));
        world.world().sim().runFor(SimTime.seconds(10));
        assertThat(podNames("web")).hasSize(3);
        Set<String> web = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            web.add(curl("w1", "foo.example.com", "/"));
        }
        assertThat(web).isEqualTo(podNames("web"));
    }
}
