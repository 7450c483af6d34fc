package io.knetsim.kubeproxy.proxy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * kube-proxy's nftables chain names: {@code service-HASH-ns/name/proto/portName} and
 * {@code endpoint-HASH-ns/name/proto/portName__ip/port}, where HASH is the first 8 characters
 * of the base32 (RFC 4648 standard alphabet) encoding of the SHA-256 of the rest, so names are
 * unique and readable. For example {@code ns1/svc1/tcp/p80} is {@code ULMVA6XW-ns1/svc1/tcp/p80}.
 */
public final class ChainNames {
    /** Longest base name before the prefix ({@code NameLengthMax} 256 minus the longest prefix, 16). */
    public static final int BASE_LENGTH_MAX = 240;
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private ChainNames() {
    }

    /** {@code ns/name/proto/portName} with its hash in front. */
    public static String servicePortBase(String namespace, String name, String protocol, String portName) {
        return hashAndTruncate(namespace + "/" + name + "/" + protocol + "/" + portName);
    }

    /** {@code ns/name/proto/portName__ip/port} with its hash in front. */
    public static String endpointBase(String namespace, String name, String protocol, String portName, String ip,
        int port) {
        return hashAndTruncate(namespace + "/" + name + "/" + protocol + "/" + portName + "__" + ip + "/" + port);
    }

    /** {@code HASH-name}, cut to {@link #BASE_LENGTH_MAX} with "..." when longer. */
    public static String hashAndTruncate(String name) {
        String s = hash(name) + "-" + name;
        return s.length() > BASE_LENGTH_MAX ? s.substring(0, BASE_LENGTH_MAX - 3) + "..." : s;
    }

    /** The first 8 base32 characters of SHA-256({@code name}): the first 40 bits, 5 at a time. */
    static String hash(String name) {
        byte[] d;
        try {
            d = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
        long bits = 0;
        for (int i = 0; i < 5; i++) {
            bits = (bits << 8) | (d[i] & 0xFF);
        }
        StringBuilder sb = new StringBuilder(8);
        for (int i = 7; i >= 0; i--) {
            sb.append(BASE32.charAt((int) ((bits >>> (i * 5)) & 31)));
        }
        return sb.toString();
    }
}
