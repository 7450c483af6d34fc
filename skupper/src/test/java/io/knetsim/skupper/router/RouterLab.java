package io.knetsim.skupper.router;

import io.knetsim.app.http.FixedMessageServer;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.World;
import io.knetsim.net.dev.EthernetNic;
import io.knetsim.net.link.LinkConfig;
import io.knetsim.net.topo.Topo;
import io.knetsim.sim.SimTime;
import io.knetsim.skupper.SkupperTools;
import io.knetsim.skupper.config.RouterConfig;
import io.knetsim.tool.CoreTools;
import io.knetsim.tool.ToolRegistry;
import io.knetsim.tool.ToolRunner;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** A small world for router labs: hosts joined by point-to-point cables, routers started from JSON. */
final class RouterLab {
    final World world;
    final ToolRunner shell;
    final Map<String, NetNamespace> hosts = new LinkedHashMap<>();
    final Map<String, EthernetNic> nics = new LinkedHashMap<>();

    RouterLab(long seed) {
        world = new World(seed);
        ToolRegistry tools = CoreTools.registry();
        SkupperTools.registerAll(tools);
        shell = new ToolRunner(tools, Path.of("."));
    }

    NetNamespace host(String name) {
        return hosts.computeIfAbsent(name, n -> Topo.host(world, n));
    }

    /** A cable from {@code a} ({@code ifA}, {@code cidrA}) to {@code b}; the NICs are kept by "host/if". */
    void cable(String a, String ifA, String cidrA, String b, String ifB, String cidrB) {
        EthernetNic na = Topo.nic(host(a), ifA, cidrA);
        EthernetNic nb = Topo.nic(host(b), ifB, cidrB);
        Topo.cable(na, nb, LinkConfig.DEFAULT);
        nics.put(a + "/" + ifA, na);
        nics.put(b + "/" + ifB, nb);
    }

    void web(String host, int port, String text) {
        FixedMessageServer.start(host(host), port, text);
    }

    SkupperRouter router(String host, String json) {
        return SkupperRouter.start(host(host), RouterConfig.parse(json, host + ".json"));
    }

    void runSeconds(long s) {
        world.sim().runFor(SimTime.seconds(s));
    }

    String curl(String host, String url) {
        return shell.run(host(host), "curl -s -m 5 " + url).stdout();
    }

    String sh(String host, String line) {
        return shell.run(host(host), line).stdout();
    }
}
