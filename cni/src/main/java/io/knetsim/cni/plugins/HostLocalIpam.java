package io.knetsim.cni.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import io.knetsim.addr.Cidr;
import io.knetsim.addr.Ipv4Address;
import io.knetsim.cni.CniError;
import io.knetsim.cni.CniPlugin;
import io.knetsim.cni.CniResult;
import io.knetsim.cni.PluginCall;
import io.knetsim.fs.FileTree;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code host-local} IPAM plugin: hands out addresses from range sets and remembers them as
 * files in the host's data dir, exactly where and how the real plugin keeps them.
 *
 * <pre>
 *   /var/lib/cni/networks/cbr0/
 *     lock                    (empty; the real plugin flocks it)
 *     last_reserved_ip.0      "10.244.1.7"       (per range set: where round-robin goes on)
 *     10.244.1.7              "CONTAINERID\r\neth0"
 * </pre>
 *
 * <p>Configuration ({@code ipam}): {@code ranges} (a list of range sets, each a list of
 * {@code {subnet, rangeStart, rangeEnd, gateway}}), or the older single {@code subnet},
 * {@code rangeStart}, {@code rangeEnd}, {@code gateway}; {@code routes}; {@code dataDir}
 * (default {@code /var/lib/cni/networks}). One address per range set.
 *
 * <p>ADD picks, per range set, the first free address after the last reserved one (round-robin,
 * wrapping), never the gateway, the network or the broadcast address; an exhausted set fails with
 * {@code failed to allocate for range 0: no IP addresses available in range set: 10.244.1.1-10.244.1.254}.
 * A second ADD for the same container and interface fails ({@code duplicate allocation is not allowed}).
 * DEL frees what the container ID and interface hold. CHECK verifies the allocation is there.
 * Requested addresses ({@code CNI_ARGS IP=}, {@code ips}) are not modelled.
 */
public final class HostLocalIpam implements CniPlugin {
    public static final String DEFAULT_DATA_DIR = "/var/lib/cni/networks";
    /** The line break between container ID and interface in an allocation file, as the disk store writes it. */
    static final String LINE_BREAK = "\r\n";

    @Override
    public String type() {
        return "host-local";
    }

    /** The parsed {@code ipam} section. */
    record Config(List<List<IpRange>> rangeSets, List<CniResult.RouteEntry> routes, String dir) {
    }

    @Override
    public CniResult add(PluginCall call) throws CniError {
        Config c = config(call);
        FileTree files = call.hostFiles();
        String owner = call.runtime().containerId() + LINE_BREAK + call.runtime().ifName();
        if (!files.exists(c.dir() + "/lock")) {
            call.journal().write(files, c.dir() + "/lock", "");
        }
        CniResult r = new CniResult();
        for (int idx = 0; idx < c.rangeSets().size(); idx++) {
            List<IpRange> set = c.rangeSets().get(idx);
            for (String held : heldBy(files, c.dir(), owner)) {
                Ipv4Address a = Ipv4Address.parse(held);
                if (rangeFor(set, a) != null) {
                    throw new CniError(CniError.INTERNAL, held + " has been allocated to " + call.runtime().containerId()
                        + ", duplicate allocation is not allowed");
                }
            }
            Ipv4Address got = allocate(call, files, c.dir(), set, idx, owner);
            if (got == null) {
                throw new CniError(CniError.INTERNAL, "failed to allocate for range " + idx
                    + ": no IP addresses available in range set: " + describe(set));
            }
            IpRange range = rangeFor(set, got);
            r.ips().add(new CniResult.IpConfig(null, new Cidr(got, range.subnet().prefixLength()), range.gateway()));
        }
        r.routes().addAll(c.routes());
        return r;
    }

    private static Ipv4Address allocate(PluginCall call, FileTree files, String dir, List<IpRange> set, int idx,
                                        String owner) {
        String lastFile = dir + "/last_reserved_ip." + idx;
        String lastText = files.readString(lastFile);
        Ipv4Address last = lastText != null && Ipv4Address.isValid(lastText.trim()) ? Ipv4Address.parse(lastText.trim())
            : null;
        // where to start: right after the last reserved address, or at the first range's start
        int ri = 0;
        Ipv4Address cur = set.get(0).rangeStart();
        if (last != null && rangeFor(set, last) != null) {
            ri = set.indexOf(rangeFor(set, last));
            cur = last;
            if (cur.equals(set.get(ri).rangeEnd())) {
                ri = (ri + 1) % set.size();
                cur = set.get(ri).rangeStart();
            } else {
                cur = cur.plus(1);
            }
        }
        Ipv4Address start = cur;
        int startRange = ri;
        while (true) {
            IpRange range = set.get(ri);
            if (!cur.equals(range.gateway()) && !files.exists(dir + "/" + cur)) {
                call.journal().write(files, dir + "/" + cur, owner);
                call.journal().write(files, lastFile, cur.toString());
                return cur;
            }
            if (cur.equals(range.rangeEnd())) {
                ri = (ri + 1) % set.size();
                cur = set.get(ri).rangeStart();
            } else {
                cur = cur.plus(1);
            }
            if (cur.equals(start) && ri == startRange) {
                return null;
            }
        }
    }

    @Override
    public void del(PluginCall call) throws CniError {
        Config c = config(call);
        FileTree files = call.hostFiles();
        for (String held : heldBy(files, c.dir(), call.runtime().containerId() + LINE_BREAK + call.runtime().ifName())) {
            files.delete(c.dir() + "/" + held);
        }
    }

    @Override
    public void check(PluginCall call) throws CniError {
        Config c = config(call);
        if (heldBy(call.hostFiles(), c.dir(), call.runtime().containerId() + LINE_BREAK + call.runtime().ifName())
            .isEmpty()) {
            throw new CniError(CniError.INTERNAL, "host-local: Failed to find address added by container "
                + call.runtime().containerId());
        }
    }

    /** The addresses (file names) whose file holds exactly {@code owner}. */
    private static List<String> heldBy(FileTree files, String dir, String owner) {
        List<String> out = new ArrayList<>();
        if (!files.isDirectory(dir)) {
            return out;
        }
        for (String name : files.list(dir)) {
            if (Ipv4Address.isValid(name)) {
                String s = files.readString(dir + "/" + name);
                if (s != null && s.trim().equals(owner)) {
                    out.add(name);
                }
            }
        }
        return out;
    }

    private static IpRange rangeFor(List<IpRange> set, Ipv4Address a) {
        for (IpRange r : set) {
            if (r.contains(a)) {
                return r;
            }
        }
        return null;
    }

    /** {@code RangeSet.String()}: the ranges joined by commas. */
    static String describe(List<IpRange> set) {
        StringBuilder sb = new StringBuilder();
        for (IpRange r : set) {
            sb.append(sb.length() == 0 ? "" : ",").append(r);
        }
        return sb.toString();
    }

    // ---- configuration ----------------------------------------------------------------------

    static Config config(PluginCall call) throws CniError {
        JsonNode ipam = call.conf().get("ipam");
        if (ipam == null || !ipam.isObject()) {
            throw new CniError(CniError.INVALID_CONFIG, call.file() + ": IPAM config missing 'ipam' key");
        }
        String p = "ipam.";
        List<List<IpRange>> sets = new ArrayList<>();
        if (ipam.has("subnet")) {
            sets.add(List.of(range(call, ipam, p)));
        }
        JsonNode ranges = ipam.get("ranges");
        if (ranges != null && !ranges.isNull()) {
            if (!ranges.isArray()) {
                throw call.invalid(p + "ranges", "expected a list of range sets, got " + ranges);
            }
            for (int i = 0; i < ranges.size(); i++) {
                JsonNode set = ranges.get(i);
                if (!set.isArray() || set.isEmpty()) {
                    throw call.invalid(p + "ranges[" + i + "]", "expected a non-empty list of ranges, got " + set);
                }
                List<IpRange> rs = new ArrayList<>();
                for (int j = 0; j < set.size(); j++) {
                    IpRange r = range(call, set.get(j), p + "ranges[" + i + "][" + j + "].");
                    for (IpRange o : rs) {
                        if (o.overlaps(r)) {
                            throw call.invalid(p + "ranges[" + i + "]", "range " + r + " overlaps with range " + o);
                        }
                    }
                    rs.add(r);
                }
                sets.add(List.copyOf(rs));
            }
        }
        if (sets.isEmpty()) {
            throw call.invalid(p + "ranges", "no IP ranges specified (give \"ranges\" or \"subnet\")");
        }
        for (int i = 0; i < sets.size(); i++) {
            for (int j = 0; j < i; j++) {
                for (IpRange a : sets.get(i)) {
                    for (IpRange b : sets.get(j)) {
                        if (a.overlaps(b)) {
                            throw call.invalid(p + "ranges", "range set " + i + " overlaps with " + j);
                        }
                    }
                }
            }
        }
        List<CniResult.RouteEntry> routes = new ArrayList<>();
        JsonNode rts = ipam.get("routes");
        if (rts != null && !rts.isNull()) {
            if (!rts.isArray()) {
                throw call.invalid(p + "routes", "expected a list of routes, got " + rts);
            }
            for (int i = 0; i < rts.size(); i++) {
                String rp = p + "routes[" + i + "].";
                Cidr dst = call.cidr(rts.get(i), rp, "dst");
                if (dst == null) {
                    throw call.invalid(rp + "dst", "missing (a route needs a destination such as 0.0.0.0/0)");
                }
                routes.add(new CniResult.RouteEntry(dst.network(), call.address(rts.get(i), rp, "gw")));
            }
        }
        String dataDir = call.string(ipam, p, "dataDir", DEFAULT_DATA_DIR);
        String name = call.networkName();
        if (name.isEmpty()) {
            throw call.invalid("name", "missing (host-local keeps its allocations per network name)");
        }
        return new Config(List.copyOf(sets), List.copyOf(routes), FileTree.normalize(dataDir) + "/" + name);
    }

    /** {@code Range.Canonicalize}: the subnet must leave room for hosts and contain start, end and gateway. */
    private static IpRange range(PluginCall call, JsonNode node, String p) throws CniError {
        Cidr subnet = call.cidr(node, p, "subnet");
        if (subnet == null) {
            throw call.invalid(p + "subnet", "missing (a range needs a subnet such as 10.244.1.0/24)");
        }
        if (subnet.prefixLength() > 30) {
            throw call.invalid(p + "subnet", "Network " + subnet.network() + " too small to allocate from");
        }
        if (!subnet.address().equals(subnet.network().address())) {
            throw call.invalid(p + "subnet", "Network has host bits set. For a subnet mask of length "
                + subnet.prefixLength() + " the network address is " + subnet.network().address());
        }
        Ipv4Address first = subnet.address().plus(1);
        Ipv4Address last = subnet.broadcast().plus(-1);
        Ipv4Address start = call.address(node, p, "rangeStart");
        Ipv4Address end = call.address(node, p, "rangeEnd");
        Ipv4Address gw = call.address(node, p, "gateway");
        if (start != null && !inHosts(subnet, start)) {
            throw call.invalid(p + "rangeStart", "RangeStart " + start + " not in network " + subnet);
        }
        if (end != null && !inHosts(subnet, end)) {
            throw call.invalid(p + "rangeEnd", "RangeEnd " + end + " not in network " + subnet);
        }
        if (gw != null && !subnet.contains(gw)) {
            throw call.invalid(p + "gateway", "gateway " + gw + " not in network " + subnet);
        }
        IpRange r = new IpRange(subnet, start == null ? first : start, end == null ? last : end,
            gw == null ? first : gw);
        if (Integer.compareUnsigned(r.rangeStart().bits(), r.rangeEnd().bits()) > 0) {
            throw call.invalid(p + "rangeEnd", "RangeEnd " + r.rangeEnd() + " is before RangeStart " + r.rangeStart());
        }
        return r;
    }

    /** Inside the subnet and neither its network nor its broadcast address. */
    private static boolean inHosts(Cidr subnet, Ipv4Address a) {
        return subnet.contains(a) && !a.equals(subnet.network().address()) && !a.equals(subnet.broadcast());
    }
}
