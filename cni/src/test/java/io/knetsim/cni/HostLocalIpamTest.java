package io.knetsim.cni;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.knetsim.fs.FileTree;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.NetnsRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * host-local IPAM: round-robin from the last reserved address, reuse after DEL, the gateway,
 * network and broadcast addresses never handed out, and a /24 that runs out.
 *
 * <pre>
 *   node1 /var/lib/cni/networks/NET/{lock, last_reserved_ip.0, A.B.C.D ("ID\r\nIFNAME")}
 * </pre>
 */
class HostLocalIpamTest {
    private final Node n = new Node();

    /** A list whose only plugin is host-local: ADD just allocates. */
    private NetworkConfigList ipamOnly(String ipam) throws CniError {
        return NetworkConfigs.parse("/etc/cni/net.d/10-ipam.conf", ("{\"cniVersion\": \"1.0.0\", \"name\": \"net\", "
            + "\"type\": \"host-local\", \"ipam\": " + ipam + "}").getBytes());
    }

    private String add(NetworkConfigList l, String id) throws CniError {
        return n.cni.addNetworkList(l, n.host, n.host, RuntimeConf.of(id, "/var/run/netns/" + id, "eth0")).ips().get(0)
            .address().toString();
    }

    private void del(NetworkConfigList l, String id) throws CniError {
        n.cni.delNetworkList(l, n.host, null, RuntimeConf.of(id, "/var/run/netns/" + id, "eth0"));
    }

    @Test
    void roundRobinFromTheLastReservedAddressAndReuseAfterDel() throws CniError {
        NetworkConfigList l = ipamOnly("{\"type\": \"host-local\", \"ranges\": [[{\"subnet\": \"10.1.1.0/24\", "
            + "\"rangeStart\": \"10.1.1.10\", \"rangeEnd\": \"10.1.1.13\"}]], \"dataDir\": \"/run/ipam\"}");
        assertThat(add(l, "a")).isEqualTo("10.1.1.10/24");
        assertThat(add(l, "b")).isEqualTo("10.1.1.11/24");
        del(l, "a");
        assertThat(add(l, "c")).as("round-robin: not the freed .10").isEqualTo("10.1.1.12/24");
        assertThat(add(l, "d")).isEqualTo("10.1.1.13/24");
        assertThat(add(l, "e")).as("wraps to the start, reusing .10").isEqualTo("10.1.1.10/24");
        CniError full = assertThrows(CniError.class, () -> add(l, "f"));
        assertThat(full.code()).isEqualTo(CniError.INTERNAL);
        assertThat(full.msg()).isEqualTo("failed to allocate for range 0: no IP addresses available in range set: "
            + "10.1.1.10-10.1.1.13");
        FileTree f = n.host.files();
        assertThat(f.list("/run/ipam/net")).containsExactly("10.1.1.10", "10.1.1.11", "10.1.1.12", "10.1.1.13",
            "last_reserved_ip.0", "lock");
        assertThat(f.readString("/run/ipam/net/10.1.1.10")).isEqualTo("e\r\neth0");
        assertThat(f.readString("/run/ipam/net/last_reserved_ip.0")).isEqualTo("10.1.1.10");

        CniError dup = assertThrows(CniError.class, () -> add(l, "e"));
        assertThat(dup.msg()).isEqualTo("10.1.1.10 has been allocated to e, duplicate allocation is not allowed");
        assertThat(f.readString("/run/ipam/net/last_reserved_ip.0")).as("a failed ADD changes nothing")
            .isEqualTo("10.1.1.10");
    }

    @Test
    void gatewayNetworkAndBroadcastAreNeverHandedOut() throws CniError {
        NetworkConfigList l = ipamOnly("{\"type\": \"host-local\", \"subnet\": \"10.2.0.0/29\", \"gateway\": \"10.2.0.3\"}");
        List<String> got = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            got.add(add(l, "c" + i));
        }
        assertThat(got).containsExactly("10.2.0.1/29", "10.2.0.2/29", "10.2.0.4/29", "10.2.0.5/29", "10.2.0.6/29");
        assertThat(assertThrows(CniError.class, () -> add(l, "c5")).msg()).isEqualTo("failed to allocate for range 0: "
            + "no IP addresses available in range set: 10.2.0.1-10.2.0.6");
        CniResult r = n.cni.cachedResult(l, n.host, RuntimeConf.of("c2", "/var/run/netns/c2", "eth0"));
        assertThat(r.ips().get(0).gateway().toString()).isEqualTo("10.2.0.3");
    }

    @Test
    void oneAddressPerRangeSetAndRoutes() throws CniError {
        NetworkConfigList l = ipamOnly("{\"type\": \"host-local\", \"ranges\": [[{\"subnet\": \"10.3.0.0/24\"}], "
            + "[{\"subnet\": \"10.4.0.0/24\", \"rangeStart\": \"10.4.0.100\"}, {\"subnet\": \"10.5.0.0/24\"}]], "
            + "\"routes\": [{\"dst\": \"0.0.0.0/0\"}, {\"dst\": \"192.168.0.0/16\", \"gw\": \"10.3.0.254\"}]}");
        CniResult r = n.cni.addNetworkList(l, n.host, n.host, RuntimeConf.of("x", "/var/run/netns/x", "eth0"));
        assertThat(r.toJson("1.0.0").toString()).isEqualTo("{\"cniVersion\":\"1.0.0\",\"ips\":["
            + "{\"address\":\"10.3.0.2/24\",\"gateway\":\"10.3.0.1\"},{\"address\":\"10.4.0.100/24\",\"gateway\":\"10.4.0.1\"}],"
            + "\"routes\":[{\"dst\":\"0.0.0.0/0\"},{\"dst\":\"192.168.0.0/16\",\"gw\":\"10.3.0.254\"}],\"dns\":{}}");
        assertThat(n.host.files().list("/var/lib/cni/networks/net")).containsExactly("10.3.0.2", "10.4.0.100",
            "last_reserved_ip.0", "last_reserved_ip.1", "lock");
    }

    /**
     * 300 pods on a /24 through flannel: 253 get .2-.254, every later ADD fails with the error
     * kubelet shows, and the node keeps no half-made namespace, veth or file of them.
     */
    @Test
    void aSlash24RunsOutCleanly() throws CniError {
        n.file("/run/flannel/subnet.env", "FLANNEL_NETWORK=10.244.0.0/16\nFLANNEL_SUBNET=10.244.1.1/24\nFLANNEL_MTU=1450\n"
            + "FLANNEL_IPMASQ=true\n");
        NetworkConfigList l = NetworkConfigs.parse("/etc/cni/net.d/10-flannel.conflist", """
            {"name": "cbr0", "cniVersion": "1.0.0",
             "plugins": [{"type": "flannel", "delegate": {"hairpinMode": true, "isDefaultGateway": true}}]}
            """.getBytes());
        int ok = 0;
        List<String> errors = new ArrayList<>();
        for (int i = 1; i <= 300; i++) {
            NetNamespace pod = NetnsRegistry.add(n.host, "p" + i);
            RuntimeConf rt = RuntimeConf.of("pod" + i, "/var/run/netns/p" + i, "eth0");
            try {
                CniResult r = n.cni.addNetworkList(l, n.host, rt);
                assertThat(r.ips().get(0).address().toString()).isEqualTo("10.244.1." + (i + 1) + "/24");
                ok++;
            } catch (CniError e) {
                errors.add(e.getMessage());
                assertThat(pod.devices()).as("pod %d after its failed ADD", i).hasSize(1); // lo only
                assertThat(n.host.files().exists("/var/lib/cni/flannel/pod" + i)).isFalse();
                NetnsRegistry.delete(n.host, "p" + i); // what the kubelet does next
            }
        }
        assertThat(ok).isEqualTo(253);
        assertThat(errors).hasSize(47).containsOnly("plugin type=\"flannel\" failed (add): failed to delegate add: "
            + "failed to allocate for range 0: no IP addresses available in range set: 10.244.1.1-10.244.1.254");
        assertThat(n.host.devices()).hasSize(2 + 253); // lo, cni0 and one veth per pod
        assertThat(n.world.namespaces()).hasSize(1 + 253);
        assertThat(n.out("ip netns").lines()).hasSize(253);
        assertThat(n.host.files().list("/var/lib/cni/networks/cbr0")).hasSize(253 + 2);
        assertThat(n.host.files().list("/var/lib/cni/flannel")).hasSize(253);
        assertThat(n.host.files().list("/var/lib/cni/results")).hasSize(253);

        // deleting a pod frees its address, and the next pod gets it
        n.cni.delNetworkList(l, n.host, RuntimeConf.of("pod7", "/var/run/netns/p7", "eth0"));
        NetnsRegistry.delete(n.host, "p7");
        NetnsRegistry.add(n.host, "q1");
        assertThat(n.cni.addNetworkList(l, n.host, RuntimeConf.of("q1", "/var/run/netns/q1", "eth0")).ips().get(0)
            .address().toString()).isEqualTo("10.244.1.8/24");
    }
}
