package io.knetsim.scenarios.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.knetsim.addr.Cidr;
import io.knetsim.addr.Ipv4Address;
import io.knetsim.net.link.LinkConfig;
import io.knetsim.ingress.IngressRoute;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The YAML form: each example of docs/scenarios reads to the scenario the DSL would build and
 * writes back to YAML that reads to the same scenario; each kind of mistake is reported at its
 * file, line and column.
 */
class ScenarioYamlTest {
    static final Path EXAMPLES = Path.of("..", "docs", "scenarios");

    static Stream<Path> examples() throws IOException {
        return Files.list(EXAMPLES).filter(p -> p.toString().endsWith(".yaml")).sorted();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyExampleRoundTripsThroughYaml(Path example) {
        Scenario s = ScenarioYaml.read(example);
        String yaml = ScenarioYaml.write(s);
        assertThat(ScenarioYaml.parse("written.yaml", yaml, EXAMPLES)).isEqualTo(s);
        assertThat(ScenarioYaml.write(ScenarioYaml.parse("written.yaml", yaml, EXAMPLES))).isEqualTo(yaml);
    }

    @ParameterizedTest
    @MethodSource("examples")
    void theDocumentationShowsEveryExampleAsItIs(Path example) throws IOException {
        assertThat(Files.readString(EXAMPLES.resolveSibling("scenarios.md")))
            .contains("(`docs/scenarios/" + example.getFileName() + "`)\n\n```yaml\n" + Files.readString(example) + "```");
    }

    @Test
    void theFirstExampleIsWhatTheDslBuilds() {
        Scenario dsl = Scenario.builder()
            .seed(7)
            .underlay(Duration.ofMillis(1), Rate.gbit(1), 0)
            .cluster(ScenarioCluster.named("C0")
                .etcd("e1", Ipv4Address.parse("10.1.0.1"))
                .worker("w1", Ipv4Address.parse("10.0.0.3"))
                .worker("w2", Ipv4Address.parse("10.0.0.4"))
                .flannel(Flannel.vxlan(100).withNetwork(Cidr.parse("11.0.0.0/8")).withSubnetLen(20))
                .pod(ScenarioPod.of("c1", "w1"))
                .pod(ScenarioPod.of("web", "w2", "nginx")))
            .capture("C0w1", "flannel.100")
            .step(Step.on("C0w1").run("kubectl get pods -o wide").expectExit(0).expectMatches("web +1/1 +Running"))
            .step(Step.py("C0w1.exec_container(\"c1\", \"curl -s 11.13.240.2\")").expectContains("Welcome to nginx!"))
            .step(Step.on("C0w1").run("ping -c 2 11.13.240.2").expectExit(0)
                .expectContains("2 received, 0% packet loss"))
            .build();
        assertThat(ScenarioYaml.read(EXAMPLES.resolve("pod-to-pod.yaml"))).isEqualTo(dsl);
    }

    @Test
    void theHostGwExampleHasALossyUnderlayAndATimedStep() {
        Scenario s = ScenarioYaml.read(EXAMPLES.resolve("host-gw.yaml"));
        assertThat(s.underlay()).isEqualTo(new LinkConfig(5_000_000, 100_000_000, LinkConfig.DEFAULT_QUEUE, 0.005));
        assertThat(s.clusters().get(0).flannel().backend()).isEqualTo(Flannel.Backend.HOST_GW);
        assertThat(s.steps().get(2).action()).isEqualTo(new Step.Wait(Duration.ofSeconds(2)));
        assertThat(s.steps().get(3).at()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void theLabsWorldExampleHasTheLabsVipsAndIngressAsTheDslWritesThem() {
        Scenario s = ScenarioYaml.read(EXAMPLES.resolve("labs-world.yaml"));
        assertThat(s.vips()).containsExactly(StaticVip.of("C0", "100.64.10.1", "c2", "c3"),
            StaticVip.of("C1", "100.64.10.1", "c2", "c3"), StaticVip.of("C0", "100.64.11.1", "ic0", "ic1"),
            StaticVip.of("C0", "100.64.11.2", "ic2", "ic3"));
        assertThat(s.ingresses()).containsExactly(ScenarioIngress.of("C0", "w1", "grp1", 8001,
            IngressRoute.of("/svc1", "100.64.11.1:8000"), IngressRoute.of("/svc2", "100.64.11.2:8000")));
        assertThat(s.clusters()).allSatisfy(c -> assertThat(c.kubeProxy() && c.clusterDns()).isTrue());
        ScenarioCluster services = ScenarioYaml.read(EXAMPLES.resolve("services.yaml")).clusters().get(0);
        assertThat(services.ingressControllers()).containsExactly(IngressControllerSpec.on("w1", 8080));
        assertThat(services.manifests()).extracting(Manifest::source)
            .containsExactly("manifests/web-service.yaml", "inline manifest");
    }

    @Test
    void manifestsAreReadFromFilesNextToTheScenarioOrWrittenInline() {
        Scenario s = ScenarioYaml.read(EXAMPLES.resolve("deployment.yaml"));
        List<Manifest> m = s.clusters().get(0).manifests();
        assertThat(m.get(0)).isEqualTo(Manifest.yaml(
            "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"shop\"}}"));
        assertThat(m.get(1).file()).isEqualTo("manifests/web.yaml");
        assertThat(m.get(1).text()).startsWith("apiVersion: apps/v1\nkind: Deployment\n");
    }

    private static final String CLUSTER = """
        clusters:
          - name: C0
            etcd: [{name: e1, address: 10.1.0.1}]
            workers: [{name: w1, address: 10.0.0.3}, {name: w2, address: 10.0.0.4}]
        """;

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', textBlock = """
        seed: 7\\nclusterz: []                              | 2:1   | clusterz: unknown field 'clusterz': expected one of seed, underlay, clusters, vips, ingresses, routers, captures, steps
        seed: seven\\n                                      | 1:7   | seed: expected an integer, got the string 'seven'
        seed: 7\\n                                          | 1:1   | missing field 'clusters': expected a list of clusters
        clusters: C0\\n                                     | 1:11  | clusters: expected a list, got the string 'C0'
        underlay: {delay: 1 ms}\\nclusters: []             | 1:19  | underlay.delay: invalid duration '1 ms': expected a number with a unit: ns, us, ms, s or m (e.g. 1ms, 2.5s)
        underlay: {bandwidth: 1Gbps}\\nclusters: []        | 1:23  | underlay.bandwidth: invalid rate '1Gbps': expected a number with a unit: bit, kbit, Mbit, Gbit or Tbit (e.g. 100Mbit), or unlimited
        underlay: {loss: 150%}\\nclusters: []              | 1:18  | underlay.loss: invalid loss '150%': expected a percentage (0.5%) or a probability from 0 to 1
        clusters: []\\n                                     | 1:11  | clusters: expected at least one cluster
        clusters:\\n  - name: C0\\n    wokers: []\\n        | 3:5   | clusters[0].wokers: unknown field 'wokers': expected one of name, etcd, workers, flannel, pods, manifests, kubeProxy, clusterDns, ingressControllers
        clusters:\\n  - {name: C0, etcd: [{name: e1, address: 10.1.0.300}]}\\n | 2:43 | clusters[0].etcd[0].address: invalid IPv4 address '10.1.0.300': expected four decimal numbers 0-255 separated by dots, e.g. 10.0.0.1
        clusters:\\n  - {name: C0, flannel: {network: 11.0.0/8}}\\n | 2:35 | clusters[0].flannel.network: invalid CIDR '11.0.0/8': expected an IPv4 address and prefix length such as 10.0.0.0/8
        clusters:\\n  - {name: C0, flannel: {backend: udp}}\\n | 2:35 | clusters[0].flannel.backend: unknown backend 'udp': expected vxlan or host-gw
        clusters:\\n  - name: C0\\n   etcd: [\\n           | 3:4   | invalid YAML: while parsing a block collection: expected <block end>, but found '<block mapping start>'
        seed: 1\\nseed: 2\\n                                | 2:1   | duplicate field 'seed'
        """)
    void aMistakeIsReportedAtItsLineAndColumn(String text, String at, String message) {
        String yaml = text.replace("\\n", "\n");
        assertThatThrownBy(() -> ScenarioYaml.parse("bad.yaml", yaml, EXAMPLES))
            .isInstanceOf(ScenarioException.class)
            .hasMessage("bad.yaml:" + at + ": " + message);
    }

    @Test
    void referencesAreCheckedAfterReadingAndReportedWhereTheyAreWritten() {
        assertError(CLUSTER + "    pods: [{name: web, worker: w9}]\n",
            "bad.yaml:5:32: clusters[0].pods[0].worker: no worker w9 in cluster C0 (workers: w1, w2)");
        assertError(CLUSTER.replace("{name: w2", "{name: w1"),
            "bad.yaml:4:53: clusters[0].workers[1].name: duplicate host name C0w1");
        assertError(CLUSTER + "    pods: [{name: web, worker: w1}, {name: web, worker: w2}]\n",
            "bad.yaml:5:44: clusters[0].pods[1].name: duplicate pod name web in cluster C0");
        assertError(CLUSTER + "captures: [{node: C0w3, interface: eth0}]\n",
            "bad.yaml:5:19: captures[0].node: no node C0w3 (nodes: C0e1, C0w1, C0w2, s0)");
        assertError(CLUSTER + "steps:\n  - on: C0w9\n    run: ls\n",
            "bad.yaml:6:9: steps[0].on: no node C0w9 (nodes: C0e1, C0w1, C0w2, s0)");
        assertError(CLUSTER + "steps:\n  - run: ls -l\n",
            "bad.yaml:6:10: steps[0].run: invalid duration 'ls -l': expected a number with a unit: ns, us, ms, s or m "
                + "(e.g. 1ms, 2.5s); to run a command, name its node with on:");
        assertError(CLUSTER + "steps:\n  - on: C0w1\n    run: ls\n    expect: {exit: zero}\n",
            "bad.yaml:8:20: steps[0].expect.exit: expected an integer, got the string 'zero'");
        assertError(CLUSTER + "steps:\n  - on: C0w1\n    run: ls\n    expect: {matches: \"(\"}\n",
            "bad.yaml:8:23: steps[0].expect.matches: invalid regular expression: Unclosed group near index 1");
        assertError(CLUSTER + "    manifests: [missing.yaml]\n",
            "bad.yaml:5:17: clusters[0].manifests[0]: cannot read manifest file 'missing.yaml' ("
                + EXAMPLES.resolve("missing.yaml") + "): no such file");
        assertError(CLUSTER + "    manifests: [{apiVersion: v1, kind: Foo, metadata: {name: x}}]\n",
            "bad.yaml:5:17: clusters[0].manifests[0]: error: resource mapping not found for name: \"x\" namespace: \"\" "
                + "from \"inline manifest\": no matches for kind \"Foo\" in version \"v1\"; ensure CRDs are installed first");
    }

    @Test
    void vipsIngressesAndAddOnsAreCheckedWhereTheyAreWritten() {
        String pods = CLUSTER + "    pods: [{name: c2, worker: w2}]\n";
        assertError(pods + "vips: [{cluster: C1, vip: 100.64.10.1, pods: [c2]}]\n",
            "bad.yaml:6:18: vips[0].cluster: no cluster C1 (clusters: C0)");
        assertError(pods + "vips: [{cluster: C0, vip: 100.64.10.1, pods: [c2, c3]}]\n",
            "bad.yaml:6:51: vips[0].pods[1]: no pod c3 in cluster C0 (pods: c2)");
        assertError(pods + "vips: [{cluster: C0, vip: 100.64.10, pods: [c2]}]\n",
            "bad.yaml:6:27: vips[0].vip: invalid IPv4 address '100.64.10': expected four decimal numbers 0-255 "
                + "separated by dots, e.g. 10.0.0.1");
        assertError(pods + "vips:\n  - {cluster: C0, vip: 100.64.10.1, pods: [c2]}\n"
                + "  - {cluster: C0, vip: 100.64.10.1, pods: [c2]}\n",
            "bad.yaml:8:24: vips[1].vip: duplicate VIP 100.64.10.1 in cluster C0");
        assertError(pods + "vips: [{cluster: C0, vip: 100.64.10.1}]\n",
            "bad.yaml:6:8: vips[0]: missing field 'pods': expected a list of the cluster's pods (e.g. [c2, c3])");
        String ingress = "ingresses:\n  - {cluster: C0, worker: w1, name: grp1, port: 8001,\n"
            + "     routes: [{path: /svc1, endpoint: 100.64.11.1:8000}]}\n";
        assertError(CLUSTER + ingress.replace("worker: w1", "worker: w3"),
            "bad.yaml:6:27: ingresses[0].worker: no worker w3 in cluster C0 (workers: w1, w2)");
        assertError(CLUSTER + ingress.replace("port: 8001", "port: 80000"),
            "bad.yaml:6:49: ingresses[0].port: invalid port 80000: expected 1 to 65535");
        assertError(CLUSTER + ingress.replace("path: /svc1", "path: svc1"),
            "bad.yaml:7:22: ingresses[0].routes[0].path: invalid path 'svc1': expected a path starting with / (e.g. /svc1)");
        assertError(CLUSTER + ingress.replace("100.64.11.1:8000", "100.64.11.1"),
            "bad.yaml:7:39: ingresses[0].routes[0].endpoint: invalid endpoint '100.64.11.1': expected ADDRESS:PORT "
                + "(e.g. 100.64.11.1:8000)");
        assertError(CLUSTER + ingress + ingress.replace("ingresses:\n", ""),
            "bad.yaml:8:49: ingresses[1].port: port 8001 of C0w1 is already taken by another ingress or "
                + "Ingress controller");
        assertError(CLUSTER + "    ingressControllers: [{worker: w1, port: 8001}]\n" + ingress,
            "bad.yaml:7:49: ingresses[0].port: port 8001 of C0w1 is already taken by another ingress or "
                + "Ingress controller");
        assertError(CLUSTER + "    ingressControllers: [{worker: w1, port: 80, upstreams: pods}]\n",
            "bad.yaml:5:60: clusters[0].ingressControllers[0].upstreams: unknown upstreams 'pods': expected endpoints "
                + "or service");
        assertError(CLUSTER + "    kubeProxy: maybe\n",
            "bad.yaml:5:16: clusters[0].kubeProxy: expected true or false, got the string 'maybe'");
        assertError(CLUSTER + "    clusterDns: true\n",
            "bad.yaml:5:17: clusters[0].clusterDns: the cluster DNS needs kube-proxy to route its Service 10.96.0.10: "
                + "set kubeProxy: true, or clusterDns: false");
    }

    @Test
    void anEmptyOrMissingFileIsUnusable(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        assertError("", "bad.yaml:1:1: the file is empty: expected a scenario (a mapping with clusters and steps)");
        assertThatThrownBy(() -> ScenarioYaml.read(tmp.resolve("none.yaml")))
            .hasMessage(tmp.resolve("none.yaml") + ": cannot read the scenario: no such file");
    }

    private static void assertError(String yaml, String message) {
        assertThatThrownBy(() -> ScenarioYaml.parse("bad.yaml", yaml, EXAMPLES))
            .isInstanceOf(ScenarioException.class).hasMessage(message);
    }
}
