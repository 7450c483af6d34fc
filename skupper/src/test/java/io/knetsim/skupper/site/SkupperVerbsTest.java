package io.knetsim.skupper.site;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.api.EndpointSlice;
import io.knetsim.api.Service;
import io.knetsim.api.ServicePort;
import io.knetsim.api.ServiceSpec;
import io.knetsim.api.ObjectMeta;
import io.knetsim.skupper.config.RouterConfig;
import io.knetsim.tool.Invocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The skupper verbs on two clusters' control planes, with routers that only record the
 * configurations they are given:
 *
 * <pre>
 *   C1 (c1w1 10.0.0.8)                               C0 (c0w1 10.0.0.3, c0w2 10.0.0.4)
 *   skupper init                                     skupper init
 *   skupper link create t.yaml --cost 3   ◀── t.yaml ── skupper token create t.yaml
 *   connector link1 → 10.0.0.3:55671 cost 3          listener interior-listener 10.0.0.3:55671
 *   tcpListener web:8080, Service web ─▶ 10.0.0.8    skupper expose deployment/web --port 8080
 *                                                    tcpConnector web@POD:8080 per ready pod
 * </pre>
 */
class SkupperVerbsTest {
    private static final String BASE = String.join("\n",
        "[",
        "  [\"router\", {\"id\": \"%1$s\", \"mode\": \"interior\", \"helloMaxAgeSeconds\": \"3\", "
            + "\"metadata\": \"{\\\"id\\\":\\\"%1$s\\\",\\\"version\\\":\\\"1.0.2\\\"}\"}],",
        "  [\"listener\", {\"name\": \"amqp\", \"role\": \"normal\", \"host\": \"localhost\", \"port\": 5672, "
            + "\"maxFrameSize\": 16384}],",
        "  [\"listener\", {\"name\": \"interior-listener\", \"role\": \"inter-router\", \"host\": \"%2$s\", "
            + "\"port\": 55671, \"maxFrameSize\": 16384, \"maxSessionFrames\": 640}],",
        "  [\"listener\", {\"name\": \"edge-listener\", \"role\": \"edge\", \"port\": 45671, \"maxFrameSize\": 16384, "
            + "\"maxSessionFrames\": 640}],",
        "  [\"listener\", {\"name\": \"@9090\", \"role\": \"normal\", \"port\": 9090, \"maxFrameSize\": 16384, "
            + "\"http\": true, \"httpRootDir\": \"disabled\", \"healthz\": true, \"metrics\": true}],",
        "  [\"address\", {\"prefix\": \"mc\", \"distribution\": \"multicast\"}]");
    private static final String TOKEN = """
        # knetsim connection token: no certificates (TLS is not modelled), so data holds none.
        apiVersion: v1
        kind: Secret
        metadata:
          annotations:
            edge-host: 10.0.0.3
            edge-port: "45671"
            inter-router-host: 10.0.0.3
            inter-router-port: "55671"
            skupper.io/generated-by: C0
            skupper.io/site-version: 1.0.2
          creationTimestamp: null
          labels:
            skupper.io/type: connection-token
          name: skupper
        type: kubernetes.io/tls
        """;

    @TempDir
    Path dir;
    TwoSites w;

    @BeforeEach
    void setUp() {
        w = new TwoSites(dir);
    }

    private static String base(String site, String address, String... more) {
        StringBuilder sb = new StringBuilder(String.format(BASE, site, address));
        for (String m : more) {
            sb.append(",\n  ").append(m);
        }
        return sb.append("\n]\n").toString();
    }

    private void ok(Invocation inv, String stdout) {
        assertThat(inv.stderr()).isEmpty();
        assertThat(inv.stdout()).isEqualTo(stdout);
        assertThat(inv.exitCode()).isZero();
    }

    private void refused(Invocation inv, String error) {
        assertThat(inv.stdout()).isEmpty();
        assertThat(inv.stderr()).isEqualTo("Error: " + error + "\n");
        assertThat(inv.exitCode()).isEqualTo(1);
    }

    /** init in both, token in C0, link from C1 with cost 3. */
    private void linked() {
        ok(w.run(w.c0w1, "skupper init"), "Skupper is now installed in namespace 'default'.  Use 'skupper status' "
            + "to get more information.\n");
        ok(w.run(w.c1w1, "skupper init"), "Skupper is now installed in namespace 'default'.  Use 'skupper status' "
            + "to get more information.\n");
        ok(w.run(w.c0w1, "skupper token create t.yaml"), "Token written to t.yaml\n");
        ok(w.run(w.c1w1, "skupper link create t.yaml --cost 3"),
            "Site configured to link to 10.0.0.3:55671 (name=link1)\n"
                + "Check the status of the link using 'skupper link status'.\n");
    }

    @Test
    void initStartsTheRouterOnTheFirstNodeWithTheLabsBaseConfiguration() {
        ok(w.run(w.c0w2, "skupper init"), "Skupper is now installed in namespace 'default'.  Use 'skupper status' "
            + "to get more information.\n");

        FakeRouter r = w.routers.get("C0");
        assertThat(r.host).isSameAs(w.c0w1); // node c0w1 sorts first, whichever host ran the command
        assertThat(r.applied).hasSize(1);
        assertThat(r.current().toJson()).isEqualTo(base("C0", "10.0.0.3"));
        assertThat(w.network.site("C0").nodeName()).isEqualTo("c0w1");

        ok(w.run(w.c0w1, "skupper init"), "Skupper is now installed in namespace 'default'.  Use 'skupper status' "
            + "to get more information.\n");
        assertThat(w.routers).containsOnlyKeys("C0"); // a second init starts nothing and changes nothing
        assertThat(r.applied).hasSize(1);
    }

    @Test
    void tokenIsASecretNamingTheRouterHostAndPortsAndTheSite() throws Exception {
        ok(w.run(w.c0w1, "skupper init"), "Skupper is now installed in namespace 'default'.  Use 'skupper status' "
            + "to get more information.\n");
        ok(w.run(w.c0w1, "skupper token create t.yaml"), "Token written to t.yaml\n");

        assertThat(Files.readString(dir.resolve("t.yaml"))).isEqualTo(TOKEN);
        assertThat(ConnectionToken.parse(TOKEN, "t.yaml")).isEqualTo(w.network.site("C0").createToken());
    }

    @Test
    void linkAddsAnInterRouterConnectorWithTheCostAndNextName() throws Exception {
        linked();

        String link1 = "[\"connector\", {\"name\": \"link1\", \"role\": \"inter-router\", \"host\": \"10.0.0.3\", "
            + "\"port\": \"55671\", \"cost\": 3, \"maxFrameSize\": 16384, \"maxSessionFrames\": 640}]";
        FakeRouter c1 = w.routers.get("C1");
        assertThat(c1.applied).hasSize(2);
        assertThat(c1.current().toJson()).isEqualTo(base("C1", "10.0.0.8", link1));
        assertThat(w.routers.get("C0").applied).hasSize(1); // the issuing site is not changed by a link to it

        ok(w.run(w.c1w1, "skupper link status"), "Link link1 not active\n");
        c1.neighbours.add("C0");
        ok(w.run(w.c1w1, "skupper link status"), "Link link1 is active\n");

        // a third cluster's token (by hand), linked with the default cost and a name of its own
        Files.writeString(dir.resolve("c2.yaml"), TOKEN.replace("10.0.0.3", "10.0.0.13").replace("generated-by: C0",
            "generated-by: C2"));
        ok(w.run(w.c1w1, "skupper link create c2.yaml --name to-c2"),
            "Site configured to link to 10.0.0.13:55671 (name=to-c2)\n"
                + "Check the status of the link using 'skupper link status'.\n");
        assertThat(c1.current().toJson()).isEqualTo(base("C1", "10.0.0.8", link1,
            "[\"connector\", {\"name\": \"to-c2\", \"role\": \"inter-router\", \"host\": \"10.0.0.13\", "
                + "\"port\": \"55671\", \"cost\": 1, \"maxFrameSize\": 16384, \"maxSessionFrames\": 640}]"));
        ok(w.run(w.c1w1, "skupper link status"), "Link link1 is active\nLink to-c2 not active\n");
    }

    @Test
    void linkRefusalsNameTheProblemAndChangeNothing() throws Exception {
        refused(w.run(w.c1w1, "skupper link create t.yaml"), "Skupper is not enabled in namespace 'default'");
        refused(w.run(w.c1w1, "skupper token create t.yaml"), "Skupper is not enabled in namespace 'default'");
        assertThat(w.routers).isEmpty();
        assertThat(dir.resolve("t.yaml")).doesNotExist();
        linked();
        RouterConfig before = w.routers.get("C1").current();

        refused(w.run(w.c1w1, "skupper link create nothere.yaml"),
            "Could not read connection token: open nothere.yaml: no such file or directory");
        refused(w.run(w.c0w1, "skupper link create t.yaml"),
            "Failed to create link: Can't create connection to self with token t.yaml");
        refused(w.run(w.c1w1, "skupper link create t.yaml"),
            "Failed to create link: already linked to 10.0.0.3:55671 (name=link1)");
        Files.writeString(dir.resolve("c2.yaml"), TOKEN.replace("10.0.0.3", "10.0.0.13"));
        refused(w.run(w.c1w1, "skupper link create c2.yaml --cost 0"),
            "Failed to create link: --cost must be at least 1, got 0");
        refused(w.run(w.c1w1, "skupper link create c2.yaml --cost cheap"),
            "invalid argument \"cheap\" for \"--cost\" flag: strconv.ParseInt: parsing \"cheap\": invalid syntax");
        refused(w.run(w.c1w1, "skupper link create c2.yaml --name link1"),
            "Failed to create link: a link named \"link1\" exists already");
        refused(w.run(w.c1w1, "skupper link create c2.yaml --colour red"), "unknown flag: --colour");
        refused(w.run(w.c1w1, "skupper link create"), "accepts 1 arg(s), received 0");

        Files.writeString(dir.resolve("bad.yaml"), TOKEN.replace("    inter-router-host: 10.0.0.3\n", ""));
        refused(w.run(w.c1w1, "skupper link create bad.yaml"), "bad.yaml: metadata.annotations.inter-router-host: "
            + "required but missing (is this a token from 'skupper token create'?)");
        Files.writeString(dir.resolve("bad.yaml"), TOKEN.replace("\"55671\"", "\"556710\""));
        refused(w.run(w.c1w1, "skupper link create bad.yaml"),
            "bad.yaml: metadata.annotations.inter-router-port: expected a port from 1 to 65535, got 556710");
        Files.writeString(dir.resolve("bad.yaml"), TOKEN.replace("kind: Secret", "kind: ConfigMap"));
        refused(w.run(w.c1w1, "skupper link create bad.yaml"), "bad.yaml: kind: expected Secret, got ConfigMap");
        Files.writeString(dir.resolve("bad.yaml"), TOKEN.replace("    skupper.io/type: connection-token\n", ""));
        refused(w.run(w.c1w1, "skupper link create bad.yaml"), "bad.yaml: metadata.labels.skupper.io/type: "
            + "required but missing (is this a token from 'skupper token create'?)");
        Files.writeString(dir.resolve("bad.yaml"), "[1, 2]\n");
        refused(w.run(w.c1w1, "skupper link create bad.yaml"),
            "bad.yaml: expected a Kubernetes Secret (a YAML mapping with kind: Secret)");

        assertThat(w.routers.get("C1").current()).isEqualTo(before);
        assertThat(w.routers.get("C1").applied).hasSize(2);
        assertThat(w.routers.get("C0").applied).hasSize(1);
    }

    @Test
    void exposeConnectsToEachReadyPodAndListensWithAServiceInTheOtherSites() {
        linked();
        w.deployment(w.c0, "web", null, "11.10.32.2", "11.10.16.2");

        ok(w.run(w.c0w1, "skupper expose deployment/web --port 8080"), "deployment web exposed as web\n");

        assertThat(w.routers.get("C0").current().toJson()).isEqualTo(base("C0", "10.0.0.3",
            "[\"tcpConnector\", {\"name\": \"web@11.10.32.2:8080\", \"host\": \"11.10.32.2\", \"port\": \"8080\", "
                + "\"address\": \"web\", \"siteId\": \"C0\"}]",
            "[\"tcpConnector\", {\"name\": \"web@11.10.16.2:8080\", \"host\": \"11.10.16.2\", \"port\": \"8080\", "
                + "\"address\": \"web\", \"siteId\": \"C0\"}]"));
        assertThat(w.routers.get("C1").current().toJson()).isEqualTo(base("C1", "10.0.0.8",
            "[\"connector\", {\"name\": \"link1\", \"role\": \"inter-router\", \"host\": \"10.0.0.3\", "
                + "\"port\": \"55671\", \"cost\": 3, \"maxFrameSize\": 16384, \"maxSessionFrames\": 640}]",
            "[\"tcpListener\", {\"name\": \"web:8080\", \"host\": \"0.0.0.0\", \"port\": \"8080\", "
                + "\"address\": \"web\", \"siteId\": \"C1\"}]"));

        Service svc = w.c1.get(Service.class, "default", "web");
        assertThat(svc.spec().selector()).isEmpty();
        assertThat(svc.spec().type()).isEqualTo("ClusterIP");
        assertThat(svc.spec().ports()).containsExactly(ServicePort.tcp(8080, 8080).withName("port8080").withProtocol("TCP"));
        EndpointSlice slice = w.c1.get(EndpointSlice.class, "default", "web-skupper");
        assertThat(slice.serviceName()).isEqualTo("web");
        assertThat(slice.endpoints()).containsExactly(new EndpointSlice.Endpoint(List.of("10.0.0.8"),
            new EndpointSlice.Conditions(true, true, false), "c1w1", null));
        assertThat(slice.ports()).containsExactly(new EndpointSlice.EndpointPort("port8080", "TCP", 8080));
        assertThat(w.c0.find(Service.class, "default", "web")).isEmpty();
        assertThat(w.network.exposed()).containsExactly(new ExposedService("web", 8080, 8080, "C0"));
    }

    @Test
    void exposeTakesTheContainerPortAndATargetPort() {
        linked();
        w.deployment(w.c0, "api", 9376, "11.10.16.7");

        ok(w.run(w.c0w1, "skupper expose deployment api"), "deployment api exposed as api\n");
        w.deployment(w.c0, "db", null, "11.10.16.8");
        ok(w.run(w.c0w1, "skupper expose deployment/db --port 5432 --target-port 15432"),
            "deployment db exposed as db\n");

        assertThat(w.routers.get("C0").current().tcpConnectors()).extracting(c -> c.name() + " " + c.host() + ":" + c.port())
            .containsExactly("api@11.10.16.7:9376 11.10.16.7:9376", "db@11.10.16.8:15432 11.10.16.8:15432");
        assertThat(w.routers.get("C1").current().tcpListeners()).extracting(l -> l.name() + " " + l.port())
            .containsExactly("api:9376 9376", "db:5432 5432");
        assertThat(w.network.exposed()).containsExactly(new ExposedService("api", 9376, 9376, "C0"),
            new ExposedService("db", 5432, 15432, "C0"));
    }

    @Test
    void exposeRefusalsNameTheProblemAndChangeNothingAnywhere() {
        refused(w.run(w.c0w1, "skupper expose deployment/web --port 8080"), "Skupper is not enabled in namespace 'default'");
        linked();
        RouterConfig c0 = w.routers.get("C0").current();
        RouterConfig c1 = w.routers.get("C1").current();

        refused(w.run(w.c0w1, "skupper expose deployment/web --port 8080"),
            "Unable to create skupper service: deployments.apps \"web\" not found");
        w.deployment(w.c0, "web", null, "11.10.32.2");
        refused(w.run(w.c0w1, "skupper expose deployment/web"),
            "Container in deployment does not specify port, use --port option to provide it");
        refused(w.run(w.c0w1, "skupper expose deployment/web --port 55671"),
            "Unable to create skupper service: site C1: port 55671 on host \"0.0.0.0\" clashes with entity [2] "
                + "(listener \"interior-listener\" on host \"10.0.0.8\")");
        refused(w.run(w.c0w1, "skupper expose deployment/web --port 70000"),
            "--port must be a port from 1 to 65535, got 70000");
        refused(w.run(w.c0w1, "skupper expose statefulset/web --port 8080"), "target type must be one of: "
            + "[deployment] (knetsim exposes deployments; Skupper also takes statefulset, pods and service), got statefulset");
        refused(w.run(w.c0w1, "skupper expose"),
            "expose target and name must be specified (e.g. 'skupper expose deployment <name>'");
        w.c1.create(Service.of(ObjectMeta.of("default", "web"), ServiceSpec.clusterIP(Map.of("app", "web"),
            ServicePort.tcp(80, 80))));
        refused(w.run(w.c0w1, "skupper expose deployment/web --port 8080"),
            "Unable to create skupper service: site C1 has a service web already (namespace default)");

        assertThat(w.routers.get("C0").current()).isEqualTo(c0);
        assertThat(w.routers.get("C1").current()).isEqualTo(c1);
        assertThat(w.c1.list(EndpointSlice.class)).isEmpty();
        assertThat(w.network.exposed()).isEmpty();

        w.c1.delete(Service.class, "default", "web");
        w.routers.get("C1").busyPort = 8080; // the router host has the port in use: the router refuses
        refused(w.run(w.c0w1, "skupper expose deployment/web --port 8080"),
            "Unable to create skupper service: C1.json: tcpListener: port 8080: Address already in use");
        assertThat(w.routers.get("C0").current()).isEqualTo(c0); // C0 got its connectors, then its old config back
        assertThat(w.routers.get("C0").applied).hasSize(3);
        assertThat(w.routers.get("C1").current()).isEqualTo(c1);
        assertThat(w.c1.find(Service.class, "default", "web")).isEmpty();
        assertThat(w.c1.list(EndpointSlice.class)).isEmpty();

        w.routers.get("C1").busyPort = -1;
        ok(w.run(w.c0w1, "skupper expose deployment/web --port 8080"), "deployment web exposed as web\n");
        refused(w.run(w.c0w1, "skupper expose deployment/web --port 8081"),
            "Unable to create skupper service: service web is already exposed (from site C0, port 8080)");
    }

    @Test
    void aSiteEnabledLaterGetsTheServicesExposedBefore() {
        ok(w.run(w.c0w1, "skupper init"), "Skupper is now installed in namespace 'default'.  Use 'skupper status' "
            + "to get more information.\n");
        w.deployment(w.c0, "web", 80, "11.10.32.2");
        w.deployment(w.c0, "amqp", 5672, "11.10.32.3");
        w.deployment(w.c0, "db", 5432, "11.10.32.4");
        ok(w.run(w.c0w1, "skupper expose deployment/web"), "deployment web exposed as web\n");
        ok(w.run(w.c0w1, "skupper expose deployment/amqp"), "deployment amqp exposed as amqp\n");
        ok(w.run(w.c0w1, "skupper expose deployment/db"), "deployment db exposed as db\n");
        w.c1.create(Service.of(ObjectMeta.of("default", "db"), ServiceSpec.clusterIP(Map.of("app", "db"),
            ServicePort.tcp(5432, 5432))));

        Invocation init = w.run(w.c1w1, "skupper init");

        assertThat(init.stdout()).isEqualTo("Skupper is now installed in namespace 'default'.  Use 'skupper status' "
            + "to get more information.\n");
        assertThat(init.stderr()).isEqualTo(
            "Warning: service amqp (exposed in site C0) not added to site C1: port 5672 on host \"0.0.0.0\" clashes "
                + "with entity [1] (listener \"amqp\" on host \"localhost\")\n"
                + "Warning: service db (exposed in site C0) not added to site C1: a service db exists already "
                + "(namespace default)\n");
        assertThat(init.exitCode()).isZero();
        assertThat(w.routers.get("C1").current().toJson()).isEqualTo(base("C1", "10.0.0.8",
            "[\"tcpListener\", {\"name\": \"web:80\", \"host\": \"0.0.0.0\", \"port\": \"80\", "
                + "\"address\": \"web\", \"siteId\": \"C1\"}]"));
        assertThat(w.c1.get(EndpointSlice.class, "default", "web-skupper").endpoints().get(0).addresses())
            .containsExactly("10.0.0.8");
        assertThat(w.c1.list(EndpointSlice.class)).hasSize(1);
        assertThat(w.c1.get(Service.class, "default", "db").spec().selector()).containsEntry("app", "db");
    }

    @Test
    void statusCountsConnectedSitesAndExposedServices() {
        ok(w.run(w.c1w1, "skupper status"), "Skupper is not enabled in namespace 'default'\n");
        linked();
        ok(w.run(w.c1w1, "skupper status"), "Skupper is enabled for namespace \"default\" with site name \"C1\" in "
            + "interior mode. It is not connected to any other sites. It has no exposed services.\n");

        FakeRouter c1 = w.routers.get("C1");
        c1.neighbours.add("C0");
        c1.reachable.add("C0");
        w.deployment(w.c0, "web", 80, "11.10.32.2");
        ok(w.run(w.c0w1, "skupper expose deployment/web"), "deployment web exposed as web\n");
        ok(w.run(w.c1w1, "skupper status"), "Skupper is enabled for namespace \"default\" with site name \"C1\" in "
            + "interior mode. It is connected to 1 other site. It has 1 exposed service.\n");

        c1.reachable.add("C2");
        w.deployment(w.c0, "api", 81, "11.10.32.3");
        ok(w.run(w.c0w1, "skupper expose deployment/api"), "deployment api exposed as api\n");
        ok(w.run(w.c1w1, "skupper status"), "Skupper is enabled for namespace \"default\" with site name \"C1\" in "
            + "interior mode. It is connected to 2 other sites (1 indirectly). It has 2 exposed services.\n");
        c1.neighbours.add("C2");
        ok(w.run(w.c1w1, "skupper status"), "Skupper is enabled for namespace \"default\" with site name \"C1\" in "
            + "interior mode. It is connected to 2 other sites. It has 2 exposed services.\n");
    }

    @Test
    void contextChoosesTheClusterAsKubectlDoes() {
        ok(w.run(w.c0w1, "skupper --context C1 init"), "Skupper is now installed in namespace 'default'.  "
            + "Use 'skupper status' to get more information.\n");
        assertThat(w.routers).containsOnlyKeys("C1");
        assertThat(w.routers.get("C1").host).isSameAs(w.c1w1);
        ok(w.run(w.c0w1, "skupper status -c C1"), "Skupper is enabled for namespace \"default\" with site name \"C1\" "
            + "in interior mode. It is not connected to any other sites. It has no exposed services.\n");
        refused(w.run(w.c0w1, "skupper --context C9 status"), "context \"C9\" does not exist");
        refused(w.run(w.c0w1, "skupper -n prod status"),
            "namespace \"prod\": knetsim's skupper works in namespace default only");
    }

    @Test
    void helpAndUnknownCommandsAsCobraPrintsThem() {
        Invocation top = w.run(w.c0w1, "skupper --help");
        assertThat(top.exitCode()).isZero();
        assertThat(top.stdout()).startsWith("Usage:\n  skupper [command]\n\nAvailable Commands:\n"
            + "  expose      Expose a set of pods through a Skupper address\n");
        assertThat(w.run(w.c0w1, "skupper").stdout()).isEqualTo(top.stdout());
        Invocation link = w.run(w.c0w1, "skupper link create -h");
        assertThat(link.exitCode()).isZero();
        assertThat(link.stdout()).startsWith("Links this skupper site to the site that issued the token\n\n"
            + "Usage:\n  skupper link create <input-token-file> [flags]\n")
            .contains("      --cost int32    Specify a cost for this link. (default 1)\n");
        refused(w.run(w.c0w1, "skupper frobnicate"),
            "unknown command \"frobnicate\" for \"skupper\"\nRun 'skupper --help' for usage.");
        refused(w.run(w.c0w1, "skupper token destroy x"), "unknown command \"destroy\" for \"skupper token\"");
        ok(w.run(w.c0w1, "skupper link"), w.run(w.c0w1, "skupper link --help").stdout());
        assertThat(w.run(w.c0w1, "skupper link").stdout()).startsWith("Manage skupper links definitions\n");
        refused(w.run(w.c0w1, "skupper status -x"), "unknown shorthand flag: 'x' in -x");
        refused(w.run(w.c0w1, "skupper status --verbose"), "unknown flag: --verbose");
        refused(w.run(w.c0w1, "skupper status --port 1"), "unknown flag: --port");
        refused(w.run(w.c0w1, "skupper init now"), "unknown command \"now\" for \"skupper init\"");
        assertThat(w.routers).isEmpty();
    }
}
