package io.knetsim.cni.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.knetsim.addr.Cidr;
import io.knetsim.addr.Ipv4Address;
import io.knetsim.cni.CniError;
import io.knetsim.cni.CniPlugin;
import io.knetsim.cni.CniResult;
import io.knetsim.cni.PluginCall;
import io.knetsim.net.IfAddress;
import io.knetsim.net.NetDevice;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.dev.Bridge;
import io.knetsim.net.dev.BridgePort;
import io.knetsim.net.dev.Veth;

/**
 * The {@code bridge} plugin: a Linux bridge on the host (default {@code cni0}) and, per
 * container, a veth pair with one end in the container (named by {@code CNI_IFNAME}) and the
 * other, {@code veth<8 hex>}, a port of the bridge. The IPAM plugin named in {@code ipam}
 * supplies the addresses.
 *
 * <pre>
 *   container netns          host netns
 *   [ eth0 10.244.1.2/24 ]==[ veth1a2b3c4d ]--port--[ cni0 10.244.1.1/24 (isGateway) ]
 *     default via 10.244.1.1 (isDefaultGateway)
 * </pre>
 *
 * <p>Fields: {@code bridge}, {@code isGateway} (the gateway address goes on the bridge and
 * {@code ip_forward} is turned on), {@code isDefaultGateway} (implies isGateway and adds the
 * default route), {@code forceAddress}, {@code ipMasq} (a per-container {@code CNI-...} chain in
 * {@code table ip nat} that masquerades what leaves the pod network, see {@link IpMasq}), {@code hairpinMode}, {@code mtu} (default 1500),
 * {@code promiscMode} (accepted; the model's bridge delivers to the host whatever its FDB says).
 * {@code vlan}, {@code vlanTrunk} and {@code macspoofchk} are refused with code 2.
 *
 * <p>The result lists the bridge, the host veth and the container interface (with its sandbox),
 * and the IPs with {@code interface: 2}. DEL releases the addresses and deletes the container's
 * interface (its peer goes with it); the bridge stays, as it does on Linux.
 */
public final class BridgePlugin implements CniPlugin {
    public static final String DEFAULT_BRIDGE = "cni0";

    @Override
    public String type() {
        return "bridge";
    }

    record Config(String bridge, boolean isGateway, boolean isDefaultGateway, boolean forceAddress, boolean ipMasq,
                  boolean hairpin, int mtu, String ipamType) {
    }

    static Config config(PluginCall call) throws CniError {
        ObjectNode c = call.conf();
        call.unsupported(c, "", "vlan", "vlanTrunk", "macspoofchk");
        String br = call.string(c, "", "bridge", DEFAULT_BRIDGE);
        if (br.isEmpty() || br.length() > 15 || br.contains("/") || br.contains(" ")) {
            throw call.invalid("bridge", "\"" + br + "\" is not a valid interface name");
        }
        boolean defGw = call.bool(c, "", "isDefaultGateway", false);
        boolean gw = call.bool(c, "", "isGateway", false) || defGw;
        boolean force = call.bool(c, "", "forceAddress", false);
        boolean masq = call.bool(c, "", "ipMasq", false);
        boolean hairpin = call.bool(c, "", "hairpinMode", false);
        call.bool(c, "", "promiscMode", false);
        int mtu = call.integer(c, "", "mtu", 1500, 68, 65535);
        String ipam = null;
        JsonNode i = c.get("ipam");
        if (i != null && !i.isNull()) {
            if (!i.isObject()) {
                throw call.invalid("ipam", "expected an object, got " + i);
            }
            ipam = call.string(i, "ipam.", "type", null);
            if (ipam == null || ipam.isEmpty()) {
                throw call.invalid("ipam.type", "missing (the IPAM plugin to run, e.g. host-local)");
            }
        }
        return new Config(br, gw, defGw, force, masq, hairpin, mtu, ipam);
    }

    @Override
    public CniResult add(PluginCall call) throws CniError {
        Config c = config(call);
        NetNamespace host = call.host();
        NetNamespace cont = call.requireContainer();
        Bridge br = ensureBridge(call, host, c);
        String ifName = call.runtime().ifName();
        if (cont.device(ifName) != null) {
            throw new CniError(CniError.INTERNAL, "container veth name \"" + ifName + "\" already exists");
        }
        String hostName = IfaceConfig.hostVethName(host, call.runtime().containerId(), ifName);
        Veth[] v = Veth.createPair(cont, ifName, host, hostName, c.mtu());
        call.onRollback(() -> {
            if (v[0].namespace().device(v[0].ifindex()) == v[0]) {
                v[0].namespace().deleteDevice(v[0]);
            }
        });
        v[1].setUp(true);
        BridgePort port = br.addPort(v[1]);
        port.setHairpin(c.hairpin());

        CniResult r = new CniResult();
        r.addInterface(new CniResult.Interface(br.name(), br.macAddress().toString(), null));
        r.addInterface(new CniResult.Interface(hostName, v[1].macAddress().toString(), null));
        int contIdx = r.addInterface(new CniResult.Interface(ifName, v[0].macAddress().toString(),
            call.runtime().netns()));
        if (c.ipamType() == null) {
            v[0].setUp(true); // L2 only: no addresses
            return r;
        }
        CniResult ipam = call.delegateAdd(c.ipamType(), call.conf().deepCopy());
        if (ipam.ips().isEmpty()) {
            throw new CniError(CniError.INTERNAL, "IPAM plugin returned missing IP config");
        }
        for (CniResult.IpConfig ip : ipam.ips()) {
            Ipv4Address gw = ip.gateway();
            if (gw == null && c.isGateway()) {
                gw = ip.address().network().address().plus(1); // calcGatewayIP: the subnet's first address
            }
            r.ips().add(new CniResult.IpConfig(contIdx, ip.address(), gw));
        }
        r.routes().addAll(ipam.routes());
        if (c.isDefaultGateway()) {
            Cidr def = Cidr.parse("0.0.0.0/0");
            boolean has = r.routes().stream().anyMatch(x -> x.dst().equals(def));
            if (!has) {
                r.routes().add(new CniResult.RouteEntry(def, r.ips().get(0).gateway()));
            }
        }
        r.setDns(ipam.dns());
        IfaceConfig.configure(call, v[0], contIdx, r);
        if (c.isGateway()) {
            for (CniResult.IpConfig ip : r.ips()) {
                ensureGatewayAddress(call, br, new Cidr(ip.gateway(), ip.address().prefixLength()), c.forceAddress());
            }
            if (host.sysctl().ipForward != 1) {
                host.sysctl().ipForward = 1;
                call.onRollback(() -> host.sysctl().ipForward = 0);
            }
        }
        if (c.ipMasq()) {
            String chain = ChainNames.chain(call.networkName(), call.runtime().containerId());
            for (CniResult.IpConfig ip : r.ips()) {
                try {
                    IpMasq.setup(host, ip.address(), chain, call.journal());
                } catch (IllegalArgumentException e) {
                    throw new CniError(CniError.INTERNAL, "failed to set up IP masquerade: " + e.getMessage().strip());
                }
            }
        }
        return r;
    }

    private static Bridge ensureBridge(PluginCall call, NetNamespace host, Config c) throws CniError {
        NetDevice d = host.device(c.bridge());
        if (d != null && !(d instanceof Bridge)) {
            throw new CniError(CniError.INTERNAL, "\"" + c.bridge() + "\" already exists but is not a bridge");
        }
        Bridge br = (Bridge) d;
        if (br == null) {
            br = new Bridge(host, c.bridge());
            br.setMtu(c.mtu());
            Bridge made = br;
            call.onRollback(() -> {
                if (host.device(made.ifindex()) == made) {
                    host.deleteDevice(made);
                }
            });
        }
        if (!br.isUp()) {
            Bridge b = br;
            b.setUp(true);
            call.onRollback(() -> b.setUp(false));
        }
        return br;
    }

    /** {@code ensureAddr}: the gateway address on the bridge, once; another address in that subnet is an error. */
    private static void ensureGatewayAddress(PluginCall call, Bridge br, Cidr gw, boolean force) throws CniError {
        for (IfAddress a : java.util.List.copyOf(br.addresses())) {
            if (a.cidr().equals(gw)) {
                return;
            }
            if (a.subnet().equals(gw.network())) {
                if (!force) {
                    throw new CniError(CniError.INTERNAL, "\"" + br.name() + "\" already has an IP address different from "
                        + gw);
                }
                Cidr old = a.cidr();
                br.namespace().delAddress(br, old);
                call.onRollback(() -> br.namespace().addAddress(br, old));
            }
        }
        br.namespace().addAddress(br, gw);
        call.onRollback(() -> {
            if (br.addresses().stream().anyMatch(x -> x.cidr().equals(gw))) {
                br.namespace().delAddress(br, gw);
            }
        });
    }

    @Override
    public void del(PluginCall call) throws CniError {
        Config c = config(call);
        if (c.ipamType() != null) {
            call.delegateDel(c.ipamType(), call.conf().deepCopy());
        }
        IfaceConfig.deleteContainerLink(call);
        if (c.ipMasq()) {
            IpMasq.teardown(call.host(), ChainNames.chain(call.networkName(), call.runtime().containerId()));
        }
    }

    @Override
    public void check(PluginCall call) throws CniError {
        Config c = config(call);
        CniResult prev = call.requirePrevResult();
        if (c.ipamType() != null) {
            call.delegateCheck(c.ipamType(), call.conf().deepCopy());
        }
        if (call.requireContainer().device(call.runtime().ifName()) != null && !(host(call, c) instanceof Bridge)) {
            throw new CniError(CniError.INTERNAL, "Error: bridge " + c.bridge() + " not found");
        }
        IfaceConfig.checkContainerLink(call, prev);
    }

    private static NetDevice host(PluginCall call, Config c) {
        return call.host().device(c.bridge());
    }
}
