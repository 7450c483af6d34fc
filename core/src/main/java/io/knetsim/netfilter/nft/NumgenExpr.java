package io.knetsim.netfilter.nft;

import java.util.List;

/**
 * {@code numgen random|inc mod N [offset O]} ({@code nft_numgen}): a number in
 * {@code [O, O+N)}, either counting up per packet or drawn from the namespace's seeded random
 * stream, so a run repeats exactly with the same world seed.
 */
public final class NumgenExpr implements Expr {
    private final boolean random;
    private final int modulus;
    private final int offset;
    private long counter;

    public NumgenExpr(boolean random, int modulus, int offset) {
        if (modulus <= 0) {
            throw new NftException("numgen modulus must be greater than zero");
        }
        this.random = random;
        this.modulus = modulus;
        this.offset = offset;
    }

    @Override
    public Object eval(NftPacket p) {
        long n;
        if (random) {
            n = ((p.nft.random().nextInt() & 0xffffffffL) * modulus) >>> 32; // reciprocal_scale
        } else {
            n = counter++ % modulus;
        }
        return (n + offset) & 0xffffffffL;
    }

    @Override
    public List<DataType> types() {
        return List.of(DataType.INTEGER);
    }

    @Override
    public String format() {
        return "numgen " + (random ? "random" : "inc") + " mod " + modulus + (offset != 0 ? " offset " + offset : "");
    }
}
