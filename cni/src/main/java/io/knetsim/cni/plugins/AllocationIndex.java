package io.knetsim.cni.plugins;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.fs.FileTree;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * host-local's "which addresses does this container hold" ({@code GetByID}) without reading
 * every allocation file on every call. The real plugin walks its data dir each time; here the
 * answer is read from an index of the dir, rebuilt only when the dir's
 * {@linkplain FileTree#version version} shows that someone else changed it, and kept current
 * when the plugin itself allocates or releases. The files stay the truth: they are what
 * {@code ls /var/lib/cni/networks/NAME} shows, and what the index is built from.
 */
final class AllocationIndex {
    /** One dir's index: the version it was read at, owner ({@code ID\r\nIFNAME}) to addresses. */
    private static final class Entry {
        long version;
        final Map<String, List<String>> byOwner = new HashMap<>();
    }

    private final Map<FileTree, Map<String, Entry>> cache = new WeakHashMap<>();

    /** The addresses (file names) in {@code dir} whose file holds exactly {@code owner}. */
    List<String> heldBy(FileTree files, String dir, String owner) {
        Entry e = current(files, dir);
        if (e == null) {
            return List.of();
        }
        return List.copyOf(e.byOwner.getOrDefault(owner, List.of()));
    }

    private Entry current(FileTree files, String dir) {
        long v = files.version(dir);
        if (v < 0) {
            return null;
        }
        Map<String, Entry> dirs = cache.computeIfAbsent(files, f -> new HashMap<>());
        Entry e = dirs.get(dir);
        if (e == null || e.version != v) {
            e = scan(files, dir, v);
            dirs.put(dir, e);
        }
        return e;
    }

    private static Entry scan(FileTree files, String dir, long version) {
        Entry e = new Entry();
        e.version = version;
        for (String name : files.list(dir)) {
            if (Ipv4Address.isValid(name)) {
                String s = files.readString(dir + "/" + name);
                if (s != null) {
                    e.byOwner.computeIfAbsent(s.trim(), k -> new ArrayList<>(1)).add(name);
                }
            }
        }
        return e;
    }

    /**
     * Notes writes the plugin just made in {@code dir}: {@code ip} now belongs to {@code owner}
     * (or to nobody, when {@code owner} is null). {@code before} is the dir's version when the
     * index was last consulted; if anything else changed the dir since, the index is dropped
     * and rebuilt on the next question.
     */
    void changed(FileTree files, String dir, long before, String owner, String ip) {
        Map<String, Entry> dirs = cache.get(files);
        Entry e = dirs == null ? null : dirs.get(dir);
        if (e == null || e.version != before) {
            if (dirs != null) {
                dirs.remove(dir);
            }
            return;
        }
        if (owner == null) {
            e.byOwner.values().forEach(l -> l.remove(ip));
        } else {
            e.byOwner.computeIfAbsent(owner, k -> new ArrayList<>(1)).add(ip);
        }
        e.version = files.version(dir);
    }
}
