package io.knetsim.kubeproxy.vip;

import io.knetsim.addr.Cidr;
import io.knetsim.addr.Ipv4Address;
import io.knetsim.net.NetDevice;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.route.Route;
import io.knetsim.net.route.RouteType;
import io.knetsim.tool.nft.NftScript;
import java.util.List;

/**
 * The original knetsim labs' "kube-proxy": static virtual IPs programmed by hand with nft, as
 * the labs' {@code Cluster.kp_vip_add(vip, [containers])} does it on every worker:
 *
 * <pre>
 *   table ip nat {
 *       chain PREROUTING {                      pods reach the VIP through their gateway
 *           type nat hook prerouting priority dstnat; policy accept;
 *           ip daddr 100.64.10.1 counter packets 0 bytes 0 dnat to jhash ip checksum mod 2 map { 0 : 11.13.176.2, 1 : 11.10.16.2 }
 *       }
 *       chain OUTPUT {                          the worker itself (host access)
 *           type nat hook output priority -100; policy accept;
 *           ip daddr 100.64.10.1 counter packets 0 bytes 0 dnat to jhash ip checksum mod 2 map { ... }
 *       }
 *   }
 *   100.64.0.0/16 dev cni0 scope link           so the worker has a route to the VIPs before NAT
 * </pre>
 *
 * The backend is a hash of the IP header checksum, so it changes from packet to packet and
 * flow to flow; conntrack keeps each flow on the backend its first packet got. Nothing watches
 * the pods: a deleted backend stays in the map, and the flows hashed to it fail until the rule
 * is changed, which is the failure mode the labs show.
 */
public final class StaticVips {
    /** The range the labs take their VIPs from (RFC 6598 shared address space, first /16). */
    public static final Cidr VIP_RANGE = Cidr.parse("100.64.0.0/16");
    /** The nat table and chains the labs' {@code setup_kp} made. */
    public static final String TABLE = "nat";
    public static final String PREROUTING = "PREROUTING";
    public static final String OUTPUT = "OUTPUT";

    private StaticVips() {
    }

    /**
     * The labs' {@code setup_kp} on one worker (idempotent): table {@code ip nat} with the
     * {@code PREROUTING} and {@code OUTPUT} nat chains, and a route for {@link #VIP_RANGE} through
     * {@code routeDev} (the pods' bridge, {@code cni0}) unless the worker already has one.
     */
    public static void setup(NetNamespace worker, String routeDev) {
        NetDevice dev = worker.device(routeDev);
        if (dev == null) {
            throw new IllegalArgumentException(worker.name() + ": no device " + routeDev + " to route "
                + VIP_RANGE + " through");
        }
        NftScript.apply(worker.nftables(), "kp-setup", """
            add table ip nat
            add chain ip nat PREROUTING { type nat hook prerouting priority dstnat; }
            add chain ip nat OUTPUT { type nat hook output priority -100; }
            """);
        boolean routed = worker.routes().routes().stream().anyMatch(r -> r.dst().equals(VIP_RANGE));
        if (!routed) {
            worker.routes().add(new Route(VIP_RANGE, RouteType.UNICAST, Ipv4Address.ANY, dev, 0, Ipv4Address.ANY,
                Route.Scope.LINK, Route.PROTO_BOOT, false));
        }
    }

    /**
     * The rule {@code kp_vip_add} adds for {@code vip} in {@code chain}:
     * {@code ip daddr VIP counter dnat to jhash ip checksum mod N map { 0 : ip0, 1 : ip1 }}.
     */
    public static String rule(String chain, String vip, List<String> podIps) {
        check(vip, podIps);
        StringBuilder map = new StringBuilder();
        for (int i = 0; i < podIps.size(); i++) {
            map.append(i == 0 ? "" : ", ").append(i).append(" : ").append(podIps.get(i));
        }
        return "add rule ip " + TABLE + " " + chain + " ip daddr " + vip + " counter dnat to jhash ip checksum mod "
            + podIps.size() + " map { " + map + " }";
    }

    /**
     * {@code kp_vip_add(vip, [containers])} with the containers' pod addresses: on every worker,
     * {@link #setup} (with {@code routeDev}) and the VIP's rule in both chains, as one nft
     * transaction per worker. Adding the same VIP again appends another rule, as the labs do;
     * the first one that matches wins.
     */
    public static void add(List<NetNamespace> workers, String routeDev, String vip, List<String> podIps) {
        check(vip, podIps);
        for (NetNamespace w : workers) {
            if (w.device(routeDev) == null) {
                throw new IllegalArgumentException(w.name() + ": no device " + routeDev + " to route " + VIP_RANGE
                    + " through");
            }
        }
        String script = rule(PREROUTING, vip, podIps) + "\n" + rule(OUTPUT, vip, podIps) + "\n";
        for (NetNamespace w : workers) {
            setup(w, routeDev);
            NftScript.apply(w.nftables(), "kp_vip_add", script);
        }
    }

    private static void check(String vip, List<String> podIps) {
        Ipv4Address a;
        try {
            a = Ipv4Address.parse(vip);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("kp_vip_add: vip: '" + vip + "' is not an IPv4 address");
        }
        if (!VIP_RANGE.contains(a)) {
            throw new IllegalArgumentException("kp_vip_add: vip: " + vip + " is outside " + VIP_RANGE
                + ", the range the workers route to the VIPs");
        }
        if (podIps.isEmpty()) {
            throw new IllegalArgumentException("kp_vip_add: no backends for " + vip
                + " (nft's jhash ... mod 0 would be refused)");
        }
        for (String ip : podIps) {
            if (ip == null || ip.isEmpty()) {
                throw new IllegalArgumentException("kp_vip_add: a backend of " + vip + " has no pod IP");
            }
        }
    }
}
