package io.knetsim.cni.flanneld;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.addr.Cidr;
import io.knetsim.kv.EtcdClient;
import io.knetsim.kv.EtcdServer;
import io.knetsim.kv.KvStore;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.World;
import io.knetsim.net.link.LinkConfig;
import io.knetsim.net.topo.Lan;
import io.knetsim.net.topo.Topo;
import io.knetsim.sim.SimTime;
import io.knetsim.tool.CoreTools;
import io.knetsim.tool.Invocation;
import io.knetsim.tool.ToolRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Three flannel daemons leasing subnets from one etcd over the simulated network.
 *
 * <pre>
 *   e1 10.1.0.1 (etcd :2379) --+
 *   w1 10.0.0.3 (flanneld)   --+
 *   w2 10.0.0.4 (flanneld)   --+-- sw
 *   w3 10.0.0.5 (flanneld)   --+
 * </pre>
 */
class FlanneldTest {
    private static final String CONFIG_KEY = "/coreos.com/network/config";
    private final World world = new World(7);
    private final Lan lan = new Lan(world, "sw", LinkConfig.DEFAULT);
    private final NetNamespace e1 = Topo.host(world, "e1");
    private final KvStore store = new KvStore(world.sim());
    private final List<NetNamespace> workers = new ArrayList<>();
    private final List<Flanneld> daemons = new ArrayList<>();
    private final ToolRunner sh = new ToolRunner(CoreTools.registry(), Path.of("."));

    FlanneldTest() {
        lan.attach(e1, "eth0", "10.1.0.1/8");
        EtcdServer.start(e1, store);
        for (int i = 0; i < 3; i++) {
            NetNamespace w = Topo.host(world, "w" + (i + 1));
            lan.attach(w, "eth0", "10.0.0." + (i + 3) + "/8");
            workers.add(w);
        }
    }

    private Flanneld flanneld(NetNamespace w) {
        EtcdRegistry reg = new EtcdRegistry(EtcdClient.of(w, "http://10.1.0.1:2379"), EtcdRegistry.DEFAULT_PREFIX);
        Flanneld d = new Flanneld(w, new LocalManager(reg, world.sim().random("flannel/" + w.name())),
            FlannelOptions.defaults().withIface("eth0"));
        daemons.add(d);
        return d.start();
    }

    private void startAll() {
        workers.forEach(this::flanneld);
    }

    private String out(NetNamespace ns, String line) {
        Invocation inv = sh.run(ns, line);
        assertThat(inv.stderr()).isEmpty();
        return inv.stdout();
    }

    @Test
    void eachWorkerLeasesADistinctSubnetAndProgramsTheOthers() {
        store.set(CONFIG_KEY, false, "{\"Network\":\"11.0.0.0/8\",\"SubnetLen\":20,\"SubnetMin\":\"11.10.0.0\","
            + "\"SubnetMax\":\"11.99.0.0\",\"Backend\":{\"Type\":\"vxlan\",\"VNI\":100,\"Port\":8472}}", null);
        startAll();
        world.sim().runFor(SimTime.seconds(5));

        List<Cidr> leases = daemons.stream().map(d -> d.lease().subnet()).toList();
        assertThat(leases).doesNotHaveDuplicates().allSatisfy(sn -> {
            assertThat(sn.prefixLength()).isEqualTo(20);
            assertThat(Cidr.parse("11.0.0.0/8").contains(sn)).isTrue();
            assertThat(sn.address().compareTo(io.knetsim.addr.Ipv4Address.parse("11.10.0.0"))).isGreaterThanOrEqualTo(0);
            assertThat(sn.address().compareTo(io.knetsim.addr.Ipv4Address.parse("11.99.0.0"))).isLessThanOrEqualTo(0);
        });
        Cidr l1 = leases.get(0);
        assertThat(workers.get(0).files().readString("/run/flannel/subnet.env")).isEqualTo(
            "FLANNEL_NETWORK=11.0.0.0/8\nFLANNEL_SUBNET=" + l1.address().plus(1) + "/20\nFLANNEL_MTU=1450\n"
                + "FLANNEL_IPMASQ=false\n");
        assertThat(daemons.get(0).remotes().keySet()).containsExactlyInAnyOrder(leases.get(1), leases.get(2));

        String routes = out(workers.get(0), "ip route show dev flannel.100");
        for (int i = 1; i < 3; i++) {
            Cidr sn = leases.get(i);
            String mac = daemons.get(i).lease().attrs().backendData().path("VtepMAC").asText();
            assertThat(routes).contains(sn + " via " + sn.address() + " onlink");
            assertThat(out(workers.get(0), "ip neigh show dev flannel.100")).contains(sn.address() + " lladdr " + mac
                + " PERMANENT");
            assertThat(out(workers.get(0), "bridge fdb show dev flannel.100")).contains(mac + " dst 10.0.0." + (i + 3)
                + " self permanent");
        }
        assertThat(out(e1, "etcdctl --endpoints http://127.0.0.1:2379 ls /coreos.com/network/subnets").lines()
            .sorted().collect(Collectors.toList())).containsExactlyElementsOf(leases.stream()
                .map(sn -> "/coreos.com/network/subnets/" + Lease.keyOf(sn)).sorted().toList());
    }

    @Test
    void aSeedFixesEveryWorkersSubnet() {
        store.set(CONFIG_KEY, false, "{\"Network\":\"11.0.0.0/8\",\"SubnetLen\":20,\"SubnetMin\":\"11.10.0.0\","
            + "\"SubnetMax\":\"11.99.0.0\",\"Backend\":{\"Type\":\"vxlan\",\"VNI\":100}}", null);
        startAll();
        world.sim().runFor(SimTime.seconds(5));
        List<Cidr> first = daemons.stream().map(d -> d.lease().subnet()).toList();

        FlanneldTest again = new FlanneldTest();
        again.store.set(CONFIG_KEY, false, "{\"Network\":\"11.0.0.0/8\",\"SubnetLen\":20,\"SubnetMin\":\"11.10.0.0\","
            + "\"SubnetMax\":\"11.99.0.0\",\"Backend\":{\"Type\":\"vxlan\",\"VNI\":100}}", null);
        again.startAll();
        again.world.sim().runFor(SimTime.seconds(5));
        assertThat(again.daemons.stream().map(d -> d.lease().subnet()).toList()).isEqualTo(first);
    }

    @Test
    void withoutAConfigTheDaemonRetriesEverySecondUntilOneIsSet() {
        Flanneld d = flanneld(workers.get(0));
        world.sim().runFor(SimTime.ms(2500));
        assertThat(d.lease()).isNull();
        assertThat(d.log()).filteredOn(l -> l.contains("Couldn't fetch network config: 100: Key not found "
            + "(/coreos.com) ")).hasSize(3);
        store.set(CONFIG_KEY, false, "{\"Network\":\"10.244.0.0/16\",\"Backend\":{\"Type\":\"host-gw\"}}", null);
        world.sim().runFor(SimTime.seconds(2));
        assertThat(d.lease()).isNotNull();
        assertThat(d.lease().subnet().prefixLength()).isEqualTo(24);
        assertThat(workers.get(0).files().readString("/run/flannel/subnet.env")).contains("FLANNEL_MTU=1500\n");
    }

    @Test
    void anUnmodelledBackendStopsTheDaemonWithFlannelsMessage() {
        store.set(CONFIG_KEY, false, "{\"Network\":\"10.244.0.0/16\"}", null);
        Flanneld d = flanneld(workers.get(0));
        world.sim().runFor(SimTime.seconds(2));
        assertThat(d.running()).isFalse();
        assertThat(d.failure()).startsWith("Error fetching backend: unknown backend type: udp");
    }

    @Test
    void aDeletedLeaseIsRemovedFromTheOthersAndAnExpiredOneToo() {
        store.set(CONFIG_KEY, false, "{\"Network\":\"11.0.0.0/8\",\"SubnetLen\":20,\"Backend\":{\"Type\":\"host-gw\"}}",
            null);
        startAll();
        world.sim().runFor(SimTime.seconds(5));
        Cidr l2 = daemons.get(1).lease().subnet();
        Cidr l3 = daemons.get(2).lease().subnet();
        assertThat(out(workers.get(0), "ip route show " + l2)).isEqualTo(l2 + " via 10.0.0.4 dev eth0 \n");

        daemons.get(1).stop();
        store.delete("/coreos.com/network/subnets/" + Lease.keyOf(l2), false, false);
        world.sim().runFor(SimTime.seconds(1));
        assertThat(out(workers.get(0), "ip route show " + l2)).isEmpty();
        assertThat(daemons.get(0).remotes()).doesNotContainKey(l2);

        // w3's daemon dies: nobody renews its lease, which expires after 24 hours
        daemons.get(2).stop();
        world.sim().runFor(SimTime.seconds(25 * 3600));
        assertThat(out(workers.get(0), "ip route show " + l3)).isEmpty();
        assertThat(daemons.get(0).lease()).isNotNull();
        assertThat(daemons.get(0).log()).anyMatch(l -> l.contains("Lease renewed"));
    }
}
