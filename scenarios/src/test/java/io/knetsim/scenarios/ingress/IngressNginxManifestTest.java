package io.knetsim.scenarios.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.addr.Ipv4Address;
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
import io.knetsim.app.http.HttpClient;
import io.knetsim.app.http.HttpClientRequest;
import io.knetsim.app.http.HttpResult;
import io.knetsim.net.NetNamespace;
import io.knetsim.scenarios.cluster.Cluster;
import io.knetsim.scenarios.shell.Session;
import io.knetsim.scenarios.world.DefaultWorld;
import io.knetsim.sim.SimTime;
import io.knetsim.tool.Invocation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Lab: ingress-nginx started from the prompt, as on a real cluster, and reached from outside.
 *
 * <pre>
 *   knetsim&gt; kubectl apply -f docs/manifests/ingress-nginx.yaml
 *     Namespace ingress-nginx, IngressClass nginx (k8s.io/ingress-nginx),
 *     Deployment ingress-nginx-controller (registry.k8s.io/ingress-nginx/controller, :80),
 *     Service ingress-nginx-controller NodePort http 80 -&gt; nodePort 30080
 *
 *   C0e1 ──curl 10.0.0.3:30080──▶ kube-proxy (NodePort DNAT) ──▶ controller pod :80
 *                                     ──Ingress rules──▶ web / api pods :8000
 *   Ingress web:  foo.example.com  /     Prefix ─▶ web:80
 *                 (any host)       /api  Prefix ─▶ api:80
 * </pre>
 */
class IngressNginxManifestTest {
    private DefaultWorld world;
    private Session session;
    private final StringBuilder screen = new StringBuilder();
    private ApiServer api;
    private NetNamespace c0e1;

    @BeforeEach
    void build() {
        world = DefaultWorld.build(1);
        // the prompt's kubectl reads the learner's files; tests run in scenarios/, the repository is ..
        session = new Session(world, screen::append, screen::append).localDirectory(Path.of(".."));
        Cluster c0 = world.clusters().cluster("C0");
        api = c0.api();
        c0e1 = c0.etcdHosts().get(0);
        for (String app : List.of("web", "api")) {
            Container c = new Container(app, "knetsim/fixed-message", null, null,
                List.of(new ContainerPort("http", null, 8000, "TCP")), null);
            api.create(Deployment.of("default", app, app.equals("web") ? 2 : 1, Map.of("app", app), PodSpec.of(c)));
            api.create(Service.of(ObjectMeta.of("default", app), ServiceSpec.clusterIP(Map.of("app", app),
                new ServicePort(null, null, 80, IntOrString.of(8000), null))));
        }
    }

    private String shell(String line) {
        screen.setLength(0);
        assertThat(session.execute(line)).as(line + ": " + screen).isTrue();
        return screen.toString();
    }

    private Set<String> podNames(String app) {
        Set<String> out = new TreeSet<>();
        api.list(Pod.class, "default", "app=" + app).forEach(p -> out.add(p.metadata().name()));
        return out;
    }

    private String curl(String args) {
        Invocation r = world.runner().run(c0e1, "curl -s " + args);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        return r.stdout();
    }

    private void applyIngress(String apiPath, String apiService) {
        Ingress ing = Ingress.of(ObjectMeta.of("default", "web"), new IngressSpec("nginx", null, List.of(
            IngressRule.of("foo.example.com", HTTPIngressPath.of("/", "Prefix", "web", 80)),
            IngressRule.of(null, HTTPIngressPath.of(apiPath, "Prefix", apiService, 80)))));
        if (api.find(Ingress.class, "default", "web").isPresent()) {
            api.update(ing.withMetadata(api.get(Ingress.class, "default", "web").metadata()));
        } else {
            api.create(ing);
        }
    }

    @Test
    void theManifestStartsTheControllerBehindANodePortThatAnEtcdHostReaches() {
        assertThat(shell("kubectl apply -f docs/manifests/ingress-nginx.yaml")).isEqualTo("""
            namespace/ingress-nginx created
            ingressclass.networking.k8s.io/nginx created
            deployment.apps/ingress-nginx-controller created
            service/ingress-nginx-controller created
            """);
        applyIngress("/api", "api");
        shell("run 5s");
        assertThat(shell("kubectl get pods -n ingress-nginx")).matches(
            "(?s)NAME +READY +STATUS +RESTARTS +AGE\ningress-nginx-controller-\\S+ +1/1 +Running +0 +\\d+s\n");
        assertThat(shell("kubectl get svc -n ingress-nginx")).contains("NodePort", "80:30080/TCP");
        assertThat(shell("kubectl get ingress")).matches(
            "NAME +CLASS +HOSTS +ADDRESS +PORTS +AGE\nweb +nginx +foo.example.com +80 +\\d+s\n");
        assertThat(shell("kubectl get ingressclass")).matches(
            "NAME +CONTROLLER +PARAMETERS +AGE\nnginx +k8s.io/ingress-nginx +<none> +\\d+s\n");

        // with the Host header: the host's rule; every web pod answers over a few requests
        Set<String> web = new TreeSet<>();
        for (int i = 0; i < 10; i++) {
            web.add(curl("-H 'Host: foo.example.com' 10.0.0.3:30080/").strip());
        }
        assertThat(web).isEqualTo(podNames("web"));
        // without it (Host: 10.0.0.3:30080): the rule without a host only; any worker's node port
        assertThat(curl("10.0.0.3:30080/api/v1").strip()).isEqualTo(podNames("api").iterator().next());
        assertThat(curl("10.0.0.5:30080/api").strip()).isEqualTo(podNames("api").iterator().next());
        assertThat(curl("10.0.0.3:30080/")).contains("<title>404 Not Found</title>");

        // the controller's configuration, read inside its pod
        String pod = api.list(Pod.class, "ingress-nginx", (String) null).get(0).metadata().name();
        assertThat(shell("kubectl exec -n ingress-nginx " + pod + " -- cat /etc/nginx/conf.d/ingress-nginx.conf"))
            .contains("server {\n    listen 80;\n    server_name foo.example.com;\n");
    }

    @Test
    void anIngressChangedUnderLoadReconfiguresLiveWithoutAFailedRequest() {
        shell("kubectl apply -f docs/manifests/ingress-nginx.yaml");
        applyIngress("/api", "api");
        shell("run 5s");
        // 200 requests from C0e1, one every 10 ms, while the Ingress's /api moves to web at 1 s
        List<HttpResult> results = new ArrayList<>();
        HttpClient client = new HttpClient(c0e1, "curl/8.5.0");
        int node = Ipv4Address.parse("10.0.0.3").bits();
        for (int i = 0; i < 200; i++) {
            world.world().sim().after(SimTime.ms(10L * i),
                () -> client.send(HttpClientRequest.get(node, 30080, "/api"), results::add));
        }
        world.world().sim().after(SimTime.seconds(1), () -> applyIngress("/api", "web"));
        world.world().sim().runFor(SimTime.seconds(4));

        assertThat(results).hasSize(200);
        assertThat(results).allSatisfy(r -> {
            assertThat(r.error()).isNull();
            assertThat(r.response().status()).isEqualTo(200);
        });
        String apiPod = podNames("api").iterator().next();
        List<String> bodies = results.stream().map(r -> r.response().bodyText().strip()).toList();
        assertThat(bodies.get(0)).isEqualTo(apiPod);
        assertThat(podNames("web")).contains(bodies.get(199));
        // the answers switch once, from api to web, and never back
        int firstWeb = bodies.indexOf(bodies.stream().filter(b -> !b.equals(apiPod)).findFirst().orElseThrow());
        assertThat(bodies.subList(0, firstWeb)).containsOnly(apiPod);
        assertThat(bodies.subList(firstWeb, 200)).allMatch(b -> podNames("web").contains(b));
        assertThat(firstWeb).isBetween(95, 110);
    }
}
