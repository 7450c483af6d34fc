package io.knetsim.scenarios.labs;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.cni.kubelet.Worker;
import io.knetsim.net.NetNamespace;
import io.knetsim.scenarios.scenario.Flannel;
import io.knetsim.scenarios.scenario.Scenario;
import io.knetsim.scenarios.scenario.ScenarioCluster;
import io.knetsim.scenarios.scenario.ScenarioWorld;
import io.knetsim.tool.ToolRunner;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Lab 1 (docs/labs/01-namespaces.md) as a unit test: a worker is a host, a container is a
 * network namespace on it, and the original labs' worker operations make and remove them.
 *
 * <pre>
 *   mvn -B -q -pl scenarios -am test -Dtest=Lab01NamespacesTest -Dsurefire.failIfNoSpecifiedTests=false
 *
 *   s0 ─┬─ C0e1 10.1.0.1   (etcd)
 *       └─ C0w1 10.0.0.3   [containers come and go]
 * </pre>
 */
class Lab01NamespacesTest {
    private final ScenarioWorld world = ScenarioWorld.build(Scenario.builder()
        .seed(1)
        .cluster(ScenarioCluster.named("C0")
            .etcd("e1", Ipv4Address.parse("10.1.0.1"))
            .worker("w1", Ipv4Address.parse("10.0.0.3"))
            .flannel(Flannel.LABS))
        .build(), Path.of("."));
    private final Worker w1 = world.clusters().cluster("C0").worker("w1");
    private final ToolRunner sh = world.runner();

    @Test
    void aContainerIsANamespaceWithOneInterfaceAndARouteToItsWorker() {
        NetNamespace c1 = w1.createContainer("c1");
        // the worker lists it under the runtime's name, and its host end is a port of cni0
        assertThat(sh.run(w1.host(), "ip netns list").stdout()).startsWith("cni-");
        assertThat(sh.run(w1.host(), "ip -br link show master cni0").stdout().lines()).hasSize(1);
        // inside: lo and eth0, a default route via the bridge's address, the pod's name
        assertThat(sh.run(c1, "ip -br link").stdout().lines()).hasSize(2);
        assertThat(sh.run(c1, "ip route").stdout()).startsWith("default via ");
        assertThat(w1.execContainer("c1", "hostname").stdout()).isEqualTo("c1\n");
    }

    @Test
    void deletingAContainerRemovesItsNamespaceAndItsCable() {
        w1.createContainer("c1");
        w1.deleteContainer("c1");
        assertThat(sh.run(w1.host(), "ip netns list").stdout()).isEmpty();
        assertThat(sh.run(w1.host(), "ip -br link show master cni0").stdout()).isEmpty();
    }

    @Test
    void aNamespaceByHandTalksToItsHostOverAVethPair() {
        for (String cmd : new String[] {"ip netns add demo",
            "ip link add veth-demo type veth peer name eth0 netns demo",
            "ip addr add 192.168.50.1/24 dev veth-demo", "ip link set veth-demo up",
            "ip netns exec demo ip addr add 192.168.50.2/24 dev eth0", "ip netns exec demo ip link set eth0 up"}) {
            assertThat(sh.run(w1.host(), cmd).exitCode()).as(cmd).isZero();
        }
        assertThat(sh.run(w1.host(), "ip netns exec demo ping -c 1 192.168.50.1").stdout())
            .contains("1 received, 0% packet loss");
        // deleting the namespace takes the veth end inside it, and so the whole pair
        sh.run(w1.host(), "ip netns delete demo");
        assertThat(sh.run(w1.host(), "ip link show veth-demo").stderr()).contains("does not exist");
    }
}
