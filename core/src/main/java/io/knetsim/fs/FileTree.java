package io.knetsim.fs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The files of one host, in memory: absolute paths to regular files (bytes) and directories.
 * Writing a file creates its parent directories, as components that {@code mkdir -p} their
 * state dirs do. Paths are normalised ({@code //}, {@code .} and {@code ..} resolved), so
 * {@code /var/lib/cni/../cni/networks} names the same directory as {@code /var/lib/cni/networks}.
 *
 * <pre>
 *   /                      directory
 *   /etc/cni/net.d         directory
 *   /etc/cni/net.d/10-flannel.conflist   file: bytes
 * </pre>
 */
public final class FileTree {
    /** Path to contents; a directory maps to {@code null}. */
    private final NavigableMap<String, byte[]> entries = new TreeMap<>();
    private final java.util.NavigableSet<String> dirs = new java.util.TreeSet<>();

    public FileTree() {
        dirs.add("/");
    }

    /** Normalises an absolute path; throws {@link IllegalArgumentException} for a relative one. */
    public static String normalize(String path) {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("not an absolute path: " + path);
        }
        List<String> parts = new ArrayList<>();
        for (String p : path.split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.remove(parts.size() - 1);
                }
                continue;
            }
            parts.add(p);
        }
        return "/" + String.join("/", parts);
    }

    private static String parent(String norm) {
        int i = norm.lastIndexOf('/');
        return i <= 0 ? "/" : norm.substring(0, i);
    }

    /** Creates a directory and its parents ({@code mkdir -p}); fails if a file is in the way. */
    public void mkdirs(String path) {
        String p = normalize(path);
        if (entries.containsKey(p)) {
            throw new IllegalStateException("mkdir: cannot create directory '" + p + "': File exists");
        }
        if (dirs.contains(p)) {
            return;
        }
        mkdirs(parent(p));
        dirs.add(p);
    }

    /** Writes (creates or replaces) a file, creating its parent directories. */
    public void write(String path, byte[] content) {
        String p = normalize(path);
        if (dirs.contains(p)) {
            throw new IllegalStateException(p + ": Is a directory");
        }
        mkdirs(parent(p));
        entries.put(p, content.clone());
    }

    /** Writes a UTF-8 text file. */
    public void write(String path, String content) {
        write(path, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether a file or directory exists at the path. */
    public boolean exists(String path) {
        String p = normalize(path);
        return entries.containsKey(p) || dirs.contains(p);
    }

    public boolean isDirectory(String path) {
        return dirs.contains(normalize(path));
    }

    public boolean isFile(String path) {
        return entries.containsKey(normalize(path));
    }

    /** The bytes of a file, or null when there is no such regular file. */
    public byte[] read(String path) {
        byte[] b = entries.get(normalize(path));
        return b == null ? null : b.clone();
    }

    /** The text of a file, or null when there is no such regular file. */
    public String readString(String path) {
        byte[] b = entries.get(normalize(path));
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    /** The names directly inside a directory, sorted as {@code ls} sorts them in the C locale. */
    public List<String> list(String dir) {
        String d = normalize(dir);
        if (!dirs.contains(d)) {
            throw new IllegalStateException(d + ": No such directory");
        }
        String prefix = d.equals("/") ? "/" : d + "/";
        TreeMap<String, Boolean> names = new TreeMap<>();
        for (String p : entries.keySet()) {
            addChild(names, prefix, p);
        }
        for (String p : dirs) {
            addChild(names, prefix, p);
        }
        return List.copyOf(names.keySet());
    }

    private static void addChild(TreeMap<String, Boolean> names, String prefix, String p) {
        if (p.length() > prefix.length() && p.startsWith(prefix) && p.indexOf('/', prefix.length()) < 0) {
            names.put(p.substring(prefix.length()), Boolean.TRUE);
        }
    }

    /** Removes a file or an empty directory; returns whether something was removed. */
    public boolean delete(String path) {
        String p = normalize(path);
        if (entries.remove(p) != null) {
            return true;
        }
        if (dirs.contains(p) && !p.equals("/") && list(p).isEmpty()) {
            dirs.remove(p);
            return true;
        }
        return false;
    }

    /** The size in bytes of a file, or -1. */
    public long size(String path) {
        byte[] b = entries.get(normalize(path));
        return b == null ? -1 : b.length;
    }
}
