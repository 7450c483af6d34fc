package io.knetsim.netfilter.nft;

import io.knetsim.netfilter.conntrack.CtInfo;
import java.util.List;

/**
 * {@code ct state}, {@code ct status} and {@code ct mark} ({@code nft_ct}): what conntrack attached to the packet.
 * A ruleset that uses it turns conntrack on in its namespace.
 */
public record CtExpr(Key key) implements Expr {
    /** The conntrack keys knetsim models. */
    public enum Key {
        STATE("state", DataType.CT_STATE), STATUS("status", DataType.CT_STATUS), MARK("mark", DataType.MARK);

        private final String text;
        private final DataType type;

        Key(String text, DataType type) {
            this.text = text;
            this.type = type;
        }

        public String text() {
            return text;
        }

        public static Key of(String w) {
            for (Key k : values()) {
                if (k.text.equals(w)) {
                    return k;
                }
            }
            return null;
        }
    }

    @Override
    public Object eval(NftPacket p) {
        CtInfo ci = p.nft.conntrack().info(p.skb);
        return switch (key) {
            case STATE -> ci == null ? (long) io.knetsim.netfilter.conntrack.CtState.UNTRACKED.bit()
                : (long) ci.state().bit();
            case STATUS -> ci == null || ci.entry() == null ? null : ci.entry().status();
            case MARK -> ci == null || ci.entry() == null ? null : ci.entry().mark & 0xffffffffL;
        };
    }

    @Override
    public List<DataType> types() {
        return List.of(key.type);
    }

    @Override
    public String format() {
        return "ct " + key.text;
    }
}
