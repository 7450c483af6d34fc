package io.knetsim.scenarios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code knetsim run}: the built-in world runs, its checks pass, and the same seed gives the same output. */
class RunCommandTest {
    private static String run(long seed) throws Exception {
        return run(seed, null, "default");
    }

    private static String run(long seed, java.nio.file.Path pcap, String world) throws Exception {
        RunCommand cmd = new RunCommand();
        cmd.seedOption.seed = seed;
        cmd.worldOption.world = world;
        cmd.pcapDir = pcap;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exit = cmd.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(exit).as("exit status").isZero();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String withoutWallTime(String out) {
        return out.replaceAll("in \\d+ ms wall time", "in N ms wall time");
    }

    @Test
    void theDefaultWorldBootsTwoClustersAndPassesItsChecks() throws Exception {
        String out = run(1);
        assertThat(out).startsWith("knetsim " ).contains(
            "two clusters (C0, C1) of three workers and two etcd hosts, flannel VXLAN (VNI 100, UDP 8472), seed 1",
            "knetsim> C0w1 cat /run/flannel/subnet.env\nFLANNEL_NETWORK=11.0.0.0/8\nFLANNEL_SUBNET=11.15.64.1/20\n"
                + "FLANNEL_MTU=1450\nFLANNEL_IPMASQ=true\n",
            "knetsim> py C0w1.exec_container(\"c1\", \"ping -c 3 11.13.176.2\")\n"
                + "PING 11.13.176.2 (11.13.176.2) 56(84) bytes of data.\n"
                + "64 bytes from 11.13.176.2: icmp_seq=1 ttl=62 time=0.400 ms\n",
            "knetsim> py C0w2.exec_container(\"c2\", \"curl -s 11.10.16.4:8000\")\nS1-W3\n",
            " 2  11.10.144.0  0.400 ms",
            "/coreos.com/network/subnets/11.15.64.0-20\n",
            "knetsim> py C0w1.exec_container(\"c1\", \"ping -c 3 100.64.10.1\")\n"
                + "PING 100.64.10.1 (100.64.10.1) 56(84) bytes of data.\n",
            "knetsim> C0w1 curl -s 100.64.11.1:8000\nS1-W2\n",
            "knetsim> py C1w1.exec_container(\"c1\", \"wget -qO- 10.0.0.8:1028\")\n<!DOCTYPE html>\n",
            "summary: 12/12 checks passed; drops {TTL_EXPIRED=6, NO_SOCKET=3}; simulated 7.046 s");
        assertThat(out).doesNotContain("FAILED");
    }

    @Test
    void theOverlayWorldPassesItsChecks() throws Exception {
        String out = run(1, null, "overlay");
        assertThat(out).contains("knetsim> podA ping -c 3 11.10.2.2", "64 bytes from 11.10.2.2: icmp_seq=1 ttl=62",
            "3 packets transmitted, 3 received, 0% packet loss", "knetsim> podA traceroute -n 11.10.2.2",
            " 2  11.10.2.0  1.026 ms", "ping: local error: message too long, mtu=1450",
            "summary: 5/5 checks passed; drops {TTL_EXPIRED=6, MTU_EXCEEDED=1, NO_SOCKET=3}; simulated 3.008 s");
        assertThat(out).doesNotContain("FAILED");
    }

    @Test
    void theSameSeedGivesTheSameRun() throws Exception {
        assertThat(withoutWallTime(run(9))).isEqualTo(withoutWallTime(run(9)));
    }

    @Test
    void pcapWritesOneFilePerUnderlayInterfaceWithTheSameBytesForTheSameSeed(@org.junit.jupiter.api.io.TempDir
                                                                              java.nio.file.Path tmp) throws Exception {
        String out = run(2, tmp.resolve("a"), "default");
        run(2, tmp.resolve("b"), "default");
        assertThat(out).contains("captures: 10 files in "); // the hosts' NICs, not the switch's ports
        assertThat(java.nio.file.Files.exists(tmp.resolve("a").resolve("s0-C0w1.pcap"))).isFalse();
        for (String f : new String[] {"C0w1-eth0.pcap", "C0w2-eth0.pcap", "C1e1-eth0.pcap"}) {
            byte[] a = java.nio.file.Files.readAllBytes(tmp.resolve("a").resolve(f));
            assertThat(a.length).isGreaterThan(24 + 16 * 10);
            assertThat(a).isEqualTo(java.nio.file.Files.readAllBytes(tmp.resolve("b").resolve(f)));
        }
    }

    @Test
    void jsonGivesTheSameResultsForMachines() throws Exception {
        RunCommand cmd = new RunCommand();
        cmd.seedOption.seed = 1;
        cmd.worldOption.world = "overlay";
        cmd.json = true;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertThat(cmd.run(new PrintStream(bytes, true, StandardCharsets.UTF_8))).isZero();
        var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(bytes.toByteArray());
        assertThat(tree.get("seed").asLong()).isEqualTo(1);
        assertThat(tree.get("checks").asInt()).isEqualTo(5);
        assertThat(tree.get("failed")).isEmpty();
        assertThat(tree.get("steps")).hasSize(4);
        assertThat(tree.get("steps").get(0).get("command").asText()).isEqualTo("ping -c 3 11.10.2.2");
        assertThat(tree.get("steps").get(0).get("stdout").asText()).contains("3 received");
        assertThat(tree.get("drops").get("TTL_EXPIRED").asLong()).isEqualTo(6);
        assertThat(tree.get("simulatedNanos").asLong()).isEqualTo(3_008_210_560L);
        assertThat(tree.get("passed").asBoolean()).isTrue();
    }

    @Test
    void helpAndVersionAnswer() {
        var sw = new java.io.StringWriter();
        var cl = new CommandLine(new Main());
        cl.setOut(new java.io.PrintWriter(sw));
        assertThat(cl.execute("--help")).isZero();
        assertThat(sw.toString()).contains("Usage: knetsim", "run", "version");
        assertThat(Main.execute("run", "--seed", "notanumber")).isEqualTo(2);
        assertThat(Main.execute("run", "--world", "nope")).isEqualTo(2);
        assertThat(Version.text()).startsWith("knetsim ");
    }
}
