package io.knetsim.netfilter.nft;

import java.util.List;

/**
 * Packet metadata ({@code nft_meta}): input and output interface names, the layer 4
 * protocol, the mark, the netfilter family. {@code iifname}/{@code oifname} list without the
 * {@code meta} word, as nft writes them.
 */
public record MetaExpr(Key key) implements Expr {
    /** The meta keys knetsim models. */
    public enum Key {
        IIFNAME("iifname", DataType.IFNAME, false),
        OIFNAME("oifname", DataType.IFNAME, false),
        L4PROTO("l4proto", DataType.INET_PROTO, true),
        MARK("mark", DataType.MARK, true),
        NFPROTO("nfproto", DataType.NFPROTO, true),
        /** {@code meta nftrace}: 1 once a rule set it, the packet is traced. */
        NFTRACE("nftrace", DataType.INTEGER, true);

        private final String text;
        private final DataType type;
        private final boolean metaPrefix;

        Key(String text, DataType type, boolean metaPrefix) {
            this.text = text;
            this.type = type;
            this.metaPrefix = metaPrefix;
        }

        public String text() {
            return text;
        }

        public DataType type() {
            return type;
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
        return switch (key) {
            case IIFNAME -> p.in == null ? null : p.in.name();
            case OIFNAME -> p.out == null ? null : p.out.name();
            case L4PROTO -> (long) p.protocol();
            case MARK -> p.skb.mark & 0xffffffffL;
            case NFPROTO -> 2L;
            case NFTRACE -> p.skb.nftrace ? 1L : 0L;
        };
    }

    @Override
    public List<DataType> types() {
        return List.of(key.type);
    }

    @Override
    public String format() {
        return key.metaPrefix ? "meta " + key.text : key.text;
    }
}
