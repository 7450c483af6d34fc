package io.knetsim.cni.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.knetsim.addr.Ipv4Address;
import io.knetsim.cni.CniError;
import io.knetsim.cni.CniPlugin;
import io.knetsim.cni.CniResult;
import io.knetsim.cni.PluginCall;
import io.knetsim.net.NetNamespace;
import io.knetsim.netfilter.conntrack.Conntrack;
import io.knetsim.netfilter.conntrack.ConntrackEntry;
import io.knetsim.netfilter.nft.Nftables;
import io.knetsim.packet.Ipv4Header;
import io.knetsim.tool.nft.Nft;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code portmap} plugin, chained after the plugin that gives the container its address:
 * it forwards host ports to the container from the {@code portMappings} capability
 * ({@code runtimeConfig.portMappings}: {@code hostPort}, {@code containerPort}, {@code protocol},
 * {@code hostIP}), with the reference plugin's iptables chains as iptables-nft writes them:
 *
 * <pre>
 * table ip nat {
 *   PREROUTING, OUTPUT:  fib daddr type local counter jump CNI-HOSTPORT-DNAT   (-m addrtype --dst-type LOCAL)
 *   POSTROUTING:         counter jump CNI-HOSTPORT-MASQ
 *   CNI-HOSTPORT-DNAT:   tcp dport { 8080 } counter jump CNI-DN-...            (one rule per protocol and container)
 *   CNI-DN-...:          ip saddr 10.22.0.2 tcp dport 8080 counter jump CNI-HOSTPORT-SETMARK   (hairpin)
 *                        ip saddr 127.0.0.1 tcp dport 8080 counter jump CNI-HOSTPORT-SETMARK   (localhost)
 *                        tcp dport 8080 counter dnat to 10.22.0.2:80
 *   CNI-HOSTPORT-SETMARK: counter meta mark set meta mark | 0x00002000
 *   CNI-HOSTPORT-MASQ:    meta mark & 0x00002000 == 0x00002000 counter masquerade
 * }
 * </pre>
 *
 * Fields: {@code snat} (default true: the hairpin and localhost rules and the two mark chains),
 * {@code markMasqBit} (default 13). The plugin's {@code --set-xmark 0x2000/0x2000} and
 * {@code --mark 0x2000/0x2000} are the bit set into and tested in the mark, as iptables-nft
 * lists them ({@code meta mark set meta mark | 0x00002000},
 * {@code meta mark & 0x00002000 == 0x00002000}). {@code externalSetMarkChain}, {@code conditionsV4} and
 * {@code conditionsV6} are refused with code 2. ADD deletes conntrack's UDP entries to the host
 * ports, as the plugin does, and returns {@code prevResult}; DEL removes the container's chain
 * and its jump; the shared chains stay.
 */
public final class PortmapPlugin implements CniPlugin {
    /** The chain PREROUTING and OUTPUT jump to for local destinations. */
    public static final String DNAT_CHAIN = "CNI-HOSTPORT-DNAT";
    public static final String SETMARK_CHAIN = "CNI-HOSTPORT-SETMARK";
    public static final String MASQ_CHAIN = "CNI-HOSTPORT-MASQ";

    @Override
    public String type() {
        return "portmap";
    }

    record Config(boolean snat, int markBit, List<PortMapping> mappings) {
    }

    static Config config(PluginCall call) throws CniError {
        ObjectNode c = call.conf();
        call.unsupported(c, "", "externalSetMarkChain", "conditionsV4", "conditionsV6");
        boolean snat = call.bool(c, "", "snat", true);
        int bit = call.integer(c, "", "markMasqBit", 13, 0, 31);
        List<PortMapping> maps = new ArrayList<>();
        JsonNode pm = c.path("runtimeConfig").path("portMappings");
        if (!pm.isMissingNode() && !pm.isNull()) {
            if (!pm.isArray()) {
                throw call.invalid("runtimeConfig.portMappings", "expected an array, got " + pm);
            }
            for (int i = 0; i < pm.size(); i++) {
                maps.add(mapping(call, pm.get(i), "runtimeConfig.portMappings[" + i + "]."));
            }
        }
        return new Config(snat, bit, maps);
    }

    private static PortMapping mapping(PluginCall call, JsonNode m, String path) throws CniError {
        if (!m.isObject()) {
            throw call.invalid(path.substring(0, path.length() - 1), "expected an object, got " + m);
        }
        int container = call.integer(m, path, "containerPort", 0, Integer.MIN_VALUE, Integer.MAX_VALUE);
        if (container <= 0 || container > 65535) {
            throw new CniError(CniError.INTERNAL, "Invalid container port number: " + container);
        }
        int host = call.integer(m, path, "hostPort", 0, Integer.MIN_VALUE, Integer.MAX_VALUE);
        if (host <= 0 || host > 65535) {
            throw new CniError(CniError.INTERNAL, "Invalid host port number: " + host);
        }
        String proto = call.string(m, path, "protocol", "tcp").toLowerCase(Locale.ROOT);
        if (!proto.equals("tcp") && !proto.equals("udp")) {
            throw call.invalid(path + "protocol", "\"" + proto + "\" is not modelled by knetsim (tcp or udp)");
        }
        String hostIp = call.string(m, path, "hostIP", "");
        Ipv4Address ip = null;
        if (!hostIp.isEmpty()) {
            if (!Ipv4Address.isValid(hostIp)) {
                throw call.invalid(path + "hostIP", "invalid IP address: " + hostIp);
            }
            ip = Ipv4Address.parse(hostIp);
        }
        return new PortMapping(host, container, proto, ip);
    }

    @Override
    public CniResult add(PluginCall call) throws CniError {
        Config c = config(call);
        CniResult prev = call.prevResult();
        if (prev == null) {
            throw new CniError(CniError.INTERNAL, "must be called as chained plugin");
        }
        if (c.mappings().isEmpty()) {
            return prev;
        }
        Ipv4Address cont = containerAddress(call, prev);
        NetNamespace host = call.host();
        Nftables nft = host.nftables();
        String chain = ChainNames.chain(call.networkName(), call.runtime().containerId(), "DN-");
        boolean hadTop = NatTable.hasChain(nft, DNAT_CHAIN);
        boolean hadMasq = NatTable.hasChain(nft, MASQ_CHAIN);
        NatTable.Before before = NatTable.before(nft);
        try {
            Nft.run(nft, commands(c, cont, chain, hadTop, hadMasq));
        } catch (IllegalArgumentException e) {
            throw new CniError(CniError.INTERNAL, "failed to set up port forwarding: " + e.getMessage().strip());
        }
        call.onRollback(() -> {
            NatTable.removeChain(nft, chain);
            if (!hadTop) {
                NatTable.removeChain(nft, DNAT_CHAIN);
            }
            if (!hadMasq) {
                NatTable.removeChain(nft, SETMARK_CHAIN);
                NatTable.removeChain(nft, MASQ_CHAIN);
            }
            NatTable.restore(nft, before);
        });
        deleteUdpFlows(nft.conntrack(), c.mappings());
        return prev;
    }

    /** The first IPv4 address on the container's own interface ({@code CNI_IFNAME} in a sandbox). */
    private static Ipv4Address containerAddress(PluginCall call, CniResult prev) throws CniError {
        for (CniResult.IpConfig ip : prev.ips()) {
            Integer idx = ip.iface();
            if (idx != null && idx >= 0 && idx < prev.interfaces().size()) {
                CniResult.Interface i = prev.interfaces().get(idx);
                if (!i.name().equals(call.runtime().ifName()) || i.sandbox() == null || i.sandbox().isEmpty()) {
                    continue;
                }
            }
            return ip.address().address();
        }
        throw new CniError(CniError.INTERNAL, "no IPv4 address for interface " + call.runtime().ifName()
            + " in prevResult");
    }

    private static String commands(Config c, Ipv4Address cont, String chain, boolean hadTop, boolean hadMasq) {
        String mark = String.format(Locale.ROOT, "0x%08x", 1L << c.markBit());
        StringBuilder sb = new StringBuilder("add table ip nat\n");
        if (!hadTop) {
            sb.append(NatTable.ensure("PREROUTING")).append(NatTable.ensure("OUTPUT"))
                .append("add chain ip nat ").append(DNAT_CHAIN).append('\n')
                .append("add rule ip nat PREROUTING fib daddr type local counter jump ").append(DNAT_CHAIN).append('\n')
                .append("add rule ip nat OUTPUT fib daddr type local counter jump ").append(DNAT_CHAIN).append('\n');
        }
        if (c.snat() && !hadMasq) {
            sb.append(NatTable.ensurePostrouting())
                .append("add chain ip nat ").append(SETMARK_CHAIN).append('\n')
                .append("add rule ip nat ").append(SETMARK_CHAIN).append(" counter meta mark set meta mark | ").append(mark).append('\n')
                .append("add chain ip nat ").append(MASQ_CHAIN).append('\n')
                .append("add rule ip nat ").append(MASQ_CHAIN).append(" meta mark & ").append(mark)
                .append(" == ").append(mark).append(" counter masquerade\n")
                .append("add rule ip nat POSTROUTING counter jump ").append(MASQ_CHAIN).append('\n');
        }
        sb.append("add chain ip nat ").append(chain).append('\n');
        Map<String, List<Integer>> byProto = new LinkedHashMap<>();
        for (PortMapping m : c.mappings()) {
            byProto.computeIfAbsent(m.protocol(), k -> new ArrayList<>()).add(m.hostPort());
        }
        for (Map.Entry<String, List<Integer>> e : byProto.entrySet()) {
            StringBuilder ports = new StringBuilder();
            for (int p : e.getValue()) {
                ports.append(ports.length() == 0 ? "" : ", ").append(p);
            }
            sb.append("add rule ip nat ").append(DNAT_CHAIN).append(' ').append(e.getKey()).append(" dport { ")
                .append(ports).append(" } counter jump ").append(chain).append('\n');
        }
        for (PortMapping m : c.mappings()) {
            String base = (m.hostIp() != null ? "ip daddr " + m.hostIp() + " " : "") + m.protocol() + " dport "
                + m.hostPort();
            if (c.snat()) {
                sb.append("add rule ip nat ").append(chain).append(" ip saddr ").append(cont).append(' ').append(base)
                    .append(" counter jump ").append(SETMARK_CHAIN).append('\n');
                sb.append("add rule ip nat ").append(chain).append(" ip saddr 127.0.0.1 ").append(base)
                    .append(" counter jump ").append(SETMARK_CHAIN).append('\n');
            }
            sb.append("add rule ip nat ").append(chain).append(' ').append(base).append(" counter dnat to ")
                .append(cont).append(':').append(m.containerPort()).append('\n');
        }
        return sb.toString();
    }

    /** {@code deletePortmapStaleConnections}: UDP flows to a host port would keep their old destination. */
    private static void deleteUdpFlows(Conntrack ct, List<PortMapping> maps) {
        for (ConntrackEntry e : ct.entries()) {
            for (PortMapping m : maps) {
                if (m.protocol().equals("udp") && e.original().proto() == Ipv4Header.PROTO_UDP
                    && e.original().dport() == m.hostPort()) {
                    ct.delete(e);
                }
            }
        }
    }

    @Override
    public void del(PluginCall call) throws CniError {
        config(call);
        NatTable.removeChain(call.host().nftables(),
            ChainNames.chain(call.networkName(), call.runtime().containerId(), "DN-"));
    }

    @Override
    public void check(PluginCall call) throws CniError {
        Config c = config(call);
        if (call.prevResult() == null) {
            throw new CniError(CniError.INTERNAL, "must be called as chained plugin");
        }
        String chain = ChainNames.chain(call.networkName(), call.runtime().containerId(), "DN-");
        if (!c.mappings().isEmpty() && !NatTable.hasChain(call.host().nftables(), chain)) {
            throw new CniError(CniError.INTERNAL, "could not find chain " + chain + " in table ip nat");
        }
    }
}
