package io.knetsim.skupper.tool;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.app.http.FixedMessageServer;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.World;
import io.knetsim.net.dev.EthernetNic;
import io.knetsim.net.link.LinkConfig;
import io.knetsim.net.topo.Topo;
import io.knetsim.sim.SimTime;
import io.knetsim.skupper.SkupperTools;
import io.knetsim.skupper.config.RouterConfig;
import io.knetsim.skupper.router.SkupperRouter;
import io.knetsim.tool.CoreTools;
import io.knetsim.tool.Invocation;
import io.knetsim.tool.ToolRegistry;
import io.knetsim.tool.ToolRunner;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Lab: {@code skstat} on the routers of a line A - B - C, after a client on A fetched a page
 * served behind C.
 *
 * <pre>
 *   hA [A] :1028 svc1 ──(10.0.1.0/24, cost 1)── hB [B] ──(10.0.2.0/24, cost 2)── hC [C] svc1 → :8080
 * </pre>
 */
class SkstatTest {
    private final World world = new World(21);
    private final ToolRunner shell;
    private final NetNamespace hA = Topo.host(world, "hA");
    private final NetNamespace hB = Topo.host(world, "hB");
    private final NetNamespace hC = Topo.host(world, "hC");

    SkstatTest() {
        ToolRegistry tools = CoreTools.registry();
        SkupperTools.registerAll(tools);
        shell = new ToolRunner(tools, Path.of("."));
        cable(hA, "10.0.1.1/24", hB, "eth0", "10.0.1.2/24");
        cable(hB, "10.0.2.1/24", hC, "eth0", "10.0.2.2/24");
        FixedMessageServer.start(hC, 8080, "hello from C");
    }

    private static void cable(NetNamespace a, String cidrA, NetNamespace b, String ifB, String cidrB) {
        EthernetNic na = Topo.nic(a, "eth" + a.devices().stream().filter(d -> d.name().startsWith("eth")).count(),
            cidrA);
        Topo.cable(na, Topo.nic(b, ifB, cidrB), LinkConfig.DEFAULT);
    }

    private void routers() {
        SkupperRouter.start(hA, RouterConfig.parse("""
            [["router", {"id": "A", "mode": "interior"}],
             ["connector", {"name": "to-B", "role": "inter-router", "host": "10.0.1.2", "port": 55671}],
             ["tcpListener", {"name": "svc1", "port": 1028, "address": "svc1"}]]
            """, "A.json"));
        SkupperRouter.start(hB, RouterConfig.parse("""
            [["router", {"id": "B", "mode": "interior"}],
             ["listener", {"name": "interior-listener", "role": "inter-router", "port": 55671}],
             ["connector", {"name": "to-C", "role": "inter-router", "host": "10.0.2.2", "port": 55671, "cost": 2}]]
            """, "B.json"));
        SkupperRouter.start(hC, RouterConfig.parse("""
            [["router", {"id": "C", "mode": "interior"}],
             ["listener", {"name": "interior-listener", "role": "inter-router", "port": 55671}],
             ["tcpConnector", {"name": "svc1", "host": "127.0.0.1", "port": 8080, "address": "svc1"}]]
            """, "C.json"));
        world.sim().runFor(SimTime.seconds(5));
        assertThat(shell.run(hA, "curl -s localhost:1028/").stdout()).isEqualTo("hello from C\n");
        world.sim().runUntil(SimTime.seconds(10));
    }

    private String out(NetNamespace ns, String line) {
        Invocation inv = shell.run(ns, line);
        assertThat(inv.exitCode()).as(line + ": " + inv.stderr()).isZero();
        return inv.stdout();
    }

    @Test
    void dashNListsRoutersWithNextHopsAndDashVTheirCosts() {
        routers();
        assertThat(out(hA, "skstat -n")).isEqualTo("""
            1970-01-01 00:00:10 UTC
            A

            Routers in the Network
              router-id  next-hop  link
              ===========================
              A          (self)    -
              B          -         1
              C          B         -
            """);
        assertThat(out(hA, "skstat -n -v")).isEqualTo("""
            1970-01-01 00:00:10 UTC
            A

            Routers in the Network
              router-id  next-hop  link  ver  cost  neighbors   valid-origins
              =================================================================
              A          (self)    -     1          ['B']       []
              B          -         1     1    1     ['A', 'C']  []
              C          B         -     1    3     ['B']       []
            """);
    }

    @Test
    void dashCListsConnectionsAndDashLTheirLinks() {
        routers();
        assertThat(out(hB, "skstat -c")).isEqualTo("""
            1970-01-01 00:00:10 UTC
            B

            Connections
              id  host            container  role          proto  dir  security     authentication  meshId  uptime
              ============================================================================================================
              1   10.0.2.2:55671  C          inter-router  amqp   out  no-security  no-auth                 000:00:00:10
              2   10.0.1.1:42684  A          inter-router  amqp   in   no-security  no-auth                 000:00:00:09
            """);
        assertThat(out(hA, "skstat -l")).isEqualTo("""
            1970-01-01 00:00:10 UTC
            A

            Router Links
              type            dir  conn id  id  class  addr  cap  undel  unsett  deliv  presett  acc  rej  rel  mod
              =======================================================================================================
              router-control  out  1        1                234  0      0       16     16       0    0    0    0
              router-control  in   1        2                232  0      0       18     18       0    0    0    0
            """);
    }

    @Test
    void dashACountsStreamsInOutAndThroughAndDashGSumsUp() {
        routers();
        assertThat(out(hB, "skstat -a")).endsWith("""
            Router Addresses
              class   addr  distrib   local  remote  in  out  thru
              ======================================================
              mobile  svc1  balanced  0      1       0   0    1
            """);
        assertThat(out(hC, "skstat -a")).contains("  mobile  svc1  balanced  1      0       0   1    0\n");
        assertThat(out(hA, "skstat -g")).isEqualTo("""
            1970-01-01 00:00:10 UTC
            A

            Router Statistics
              attr                     value
              =======================================
              Version                  knetsim
              Mode                     interior
              Router Id                A
              Worker Threads           1
              Uptime                   000:00:00:10
              Area                     0
              Links                    2
              Nodes                    2
              Addresses                1
              Total Connections        1
              Ingress Count            1
              Egress Count             0
              Transit Count            0
              TCP Service Connections  1
            """);
    }

    @Test
    void withoutARouterOrAnOptionSkstatFails() {
        Invocation none = shell.run(hA, "skstat -n");
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.stderr()).isEqualTo(
            "ConnectionException: Connection amqp://0.0.0.0:amqp/$management failed: Connection refused\n");
        routers();
        Invocation bare = shell.run(hA, "skstat");
        assertThat(bare.exitCode()).isEqualTo(2);
        assertThat(bare.stderr()).endsWith("skstat: error: one of the arguments -g/--general -c/--connections "
            + "-l/--links -n/--nodes -a/--address is required\n");
        Invocation bad = shell.run(hA, "skstat -x");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.stderr()).endsWith("skstat: error: unrecognized arguments: -x\n");
    }
}
