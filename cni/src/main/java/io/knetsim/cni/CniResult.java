package io.knetsim.cni;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.knetsim.addr.Cidr;
import io.knetsim.addr.Ipv4Address;
import java.util.ArrayList;
import java.util.List;

/**
 * The result of an ADD: the interfaces made, the addresses given, routes and DNS, as the spec's
 * JSON has them. Held without a version; {@link #toJson(String)} writes it for one.
 *
 * <pre>
 *   1.0.0:  {"cniVersion": "1.0.0",
 *            "interfaces": [{"name": "cni0", "mac": "..."}, ..., {"name": "eth0", "mac": "...", "sandbox": "/var/run/netns/c1"}],
 *            "ips": [{"interface": 2, "address": "10.244.1.2/24", "gateway": "10.244.1.1"}],
 *            "routes": [{"dst": "11.0.0.0/8"}],
 *            "dns": {}}
 *   0.4.0:  the same, with "version": "4" first in every ip.
 * </pre>
 *
 * Empty {@code interfaces}, {@code ips} and {@code routes} are left out and {@code dns} is always
 * there, as Go's {@code omitempty} treats slices and structs.
 */
public final class CniResult {
    /** An interface: {@code sandbox} is the netns path for one inside the container, else null. */
    public record Interface(String name, String mac, String sandbox) {
    }

    /** An address: {@code iface} indexes {@link #interfaces()} (null if none), {@code gateway} may be null. */
    public record IpConfig(Integer iface, Cidr address, Ipv4Address gateway) {
    }

    /** A route: {@code gw} null means the IP's gateway (or on-link when there is none). */
    public record RouteEntry(Cidr dst, Ipv4Address gw) {
    }

    /** DNS settings; all parts optional. */
    public record Dns(List<String> nameservers, String domain, List<String> search, List<String> options) {
        public static final Dns EMPTY = new Dns(List.of(), null, List.of(), List.of());
    }

    private final List<Interface> interfaces = new ArrayList<>();
    private final List<IpConfig> ips = new ArrayList<>();
    private final List<RouteEntry> routes = new ArrayList<>();
    private Dns dns = Dns.EMPTY;

    public List<Interface> interfaces() {
        return interfaces;
    }

    public List<IpConfig> ips() {
        return ips;
    }

    public List<RouteEntry> routes() {
        return routes;
    }

    public Dns dns() {
        return dns;
    }

    public void setDns(Dns dns) {
        this.dns = dns == null ? Dns.EMPTY : dns;
    }

    /** Appends an interface and returns its index. */
    public int addInterface(Interface i) {
        interfaces.add(i);
        return interfaces.size() - 1;
    }

    /** The result as the spec's JSON for {@code cniVersion}. */
    public ObjectNode toJson(String cniVersion) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("cniVersion", cniVersion);
        if (!interfaces.isEmpty()) {
            ArrayNode a = o.putArray("interfaces");
            for (Interface i : interfaces) {
                ObjectNode n = a.addObject();
                n.put("name", i.name());
                if (i.mac() != null) {
                    n.put("mac", i.mac());
                }
                if (i.sandbox() != null) {
                    n.put("sandbox", i.sandbox());
                }
            }
        }
        if (!ips.isEmpty()) {
            ArrayNode a = o.putArray("ips");
            for (IpConfig ip : ips) {
                ObjectNode n = a.addObject();
                if (CniVersion.ipsCarryVersion(cniVersion)) {
                    n.put("version", "4");
                }
                if (ip.iface() != null) {
                    n.put("interface", ip.iface());
                }
                n.put("address", ip.address().toString());
                if (ip.gateway() != null) {
                    n.put("gateway", ip.gateway().toString());
                }
            }
        }
        if (!routes.isEmpty()) {
            ArrayNode a = o.putArray("routes");
            for (RouteEntry r : routes) {
                ObjectNode n = a.addObject();
                n.put("dst", r.dst().toString());
                if (r.gw() != null) {
                    n.put("gw", r.gw().toString());
                }
            }
        }
        ObjectNode d = o.putObject("dns");
        if (!dns.nameservers().isEmpty()) {
            dns.nameservers().forEach(d.putArray("nameservers")::add);
        }
        if (dns.domain() != null) {
            d.put("domain", dns.domain());
        }
        if (!dns.search().isEmpty()) {
            dns.search().forEach(d.putArray("search")::add);
        }
        if (!dns.options().isEmpty()) {
            dns.options().forEach(d.putArray("options")::add);
        }
        return o;
    }

    /** {@code result.Print()} of cnitool: the JSON indented by four spaces, no newline at the end. */
    public String print(String cniVersion) {
        return Json.pretty(toJson(cniVersion));
    }

    /**
     * Reads a result of any supported version (a {@code prevResult}, a cached result).
     *
     * @throws CniError code 6 when a field does not decode
     */
    public static CniResult fromJson(JsonNode o) throws CniError {
        CniResult r = new CniResult();
        try {
            for (JsonNode i : o.path("interfaces")) {
                r.interfaces.add(new Interface(i.path("name").asText(), text(i, "mac"), text(i, "sandbox")));
            }
            for (JsonNode ip : o.path("ips")) {
                Integer iface = ip.has("interface") ? ip.get("interface").asInt() : null;
                String gw = text(ip, "gateway");
                r.ips.add(new IpConfig(iface, Cidr.parse(ip.path("address").asText()),
                    gw == null ? null : Ipv4Address.parse(gw)));
            }
            for (JsonNode rt : o.path("routes")) {
                String gw = text(rt, "gw");
                r.routes.add(new RouteEntry(Cidr.parse(rt.path("dst").asText()).network(),
                    gw == null ? null : Ipv4Address.parse(gw)));
            }
        } catch (IllegalArgumentException e) {
            throw new CniError(CniError.DECODE_FAILURE, "failed to decode result", e.getMessage());
        }
        JsonNode d = o.path("dns");
        if (d.isObject()) {
            r.dns = new Dns(strings(d.path("nameservers")), text(d, "domain"), strings(d.path("search")),
                strings(d.path("options")));
        }
        return r;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static List<String> strings(JsonNode a) {
        List<String> out = new ArrayList<>();
        a.forEach(x -> out.add(x.asText()));
        return out;
    }
}
