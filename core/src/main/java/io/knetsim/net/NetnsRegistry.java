package io.knetsim.net;

import io.knetsim.fs.FileTree;
import java.util.ArrayList;
import java.util.List;

/**
 * The named network namespaces of a host, as {@code ip netns} keeps them: one file per name in
 * {@code /var/run/netns} of the host's files ({@link NetNamespace#files()}). On Linux the file is
 * a bind mount of the namespace; here it holds the namespace's World-wide name, so a CNI netns
 * path such as {@code /var/run/netns/c1} is resolved per host, as it is on a real node.
 *
 * <pre>
 *   host C0w1 files                              World namespaces
 *   /var/run/netns/c1  ("C0w1:c1")  ---------->  "C0w1:c1"
 *   host C0w2 files
 *   /var/run/netns/c1  ("C0w2:c1")  ---------->  "C0w2:c1"
 * </pre>
 *
 * <p>Two hosts may each have a netns called {@code c1}, so the World-wide name is
 * {@code <host>:<name>}. {@code /run/netns} names the same directory ({@code /var/run} is a
 * link to {@code /run} on current distributions). The class holds no state of its own: everything
 * lives in the host's files and the {@link World}.
 */
public final class NetnsRegistry {
    /** Where {@code ip netns} keeps its names. */
    public static final String DIR = "/var/run/netns";

    private NetnsRegistry() {
    }

    /** The World-wide name of the netns {@code name} of {@code host}: {@code <host>:<name>}. */
    public static String worldName(NetNamespace host, String name) {
        return host.name() + ":" + name;
    }

    /**
     * The host whose {@code /var/run/netns} named {@code ns}, or {@code ns} itself when it is not a
     * named netns (a named netns shares its host's files, as {@code ip netns exec} keeps the mount
     * namespace's view of {@code /var/run/netns}).
     */
    public static NetNamespace hostOf(NetNamespace ns) {
        int colon = ns.name().lastIndexOf(':');
        if (colon > 0) {
            NetNamespace host = ns.world().namespace(ns.name().substring(0, colon));
            if (host != null && ns.name().equals(host.files().readString(DIR + "/" + ns.name().substring(colon + 1)))) {
                return host;
            }
        }
        return ns;
    }

    /** {@code ip netns add NAME}: a new namespace named {@code <host>:<name>} in the World. */
    public static NetNamespace add(NetNamespace host, String name) {
        validate(name);
        NetNamespace h = hostOf(host);
        String file = DIR + "/" + name;
        if (h.files().exists(file) || h.world().namespace(worldName(h, name)) != null) {
            throw new NetlinkException("Cannot create namespace file \"" + file + "\": File exists");
        }
        NetNamespace ns = h.world().createNamespace(worldName(h, name));
        ns.setHostname(h.hostname()); // ip netns add makes no UTS namespace
        h.files().write(file, ns.name());
        return ns;
    }

    /** {@code ip netns delete NAME}: removes the name and the namespace with all its devices. */
    public static void delete(NetNamespace host, String name) {
        NetNamespace h = hostOf(host);
        String file = DIR + "/" + name;
        NetNamespace ns = lookupNamed(h, name);
        if (!h.files().isFile(file)) {
            throw new NetlinkException("Cannot remove namespace file \"" + file + "\": No such file or directory");
        }
        h.files().delete(file);
        if (ns != null) {
            h.world().deleteNamespace(ns);
        }
    }

    /** The netns named {@code name} on {@code host}, or null. */
    public static NetNamespace lookupNamed(NetNamespace host, String name) {
        NetNamespace h = hostOf(host);
        if (name.isEmpty() || name.contains("/")) {
            return null;
        }
        String id = h.files().readString(DIR + "/" + name);
        return id == null ? null : h.world().namespace(id);
    }

    /**
     * A namespace as {@code ip -n NAME} and {@code ip link ... netns NAME} take it: a named netns of
     * this host first, else a World namespace of that exact name (hosts and pods built in Java).
     */
    public static NetNamespace lookup(NetNamespace from, String name) {
        NetNamespace ns = lookupNamed(from, name);
        return ns != null ? ns : from.world().namespace(name);
    }

    /**
     * A netns path as CNI passes it ({@code /var/run/netns/c1} or {@code /run/netns/c1}), resolved
     * on {@code host}; null when no such namespace exists there.
     */
    public static NetNamespace resolvePath(NetNamespace host, String path) {
        if (path == null || !path.startsWith("/")) {
            return null;
        }
        String p = FileTree.normalize(path);
        if (p.startsWith("/run/netns/")) {
            p = "/var" + p;
        }
        if (!p.startsWith(DIR + "/")) {
            return null;
        }
        return lookupNamed(host, p.substring(DIR.length() + 1));
    }

    /**
     * {@code ip netns list}: the names, newest first, as {@code readdir} returns them from the
     * tmpfs that holds {@code /var/run/netns}.
     */
    public static List<String> list(NetNamespace host) {
        NetNamespace h = hostOf(host);
        if (!h.files().isDirectory(DIR)) {
            return List.of();
        }
        List<NetNamespace> all = h.world().namespaces();
        List<String> names = new ArrayList<>(h.files().list(DIR));
        names.sort((a, b) -> Integer.compare(age(all, h, b), age(all, h, a)));
        return names;
    }

    private static int age(List<NetNamespace> all, NetNamespace h, String name) {
        NetNamespace ns = lookupNamed(h, name);
        return ns == null ? -1 : all.indexOf(ns);
    }

    /** {@code ip netns identify}: the names under which {@code host} knows {@code ns}. */
    public static List<String> identify(NetNamespace host, NetNamespace ns) {
        List<String> out = new ArrayList<>(1);
        for (String n : list(host)) {
            if (lookupNamed(host, n) == ns) {
                out.add(n);
            }
        }
        return out;
    }

    private static void validate(String name) {
        if (name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..") || name.contains(":")) {
            throw new NetlinkException("Invalid netns name \"" + name + "\"");
        }
    }
}
