package io.knetsim.scenarios.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.api.Pod;
import io.knetsim.scenarios.cluster.RouterNetwork;
import io.knetsim.skupper.config.ConnectorEntity;
import io.knetsim.skupper.config.TcpConnectorEntity;
import io.knetsim.skupper.config.TcpListenerEntity;
import io.knetsim.skupper.routing.Route;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code routers} section: the skupper router network of the original labs' fifth chapter,
 * read from YAML as the DSL writes it, built once the pods run, and every kind of mistake
 * reported where it is written.
 *
 * <pre>
 *   C1w1 10.0.0.8 [router C1] ══ inter-router ══▶ C0w1 10.0.0.3:55671 [router C0]
 *     tcpListener svc1 :1028                         tcpConnector svc1 ─▶ c4 (nginx, C0w2) :80
 * </pre>
 */
class ScenarioRoutersTest {
    private static final Path EXAMPLES = ScenarioYamlTest.EXAMPLES;
    private static final String TWO = """
        clusters:
          - name: C0
            etcd: [{name: e1, address: 10.1.0.1}]
            workers: [{name: w1, address: 10.0.0.3}, {name: w2, address: 10.0.0.4}]
            pods: [{name: c4, worker: w2, image: nginx}]
          - name: C1
            etcd: [{name: e1, address: 10.2.0.1}]
            workers: [{name: w1, address: 10.0.0.8}]
        routers:
          sites:
            - {cluster: C0}
            - {cluster: C1, remotes: [C0]}
          services:
            - {name: svc1, cluster: C0, pod: c4, port: 80, lport: 1028}
        """;

    private static void assertError(String yaml, String message) {
        assertThatThrownBy(() -> ScenarioYaml.parse("bad.yaml", yaml, EXAMPLES))
            .isInstanceOf(ScenarioException.class)
            .hasMessage(message);
    }

    private static Scenario.Builder twoClusters() {
        return Scenario.builder().seed(5)
            .cluster(ScenarioCluster.named("C0")
                .etcd("e1", Ipv4Address.parse("10.1.0.1"))
                .worker("w1", Ipv4Address.parse("10.0.0.3")).worker("w2", Ipv4Address.parse("10.0.0.4"))
                .pod(ScenarioPod.of("c4", "w2", "nginx")))
            .cluster(ScenarioCluster.named("C1")
                .etcd("e1", Ipv4Address.parse("10.2.0.1"))
                .worker("w1", Ipv4Address.parse("10.0.0.8")).worker("w2", Ipv4Address.parse("10.0.0.9"))
                .pod(ScenarioPod.of("c1", "w1")));
    }

    @Test
    void theMultiClusterExampleIsWhatTheDslBuilds() {
        Scenario dsl = twoClusters()
            .routerSite(RouterSite.of("C0"))
            .routerSite(RouterSite.of("C1", "C0"))
            .routerService(RouterService.pod("svc1", "C0", "c4", 80, 1028))
            .step(Step.py("C1w1.exec_container(\"c1\", \"wget -qO- 10.0.0.8:1028\")")
                .expectContains("Welcome to nginx!"))
            .step(Step.on("C1w1").run("skstat -n").expectExit(0).expectMatches("C0 +- +1\\n +C1 +\\(self\\)"))
            .build();
        assertThat(ScenarioYaml.read(EXAMPLES.resolve("multi-cluster.yaml"))).isEqualTo(dsl);
        assertThat(dsl.routers()).isEqualTo(new ScenarioRouters(
            java.util.List.of(new RouterSite("C0", java.util.List.of()), new RouterSite("C1", java.util.List.of(RouterRemote.of("C0")))),
            java.util.List.of(new RouterService("svc1", "C0", "c4", null, 80, 1028))));
    }

    /**
     * docs/scenarios/three-clusters.yaml: A-B-C at cost 1 each, and A-C straight at cost 5.
     *
     * <pre>
     *   Aw1 [A] ──1──▶ Bw1 [B] ──1──▶ Cw1 [C] ──▶ web (nginx) :80
     *     └───────────── 5 ──────────────▶┘
     * </pre>
     */
    @Test
    void theThreeClustersExampleIsWhatTheDslBuildsAndItsDearLinkIsNotTaken(@TempDir Path tmp) {
        Scenario dsl = Scenario.builder().seed(5)
            .cluster(ScenarioCluster.named("A").etcd("e1", Ipv4Address.parse("10.1.0.1"))
                .worker("w1", Ipv4Address.parse("10.0.0.3")).pod(ScenarioPod.of("c1", "w1")))
            .cluster(ScenarioCluster.named("B").etcd("e1", Ipv4Address.parse("10.2.0.1"))
                .worker("w1", Ipv4Address.parse("10.0.0.8")))
            .cluster(ScenarioCluster.named("C").etcd("e1", Ipv4Address.parse("10.3.0.1"))
                .worker("w1", Ipv4Address.parse("10.0.0.13")).pod(ScenarioPod.of("web", "w1", "nginx")))
            .routerSite(RouterSite.of("A", RouterRemote.of("B"), RouterRemote.of("C", 5)))
            .routerSite(RouterSite.of("B", "C"))
            .routerSite(RouterSite.of("C"))
            .routerService(RouterService.pod("web", "C", "web", 80, 1028))
            .step(Step.on("Aw1").run("skstat -n -v").expectExit(0).expectMatches("^  C +B +- +1 +2 "))
            .step(Step.py("Aw1.exec_container(\"c1\", \"wget -qO- 10.0.0.3:1028\")")
                .expectContains("Welcome to nginx!"))
            .step(Step.on("Bw1").run("skstat -a").expectExit(0)
                .expectMatches("^  mobile +web +balanced +0 +1 +0 +0 +1$"))
            .build();
        Scenario s = ScenarioYaml.read(EXAMPLES.resolve("three-clusters.yaml"));
        assertThat(s).isEqualTo(dsl);

        ScenarioWorld w = ScenarioWorld.build(s, tmp);
        RouterNetwork routers = w.routers().orElseThrow();
        assertThat(routers.router("A").config().connectors()).extracting(ConnectorEntity::name, ConnectorEntity::host,
            ConnectorEntity::cost).containsExactly(org.assertj.core.groups.Tuple.tuple("B", "10.0.0.8", 1),
                org.assertj.core.groups.Tuple.tuple("C", "10.0.0.13", 5));
        assertThat(routers.router("A").neighbours()).containsOnlyKeys("B", "C");
        assertThat(routers.router("A").routeTable().route("C"))
            .contains(new Route("C", "B", 2, java.util.List.of("A", "B", "C")));
    }

    @Test
    void aScenarioWithoutRoutersHasNoneAndWritesNoSection() {
        Scenario s = twoClusters().build();
        assertThat(s.routers()).isEqualTo(ScenarioRouters.NONE);
        assertThat(ScenarioYaml.write(s)).doesNotContain("routers");
    }

    @Test
    void theRoutersRunOnTheFirstWorkersAndHaveConvergedBeforeTheSteps(@TempDir Path tmp) {
        ScenarioWorld w = ScenarioWorld.build(ScenarioYaml.read(EXAMPLES.resolve("multi-cluster.yaml")), tmp);
        RouterNetwork routers = w.routers().orElseThrow();
        assertThat(routers.routers()).containsOnlyKeys("C0", "C1");
        assertThat(routers.converged()).isTrue();
        assertThat(routers.router("C1").neighbours()).containsOnlyKeys("C0");
        String c4 = w.clusters().cluster("C0").api().get(Pod.class, "default", "c4").status().podIP();
        assertThat(routers.router("C0").config().tcpConnectors()).extracting(TcpConnectorEntity::name,
            TcpConnectorEntity::host, TcpConnectorEntity::port).containsExactly(org.assertj.core.groups.Tuple.tuple(
                "svc1", c4, 80));
        assertThat(routers.router("C0").config().tcpListeners()).isEmpty();
        assertThat(routers.router("C1").config().tcpListeners()).extracting(TcpListenerEntity::name,
            TcpListenerEntity::host, TcpListenerEntity::port).containsExactly(org.assertj.core.groups.Tuple.tuple(
                "svc1", "0.0.0.0", 1028));
        assertThat(w.runner().run(w.clusters().cluster("C1").workers().get(0).host(),
            "cat " + RouterNetwork.CONFIG_PATH).stdout()).contains("\"port\": \"1028\"");
    }

    @Test
    void aServiceAtAnAddressIsConnectedToAsWritten(@TempDir Path tmp) {
        Scenario s = ScenarioYaml.parse("host.yaml", TWO.replace("pod: c4", "host: 10.0.0.4"), EXAMPLES);
        assertThat(s.routers().services()).containsExactly(RouterService.host("svc1", "C0", "10.0.0.4", 80, 1028));
        assertThat(ScenarioYaml.write(s)).contains("""
            routers:
              sites:
              - cluster: C0
                remotes: []
              - cluster: C1
                remotes:
                - C0
              services:
              - name: svc1
                cluster: C0
                host: 10.0.0.4
                port: 80
                lport: 1028
            """);
        ScenarioWorld w = ScenarioWorld.build(s, tmp);
        assertThat(w.routers().orElseThrow().router("C0").config().tcpConnectors().get(0).host()).isEqualTo("10.0.0.4");
    }

    @Test
    void sitesAreCheckedWhereTheyAreWritten() {
        assertError(TWO.replace("{cluster: C1, remotes", "{cluster: C2, remotes"),
            "bad.yaml:12:17: routers.sites[1].cluster: no cluster C2 (clusters: C0, C1)");
        assertError(TWO.replace("    - {cluster: C1, remotes: [C0]}\n",
                "    - {cluster: C1, remotes: [C0]}\n    - {cluster: C0}\n"),
            "bad.yaml:13:17: routers.sites[2].cluster: site C0 is listed twice");
        assertError(TWO.replace("remotes: [C0]", "remotes: [C1]"),
            "bad.yaml:12:31: routers.sites[1].remotes[0]: site C1 cannot link to itself");
        assertError(TWO.replace("remotes: [C0]", "remotes: [C7]"),
            "bad.yaml:12:31: routers.sites[1].remotes[0]: no cluster C7 (clusters: C0, C1)");
        assertError(TWO.replace("remotes: [C0]", "remotes: [C0, C0]"),
            "bad.yaml:12:35: routers.sites[1].remotes[1]: remote C0 is listed twice");
        assertError(TWO.replace("    - {cluster: C0}\n", ""),
            "bad.yaml:11:31: routers.sites[0].remotes[0]: cluster C0 is not a site (sites: C1)");
        assertError(TWO.replace("remotes: [C0]}", "remotes: [C0], cost: 1}"),
            "bad.yaml:12:36: routers.sites[1].cost: unknown field 'cost': expected one of cluster, remotes");
        assertError(TWO.replace("  sites:", "  site:"),
            "bad.yaml:10:3: routers.site: unknown field 'site': expected one of sites, services");
    }

    @Test
    void aRemoteIsAPlainNameOrAClusterWithACost() {
        Scenario s = ScenarioYaml.parse("cost.yaml", TWO.replace("remotes: [C0]", "remotes: [{cluster: C0, cost: 5}]"),
            EXAMPLES);
        assertThat(s.routers().sites().get(1)).isEqualTo(RouterSite.of("C1", RouterRemote.of("C0", 5)));
        assertThat(ScenarioYaml.write(s)).contains("""
              - cluster: C1
                remotes:
                - cluster: C0
                  cost: 5
            """);
        assertThat(ScenarioYaml.parse("again.yaml", ScenarioYaml.write(s), EXAMPLES)).isEqualTo(s);
        // a cost of 1 written out is the plain name
        Scenario one = ScenarioYaml.parse("one.yaml", TWO.replace("remotes: [C0]", "remotes: [{cluster: C0, cost: 1}]"),
            EXAMPLES);
        assertThat(one).isEqualTo(ScenarioYaml.parse("plain.yaml", TWO, EXAMPLES));
        assertThat(one.routers().sites().get(1).remotes()).containsExactly(new RouterRemote("C0", 1));
        assertThat(RouterSite.of("C1", "C0")).isEqualTo(RouterSite.of("C1", RouterRemote.of("C0")));
    }

    @Test
    void remotesAndTheirCostsAreCheckedWhereTheyAreWritten() {
        assertError(TWO.replace("remotes: [C0]", "remotes: [{cluster: C0, cost: 0}]"),
            "bad.yaml:12:51: routers.sites[1].remotes[0].cost: invalid cost 0: expected an integer from 1 to "
                + "2147483647");
        assertError(TWO.replace("remotes: [C0]", "remotes: [{cluster: C0, cost: -2}]"),
            "bad.yaml:12:51: routers.sites[1].remotes[0].cost: invalid cost -2: expected an integer from 1 to "
                + "2147483647");
        assertError(TWO.replace("remotes: [C0]", "remotes: [{cluster: C0, cost: 3000000000}]"),
            "bad.yaml:12:51: routers.sites[1].remotes[0].cost: invalid cost 3000000000: expected an integer from 1 "
                + "to 2147483647");
        assertError(TWO.replace("remotes: [C0]", "remotes: [{cluster: C0, cost: five}]"),
            "bad.yaml:12:51: routers.sites[1].remotes[0].cost: expected an integer, got the string 'five'");
        assertError(TWO.replace("remotes: [C0]", "remotes: [{cluster: C0, cots: 5}]"),
            "bad.yaml:12:45: routers.sites[1].remotes[0].cots: unknown field 'cots': expected one of cluster, cost");
        assertError(TWO.replace("remotes: [C0]", "remotes: [{cost: 5}]"),
            "bad.yaml:12:31: routers.sites[1].remotes[0]: missing field 'cluster'");
        assertError(TWO.replace("remotes: [C0]", "remotes: [[C0]]"),
            "bad.yaml:12:31: routers.sites[1].remotes[0]: expected a cluster name (C0) or {cluster: C0, cost: 5}, "
                + "got a list");
        assertError(TWO.replace("remotes: [C0]", "remotes: [~]"),
            "bad.yaml:12:31: routers.sites[1].remotes[0]: expected a cluster name (C0) or {cluster: C0, cost: 5}, "
                + "got nothing");
        // the cluster of a written-out remote is checked as a plain name is
        assertError(TWO.replace("remotes: [C0]", "remotes: [{cluster: C1, cost: 5}]"),
            "bad.yaml:12:31: routers.sites[1].remotes[0]: site C1 cannot link to itself");
        assertError(TWO.replace("remotes: [C0]", "remotes: [C0, {cluster: C0, cost: 5}]"),
            "bad.yaml:12:35: routers.sites[1].remotes[1]: remote C0 is listed twice");
    }

    @Test
    void servicesAreCheckedWhereTheyAreWritten() {
        assertError(TWO.replace("pod: c4", "pod: c9"),
            "bad.yaml:14:38: routers.services[0].pod: no pod c9 in cluster C0 (pods: c4)");
        assertError(TWO.replace("cluster: C0, pod", "cluster: C5, pod"),
            "bad.yaml:14:29: routers.services[0].cluster: no cluster C5 (clusters: C0, C1)");
        assertError(TWO.replace("port: 80, ", ""),
            "bad.yaml:14:7: routers.services[0]: missing field 'port': expected the service's port (e.g. 80)");
        assertError(TWO.replace(", lport: 1028", ""),
            "bad.yaml:14:7: routers.services[0]: missing field 'lport': expected the port the other sites' routers "
                + "listen on for it (e.g. 1028)");
        assertError(TWO.replace("port: 80", "port: 0"),
            "bad.yaml:14:48: routers.services[0].port: invalid port 0: expected 1 to 65535");
        assertError(TWO.replace("pod: c4", "pod: c4, host: 10.0.0.4"),
            "bad.yaml:14:7: routers.services[0]: expected either pod or host, not both");
        assertError(TWO.replace("pod: c4, ", ""),
            "bad.yaml:14:7: routers.services[0]: expected pod (one of cluster C0's pods) or host (an address)");
        assertError(TWO.replace("pod: c4", "host: 10.0.4"),
            "bad.yaml:14:39: routers.services[0].host: invalid IPv4 address '10.0.4': expected four decimal numbers "
                + "0-255 separated by dots, e.g. 10.0.0.1");
        assertError(TWO + "    - {name: svc1, cluster: C0, pod: c4, port: 81, lport: 1029}\n",
            "bad.yaml:15:14: routers.services[1].name: duplicate service name svc1");
        assertError(TWO.replace("name: svc1", "name: 'svc 1'"),
            "bad.yaml:14:14: routers.services[0].name: invalid service name 'svc 1': expected letters, digits, '-', "
                + "'_' and '.' (it is the router address)");
        assertError(TWO.replace("    - {cluster: C1, remotes: [C0]}\n", "")
                .replace("cluster: C0, pod: c4", "cluster: C1, host: 10.0.0.9"),
            "bad.yaml:13:29: routers.services[0].cluster: cluster C1 has no router: expected one of the sites "
                + "(sites: C0)");
    }

    @Test
    void anLportMustBeFreeOnEveryOtherSitesFirstWorker() {
        assertError(TWO.replace("lport: 1028", "lport: 55671"),
            "bad.yaml:14:59: routers.services[0].lport: lport 55671 of C1w1 is already taken by the router's "
                + "listener interior-listener");
        assertError(TWO.replace("lport: 1028", "lport: 9090"),
            "bad.yaml:14:59: routers.services[0].lport: lport 9090 of C1w1 is already taken by the router's "
                + "listener @9090");
        assertError(TWO + "    - {name: svc2, cluster: C0, pod: c4, port: 81, lport: 1028}\n",
            "bad.yaml:15:59: routers.services[1].lport: lport 1028 of C1w1 is already taken by another service, "
                + "ingress or Ingress controller");
        assertError(TWO.replace("workers: [{name: w1, address: 10.0.0.8}]\n",
                "workers: [{name: w1, address: 10.0.0.8}]\n    ingressControllers: [{worker: w1, port: 1028}]\n"),
            "bad.yaml:15:59: routers.services[0].lport: lport 1028 of C1w1 is already taken by another service, "
                + "ingress or Ingress controller");
        // the service's own cluster listens for nothing: the same port there is free
        Scenario s = ScenarioYaml.parse("ok.yaml", TWO + "ingresses: [{cluster: C0, worker: w1, name: g, port: 1028, "
            + "routes: [{path: /, endpoint: 10.0.0.4:80}]}]\n", EXAMPLES);
        assertThat(s.ingresses()).hasSize(1);
    }

    @Test
    void theDslIsCheckedAsTheYamlIs() {
        assertThatThrownBy(() -> twoClusters().routerSite(RouterSite.of("C1", "C1")).build())
            .isInstanceOf(ScenarioException.class)
            .hasMessage("routers.sites[0].remotes[0]: site C1 cannot link to itself");
        assertThatThrownBy(() -> twoClusters().routerSite(RouterSite.of("C0")).routerSite(RouterSite.of("C1", "C0"))
            .routerService(new RouterService("svc1", "C0", "c4", Ipv4Address.parse("10.0.0.4"), 80, 1028)).build())
            .isInstanceOf(ScenarioException.class)
            .hasMessage("routers.services[0]: expected either pod or host, not both");
        assertThatThrownBy(() -> twoClusters().routerSite(new RouterSite("C0", null)).build())
            .isInstanceOf(ScenarioException.class)
            .hasMessage("routers.sites[0].remotes: expected a list of clusters (e.g. [C0])");
        assertThatThrownBy(() -> twoClusters().routerSite(RouterSite.of("C0"))
            .routerSite(RouterSite.of("C1", RouterRemote.of("C0", 0))).build())
            .isInstanceOf(ScenarioException.class)
            .hasMessage("routers.sites[1].remotes[0].cost: invalid cost 0: expected an integer from 1 to 2147483647");
        assertThatThrownBy(() -> twoClusters().routerSite(RouterSite.of("C0"))
            .routerSite(RouterSite.of("C1", RouterRemote.of(null, 2))).build())
            .isInstanceOf(ScenarioException.class)
            .hasMessage("routers.sites[1].remotes[0]: no cluster (none) (clusters: C0, C1)");
    }
}
