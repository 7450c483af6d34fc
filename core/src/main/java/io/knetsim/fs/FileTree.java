package io.knetsim.fs;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.LongSupplier;

/**
 * The files of one host, in memory: absolute paths to regular files (bytes) and directories.
 * Writing a file creates its parent directories, as components that {@code mkdir -p} their
 * state dirs do. Paths are normalised ({@code //}, {@code .} and {@code ..} resolved), so
 * {@code /var/lib/cni/../cni/networks} names the same directory as {@code /var/lib/cni/networks}.
 *
 * <pre>
 *   /                      directory: children {etc}
 *   /etc/cni/net.d         directory: children {10-flannel.conflist}
 *   /etc/cni/net.d/10-flannel.conflist   file: bytes
 * </pre>
 *
 * Each directory keeps its sorted children, so listing one costs its size, not the tree's;
 * and a {@linkplain #version version} that changes whenever an entry directly inside it is
 * created, rewritten or removed, so a component can cache what it read from a directory.
 * Each file keeps its modification time ({@code st_mtime}), read from the clock the tree was
 * made with (a namespace's files use the simulated clock; a tree made without one says 0).
 */
public final class FileTree {
    private final Map<String, byte[]> files = new HashMap<>();
    private final Map<String, Dir> dirs = new HashMap<>();
    private final Map<String, Long> modified = new HashMap<>();
    private final LongSupplier clock;

    /** A directory: its children's names, sorted as {@code ls} sorts them in the C locale. */
    private static final class Dir {
        final TreeSet<String> children = new TreeSet<>();
        long version;
    }

    /** A tree whose files all have modification time 0. */
    public FileTree() {
        this(() -> 0L);
    }

    /** A tree that stamps each write with {@code clock} (nanoseconds, e.g. the simulator's {@code now}). */
    public FileTree(LongSupplier clock) {
        this.clock = clock;
        dirs.put("/", new Dir());
    }

    /** Normalises an absolute path; throws {@link IllegalArgumentException} for a relative one. */
    public static String normalize(String path) {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("not an absolute path: " + path);
        }
        return io.knetsim.util.CleanPath.of(path);
    }

    private static String parent(String norm) {
        int i = norm.lastIndexOf('/');
        return i <= 0 ? "/" : norm.substring(0, i);
    }

    private static String name(String norm) {
        return norm.substring(norm.lastIndexOf('/') + 1);
    }

    /** Creates a directory and its parents ({@code mkdir -p}); fails if a file is in the way. */
    public void mkdirs(String path) {
        mkdirsNormal(normalize(path));
    }

    private Dir mkdirsNormal(String p) {
        Dir d = dirs.get(p);
        if (d != null) {
            return d;
        }
        if (files.containsKey(p)) {
            throw new IllegalStateException("mkdir: cannot create directory '" + p + "': File exists");
        }
        Dir parent = mkdirsNormal(parent(p));
        d = new Dir();
        dirs.put(p, d);
        parent.children.add(name(p));
        parent.version++;
        return d;
    }

    /** Writes (creates or replaces) a file, creating its parent directories. */
    public void write(String path, byte[] content) {
        String p = normalize(path);
        if (dirs.containsKey(p)) {
            throw new IllegalStateException(p + ": Is a directory");
        }
        store(p, content.clone());
    }

    /** Writes bytes no caller holds any more (no defensive copy). */
    private void writeOwned(String path, byte[] content) {
        String p = normalize(path);
        if (dirs.containsKey(p)) {
            throw new IllegalStateException(p + ": Is a directory");
        }
        store(p, content);
    }

    private void store(String p, byte[] content) {
        Dir parent = mkdirsNormal(parent(p));
        if (files.put(p, content) == null) {
            parent.children.add(name(p));
        }
        modified.put(p, clock.getAsLong());
        parent.version++;
    }

    /** Writes a UTF-8 text file. */
    public void write(String path, String content) {
        writeOwned(path, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether a file or directory exists at the path. */
    public boolean exists(String path) {
        String p = normalize(path);
        return files.containsKey(p) || dirs.containsKey(p);
    }

    public boolean isDirectory(String path) {
        return dirs.containsKey(normalize(path));
    }

    public boolean isFile(String path) {
        return files.containsKey(normalize(path));
    }

    /** The bytes of a file, or null when there is no such regular file. */
    public byte[] read(String path) {
        byte[] b = files.get(normalize(path));
        return b == null ? null : b.clone();
    }

    /** The text of a file, or null when there is no such regular file. */
    public String readString(String path) {
        byte[] b = files.get(normalize(path));
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    /** The names directly inside a directory, sorted as {@code ls} sorts them in the C locale. */
    public List<String> list(String dir) {
        Dir d = dirs.get(normalize(dir));
        if (d == null) {
            throw new IllegalStateException(normalize(dir) + ": No such directory");
        }
        return List.copyOf(d.children);
    }

    /**
     * A number that changes whenever an entry directly inside {@code dir} is created, rewritten
     * or removed; -1 when there is no such directory.
     */
    public long version(String dir) {
        Dir d = dirs.get(normalize(dir));
        return d == null ? -1 : d.version;
    }

    /** Removes a file or an empty directory; returns whether something was removed. */
    public boolean delete(String path) {
        String p = normalize(path);
        if (files.remove(p) != null) {
            modified.remove(p);
            unlink(p);
            return true;
        }
        Dir d = dirs.get(p);
        if (d != null && !p.equals("/") && d.children.isEmpty()) {
            dirs.remove(p);
            unlink(p);
            return true;
        }
        return false;
    }

    private void unlink(String p) {
        Dir parent = dirs.get(parent(p));
        parent.children.remove(name(p));
        parent.version++;
    }

    /** When a file was last written, in nanoseconds of its tree's clock ({@code st_mtime}); -1 when there is no such file. */
    public long modified(String path) {
        Long t = modified.get(normalize(path));
        return t == null ? -1 : t;
    }

    /** The size in bytes of a file, or -1. */
    public long size(String path) {
        byte[] b = files.get(normalize(path));
        return b == null ? -1 : b.length;
    }
}
