package io.knetsim.skupper.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.app.http.FixedMessageServer;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.World;
import io.knetsim.net.link.LinkConfig;
import io.knetsim.net.topo.Lan;
import io.knetsim.sim.SimTime;
import io.knetsim.skupper.SkupperTools;
import io.knetsim.skupper.config.ExposedService;
import io.knetsim.skupper.config.RouterConfig;
import io.knetsim.skupper.config.SiteSpec;
import io.knetsim.skupper.config.SkupperConfigGenerator;
import io.knetsim.tool.CoreTools;
import io.knetsim.tool.ToolRegistry;
import io.knetsim.tool.ToolRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Lab: the original labs' per-cluster router files, as the generator writes them, run as they
 * are: C1's router connects to C0's first worker on 55671, and {@code svc1}, served in C0,
 * answers on port 1028 in C1.
 *
 * <pre>
 *   s0 ─┬─ C0w1 10.0.0.3   router C0 (listeners 5672, 55671, 45671, 9090; tcpConnector svc1 → 10.0.0.5:80)
 *       ├─ C0w3 10.0.0.5   HTTP server :80 "svc1 in C0"
 *       └─ C1w1 10.0.0.8   router C1 (connector C0 → 10.0.0.3:55671; tcpListener svc1 :1028)
 * </pre>
 */
class GeneratedConfigsTest {
    @Test
    void theLabsTwoClusterFilesCarryAServiceAcross() {
        World world = new World(4);
        Lan lan = new Lan(world, "s0", LinkConfig.DEFAULT);
        NetNamespace c0w1 = world.createNamespace("C0w1");
        lan.attach(c0w1, "eth0", "10.0.0.3/8");
        NetNamespace c0w3 = world.createNamespace("C0w3");
        lan.attach(c0w3, "eth0", "10.0.0.5/8");
        NetNamespace c1w1 = world.createNamespace("C1w1");
        lan.attach(c1w1, "eth0", "10.0.0.8/8");
        FixedMessageServer.start(c0w3, 80, "svc1 in C0");
        Map<String, RouterConfig> configs = SkupperConfigGenerator.generate(
            List.of(new SiteSpec("C0", "10.0.0.3", List.of()), new SiteSpec("C1", "10.0.0.8", List.of("C0"))),
            List.of(new ExposedService("svc1", "C0", "10.0.0.5", 80, 1028)));
        SkupperRouter.start(c0w1, configs.get("C0"));
        SkupperRouter c1 = SkupperRouter.start(c1w1, configs.get("C1"));
        world.sim().runFor(SimTime.seconds(5));

        ToolRegistry tools = CoreTools.registry();
        SkupperTools.registerAll(tools);
        ToolRunner shell = new ToolRunner(tools, Path.of("."));
        assertThat(shell.run(c1w1, "curl -s localhost:1028").stdout()).isEqualTo("svc1 in C0\n");
        assertThat(shell.run(c1w1, "curl -s 10.0.0.8:1028").stdout()).isEqualTo("svc1 in C0\n");
        assertThat(c1.neighbours()).containsOnlyKeys("C0");
        assertThat(shell.run(c1w1, "skstat -n").stdout()).endsWith("""
              router-id  next-hop  link
              ===========================
              C0         -         1
              C1         (self)    -
            """);
    }
}
