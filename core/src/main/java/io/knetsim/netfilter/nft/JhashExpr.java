package io.knetsim.netfilter.nft;

import java.util.List;
import java.util.Locale;

/**
 * {@code jhash EXPR mod N [seed S] [offset O]} ({@code nft_hash}): the Jenkins hash of the
 * expression's bytes as they sit in nft registers (each component in network order, padded to
 * 4 bytes), scaled into {@code [O, O+N)}. Without a seed the kernel picks one at random; here it
 * is drawn on first use from the namespace's seeded stream, so it is the same on every run.
 */
public final class JhashExpr implements Expr {
    private final Expr of;
    private final int modulus;
    private int seed;
    private final boolean seedSet;
    private boolean seeded;
    private final int offset;

    public JhashExpr(Expr of, int modulus, int seed, boolean seedSet, int offset) {
        if (modulus <= 0) {
            throw new NftException("hash modulus must be greater than zero");
        }
        this.of = of;
        this.modulus = modulus;
        this.seed = seed;
        this.seedSet = seedSet;
        this.seeded = seedSet;
        this.offset = offset;
    }

    @Override
    public Object eval(NftPacket p) {
        if (!seeded) {
            seed = p.nft.random().nextInt();
            seeded = true;
        }
        List<Expr> parts = of instanceof ConcatExpr c ? c.parts() : List.of(of);
        byte[] buf = new byte[parts.size() * 16];
        int len = 0;
        for (Expr e : parts) {
            Object v = e.eval(p);
            if (v == null) {
                return null;
            }
            int n = width(e);
            if (v instanceof Long l) {
                for (int i = 0; i < n; i++) {
                    buf[len + i] = (byte) (l >>> (8 * (n - 1 - i)));
                }
            } else {
                byte[] s = v.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                System.arraycopy(s, 0, buf, len, Math.min(s.length, 16));
                n = 16;
            }
            len += (n + 3) & ~3;
        }
        long h = JenkinsHash.hash(buf, len, seed) & 0xffffffffL;
        return (((h * modulus) >>> 32) + offset) & 0xffffffffL;
    }

    private static int width(Expr e) {
        if (e instanceof PayloadExpr pe) {
            return pe.field().bytes();
        }
        if (e instanceof MetaExpr me) {
            return me.key() == MetaExpr.Key.L4PROTO || me.key() == MetaExpr.Key.NFPROTO ? 1 : 4;
        }
        return 4;
    }

    @Override
    public List<DataType> types() {
        return List.of(DataType.INTEGER);
    }

    @Override
    public String format() {
        return "jhash " + of.format() + " mod " + modulus
            + (seedSet ? String.format(Locale.ROOT, " seed 0x%x", seed) : "") + (offset != 0 ? " offset " + offset : "");
    }
}
