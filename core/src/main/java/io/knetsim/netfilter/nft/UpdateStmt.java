package io.knetsim.netfilter.nft;

import java.util.List;

/**
 * {@code update @set { KEY }} ({@code nft_dynset}): adds the packet's key to a set with
 * {@code flags dynamic}, or, when it is there, restarts its timeout. kube-proxy's ClientIP
 * session affinity remembers each client this way, in one {@code affinity-*} set per endpoint:
 *
 * <pre>
 *   endpoint-...: update @affinity-... { ip saddr }      the client was sent here
 *   service-...:  ip saddr @affinity-... goto endpoint-... (until the timeout passes)
 * </pre>
 */
public record UpdateStmt(NftSet set, Expr key) implements Stmt {
    @Override
    public boolean eval(NftPacket p) {
        Object k = key.eval(p);
        if (k == null) {
            return false;
        }
        set.update(k);
        return true;
    }

    @Override
    public String format() {
        return "update @" + set.name() + " { " + key.format() + " }";
    }

    @Override
    public void references(List<Object> out) {
        out.add(set);
    }
}
