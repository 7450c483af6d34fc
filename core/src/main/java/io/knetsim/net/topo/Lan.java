package io.knetsim.net.topo;

import io.knetsim.addr.Cidr;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.World;
import io.knetsim.net.dev.Bridge;
import io.knetsim.net.dev.EthernetNic;
import io.knetsim.net.link.LinkConfig;

/**
 * One Ethernet segment: a switch (a namespace holding a learning {@link Bridge}) that hosts plug
 * into, each with a cable from its NIC to a switch port named after the host. This is the
 * underlay of a multi-worker world, as one top-of-rack switch or Mininet's {@code s1}.
 *
 * <pre>
 *   host1 [eth0]----[host1]            each cable a Link with its own delay, rate and loss
 *   host2 [eth0]----[host2]  br0  (namespace: the switch)
 *   host3 [eth0]----[host3]
 * </pre>
 */
public final class Lan {
    private final NetNamespace sw;
    private final Bridge bridge;
    private final LinkConfig cable;

    /** A switch named {@code name} whose cables all have {@code cable}'s properties. */
    public Lan(World world, String name, LinkConfig cable) {
        this.sw = world.createNamespace(name);
        this.bridge = new Bridge(sw, "br0");
        this.bridge.setUp(true);
        this.cable = cable;
    }

    /** The switch's namespace. */
    public NetNamespace switchNamespace() {
        return sw;
    }

    public Bridge bridge() {
        return bridge;
    }

    /**
     * Plugs {@code host} in: a NIC {@code ifName} with {@code cidr} (up), cabled to a new switch
     * port named after the host (cut to the 15 characters Linux allows).
     */
    public EthernetNic attach(NetNamespace host, String ifName, String cidr) {
        EthernetNic nic = new EthernetNic(host, ifName);
        if (cidr != null) {
            host.addAddress(nic, Cidr.parse(cidr));
        }
        nic.setUp(true);
        String portName = host.name().length() > 15 ? host.name().substring(0, 15) : host.name();
        EthernetNic port = new EthernetNic(sw, portName);
        port.setUp(true);
        bridge.addPort(port);
        Topo.cable(nic, port, cable);
        return nic;
    }
}
