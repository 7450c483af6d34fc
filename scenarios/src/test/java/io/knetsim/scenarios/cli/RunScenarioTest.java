package io.knetsim.scenarios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code knetsim run FILE} (and {@code shell FILE}, {@code topology FILE}) through
 * {@link Main#execute}, as a user types them. A small world for the failing cases:
 *
 * <pre>
 *   s0 ─┬─ C0e1 10.1.0.1
 *       └─ C0w1 10.0.0.3  [c1]     flannel VXLAN, the labs' network
 * </pre>
 */
class RunScenarioTest {
    private static final Path EXAMPLES = Path.of("..", "docs", "scenarios");
    private static final String ONE_WORKER = """
        seed: 4
        clusters:
          - name: C0
            etcd: [{name: e1, address: 10.1.0.1}]
            workers: [{name: w1, address: 10.0.0.3}]
            pods: [{name: c1, worker: w1}]
        """;

    private record Result(int exit, String out, String err) {
    }

    private static Result knetsimWithInput(String stdin, String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        InputStream in = System.in;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            int exit = Main.execute(args);
            return new Result(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
            System.setIn(in);
        }
    }

    private static Result knetsim(String... args) {
        return knetsimWithInput("", args);
    }

    private static Path write(Path dir, String yaml) throws Exception {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    static Stream<Path> examples() throws Exception {
        return Files.list(EXAMPLES).filter(p -> p.toString().endsWith(".yaml")).sorted();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyDocumentedExampleRunsAndEveryExpectationHolds(Path example) {
        Result r = knetsim("run", example.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).startsWith("knetsim ").contains(": scenario " + example + ": ").doesNotContain("FAILED");
        assertThat(r.out()).containsPattern("summary: (\\d+)/\\1 checks passed");
        assertThat(r.exit()).isZero();
    }

    @Test
    void theFirstExamplePrintsItsTranscript() {
        Result r = knetsim("run", EXAMPLES.resolve("pod-to-pod.yaml").toString());
        assertThat(r.out()).contains(
            "cluster C0 (2 workers, 1 etcd host, flannel vxlan), seed 7\n\n",
            "knetsim> C0w1 kubectl get pods -o wide\n",
            "web    1/1     Running   0          0s    11.13.240.2   c0w2   <none>           <none>\n",
            "knetsim> C0w1 ping -c 2 11.13.240.2\n",
            "64 bytes from 11.13.240.2: icmp_seq=2 ttl=63 time=4.01 ms\n",
            "summary: 5/5 checks passed; drops {}; simulated 2.017 s");
    }

    @Test
    void aFailedExpectationPrintsAFailedLineAndExitsOne(@TempDir Path tmp) throws Exception {
        Path f = write(tmp, ONE_WORKER + """
            steps:
              - on: C0w1
                run: ping -c 1 10.0.0.99
                expect: {exit: 0, contains: "1 received", matches: "^rtt "}
              - on: C0w1
                run: cat /run/flannel/subnet.env
                expect: {contains: "FLANNEL_MTU=1450"}
            """);
        Result r = knetsim("run", f.toString());
        assertThat(r.out()).contains("knetsim> C0w1 ping -c 1 10.0.0.99\n", "summary: 1/4 checks passed; ");
        assertThat(r.out()).endsWith("""
            FAILED: step 1 (C0w1 ping -c 1 10.0.0.99): exit status 1, expected 0
            FAILED: step 1 (C0w1 ping -c 1 10.0.0.99): should show "1 received"
            FAILED: step 1 (C0w1 ping -c 1 10.0.0.99): output does not match /^rtt /
            """);
        assertThat(r.exit()).isEqualTo(1);
    }

    @Test
    void aRouterNetworkThatCannotBeBuiltExitsTwoAndRunsNothing(@TempDir Path tmp) throws Exception {
        Path f = write(tmp, ONE_WORKER + """
            routers:
              sites: [{cluster: C0, remotes: [C0]}]
            """);
        Result r = knetsim("run", f.toString());
        assertThat(r.err()).isEqualTo("knetsim run: " + f + ":8:35: routers.sites[0].remotes[0]: site C0 cannot link "
            + "to itself\n");
        assertThat(r.out()).isEmpty();
        assertThat(r.exit()).isEqualTo(2);
    }

    @Test
    void anUnusableScenarioExitsTwoWithTheLocatedErrorAndRunsNothing(@TempDir Path tmp) throws Exception {
        Path f = write(tmp, ONE_WORKER.replace("worker: w1}", "worker: w2}"));
        Result r = knetsim("run", f.toString());
        assertThat(r.err()).isEqualTo("knetsim run: " + f + ":6:31: clusters[0].pods[0].worker: no worker w2 in cluster "
            + "C0 (workers: w1)\n");
        assertThat(r.out()).isEmpty();
        assertThat(r.exit()).isEqualTo(2);

        assertThat(knetsim("run", tmp.resolve("missing.yaml").toString()).err())
            .isEqualTo("knetsim run: " + tmp.resolve("missing.yaml") + ": cannot read the scenario: no such file\n");
        Result both = knetsim("run", f.toString(), "--world", "overlay");
        assertThat(both.err()).isEqualTo("knetsim run: give a scenario FILE or --world NAME, not both\n");
        assertThat(both.exit()).isEqualTo(2);
    }

    @Test
    void aCaptureOnAnInterfaceTheNodeLacksIsUnusableInputBeforeAnyStep(@TempDir Path tmp) throws Exception {
        Path f = write(tmp, ONE_WORKER + "captures: [{node: C0w1, interface: eth7}]\n"
            + "steps: [{on: C0w1, run: ip link}]\n");
        Result r = knetsim("run", f.toString(), "--pcap", tmp.resolve("pcap").toString());
        assertThat(r.err()).isEqualTo("knetsim run: " + f + ":7:36: captures[0].interface: node C0w1 has no interface "
            + "eth7 (interfaces: lo, eth0, flannel.100, cni0, veth254483ec)\n");
        assertThat(r.exit()).isEqualTo(2);
    }

    @Test
    void jsonGivesEachStepWithItsStartTimeAndTheAtTimeIsKept(@TempDir Path tmp) throws Exception {
        Path f = write(tmp, ONE_WORKER + """
            steps:
              - on: C0w1
                run: ip -br addr show eth0
                expect: {exit: 0, contains: "10.0.0.3/8"}
              - at: 2500ms
                py: C0w1.exec_container("c1", "ip -br addr show eth0")
              - run: 1s
              - at: 3s
                on: C0w1
                run: "true"
            """);
        Result r = knetsim("run", f.toString(), "--json", "--seed", "9");
        assertThat(r.exit()).isEqualTo(1);
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("seed").asLong()).isEqualTo(9);
        assertThat(j.get("checks").asInt()).isEqualTo(4);
        assertThat(j.get("passed").asBoolean()).isFalse();
        assertThat(j.get("steps")).hasSize(4);
        assertThat(j.get("steps").get(0).get("node").asText()).isEqualTo("C0w1");
        assertThat(j.get("steps").get(0).get("startNanos").asLong()).isZero();
        assertThat(j.get("steps").get(1).get("node").asText()).isEqualTo("py");
        assertThat(j.get("steps").get(1).get("startNanos").asLong()).isEqualTo(2_500_000_000L);
        assertThat(j.get("steps").get(1).get("stdout").asText()).startsWith("eth0@if");
        assertThat(j.get("steps").get(2).get("command").asText()).isEqualTo("1s");
        assertThat(j.get("steps").get(3).get("startNanos").asLong()).isEqualTo(3_500_000_000L);
        assertThat(j.get("failed")).hasSize(1);
        assertThat(j.get("failed").get(0).asText())
            .isEqualTo("step 4 (C0w1 true): should start at 3s but the steps before it ran until 3.5s");
    }

    @Test
    void aCaptureAStepStartsInTheBackgroundIsCompleteWhenTheRunEnds(@TempDir Path tmp) throws Exception {
        Path cap = tmp.resolve("c1.pcap");
        Path f = write(tmp, ONE_WORKER + "steps:\n"
            + "  - {on: C0w1, run: 'tcpdump -n -i cni0 -w " + cap + " icmp &'}\n"
            + "  - {py: 'C0w1.exec_container(\"c1\", \"ping -c 2 10.0.0.3\")', expect: {contains: \"2 received\"}}\n");
        Result r = knetsim("run", f.toString());
        assertThat(r.exit()).isZero();
        // pcap header (24 bytes), then 4 records (16-byte header + 98-byte ICMP frame each)
        assertThat(Files.size(cap)).isEqualTo(24 + 4 * (16 + 98));
    }

    @Test
    void pcapAlsoCapturesTheInterfacesTheScenarioNames(@TempDir Path tmp) throws Exception {
        Path pcap = tmp.resolve("pcap");
        Result r = knetsim("run", EXAMPLES.resolve("pod-to-pod.yaml").toString(), "--pcap", pcap.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("captures: 4 files in " + pcap);
        try (Stream<Path> files = Files.list(pcap)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted())
                .containsExactly("C0e1-eth0.pcap", "C0w1-eth0.pcap", "C0w1-flannel.100.pcap", "C0w2-eth0.pcap");
        }
        // the inner frames: two pings and an HTTP exchange, more than the 24-byte header
        assertThat(Files.size(pcap.resolve("C0w1-flannel.100.pcap"))).isGreaterThan(24 + 4 * (16 + 98));
    }

    @Test
    void theShellAndTopologyOpenOnAScenariosWorld(@TempDir Path tmp) throws Exception {
        Path f = write(tmp, ONE_WORKER + "steps: [{on: C0w1, run: ip link add dummy0 type dummy}]\n");
        Result shell = knetsimWithInput("py C0w1.exec_container(\"c1\", \"ip -br addr show lo\")\n"
            + "kubectl get pods\nC0w1 ip -br link show dummy0\n", "shell", f.toString());
        assertThat(shell.out()).contains("lo               UNKNOWN        127.0.0.1/8", "c1     1/1     Running");
        assertThat(shell.err()).contains("dummy0"); // the steps did not run: no dummy0
        assertThat(shell.exit()).isEqualTo(1);

        Result topo = knetsim("topology", f.toString());
        assertThat(topo.out()).contains("C0w1", "C0e1", "s0");
        assertThat(topo.exit()).isZero();
        assertThat(knetsim("topology", tmp.resolve("nope.yaml").toString()).exit()).isEqualTo(2);
        assertThat(knetsim("shell", tmp.resolve("nope.yaml").toString()).exit()).isEqualTo(2);
    }
}
