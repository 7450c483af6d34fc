package io.knetsim.scenarios.scenario;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.knetsim.addr.Cidr;
import io.knetsim.addr.Ipv4Address;

/**
 * A cluster's flannel network configuration, the value {@code etcdctl set
 * /coreos.com/network/config} stores, in typed form:
 *
 * <pre>
 *   {"Network":"11.0.0.0/8","SubnetLen":20,"SubnetMin":"11.10.0.0","SubnetMax":"11.99.0.0",
 *    "Backend":{"Type":"vxlan","VNI":100,"Port":8472}}
 * </pre>
 *
 * @param subnetLen the leases' prefix length, or 0 to let flannel choose
 * @param subnetMin null to let flannel choose (the network's second subnet)
 * @param subnetMax null to let flannel choose (its last subnet)
 * @param vni       the VXLAN network identifier (vxlan only)
 * @param port      the VXLAN UDP port (vxlan only)
 */
public record Flannel(Cidr network, int subnetLen, Ipv4Address subnetMin, Ipv4Address subnetMax, Backend backend,
                      int vni, int port) {
    /** How flannel carries pod traffic between workers. */
    public enum Backend {
        /** Encapsulation in VXLAN over UDP: works across any underlay. */
        VXLAN("vxlan"),
        /** Plain routes to each worker's subnet through that worker: the workers share one L2 network. */
        HOST_GW("host-gw");

        private final String type;

        Backend(String type) {
            this.type = type;
        }

        /** The name in flannel's {@code Backend.Type}. */
        public String type() {
            return type;
        }

        /** The backend named {@code type}, or null. */
        public static Backend of(String type) {
            for (Backend b : values()) {
                if (b.type.equals(type)) {
                    return b;
                }
            }
            return null;
        }
    }

    /** The original labs' network: 11.0.0.0/8, /20 leases between 11.10.0.0 and 11.99.0.0. */
    public static final Cidr LABS_NETWORK = Cidr.parse("11.0.0.0/8");

    /** The original labs' configuration: VXLAN, VNI 100, UDP port 8472. */
    public static final Flannel LABS = new Flannel(LABS_NETWORK, 20, Ipv4Address.parse("11.10.0.0"),
        Ipv4Address.parse("11.99.0.0"), Backend.VXLAN, 100, 8472);

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The labs' network with the VXLAN backend, this VNI and port 8472. */
    public static Flannel vxlan(int vni) {
        return LABS.withBackend(Backend.VXLAN).withVni(vni);
    }

    /** The labs' network with the host-gw backend. */
    public static Flannel hostGw() {
        return LABS.withBackend(Backend.HOST_GW);
    }

    /**
     * Another network; the lease length and range are left to flannel (0 and null) unless it
     * is the labs' network, which keeps the labs' /20 leases in 11.10.0.0-11.99.0.0.
     */
    public Flannel withNetwork(Cidr n) {
        boolean labs = n.equals(LABS_NETWORK);
        return new Flannel(n, labs ? LABS.subnetLen : 0, labs ? LABS.subnetMin : null, labs ? LABS.subnetMax : null,
            backend, vni, port);
    }

    public Flannel withSubnetLen(int len) {
        return new Flannel(network, len, subnetMin, subnetMax, backend, vni, port);
    }

    public Flannel withSubnetRange(Ipv4Address min, Ipv4Address max) {
        return new Flannel(network, subnetLen, min, max, backend, vni, port);
    }

    public Flannel withBackend(Backend b) {
        return new Flannel(network, subnetLen, subnetMin, subnetMax, b, vni, port);
    }

    public Flannel withVni(int v) {
        return new Flannel(network, subnetLen, subnetMin, subnetMax, backend, v, port);
    }

    public Flannel withPort(int p) {
        return new Flannel(network, subnetLen, subnetMin, subnetMax, backend, vni, p);
    }

    /** The JSON flannel reads from etcd (the host-gw backend has no VNI or port). */
    public String toJson() {
        ObjectNode n = JSON.createObjectNode();
        n.put("Network", network.toString());
        if (subnetLen > 0) {
            n.put("SubnetLen", subnetLen);
        }
        if (subnetMin != null) {
            n.put("SubnetMin", subnetMin.toString());
        }
        if (subnetMax != null) {
            n.put("SubnetMax", subnetMax.toString());
        }
        ObjectNode b = n.putObject("Backend");
        b.put("Type", backend.type());
        if (backend == Backend.VXLAN) {
            b.put("VNI", vni);
            b.put("Port", port);
        }
        return n.toString();
    }
}
