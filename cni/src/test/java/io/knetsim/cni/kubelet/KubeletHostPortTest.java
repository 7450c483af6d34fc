package io.knetsim.cni.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.api.ApiServer;
import io.knetsim.api.Container;
import io.knetsim.api.ContainerPort;
import io.knetsim.api.ObjectMeta;
import io.knetsim.api.Pod;
import io.knetsim.api.PodSpec;
import io.knetsim.app.image.ImageCatalog;
import io.knetsim.cni.Cni;
import io.knetsim.cni.CniTools;
import io.knetsim.cni.PluginRegistry;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.World;
import io.knetsim.net.topo.Topo;
import io.knetsim.sim.SimTime;
import io.knetsim.tool.CoreTools;
import io.knetsim.tool.ToolRegistry;
import io.knetsim.tool.ToolRunner;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A pod's {@code hostPort}: the kubelet passes it as the {@code portMappings} capability and the
 * portmap plugin chained after bridge forwards the node's port to the pod.
 *
 * <pre>
 *   curl 10.0.0.3:8080 --> node1 [eth0 10.0.0.3] --DNAT--> cni0 10.244.1.1 -- web 10.244.1.2:80 (nginx)
 * </pre>
 */
class KubeletHostPortTest {
    private static final String CONF = """
        {"cniVersion": "1.0.0", "name": "podnet", "plugins": [
          {"type": "bridge", "bridge": "cni0", "isGateway": true,
           "ipam": {"type": "host-local", "subnet": "10.244.1.0/24", "routes": [{"dst": "0.0.0.0/0"}]}},
          {"type": "portmap", "capabilities": {"portMappings": true}}]}
        """;

    private final World world = new World(3);
    private final NetNamespace host = Topo.host(world, "node1");
    private final ApiServer api = new ApiServer(world.sim(), "c0");
    private final ToolRunner sh;

    KubeletHostPortTest() {
        ToolRegistry r = CoreTools.registry();
        CniTools.registerAll(r);
        sh = new ToolRunner(r, Path.of("."));
        Topo.nic(host, "eth0", "10.0.0.3/24");
        host.files().write("/etc/cni/net.d/10-podnet.conflist", CONF);
        new Kubelet(host, "node1", api, new Cni(PluginRegistry.defaults()), ImageCatalog.builtin()).start();
    }

    @Test
    void aHostPortForwardsToThePodUntilThePodIsDeleted() {
        Container web = Container.of("main", "nginx").withPorts(List.of(new ContainerPort("http", 8080, 80, "TCP")));
        api.create(Pod.of(ObjectMeta.of("default", "web"), PodSpec.of(web).withNodeName("node1")));
        world.sim().runFor(SimTime.ms(10));

        assertThat(sh.run(host, "nft list chain ip nat CNI-HOSTPORT-DNAT").stdout())
            .contains("\t\ttcp dport { 8080 } counter packets 0 bytes 0 jump CNI-DN-");
        assertThat(sh.run(host, "curl -s 10.0.0.3:8080").stdout()).contains("<title>Welcome to nginx!</title>");

        api.delete(Pod.class, "default", "web");
        world.sim().runFor(SimTime.seconds(1));

        assertThat(sh.run(host, "nft list ruleset").stdout()).doesNotContain("CNI-DN-", "8080");
        assertThat(sh.run(host, "curl -s 10.0.0.3:8080").exitCode()).isEqualTo(7);
    }

    @Test
    void portsWithoutAHostPortAreNotMapped() {
        Pod p = Pod.of(ObjectMeta.of("default", "web"), PodSpec.of(Container.of("main", "nginx")
            .withPorts(List.of(new ContainerPort("http", null, 80, "TCP")))));
        assertThat(Kubelet.portMappings(p)).isEmpty();
        Pod q = Pod.of(ObjectMeta.of("default", "dns"), PodSpec.of(Container.of("main", "nginx")
            .withPorts(List.of(new ContainerPort("dns", 53, 53, "UDP")))));
        assertThat(Kubelet.portMappings(q).get("portMappings")).hasToString(
            "[{\"hostPort\":53,\"containerPort\":53,\"protocol\":\"udp\"}]");
    }
}
