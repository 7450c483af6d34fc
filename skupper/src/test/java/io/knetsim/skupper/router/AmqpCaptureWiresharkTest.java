package io.knetsim.skupper.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.app.http.FixedMessageServer;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.World;
import io.knetsim.net.link.LinkConfig;
import io.knetsim.net.topo.Lan;
import io.knetsim.pcap.Capture;
import io.knetsim.pcap.Tshark;
import io.knetsim.sim.SimTime;
import io.knetsim.skupper.config.RouterConfig;
import io.knetsim.tool.CoreTools;
import io.knetsim.tool.ToolRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lab: capture the inter-router connection while a client fetches a page through it, and let
 * Wireshark's AMQP dissector read the capture ({@code tshark -d tcp.port==55671,amqp}): every
 * performative the routers sent is there, and nothing is malformed.
 *
 * <pre>
 *   hA 10.0.0.1 [eth0] ==pcap== s0 ==== hB 10.0.0.2
 *   router A (connector) ───── AMQP on 55671 ───── router B (listener, tcpConnector → :8080)
 * </pre>
 */
class AmqpCaptureWiresharkTest {
    @Test
    void theSameSeedWritesTheSameCaptureByteForByte(@TempDir Path dir) throws IOException {
        byte[] first = Files.readAllBytes(run(11, dir.resolve("a.pcap")));
        byte[] second = Files.readAllBytes(run(11, dir.resolve("b.pcap")));
        assertThat(first).isEqualTo(second);
        assertThat(first.length).isGreaterThan(2000);
    }

    @Test
    void tsharkDecodesEveryPerformativeWithNoMalformedFrames(@TempDir Path dir) throws IOException {
        Tshark tshark = Tshark.require("AMQP capture check");
        Path file = run(11, dir.resolve("hA-eth0.pcap"));
        List<List<String>> rows = tshark.fields(file, List.of("-d", "tcp.port==55671,amqp"), "amqp.performative",
            "_ws.malformed", "_ws.expert.message", "amqp.performative.arguments.containerId",
            "amqp.performative.arguments.maxFrameSize");
        Set<String> performatives = new TreeSet<>();
        for (List<String> r : rows) {
            for (String p : r.get(0).split(",")) {
                if (!p.isEmpty()) {
                    performatives.add(p);
                }
            }
            assertThat(r.get(1)).as("malformed").isEmpty();
            assertThat(r.get(2)).as("expert info").doesNotContainIgnoringCase("malformed");
        }
        // 16 open, 17 begin, 18 attach, 19 flow, 20 transfer, 21 disposition, 22 detach
        assertThat(performatives).contains("16", "17", "18", "19", "20", "21", "22");
        assertThat(rows.stream().map(r -> r.get(3)).filter(s -> !s.isEmpty())).containsExactlyInAnyOrder("A", "B");
        assertThat(rows.stream().map(r -> r.get(4)).filter(s -> !s.isEmpty())).containsOnly("16384");
    }

    private static Path run(long seed, Path file) throws IOException {
        World world = new World(seed);
        Lan lan = new Lan(world, "s0", LinkConfig.DEFAULT);
        NetNamespace hA = world.createNamespace("hA");
        lan.attach(hA, "eth0", "10.0.0.1/24");
        NetNamespace hB = world.createNamespace("hB");
        lan.attach(hB, "eth0", "10.0.0.2/24");
        FixedMessageServer.start(hB, 8080, "hello from B");
        Capture cap = Capture.on(hA.device("eth0")).toFile(file);
        SkupperRouter a = SkupperRouter.start(hA, RouterConfig.parse(TwoRoutersTest.A, "A.json"));
        SkupperRouter.start(hB, RouterConfig.parse(TwoRoutersTest.B, "B.json"));
        world.sim().runFor(SimTime.seconds(3));
        ToolRunner shell = new ToolRunner(CoreTools.registry(), Path.of("."));
        assertThat(shell.run(hA, "curl -s localhost:1028/").stdout()).isEqualTo("hello from B\n");
        world.sim().runFor(SimTime.seconds(1));
        a.stop(); // the connection ends with a reset, as a killed router's would
        world.sim().runFor(SimTime.seconds(1));
        cap.stop();
        return file;
    }
}
