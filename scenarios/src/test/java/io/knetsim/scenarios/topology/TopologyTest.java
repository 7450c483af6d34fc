package io.knetsim.scenarios.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.scenarios.demo.OverlayDemo;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.jgrapht.Graph;
import org.jgrapht.graph.Pseudograph;
import org.jgrapht.nio.dot.DOTImporter;
import org.junit.jupiter.api.Test;

/** {@code knetsim topology}: the built-in world drawn as text and as DOT. */
class TopologyTest {
    private final Topology topology = Topology.of(new OverlayDemo(1, Path.of(".")).world());

    @Test
    void textListsHostsPodsConnectionsAndBridges() {
        assertThat(topology.text()).isEqualTo("""
            hosts:
              hostA    10.0.0.3/24 11.10.1.0/32 11.10.1.1/24
              hostB    10.0.0.4/24 11.10.2.0/32 11.10.2.1/24
            pods:
              podA     11.10.1.2/24
              podB     11.10.2.2/24
            connections:
              hostA:eth0             == hostB:eth0             cable 500us 100Mbit/s
              hostA:flannel.100      ~~ hostB:flannel.100      vxlan vni 100 udp/8472
              hostA:vethA            == podA:eth0              veth
              hostB:vethB            == podB:eth0              veth
            bridges:
              hostA:cni0: vethA
              hostB:cni0: vethB
            """);
    }

    @Test
    void theGraphHasOneVertexPerNamespaceBridgeAndTunnelEnd() {
        Graph<TopoNode, TopoEdge> g = topology.graph();
        assertThat(g.vertexSet()).hasSize(8);
        assertThat(g.edgeSet().stream().filter(e -> e.kind() == TopoEdge.Kind.TUNNEL)).hasSize(1);
        assertThat(topology.node("hostA:cni0").kind()).isEqualTo(TopoNode.Kind.BRIDGE);
        assertThat(g.degreeOf(topology.node("podA"))).isEqualTo(1);
    }

    @Test
    void dotIsValidGraphvizThatReadsBackToTheSameGraph() {
        String dot = topology.dot();
        assertThat(dot).startsWith("graph knetsim {").contains("\"hostA\" [ label=\"hostA\\n10.0.0.3/24",
            "style=\"dashed\"", "shape=\"hexagon\"");
        Graph<String, Object> back = new Pseudograph<>(Object.class);
        Map<String, String> labels = new HashMap<>();
        DOTImporter<String, Object> importer = new DOTImporter<>();
        importer.setVertexFactory(id -> id);
        importer.addVertexAttributeConsumer((p, a) -> {
            if (a != null && "label".equals(p.getSecond())) {
                labels.put(p.getFirst(), a.getValue());
            }
        });
        // JGraphT's importer does not accept Graphviz's \n escape inside labels; blank it for the round trip
        importer.importGraph(back, new StringReader(dot.replace("\\n", " ")));
        assertThat(back.vertexSet()).hasSize(8);
        assertThat(back.edgeSet()).hasSize(topology.graph().edgeSet().size());
        assertThat(labels.get("hostA:cni0")).isEqualTo("cni0");
    }

    @Test
    void linkDescriptionsOmitWhatIsUnset() {
        assertThat(Topology.describe(io.knetsim.net.link.LinkConfig.DEFAULT)).isEqualTo("cable 50us");
        assertThat(Topology.describe(io.knetsim.net.link.LinkConfig.DEFAULT.withRate(10_000_000_000L).withLoss(0.015)))
            .isEqualTo("cable 50us 10Gbit/s loss 1.5%");
    }
}
