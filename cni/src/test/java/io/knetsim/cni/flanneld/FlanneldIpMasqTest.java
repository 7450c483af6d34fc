package io.knetsim.cni.flanneld;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.addr.Cidr;
import io.knetsim.kv.EtcdClient;
import io.knetsim.kv.EtcdServer;
import io.knetsim.kv.KvStore;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.World;
import io.knetsim.net.dev.Bridge;
import io.knetsim.net.link.LinkConfig;
import io.knetsim.net.topo.Lan;
import io.knetsim.net.topo.Topo;
import io.knetsim.sim.SimTime;
import io.knetsim.tool.CoreTools;
import io.knetsim.tool.Invocation;
import io.knetsim.tool.ToolRunner;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * flanneld {@code --ip-masq}: pods reach the etcd host with their worker's address, while
 * traffic between pods of the flannel network keeps the pods' addresses.
 *
 * <pre>
 *   e1 10.1.0.1 (etcd) ---------------+
 *   w1 10.0.0.3 cni0 -- pod1 ---------+-- sw       flannel network 11.0.0.0/8, one /20 lease per worker
 *   w2 10.0.0.4 cni0 -- pod2 ---------+
 * </pre>
 */
class FlanneldIpMasqTest {
    private final World world = new World(7);
    private final Lan lan = new Lan(world, "sw", LinkConfig.DEFAULT);
    private final NetNamespace e1 = Topo.host(world, "e1");
    private final KvStore store = new KvStore(world.sim());
    private final ToolRunner sh = new ToolRunner(CoreTools.registry(), Path.of("."));

    private Flanneld flanneld(String name, String addr, boolean ipMasq) {
        NetNamespace w = Topo.host(world, name);
        lan.attach(w, "eth0", addr + "/8");
        EtcdRegistry reg = new EtcdRegistry(EtcdClient.of(w, "http://10.1.0.1:2379"), EtcdRegistry.DEFAULT_PREFIX);
        return new Flanneld(w, new LocalManager(reg, world.sim().random("flannel/" + name)),
            FlannelOptions.defaults().withIface("eth0").withIpMasq(ipMasq)).start();
    }

    private NetNamespace pod(NetNamespace host, Cidr lease, String name) {
        Bridge br = new Bridge(host, "cni0");
        host.addAddress(br, new Cidr(lease.address().plus(1), lease.prefixLength()));
        br.setUp(true);
        return Topo.pod(world, name, br, "veth" + name, lease.address().plus(2) + "/" + lease.prefixLength(),
            lease.address().plus(1).toString(), 1450);
    }

    private String out(NetNamespace ns, String line) {
        Invocation inv = sh.run(ns, line);
        assertThat(inv.stderr()).isEmpty();
        return inv.stdout();
    }

    {
        lan.attach(e1, "eth0", "10.1.0.1/8");
        EtcdServer.start(e1, store);
        store.set("/coreos.com/network/config", false, "{\"Network\":\"11.0.0.0/8\",\"SubnetLen\":20,"
            + "\"Backend\":{\"Type\":\"vxlan\",\"VNI\":100}}", null);
    }

    @Test
    void podsReachTheUnderlayWithTheWorkersAddressAndEachOtherWithTheirOwn() {
        Flanneld d1 = flanneld("w1", "10.0.0.3", true);
        Flanneld d2 = flanneld("w2", "10.0.0.4", true);
        world.sim().runFor(SimTime.seconds(5));
        NetNamespace w1 = world.namespace("w1");
        Cidr l1 = d1.lease().subnet();
        NetNamespace pod1 = pod(w1, l1, "pod1");
        NetNamespace pod2 = pod(world.namespace("w2"), d2.lease().subnet(), "pod2");

        assertThat(d1.log()).contains("1.400 Setting up masking rules");
        assertThat(w1.files().readString("/run/flannel/subnet.env")).endsWith("FLANNEL_IPMASQ=true\n");
        assertThat(out(w1, "nft list ruleset")).isEqualTo("""
            table ip nat {
            \tchain POSTROUTING {
            \t\ttype nat hook postrouting priority srcnat; policy accept;
            \t\tcounter packets 2 bytes 120 jump FLANNEL-POSTRTG
            \t}

            \tchain FLANNEL-POSTRTG {
            \t\tmeta mark & 0x00004000 == 0x00004000 counter packets 0 bytes 0 return
            \t\tip saddr LEASE ip daddr 11.0.0.0/8 counter packets 0 bytes 0 return
            \t\tip saddr 11.0.0.0/8 ip daddr LEASE counter packets 0 bytes 0 return
            \t\tip saddr != 11.0.0.0/8 ip daddr LEASE counter packets 0 bytes 0 return
            \t\tip saddr 11.0.0.0/8 ip daddr != 224.0.0.0/4 counter packets 0 bytes 0 masquerade
            \t\tip saddr != 11.0.0.0/8 ip daddr 11.0.0.0/8 counter packets 0 bytes 0 masquerade
            \t}
            }
            """.replace("LEASE", l1.toString()));

        // the two flows counted so far are flanneld's own connections to etcd: new flows from the node
        Invocation dump = sh.start(e1, "tcpdump -n -i eth0 icmp");
        assertThat(out(pod1, "ping -c 1 10.1.0.1")).contains("1 packets transmitted, 1 received");
        dump.interrupt();
        assertThat(dump.stdout()).contains(" IP 10.0.0.3 > 10.1.0.1: ICMP echo request", " IP 10.1.0.1 > 10.0.0.3: "
            + "ICMP echo reply").doesNotContain(l1.address().plus(2).toString());

        String pod2Addr = d2.lease().subnet().address().plus(2).toString();
        Invocation dump2 = sh.start(pod2, "tcpdump -n -i eth0 icmp");
        assertThat(out(pod1, "ping -c 1 " + pod2Addr)).contains("1 packets transmitted, 1 received");
        dump2.interrupt();
        assertThat(dump2.stdout()).contains(" IP " + l1.address().plus(2) + " > " + pod2Addr + ": ICMP echo request");
        assertThat(out(w1, "nft list chain ip nat FLANNEL-POSTRTG")).contains(
            "\t\tip saddr " + l1 + " ip daddr 11.0.0.0/8 counter packets 1 bytes 84 return\n",
            "\t\tip saddr 11.0.0.0/8 ip daddr != 224.0.0.0/4 counter packets 1 bytes 84 masquerade\n");
    }

    @Test
    void withoutIpMasqFlanneldWritesNoRules() {
        Flanneld d1 = flanneld("w1", "10.0.0.3", false);
        world.sim().runFor(SimTime.seconds(5));
        assertThat(d1.lease()).isNotNull();
        assertThat(out(world.namespace("w1"), "nft list ruleset")).isEmpty();
    }
}
