package io.knetsim.kv;

import static io.knetsim.net.topo.Topo.cable;
import static io.knetsim.net.topo.Topo.nic;

import io.knetsim.net.NetNamespace;
import io.knetsim.net.World;
import io.knetsim.net.dev.Bridge;
import io.knetsim.net.dev.EthernetNic;
import io.knetsim.net.link.LinkConfig;
import io.knetsim.net.topo.Topo;

/**
 * A cluster's etcd hosts and a worker on one switch, as in the default world; both etcd
 * hosts serve one shared store.
 *
 * <pre>
 *   C0e1 10.1.0.1 :2379     C0e2 10.1.0.2 :2379      C0w1 10.1.0.3
 *        |eth0                   |eth0                   |eth0
 *      [p1]-------------------[p2]--- switch br0 ------[p3]
 * </pre>
 */
public final class EtcdWorld {
    public final World world = new World(42);
    public final NetNamespace sw = Topo.host(world, "switch");
    public final Bridge br0 = new Bridge(sw, "br0");
    public final NetNamespace e1 = Topo.host(world, "C0e1");
    public final NetNamespace e2 = Topo.host(world, "C0e2");
    public final NetNamespace w1 = Topo.host(world, "C0w1");
    public final EthernetNic p1;
    public final KvStore store = new KvStore(world.sim());
    public final EtcdServer s1;
    public final EtcdServer s2;

    public EtcdWorld() {
        br0.setUp(true);
        p1 = attach(e1, "p1", "10.1.0.1/24");
        attach(e2, "p2", "10.1.0.2/24");
        attach(w1, "p3", "10.1.0.3/24");
        s1 = EtcdServer.start(e1, store);
        s2 = EtcdServer.start(e2, store);
    }

    private EthernetNic attach(NetNamespace host, String port, String cidr) {
        EthernetNic sp = new EthernetNic(sw, port);
        sp.setUp(true);
        br0.addPort(sp);
        cable(nic(host, "eth0", cidr), sp, LinkConfig.DEFAULT);
        return sp;
    }

    /** Cuts C0e1 off: its switch port goes down. */
    public void partitionE1() {
        p1.setUp(false);
    }
}
