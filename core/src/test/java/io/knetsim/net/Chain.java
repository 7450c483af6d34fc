package io.knetsim.net;

import static io.knetsim.net.topo.Topo.cable;
import static io.knetsim.net.topo.Topo.host;
import static io.knetsim.net.topo.Topo.nic;
import static io.knetsim.net.topo.Topo.routeVia;

import io.knetsim.net.dev.EthernetNic;
import io.knetsim.net.link.LinkConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * A line of nodes for routing labs: two endpoints with routers between them, link {@code i}
 * on subnet {@code 10.i.0.0/24}. On each link a router has {@code .1} (the left one, between
 * two routers) and the other side {@code .2}; routers use {@code eth0} to the left and
 * {@code eth1} to the right, endpoints {@code eth0}. Endpoints have a default route; routers a route to every subnet.
 *
 * <pre>
 *   client 10.1.0.2 ==== 10.1.0.1 r1 10.2.0.1 ==== 10.2.0.2 r2 10.3.0.1 ==== 10.3.0.2 server
 * </pre>
 */
final class Chain {
    final List<NetNamespace> nodes = new ArrayList<>();

    Chain(World world, LinkConfig cfg, String... names) {
        int n = names.length;
        for (int i = 0; i < n; i++) {
            boolean router = i > 0 && i < n - 1;
            nodes.add(router ? host(world, names[i]) : world.createNamespace(names[i]));
        }
        for (int link = 1; link < n; link++) {
            NetNamespace left = nodes.get(link - 1);
            NetNamespace right = nodes.get(link);
            boolean leftIsRouter = link - 1 > 0;
            String net = "10." + link + ".0.";
            EthernetNic l = nic(left, leftIsRouter ? "eth1" : "eth0", net + (leftIsRouter ? "1" : "2") + "/24");
            EthernetNic r = nic(right, "eth0", net + (leftIsRouter ? "2" : "1") + "/24");
            cable(l, r, cfg);
        }
        // endpoints: a default route to their router; routers: a route to each subnet not on them
        routeVia(nodes.get(0), "0.0.0.0/0", addressOn(1, 1), nodes.get(0).device("eth0"));
        routeVia(nodes.get(n - 1), "0.0.0.0/0", addressOn(n - 1, n - 2), nodes.get(n - 1).device("eth0"));
        for (int i = 1; i < n - 1; i++) {
            NetNamespace router = nodes.get(i);
            for (int link = 1; link < n; link++) {
                if (link < i) {
                    routeVia(router, "10." + link + ".0.0/24", addressOn(i, i - 1), router.device("eth0"));
                } else if (link > i + 1) {
                    routeVia(router, "10." + link + ".0.0/24", addressOn(i + 1, i + 1), router.device("eth1"));
                }
            }
        }
    }

    /** The address of node {@code node} on link {@code link} (nodes {@code link-1} and {@code link}). */
    private static String addressOn(int link, int node) {
        boolean leftIsRouter = link - 1 > 0;
        boolean isLeft = node == link - 1;
        return "10." + link + ".0." + (isLeft == leftIsRouter ? "1" : "2");
    }

    NetNamespace get(String name) {
        return nodes.stream().filter(ns -> ns.name().equals(name)).findFirst().orElseThrow();
    }
}
