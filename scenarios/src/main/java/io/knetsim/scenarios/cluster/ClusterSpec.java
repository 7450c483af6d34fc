package io.knetsim.scenarios.cluster;

import java.util.List;

/**
 * What a cluster is made of: its name ({@code C0}), its etcd hosts and workers with their
 * underlay addresses, and the flannel network configuration loaded into its etcd.
 *
 * @param flannelConfig the JSON value of {@code /coreos.com/network/config}
 */
public record ClusterSpec(String name, List<Host> etcd, List<Host> workers, String flannelConfig) {
    /** A host of the cluster: its short name ({@code w1}, {@code e1}) and underlay address. */
    public record Host(String shortName, String address) {
    }

    /** The original labs' flannel configuration: VXLAN, VNI 100, port 8472, /20 leases in 11.10-11.99. */
    public static final String FLANNEL_VXLAN = "{\"Network\":\"11.0.0.0/8\",\"SubnetLen\":20,\"SubnetMin\":\"11.10.0.0\","
        + "\"SubnetMax\":\"11.99.0.0\",\"Backend\":{\"Type\":\"vxlan\",\"VNI\":100,\"Port\":8472}}";

    /** The same network with the host-gw backend. */
    public static final String FLANNEL_HOST_GW = "{\"Network\":\"11.0.0.0/8\",\"SubnetLen\":20,\"SubnetMin\":\"11.10.0.0\","
        + "\"SubnetMax\":\"11.99.0.0\",\"Backend\":{\"Type\":\"host-gw\"}}";

    public ClusterSpec {
        etcd = List.copyOf(etcd);
        workers = List.copyOf(workers);
    }

    /**
     * Cluster {@code C<index>} of the default world: etcd hosts {@code 10.<index+1>.0.1-2}, three
     * workers {@code 10.0.0.3-5} (C0) or {@code 10.0.0.8-10} (C1), flannel as the original labs.
     */
    public static ClusterSpec defaultCluster(int index) {
        int base = index == 0 ? 3 : 8 + 5 * (index - 1);
        return new ClusterSpec("C" + index,
            List.of(new Host("e1", "10." + (index + 1) + ".0.1"), new Host("e2", "10." + (index + 1) + ".0.2")),
            List.of(new Host("w1", "10.0.0." + base), new Host("w2", "10.0.0." + (base + 1)),
                new Host("w3", "10.0.0." + (base + 2))),
            FLANNEL_VXLAN);
    }

    /** This cluster with another flannel configuration. */
    public ClusterSpec withFlannelConfig(String json) {
        return new ClusterSpec(name, etcd, workers, json);
    }

    /** The world-wide name of one of its hosts: {@code C0w1}. */
    public String hostName(Host h) {
        return name + h.shortName();
    }
}
