package io.knetsim.tool.nc;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.app.http.FixedMessageServer;
import io.knetsim.net.link.LinkConfig;
import io.knetsim.net.topo.TwoWorkerOverlay;
import io.knetsim.tool.CoreTools;
import io.knetsim.tool.Invocation;
import io.knetsim.tool.ToolRegistry;
import io.knetsim.tool.ToolRunner;
import io.knetsim.tool.curl.Curl;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * nc as a listener and as a client between two pods on different workers.
 *
 * <pre>
 *   podA 11.10.1.2  $ nc / curl  ===== VXLAN vni 100 =====  podB 11.10.2.2  $ nc -l 8000
 * </pre>
 */
class NcLabTest {
    private final TwoWorkerOverlay w = new TwoWorkerOverlay(3, LinkConfig.DEFAULT);
    private final ToolRunner runner;

    NcLabTest() {
        ToolRegistry r = CoreTools.registry();
        Curl.registerAll(r);
        Nc.registerAll(r);
        runner = new ToolRunner(r, Path.of("."));
    }

    @Test
    void ncListenPrintsTheRequestCurlSent() {
        Invocation server = runner.start(w.podB, "nc -l 8000");
        Invocation curl = runner.run(w.podA, "curl -m 1 11.10.2.2:8000/hello");
        assertThat(curl.exitCode()).isEqualTo(28);
        assertThat(curl.stderr())
            .isEqualTo("curl: (28) Operation timed out after 1000 milliseconds with 0 bytes received\n");
        runner.finish(server);
        assertThat(server.exitCode()).isZero();
        assertThat(server.stdout()).isEqualTo(
            "GET /hello HTTP/1.1\r\nHost: 11.10.2.2:8000\r\nUser-Agent: curl/8.5.0\r\nAccept: */*\r\n\r\n");
    }

    @Test
    void zeroIoScanReportsAndTheListenerSeesAnEmptyConnection() {
        Invocation server = runner.start(w.podB, "nc -l -p 8000");
        Invocation z = runner.run(w.podA, "nc -zv 11.10.2.2 8000");
        assertThat(z.exitCode()).isZero();
        assertThat(z.stderr()).isEqualTo("Connection to 11.10.2.2 8000 port [tcp/*] succeeded!\n");
        runner.finish(server);
        assertThat(server.exitCode()).isZero();
        assertThat(server.stdout()).isEmpty();

        Invocation refused = runner.run(w.podA, "nc -zv 11.10.2.2 8000");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.stderr()).isEqualTo("nc: connect to 11.10.2.2 port 8000 (tcp) failed: Connection refused\n");
        assertThat(runner.run(w.podA, "nc -z 11.10.2.2 8000").stderr()).isEmpty();
    }

    @Test
    void sendDeliversTextAndPrintsTheReply() {
        Invocation server = runner.start(w.podB, "nc -l 8000");
        Invocation client = runner.run(w.podA, "nc 11.10.2.2 8000 --send 'hello from podA'");
        runner.finish(server);
        assertThat(server.stdout()).isEqualTo("hello from podA\n");
        assertThat(server.exitCode()).isZero();
        assertThat(client.exitCode()).isZero();
    }

    @Test
    void anIncompleteRequestIsClosedWithoutAnswer() {
        FixedMessageServer.start(w.podB, 8000, "S1-W2");
        Invocation c = runner.run(w.podA, "nc 11.10.2.2 8000 --send 'GET / HTTP/1.0'");
        // One line and a FIN is not a complete request head: the server closes without answering.
        assertThat(c.stdout()).isEmpty();
        assertThat(c.exitCode()).isZero();
    }

    @Test
    void udpDatagramsArePrintedByTheListener() {
        Invocation server = runner.start(w.podB, "nc -u -l 9000");
        Invocation a = runner.run(w.podA, "nc -u 11.10.2.2 9000 --send one");
        Invocation b = runner.run(w.podA, "netcat -u 11.10.2.2 9000 --send two");
        assertThat(a.exitCode()).isZero();
        assertThat(b.exitCode()).isZero();
        runner.finish(server);
        assertThat(server.stdout()).isEqualTo("one\ntwo\n");
    }

    @Test
    void interruptingTheListenerClosesItsConnection() {
        Invocation server = runner.start(w.podB, "nc -l 8000");
        assertThat(runner.run(w.podB, "ss -tln").stdout()).contains(":8000");
        Invocation client = runner.start(w.podA, "nc 11.10.2.2 8000");
        w.world.sim().runFor(io.knetsim.sim.SimTime.seconds(1));
        assertThat(client.finished()).isFalse();
        server.interrupt();
        runner.finish(client);
        assertThat(server.exitCode()).isEqualTo(130);
        assertThat(client.exitCode()).isZero();
        assertThat(runner.run(w.podB, "ss -tln").stdout()).doesNotContain(":8000");
    }

    @Test
    void usageErrors() {
        assertThat(runner.run(w.podA, "nc").exitCode()).isEqualTo(1);
        assertThat(runner.run(w.podA, "nc -l 70000").stderr()).isEqualTo("nc: port number invalid: 70000\n");
        assertThat(runner.run(w.podA, "nc web 80").stderr())
            .isEqualTo("nc: getaddrinfo for host \"web\" port 80: Temporary failure in name resolution\n"); // no DNS server
    }
}
