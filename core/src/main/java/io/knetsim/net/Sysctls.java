package io.knetsim.net;

import io.knetsim.util.LongMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sysctls of one namespace that change packet handling, read as plain fields on the packet
 * path and as {@code /proc/sys} names by the {@code sysctl} tool. Defaults are the kernel's.
 *
 * <ul>
 *   <li>{@code net.ipv4.ip_forward} (0): route packets not addressed to us</li>
 *   <li>{@code net.ipv4.conf.{all,default,DEV}.rp_filter} (0): 0 off, 1 strict, 2 loose;
 *       the effective value is the larger of {@code all} and the device's</li>
 *   <li>{@code net.bridge.bridge-nf-call-iptables} (0 here, as before br_netfilter is
 *       loaded; Kubernetes nodes set 1): bridged IPv4 passes the netfilter hooks</li>
 *   <li>{@code net.ipv4.icmp_echo_ignore_all} (0), {@code net.ipv4.ip_default_ttl} (64),
 *       {@code net.ipv4.ip_local_port_range} (32768 60999), {@code net.ipv4.ipfrag_time} (30)</li>
 * </ul>
 */
public final class Sysctls {
    public static final String IP_FORWARD = "net.ipv4.ip_forward";
    public static final String BRIDGE_NF_CALL_IPTABLES = "net.bridge.bridge-nf-call-iptables";
    public static final String ICMP_ECHO_IGNORE_ALL = "net.ipv4.icmp_echo_ignore_all";
    public static final String IP_DEFAULT_TTL = "net.ipv4.ip_default_ttl";
    public static final String IP_LOCAL_PORT_RANGE = "net.ipv4.ip_local_port_range";
    public static final String IPFRAG_TIME = "net.ipv4.ipfrag_time";
    private static final String CONF = "net.ipv4.conf.";

    private final NetNamespace ns;
    public int ipForward;
    public int bridgeNfCallIptables;
    public int icmpEchoIgnoreAll;
    public int defaultTtl = 64;
    public int localPortLow = 32768;
    public int localPortHigh = 60999;
    public int ipfragTime = 30;
    private int rpFilterAll;
    private int rpFilterDefault;
    /** Per-device rp_filter by ifindex; absent means the value of {@code default} at creation. */
    private LongMap<Integer> rpFilterDev;

    Sysctls(NetNamespace ns) {
        this.ns = ns;
    }

    /** Effective rp_filter for packets arriving on {@code dev}: max(all, dev). */
    public int rpFilter(NetDevice dev) {
        Integer d = rpFilterDev == null ? null : rpFilterDev.get(dev.ifindex());
        return Math.max(rpFilterAll, d == null ? rpFilterDefault : d);
    }

    void deviceAdded(NetDevice dev) {
        if (rpFilterDefault != 0) {
            setRpFilterDev(dev, rpFilterDefault);
        }
    }

    private void setRpFilterDev(NetDevice dev, int v) {
        if (rpFilterDev == null) {
            rpFilterDev = new LongMap<>(4);
        }
        rpFilterDev.put(dev.ifindex(), v);
    }

    /** Reads a sysctl by name, or throws with sysctl's message for an unknown key. */
    public String get(String key) {
        String k = key.replace('/', '.');
        switch (k) {
            case IP_FORWARD, "net.ipv4.conf.all.forwarding":
                return Integer.toString(ipForward);
            case BRIDGE_NF_CALL_IPTABLES:
                return Integer.toString(bridgeNfCallIptables);
            case ICMP_ECHO_IGNORE_ALL:
                return Integer.toString(icmpEchoIgnoreAll);
            case IP_DEFAULT_TTL:
                return Integer.toString(defaultTtl);
            case IP_LOCAL_PORT_RANGE:
                return localPortLow + "\t" + localPortHigh;
            case IPFRAG_TIME:
                return Integer.toString(ipfragTime);
            default:
                break;
        }
        if (k.startsWith(CONF) && k.endsWith(".rp_filter")) {
            String dev = k.substring(CONF.length(), k.length() - ".rp_filter".length());
            if (dev.equals("all")) {
                return Integer.toString(rpFilterAll);
            }
            if (dev.equals("default")) {
                return Integer.toString(rpFilterDefault);
            }
            NetDevice d = ns.device(dev);
            if (d != null) {
                Integer v = rpFilterDev == null ? null : rpFilterDev.get(d.ifindex());
                return Integer.toString(v == null ? 0 : v);
            }
        }
        throw new IllegalArgumentException("sysctl: cannot stat /proc/sys/" + k.replace('.', '/')
            + ": No such file or directory");
    }

    /** Sets a sysctl; an unknown key or a bad value throws with sysctl's kind of message. */
    public void set(String key, String value) {
        String k = key.replace('/', '.');
        get(k); // unknown keys fail here, before anything changes
        String v = value.trim();
        if (k.equals(IP_LOCAL_PORT_RANGE)) {
            String[] p = v.split("\\s+");
            int lo = parse(k, p[0], 1, 65535);
            int hi = p.length > 1 ? parse(k, p[1], 1, 65535) : -1;
            if (p.length != 2 || lo > hi) {
                throw invalid(k, value);
            }
            localPortLow = lo;
            localPortHigh = hi;
            return;
        }
        switch (k) {
            case IP_FORWARD, "net.ipv4.conf.all.forwarding" -> ipForward = parse(k, v, 0, 1);
            case BRIDGE_NF_CALL_IPTABLES -> bridgeNfCallIptables = parse(k, v, 0, 1);
            case ICMP_ECHO_IGNORE_ALL -> icmpEchoIgnoreAll = parse(k, v, 0, 1);
            case IP_DEFAULT_TTL -> defaultTtl = parse(k, v, 1, 255);
            case IPFRAG_TIME -> ipfragTime = parse(k, v, 1, Integer.MAX_VALUE);
            default -> {
                int rp = parse(k, v, 0, 2);
                String dev = k.substring(CONF.length(), k.length() - ".rp_filter".length());
                if (dev.equals("all")) {
                    rpFilterAll = rp;
                } else if (dev.equals("default")) {
                    rpFilterDefault = rp;
                } else {
                    setRpFilterDev(ns.device(dev), rp);
                }
            }
        }
    }

    private static int parse(String key, String v, int min, int max) {
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw invalid(key, v);
    }

    private static IllegalArgumentException invalid(String key, String v) {
        return new IllegalArgumentException("sysctl: setting key \"" + key + "\": Invalid argument (value '" + v + "')");
    }

    /** Every key with its value, sorted, as {@code sysctl -a} lists them (the modelled subset). */
    public Map<String, String> all() {
        List<String> keys = new ArrayList<>(List.of(IP_FORWARD, "net.ipv4.conf.all.forwarding", BRIDGE_NF_CALL_IPTABLES,
            ICMP_ECHO_IGNORE_ALL, IP_DEFAULT_TTL, IP_LOCAL_PORT_RANGE, IPFRAG_TIME,
            CONF + "all.rp_filter", CONF + "default.rp_filter"));
        for (NetDevice d : ns.devices()) {
            keys.add(CONF + d.name() + ".rp_filter");
        }
        Map<String, String> m = new TreeMap<>();
        for (String k : keys) {
            m.put(k, get(k));
        }
        return m;
    }
}
