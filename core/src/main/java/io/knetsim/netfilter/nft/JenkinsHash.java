package io.knetsim.netfilter.nft;

/**
 * Bob Jenkins' lookup3 hash as the kernel's {@code jhash()} computes it over a byte string
 * (words assembled little-endian, as on x86), used by {@code jhash ... mod N}.
 */
final class JenkinsHash {
    static final int INITVAL = 0xdeadbeef;

    private JenkinsHash() {
    }

    static int hash(byte[] k, int length, int initval) {
        int a = INITVAL + length + initval;
        int b = a;
        int c = a;
        int i = 0;
        while (length > 12) {
            a += word(k, i);
            b += word(k, i + 4);
            c += word(k, i + 8);
            // mix
            a -= c; a ^= Integer.rotateLeft(c, 4); c += b;
            b -= a; b ^= Integer.rotateLeft(a, 6); a += c;
            c -= b; c ^= Integer.rotateLeft(b, 8); b += a;
            a -= c; a ^= Integer.rotateLeft(c, 16); c += b;
            b -= a; b ^= Integer.rotateLeft(a, 19); a += c;
            c -= b; c ^= Integer.rotateLeft(b, 4); b += a;
            length -= 12;
            i += 12;
        }
        if (length == 0) {
            return c;
        }
        int[] tail = new int[3];
        for (int j = 0; j < length; j++) {
            tail[j / 4] += (k[i + j] & 0xff) << (8 * (j % 4));
        }
        a += tail[0];
        b += tail[1];
        c += tail[2];
        // final
        c ^= b; c -= Integer.rotateLeft(b, 14);
        a ^= c; a -= Integer.rotateLeft(c, 11);
        b ^= a; b -= Integer.rotateLeft(a, 25);
        c ^= b; c -= Integer.rotateLeft(b, 16);
        a ^= c; a -= Integer.rotateLeft(c, 4);
        b ^= a; b -= Integer.rotateLeft(a, 14);
        c ^= b; c -= Integer.rotateLeft(b, 24);
        return c;
    }

    private static int word(byte[] k, int i) {
        return (k[i] & 0xff) | (k[i + 1] & 0xff) << 8 | (k[i + 2] & 0xff) << 16 | (k[i + 3] & 0xff) << 24;
    }
}
