package io.knetsim.packet;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Domain names on the wire (RFC 1035 3.1, 4.1.4): a sequence of length-prefixed labels ending
 * in the root's zero byte, or in a two-byte compression pointer to an earlier occurrence of the
 * rest of the name.
 *
 * <pre>
 *   offset 12: 07 'e' 'x' 'a' 'm' 'p' 'l' 'e' 03 'c' 'o' 'm' 00      example.com.
 *   offset 40: 03 'w' 'w' 'w' C0 0C                                   www.example.com.
 *                              \__ 11 + 14 bits of offset: 12
 * </pre>
 *
 * In Java a name is its presentation form without the final dot ({@code "www.example.com"};
 * the root is {@code ""}); a dot or backslash inside a label is escaped with a backslash and
 * other bytes outside printable ASCII as {@code \DDD}, as BIND writes them. Names compare
 * case-insensitively ({@link #key}).
 */
public final class DnsName {
    /** Longest name on the wire, length bytes and the root included (RFC 1035 2.3.4). */
    public static final int MAX_LENGTH = 255;
    public static final int MAX_LABEL = 63;
    private static final int POINTER = 0xc0;

    private DnsName() {
    }

    /** The form names are compared and looked up by: ASCII lower case, no final dot. */
    public static String key(String name) {
        String n = name.endsWith(".") && !name.endsWith("\\.") ? name.substring(0, name.length() - 1) : name;
        return n.toLowerCase(Locale.ROOT);
    }

    /** The presentation form with the final dot, as dig prints names ({@code "."} for the root). */
    public static String absolute(String name) {
        return name.isEmpty() ? "." : name + ".";
    }

    /** The labels of a name in presentation form; throws {@link IllegalArgumentException} for a bad one. */
    public static List<byte[]> labels(String name) {
        List<byte[]> out = new ArrayList<>();
        String n = name.endsWith(".") && !name.endsWith("\\.") ? name.substring(0, name.length() - 1) : name;
        if (n.isEmpty()) {
            return out;
        }
        java.io.ByteArrayOutputStream cur = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (c == '.') {
                addLabel(out, cur, name);
                continue;
            }
            if (c == '\\' && i + 1 < n.length()) {
                char d = n.charAt(i + 1);
                if (Character.isDigit(d) && isDigits(n, i + 1)) {
                    cur.write(Integer.parseInt(n.substring(i + 1, i + 4)));
                    i += 3;
                } else {
                    cur.write(d);
                    i++;
                }
                continue;
            }
            byte[] utf = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
            cur.write(utf, 0, utf.length);
        }
        addLabel(out, cur, name);
        int wire = 1;
        for (byte[] l : out) {
            wire += 1 + l.length;
        }
        if (wire > MAX_LENGTH) {
            throw new IllegalArgumentException("name too long (" + wire + " bytes on the wire, at most 255): " + name);
        }
        return out;
    }

    private static boolean isDigits(String n, int from) {
        if (from + 3 > n.length()) {
            return false;
        }
        for (int i = from; i < from + 3; i++) {
            if (!Character.isDigit(n.charAt(i))) {
                return false;
            }
        }
        return Integer.parseInt(n.substring(from, from + 3)) <= 255;
    }

    private static void addLabel(List<byte[]> out, java.io.ByteArrayOutputStream cur, String name) {
        if (cur.size() == 0) {
            throw new IllegalArgumentException("empty label in name: " + name);
        }
        if (cur.size() > MAX_LABEL) {
            throw new IllegalArgumentException("label longer than 63 bytes in name: " + name);
        }
        out.add(cur.toByteArray());
        cur.reset();
    }

    /** True when {@code name} can be written on the wire. */
    public static boolean isValid(String name) {
        try {
            labels(name);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Writes {@code name} at {@code off}, pointing to an earlier copy of its longest known suffix
     * ({@code seen}: suffix key to offset; new suffixes within pointer reach are added). Pass
     * null to write without compression. Returns the offset after the name.
     */
    public static int emit(String name, byte[] b, int off, Map<String, Integer> seen) {
        List<byte[]> labels = labels(name);
        for (int i = 0; i < labels.size(); i++) {
            if (seen != null) {
                String suffix = suffixKey(labels, i);
                Integer at = seen.get(suffix);
                if (at != null) {
                    Bytes.put16(b, off, (POINTER << 8) | at);
                    return off + 2;
                }
                if (off < 0x4000) {
                    seen.put(suffix, off);
                }
            }
            byte[] l = labels.get(i);
            b[off++] = (byte) l.length;
            System.arraycopy(l, 0, b, off, l.length);
            off += l.length;
        }
        b[off++] = 0;
        return off;
    }

    /** Bytes {@link #emit} needs at most (without compression). */
    public static int maxWireLength(String name) {
        int n = 1;
        for (byte[] l : labels(name)) {
            n += 1 + l.length;
        }
        return n;
    }

    private static String suffixKey(List<byte[]> labels, int from) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < labels.size(); i++) {
            sb.append(new String(labels.get(i), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT)).append('.');
        }
        return sb.toString();
    }

    /** A name read from a message: its text and the offset just after it where it started. */
    public record Parsed(String name, int end) {
    }

    /**
     * Reads the name at {@code off} of the message that starts at {@code msg} and ends before
     * {@code end}. Pointers must point backwards (so they cannot loop), labels be at most 63
     * bytes, the name at most 255; the 01 and 10 label types (RFC 6891) are rejected.
     */
    public static Parsed parse(byte[] b, int msg, int off, int end) throws DnsFormatException {
        StringBuilder sb = new StringBuilder();
        int after = -1;
        int wire = 1;
        int limit = off; // a pointer must go before the place it is read from
        while (true) {
            if (off >= end) {
                throw new DnsFormatException("name at " + (off - msg) + " runs past the end of the message");
            }
            int l = b[off] & 0xff;
            if ((l & POINTER) == POINTER) {
                if (off + 1 >= end) {
                    throw new DnsFormatException("compression pointer at " + (off - msg) + " is cut short");
                }
                int target = msg + (Bytes.u16(b, off) & 0x3fff);
                if (target >= limit) {
                    throw new DnsFormatException("compression pointer at " + (off - msg) + " does not point back");
                }
                if (after < 0) {
                    after = off + 2;
                }
                limit = target;
                off = target;
                continue;
            }
            if ((l & POINTER) != 0) {
                throw new DnsFormatException("unknown label type 0x" + Integer.toHexString(l & POINTER) + " at "
                    + (off - msg));
            }
            off++;
            if (l == 0) {
                break;
            }
            if (off + l > end) {
                throw new DnsFormatException("label at " + (off - 1 - msg) + " runs past the end of the message");
            }
            wire += 1 + l;
            if (wire > MAX_LENGTH) {
                throw new DnsFormatException("name longer than 255 bytes at " + (off - 1 - msg));
            }
            if (sb.length() > 0) {
                sb.append('.');
            }
            appendLabel(sb, b, off, l);
            off += l;
        }
        return new Parsed(sb.toString(), after >= 0 ? after : off);
    }

    private static void appendLabel(StringBuilder sb, byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            int c = b[i] & 0xff;
            if (c == '.' || c == '\\' || c == '"' || c == '(' || c == ')' || c == ';' || c == '@' || c == '$') {
                sb.append('\\').append((char) c);
            } else if (c <= 0x20 || c >= 0x7f) {
                sb.append('\\').append(String.format("%03d", c));
            } else {
                sb.append((char) c);
            }
        }
    }
}
