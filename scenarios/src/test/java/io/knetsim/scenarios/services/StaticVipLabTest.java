package io.knetsim.scenarios.services;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.scenarios.cluster.Cluster;
import io.knetsim.scenarios.shell.PyForms;
import io.knetsim.scenarios.world.DefaultWorld;
import io.knetsim.tool.Invocation;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Lab: the original knetsim's static VIPs on the default world.
 *
 * <pre>
 *   c1 (C0w1) ── ping 100.64.10.1 ──▶ C0w1 PREROUTING: dnat to jhash ip checksum mod 2 map { 0 : c2, 1 : c3 }
 *   C0w1 ── curl 100.64.11.1:8000 ──▶ C0w1 OUTPUT: dnat to ... map { 0 : ic0 (S1-W2), 1 : ic1 (S1-W3) }
 *   every worker of a cluster has the same rules in table ip nat, and 100.64.0.0/16 dev cni0
 * </pre>
 */
class StaticVipLabTest {
    private DefaultWorld world;

    @BeforeEach
    void build() {
        world = DefaultWorld.build(1);
    }

    private Invocation inPod(String cluster, String worker, String pod, String cmd) {
        return world.clusters().cluster(cluster).worker(worker).execContainer(pod, cmd);
    }

    @Test
    void c1PingsTheVipInBothClustersAndTheCountersRise() {
        for (String c : new String[] {"C0", "C1"}) {
            Invocation ping = inPod(c, "w1", "c1", "ping -c 5 100.64.10.1");
            assertThat(ping.stdout()).as(c).contains("5 packets transmitted, 5 received, 0% packet loss");
            assertThat(ping.stdout()).contains("64 bytes from 100.64.10.1: icmp_seq=1 ");
            Cluster cl = world.clusters().cluster(c);
            String ruleset = world.runner().run(cl.worker("w1").host(), "nft list ruleset").stdout();
            String map = "map { 0 : " + world.podIp(c, "c2") + ", 1 : " + world.podIp(c, "c3") + " }";
            assertThat(ruleset).contains("""
                	chain PREROUTING {
                		type nat hook prerouting priority dstnat; policy accept;
                		ip daddr 100.64.10.1 counter packets 1 bytes 84 dnat to jhash ip checksum mod 2 %s
                """.formatted(map));
            assertThat(ruleset).contains("""
                	chain OUTPUT {
                		type nat hook output priority -100; policy accept;
                		ip daddr 100.64.10.1 counter packets 0 bytes 0 dnat to jhash ip checksum mod 2 %s
                """.formatted(map));
            assertThat(world.runner().run(cl.worker("w2").host(), "ip route").stdout())
                .contains("100.64.0.0/16 dev cni0 scope link \n");
        }
    }

    @Test
    void curlFromAWorkerReachesBothBackendsOverRepeatedFlows() {
        var w1 = world.clusters().cluster("C0").worker("w1").host();
        Set<String> answers = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            Invocation curl = world.runner().run(w1, "curl -s 100.64.11.1:8000");
            assertThat(curl.exitCode()).isZero();
            answers.add(curl.stdout());
        }
        assertThat(answers).containsExactlyInAnyOrder("S1-W2\n", "S1-W3\n");
        Set<String> second = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            second.add(inPod("C0", "w1", "c1", "curl -s 100.64.11.2:8000").stdout());
        }
        assertThat(second).containsExactlyInAnyOrder("S2-W2\n", "S2-W3\n");
    }

    @Test
    void deletingC3LeavesTheRuleHashingPacketsToAGoneBackend() throws Exception {
        PyForms py = world.py();
        assertThat(py.eval("C0w3.delete_container(\"c3\")")).isNull();
        int ok = 0;
        int failed = 0;
        for (int i = 0; i < 10; i++) {
            String out = py.eval("C0w1.exec_container(\"c1\", \"ping -c 1 -W 1 100.64.10.1\")");
            if (out.contains("1 received")) {
                ok++;
            } else {
                // C0w3 still routes c3's address to cni0, where nobody answers ARP any more
                assertThat(out).contains("1 packets transmitted, 0 received, ").contains("100% packet loss");
                failed++;
            }
        }
        assertThat(ok).isPositive();
        assertThat(failed).isPositive();
        assertThat(ok + failed).isEqualTo(10);
    }

    @Test
    void kpVipAddAtThePromptProgramsEveryWorker() throws Exception {
        PyForms py = world.py();
        assertThat(py.eval("C1.kp_vip_add(\"100.64.12.1\", [\"c1\"])")).isNull();
        for (String w : new String[] {"w1", "w2", "w3"}) {
            assertThat(world.runner().run(world.clusters().cluster("C1").worker(w).host(), "nft list chain ip nat OUTPUT")
                .stdout()).contains("ip daddr 100.64.12.1 counter packets 0 bytes 0 dnat to jhash ip checksum mod 1 map { 0 : "
                    + world.podIp("C1", "c1") + " }");
        }
        assertThat(inPod("C1", "w3", "c3", "ping -c 2 100.64.12.1").stdout()).contains("2 received");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> py.eval("C1.kp_vip_add(\"100.64.12.2\", [\"c9\"])"))
            .hasMessage("kp_vip_add(): no running container c9 in cluster C1");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> py.eval("C1.kp_vip_add(\"10.0.0.1\", [\"c1\"])"))
            .hasMessage("kp_vip_add: vip: 10.0.0.1 is outside 100.64.0.0/16, the range the workers route to the VIPs");
    }
}
