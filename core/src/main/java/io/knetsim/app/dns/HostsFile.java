package io.knetsim.app.dns;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.fs.FileTree;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /etc/hosts} as glibc's {@code files} source reads it (hosts(5)): an address, a
 * canonical name and aliases per line, {@code #} comments. A name matches a canonical name or
 * alias case-insensitively; every line that matches adds its address, in file order. Lines
 * with IPv6 addresses are skipped (knetsim asks for IPv4 only).
 *
 * <pre>
 *   127.0.0.1   localhost
 *   10.0.0.2    web web.lab
 * </pre>
 */
public final class HostsFile {
    public static final String PATH = "/etc/hosts";

    /** One line: the address and its names, canonical first. */
    public record Entry(Ipv4Address address, List<String> names) {
    }

    private final List<Entry> entries;

    private HostsFile(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** The namespace's {@code /etc/hosts}; empty when there is none. */
    public static HostsFile read(FileTree files) {
        return parse(files.isFile(PATH) ? files.readString(PATH) : "");
    }

    public static HostsFile parse(String text) {
        List<Entry> out = new ArrayList<>();
        for (String raw : text.split("\n")) {
            int hash = raw.indexOf('#');
            String line = (hash >= 0 ? raw.substring(0, hash) : raw).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] w = line.split("[ \t]+");
            if (w.length < 2 || !Ipv4Address.isValid(w[0])) {
                continue;
            }
            out.add(new Entry(Ipv4Address.parse(w[0]), List.of(w).subList(1, w.length)));
        }
        return new HostsFile(out);
    }

    /** The first entry for {@code address}, or null. */
    public Entry byAddress(Ipv4Address address) {
        for (Entry e : entries) {
            if (e.address().equals(address)) {
                return e;
            }
        }
        return null;
    }

    /** The entries matching {@code name}, in file order. */
    public List<Entry> lookup(String name) {
        String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries) {
            for (String h : e.names()) {
                if (h.equalsIgnoreCase(n)) {
                    out.add(e);
                    break;
                }
            }
        }
        return out;
    }
}
