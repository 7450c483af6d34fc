package io.knetsim.netfilter.nft;

import java.util.List;

/** {@code accept}, {@code drop}, {@code continue}, {@code return}, {@code jump CHAIN}, {@code goto CHAIN}. */
public record VerdictStmt(NftVerdict verdict) implements Stmt {
    @Override
    public boolean eval(NftPacket p) {
        p.verdict = verdict;
        return false;
    }

    @Override
    public String format() {
        return verdict.format();
    }

    @Override
    public void references(List<Object> out) {
        if (verdict.chain() != null) {
            out.add(verdict.chain());
        }
    }
}
