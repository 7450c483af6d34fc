package io.knetsim.scenarios.labs;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.api.Pod;
import io.knetsim.net.PacketTap;
import io.knetsim.packet.EthernetHeader;
import io.knetsim.packet.Ipv4Header;
import io.knetsim.packet.UdpHeader;
import io.knetsim.packet.VxlanHeader;
import io.knetsim.scenarios.cluster.Cluster;
import io.knetsim.scenarios.scenario.Flannel;
import io.knetsim.scenarios.scenario.Scenario;
import io.knetsim.scenarios.scenario.ScenarioCluster;
import io.knetsim.scenarios.scenario.ScenarioPod;
import io.knetsim.scenarios.scenario.ScenarioWorld;
import io.knetsim.tool.Invocation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Lab 2 (docs/labs/02-pod-to-pod.md) as a unit test: build a small flannel cluster with the Java
 * DSL, do the lab's hands-on steps, and assert what a learner should see. Copy it, change the
 * world (another backend, more workers, a lossy underlay) and run it:
 *
 * <pre>
 *   mvn -B -q -pl scenarios -am test -Dtest=Lab02PodToPodTest -Dsurefire.failIfNoSpecifiedTests=false
 *
 *   s0 ─┬─ C0e1 10.1.0.1   (etcd)
 *       ├─ C0w1 10.0.0.3   [c1]
 *       └─ C0w2 10.0.0.4   [c2, c3]          flannel: the labs' VXLAN config (VNI 100, UDP 8472)
 * </pre>
 */
class Lab02PodToPodTest {
    private final ScenarioWorld world = ScenarioWorld.build(Scenario.builder()
        .seed(1)
        .cluster(ScenarioCluster.named("C0")
            .etcd("e1", Ipv4Address.parse("10.1.0.1"))
            .worker("w1", Ipv4Address.parse("10.0.0.3"))
            .worker("w2", Ipv4Address.parse("10.0.0.4"))
            .flannel(Flannel.LABS)
            .pod(ScenarioPod.of("c1", "w1"))
            .pod(ScenarioPod.of("c2", "w2"))
            .pod(ScenarioPod.of("c3", "w2")))
        .build(), Path.of("."));
    private final Cluster c0 = world.clusters().cluster("C0");

    private String ip(String pod) {
        return c0.api().get(Pod.class, "default", pod).status().podIP();
    }

    private Invocation in(String pod, String command) {
        return world.runner().run(c0.podNamespace("default", pod), command);
    }

    @Test
    void flannelToldEveryPodToUseAnMtuThatLeavesRoomForVxlan() {
        // flanneld wrote what the CNI plugin read: the underlay's 1500 bytes less VXLAN's 50
        String env = world.runner().run(c0.worker("w1").host(), "cat /run/flannel/subnet.env").stdout();
        assertThat(env).contains("FLANNEL_MTU=1450\n");
        // the pod has one interface besides lo, with that MTU
        assertThat(in("c1", "ip -br link").stdout().lines()).hasSize(2);
        assertThat(in("c1", "ip link show dev eth0").stdout()).contains("mtu 1450");
    }

    @Test
    void aPacketToAnotherWorkerIsForwardedTwiceAndOneOnTheSameWorkerNotAtAll() {
        // c1 -> c2 crosses both workers: each forwards once, so the reply arrives with TTL 62
        assertThat(in("c1", "ping -c 1 " + ip("c2")).stdout()).contains("ttl=62");
        // c2 -> c3 stays on C0w2's bridge: nobody routes it
        assertThat(in("c2", "ping -c 1 " + ip("c3")).stdout()).contains("ttl=64");
        // traceroute names the hops: c1's gateway (cni0 on C0w1), then C0w2's flannel.100
        String hop2 = c0.flanneld("w2").lease().subnet().address().toString();
        assertThat(in("c1", "traceroute -n " + ip("c2")).stdout()).contains(" 2  " + hop2 + " ");
    }

    @Test
    void onTheUnderlayThePodsPacketsRideInsideVxlan() {
        List<byte[]> frames = new ArrayList<>();
        c0.worker("w1").host().device("eth0").addTap((dev, skb, dir) -> {
            byte[] f = skb.toByteArray();
            if (dir == PacketTap.Direction.OUT && EthernetHeader.etherType(f, 0) == EthernetHeader.TYPE_IPV4
                && Ipv4Header.protocol(f, EthernetHeader.LENGTH) == Ipv4Header.PROTO_UDP) {
                frames.add(f);
            }
        });
        in("c1", "ping -c 1 " + ip("c2"));

        // outer: worker to worker, UDP to port 8472, VNI 100; inner: pod to pod, ICMP
        byte[] f = frames.stream().filter(b -> UdpHeader.dstPort(b, EthernetHeader.LENGTH + Ipv4Header.MIN_LENGTH)
            == 8472).findFirst().orElseThrow();
        int ip = EthernetHeader.LENGTH;
        int vx = ip + Ipv4Header.MIN_LENGTH + UdpHeader.LENGTH;
        int inner = vx + VxlanHeader.LENGTH + EthernetHeader.LENGTH;
        assertThat(Ipv4Header.Repr.parse(f, ip).dst()).hasToString("10.0.0.4");
        assertThat(VxlanHeader.vni(f, vx)).isEqualTo(100);
        assertThat(Ipv4Header.Repr.parse(f, inner).src()).hasToString(ip("c1"));
        assertThat(Ipv4Header.protocol(f, inner)).isEqualTo(Ipv4Header.PROTO_ICMP);
    }
}
