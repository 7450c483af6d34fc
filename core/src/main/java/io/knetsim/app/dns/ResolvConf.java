package io.knetsim.app.dns;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.fs.FileTree;
import io.knetsim.sim.SimTime;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /etc/resolv.conf} as glibc reads it (resolv.conf(5)): up to three {@code nameserver}
 * lines, the last {@code search} (or {@code domain}) line, and {@code options ndots:N
 * timeout:N attempts:N}. Unknown lines and options are ignored, as glibc does; with no file,
 * or no nameserver in it, the resolver asks 127.0.0.1.
 *
 * <pre>
 *   search default.svc.cluster.local svc.cluster.local cluster.local
 *   nameserver 10.96.0.10
 *   options ndots:5
 * </pre>
 */
public record ResolvConf(List<Ipv4Address> nameservers, List<String> search, int ndots, long timeout,
                         int attempts) {
    public static final String PATH = "/etc/resolv.conf";
    /** glibc's MAXNS. */
    public static final int MAX_NAMESERVERS = 3;
    /** glibc's MAXDNSRCH. */
    public static final int MAX_SEARCH = 6;
    public static final int DEFAULT_NDOTS = 1;
    public static final long DEFAULT_TIMEOUT = SimTime.seconds(5);
    public static final int DEFAULT_ATTEMPTS = 2;

    public ResolvConf {
        nameservers = List.copyOf(nameservers);
        search = List.copyOf(search);
    }

    /** The namespace's {@code /etc/resolv.conf}, or the defaults when there is none. */
    public static ResolvConf read(FileTree files) {
        String text = files.isFile(PATH) ? files.readString(PATH) : "";
        return parse(text);
    }

    /** Parses the text of a resolv.conf. */
    public static ResolvConf parse(String text) {
        List<Ipv4Address> ns = new ArrayList<>();
        List<String> search = new ArrayList<>();
        int ndots = DEFAULT_NDOTS;
        long timeout = DEFAULT_TIMEOUT;
        int attempts = DEFAULT_ATTEMPTS;
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            String[] w = line.split("[ \t]+");
            switch (w[0]) {
                case "nameserver" -> {
                    if (w.length > 1 && Ipv4Address.isValid(w[1]) && ns.size() < MAX_NAMESERVERS) {
                        ns.add(Ipv4Address.parse(w[1]));
                    }
                }
                case "search", "domain" -> {
                    search.clear();
                    for (int i = 1; i < w.length && search.size() < MAX_SEARCH; i++) {
                        search.add(w[i].endsWith(".") ? w[i].substring(0, w[i].length() - 1) : w[i]);
                    }
                }
                case "options" -> {
                    for (int i = 1; i < w.length; i++) {
                        String o = w[i];
                        if (o.startsWith("ndots:")) {
                            ndots = Math.min(15, number(o.substring(6), ndots)); // glibc's RES_MAXNDOTS
                        } else if (o.startsWith("timeout:")) {
                            timeout = SimTime.seconds(Math.max(1, Math.min(30, number(o.substring(8), 5))));
                        } else if (o.startsWith("attempts:")) {
                            attempts = Math.max(1, Math.min(5, number(o.substring(9), attempts)));
                        }
                    }
                }
                default -> {
                }
            }
        }
        if (ns.isEmpty()) {
            ns.add(Ipv4Address.LOOPBACK);
        }
        return new ResolvConf(ns, search, ndots, timeout, attempts);
    }

    private static int number(String s, int fallback) {
        try {
            return Math.max(0, Integer.parseInt(s));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /**
     * The names glibc's {@code res_search} tries for {@code name}, in order: a name ending in a
     * dot only as it is; one with at least {@code ndots} dots as it is first, then with each
     * search domain; one with fewer dots with each search domain first, then as it is.
     */
    public List<String> candidates(String name) {
        List<String> out = new ArrayList<>();
        if (name.endsWith(".")) {
            out.add(name.substring(0, name.length() - 1));
            return out;
        }
        long dots = name.chars().filter(c -> c == '.').count();
        if (dots >= ndots) {
            out.add(name);
        }
        for (String d : search) {
            out.add(d.isEmpty() ? name : name + "." + d);
        }
        if (dots < ndots) {
            out.add(name);
        }
        return out;
    }
}
