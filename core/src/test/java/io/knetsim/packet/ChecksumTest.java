package io.knetsim.packet;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.sim.SimRandom;
import org.junit.jupiter.api.Test;

class ChecksumTest {
    /** A header widely used as a worked example: 192.168.0.1 -> 192.168.0.199, UDP, checksum 0xb861. */
    static final byte[] KNOWN_IPV4 = hex("45 00 00 73 00 00 40 00 40 11 b8 61 c0 a8 00 01 c0 a8 00 c7");

    static byte[] hex(String s) {
        String[] parts = s.trim().split("\\s+");
        byte[] b = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            b[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return b;
    }

    @Test
    void rfc1071Section3Example() {
        byte[] b = hex("00 01 f2 03 f4 f5 f6 f7");
        assertThat(Checksum.sum(b, 0, b.length)).isEqualTo(0x2ddf0);
        assertThat(Checksum.fold(Checksum.sum(b, 0, b.length))).isEqualTo(0xddf2);
        assertThat(Checksum.compute(b, 0, b.length)).isEqualTo(0x220d);
    }

    @Test
    void knownIpv4HeaderVerifiesAndRecomputes() {
        assertThat(Checksum.verify(KNOWN_IPV4, 0, 20)).isTrue();
        assertThat(Ipv4Header.checksumValid(KNOWN_IPV4, 0)).isTrue();

        byte[] zeroed = KNOWN_IPV4.clone();
        zeroed[10] = 0;
        zeroed[11] = 0;
        assertThat(Checksum.compute(zeroed, 0, 20)).isEqualTo(0xb861);

        byte[] written = new byte[20];
        Ipv4Header.write(written, 0, 0, 0x73, 0, Ipv4Header.FLAG_DF, 64, Ipv4Header.PROTO_UDP,
            0xc0a80001, 0xc0a800c7);
        assertThat(written).isEqualTo(KNOWN_IPV4);

        byte[] corrupt = KNOWN_IPV4.clone();
        corrupt[8]--;
        assertThat(Checksum.verify(corrupt, 0, 20)).isFalse();
    }

    @Test
    void oddLengthPadsTheLastByteWithZero() {
        byte[] b = hex("01 02 03");
        assertThat(Checksum.sum(b, 0, 3)).isEqualTo(0x0102 + 0x0300);
        assertThat(Checksum.compute(b, 0, 3)).isEqualTo(0xfbfd);
        assertThat(Checksum.compute(hex("01 02 03 00"), 0, 4)).isEqualTo(0xfbfd);
    }

    @Test
    void offsetIsHonouredAndFoldCarriesRepeatedly() {
        byte[] b = hex("ff ff 00 01 f2 03 f4 f5 f6 f7 ff");
        assertThat(Checksum.compute(b, 2, 8)).isEqualTo(0x220d);
        assertThat(Checksum.fold(0x1_fffe_fffeL)).isEqualTo(0xfffe); // 1 + 0xfffe + 0xfffe, folded twice
        assertThat(Checksum.compute(new byte[0], 0, 0)).isEqualTo(0xffff);
    }

    @Test
    void wideSumEqualsTheWordByWordSumAtEveryOffsetAndLength() {
        SimRandom r = new SimRandom(1071);
        byte[] b = new byte[300_000];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) r.nextInt(256);
        }
        for (int i = 0; i < 3_000; i++) {
            int len = r.nextInt(1600);
            int off = r.nextInt(b.length - len);
            assertThat(Checksum.sum(b, off, len)).as("off %d len %d", off, len).isEqualTo(wordByWord(b, off, len));
        }
        java.util.Arrays.fill(b, (byte) 0xff); // the largest words, over more than one lane flush
        assertThat(Checksum.sum(b, 3, b.length - 3)).isEqualTo(wordByWord(b, 3, b.length - 3));
        assertThat(Checksum.sum(b, 0, 262_144)).isEqualTo(131_072L * 0xffff);
    }

    @Test
    void foldedSumEqualsTheFoldOfTheExactSumForEveryKindOfInput() {
        SimRandom r = new SimRandom(1624);
        byte[] b = new byte[4096];
        for (int i = 0; i < 20_000; i++) {
            int len = r.nextInt(1600);
            int off = r.nextInt(b.length - len);
            int kind = r.nextInt(4); // random, all zero, all 0xff, sparse
            for (int k = off; k < off + len; k++) {
                b[k] = switch (kind) {
                    case 0 -> (byte) r.nextInt(256);
                    case 1 -> 0;
                    case 2 -> (byte) 0xff;
                    default -> r.nextInt(50) == 0 ? (byte) r.nextInt(256) : 0;
                };
            }
            long exact = wordByWord(b, off, len);
            assertThat(Checksum.foldedSum(b, off, len)).as("kind %d off %d len %d", kind, off, len)
                .isEqualTo(Checksum.fold(exact));
            int src = r.nextInt();
            int dst = r.nextInt();
            assertThat(Checksum.transport(src, dst, 17, b, off, len))
                .isEqualTo(~Checksum.fold(Checksum.pseudoHeaderSum(src, dst, 17, len) + exact) & 0xffff);
        }
    }

    /** The definition: 16-bit big-endian words one by one, a trailing byte padded with zero. */
    private static long wordByWord(byte[] b, int off, int len) {
        long s = 0;
        for (int i = 0; i + 1 < len; i += 2) {
            s += ((b[off + i] & 0xff) << 8) | (b[off + i + 1] & 0xff);
        }
        if ((len & 1) != 0) {
            s += (b[off + len - 1] & 0xff) << 8;
        }
        return s;
    }

    @Test
    void ttlDecrementPatchedIncrementallyEqualsFullRecomputation() {
        SimRandom r = new SimRandom(1624);
        byte[] h = new byte[20];
        for (int i = 0; i < 20_000; i++) {
            randomHeader(r, h, 1 + r.nextInt(255));
            Ipv4Header.decrementTtl(h, 0);
            int patched = Ipv4Header.checksum(h, 0);
            Ipv4Header.fillChecksum(h, 0);
            assertThat(patched).as("header %d", i).isEqualTo(Ipv4Header.checksum(h, 0));
        }
    }

    @Test
    void addressRewritePatchedIncrementallyEqualsFullRecomputation() {
        SimRandom r = new SimRandom(3022);
        byte[] h = new byte[20];
        for (int i = 0; i < 20_000; i++) {
            randomHeader(r, h, 64);
            int oldSrc = Ipv4Header.src(h, 0);
            int newSrc = r.nextInt();
            Ipv4Header.setSrc(h, 0, newSrc);
            int patched = Checksum.update32(Ipv4Header.checksum(h, 0), oldSrc, newSrc);
            Ipv4Header.fillChecksum(h, 0);
            assertThat(patched).as("header %d", i).isEqualTo(Ipv4Header.checksum(h, 0));
        }
    }

    @Test
    void natRewriteOfAPseudoHeaderAddressPatchesTheUdpChecksum() {
        SimRandom r = new SimRandom(768);
        byte[] seg = new byte[8 + 13];
        for (int i = 0; i < 5_000; i++) {
            for (int k = 8; k < seg.length; k++) {
                seg[k] = (byte) r.nextInt(256);
            }
            int src = r.nextInt();
            int dst = r.nextInt();
            UdpHeader.write(seg, 0, r.nextInt(65536), r.nextInt(65536), seg.length);
            int before = Checksum.transport(src, dst, Ipv4Header.PROTO_UDP, seg, 0, seg.length);
            int newDst = r.nextInt();
            int patched = Checksum.update32(before, dst, newDst);
            assertThat(patched).isEqualTo(Checksum.transport(src, newDst, Ipv4Header.PROTO_UDP, seg, 0, seg.length));
        }
    }

    @Test
    void update16OfAWordMatchesRfc1624Example() {
        // RFC 1624 section 4: HC = 0xdd2f, m = 0x5555 -> m' = 0x3285 gives HC' = 0x0000.
        assertThat(Checksum.update16(0xdd2f, 0x5555, 0x3285)).isEqualTo(0x0000);
    }

    private static void randomHeader(SimRandom r, byte[] h, int ttl) {
        Ipv4Header.write(h, 0, r.nextInt(256), 20 + r.nextInt(1480), r.nextInt(65536),
            r.chance(0.5) ? Ipv4Header.FLAG_DF : 0, ttl, r.nextInt(256), r.nextInt(), r.nextInt());
    }
}
