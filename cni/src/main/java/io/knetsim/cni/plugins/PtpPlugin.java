package io.knetsim.cni.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import io.knetsim.addr.Cidr;
import io.knetsim.addr.Ipv4Address;
import io.knetsim.cni.CniError;
import io.knetsim.cni.CniPlugin;
import io.knetsim.cni.CniResult;
import io.knetsim.cni.PluginCall;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.dev.Veth;
import io.knetsim.net.route.Route;
import io.knetsim.net.route.RouteType;

/**
 * The {@code ptp} plugin: a veth per container and no bridge; the host routes to each
 * container by a /32, as routed CNIs (Calico, kube-router) do.
 *
 * <pre>
 *   container netns                              host netns (ip_forward on)
 *   [ eth0 10.1.1.5/24 ]=======================[ veth1a2b3c4d 10.1.1.1/32 ]
 *     10.1.1.1 dev eth0 scope link src 10.1.1.5    10.1.1.5 dev veth1a2b3c4d scope host
 *     10.1.1.0/24 via 10.1.1.1 dev eth0 src 10.1.1.5
 *     (IPAM routes, e.g. default via 10.1.1.1)
 * </pre>
 *
 * The gateway address is put on every host veth as a /32, so each container reaches the host
 * and, through it, every other container. Fields: {@code mtu} (default 1500), {@code ipMasq}
 * (accepted; its rule comes with the rule VM), {@code ipam} (required). The result lists the host
 * veth and the container interface; IPs have {@code interface: 1}.
 */
public final class PtpPlugin implements CniPlugin {
    @Override
    public String type() {
        return "ptp";
    }

    private static String ipamType(PluginCall call) throws CniError {
        JsonNode i = call.conf().get("ipam");
        if (i == null || !i.isObject()) {
            throw call.invalid("ipam", "missing (ptp needs an IPAM plugin, e.g. {\"type\": \"host-local\", ...})");
        }
        String t = call.string(i, "ipam.", "type", null);
        if (t == null || t.isEmpty()) {
            throw call.invalid("ipam.type", "missing (the IPAM plugin to run, e.g. host-local)");
        }
        return t;
    }

    @Override
    public CniResult add(PluginCall call) throws CniError {
        String ipamType = ipamType(call);
        int mtu = call.integer(call.conf(), "", "mtu", 1500, 68, 65535);
        call.bool(call.conf(), "", "ipMasq", false);
        NetNamespace host = call.host();
        NetNamespace cont = call.requireContainer();
        String ifName = call.runtime().ifName();
        if (cont.device(ifName) != null) {
            throw new CniError(CniError.INTERNAL, "container veth name \"" + ifName + "\" already exists");
        }
        CniResult ipam = call.delegateAdd(ipamType, call.conf().deepCopy());
        if (ipam.ips().isEmpty()) {
            throw new CniError(CniError.INTERNAL, "IPAM plugin returned missing IP config");
        }
        if (host.sysctl().ipForward != 1) {
            host.sysctl().ipForward = 1;
            call.onRollback(() -> host.sysctl().ipForward = 0);
        }
        String hostName = IfaceConfig.hostVethName(host, call.runtime().containerId(), ifName);
        Veth[] v = Veth.createPair(cont, ifName, host, hostName, mtu);
        call.onRollback(() -> {
            if (v[0].namespace().device(v[0].ifindex()) == v[0]) {
                v[0].namespace().deleteDevice(v[0]);
            }
        });
        CniResult r = new CniResult();
        r.addInterface(new CniResult.Interface(hostName, v[1].macAddress().toString(), null));
        int contIdx = r.addInterface(new CniResult.Interface(ifName, v[0].macAddress().toString(),
            call.runtime().netns()));
        for (CniResult.IpConfig ip : ipam.ips()) {
            r.ips().add(new CniResult.IpConfig(contIdx, ip.address(), ip.gateway()));
        }
        r.routes().addAll(ipam.routes());
        r.setDns(ipam.dns());

        // container side: address and IPAM routes, then the subnet reached through the gateway /32
        IfaceConfig.configure(call, v[0], contIdx, r);
        for (CniResult.IpConfig ip : r.ips()) {
            if (ip.gateway() == null) {
                throw new CniError(CniError.INTERNAL, "ptp: the IPAM result for " + ip.address() + " has no gateway");
            }
            Cidr subnet = ip.address().network();
            cont.routes().removeIf(x -> x.dev() == v[0] && x.dst().equals(subnet) && Route.PROTO_KERNEL.equals(x.proto()));
            IfaceConfig.addRoute(call, cont, new Route(new Cidr(ip.gateway(), 32), RouteType.UNICAST, Ipv4Address.ANY,
                v[0], 0, ip.address().address(), Route.Scope.LINK, Route.PROTO_BOOT, false));
            IfaceConfig.addRoute(call, cont, new Route(subnet, RouteType.UNICAST, ip.gateway(), v[0], 0,
                ip.address().address(), Route.Scope.UNIVERSE, Route.PROTO_BOOT, false));
        }
        // host side: the gateway as a /32 on the veth, and a host route to the container
        v[1].setUp(true);
        for (CniResult.IpConfig ip : r.ips()) {
            host.addAddress(v[1], new Cidr(ip.gateway(), 32));
            Cidr dst = new Cidr(ip.address().address(), 32);
            IfaceConfig.addRoute(call, host, new Route(dst, RouteType.UNICAST, Ipv4Address.ANY, v[1], 0,
                Ipv4Address.ANY, Route.Scope.HOST, Route.PROTO_BOOT, false));
        }
        return r;
    }

    @Override
    public void del(PluginCall call) throws CniError {
        String ipamType = ipamType(call);
        call.delegateDel(ipamType, call.conf().deepCopy());
        IfaceConfig.deleteContainerLink(call);
    }

    @Override
    public void check(PluginCall call) throws CniError {
        String ipamType = ipamType(call);
        CniResult prev = call.requirePrevResult();
        call.delegateCheck(ipamType, call.conf().deepCopy());
        IfaceConfig.checkContainerLink(call, prev);
    }
}
