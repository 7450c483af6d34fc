package io.knetsim.tool.nft;

import io.knetsim.netfilter.nft.Chain;
import io.knetsim.netfilter.nft.NftSet;
import io.knetsim.netfilter.nft.Rule;
import io.knetsim.netfilter.nft.Table;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code nft list} output in nft 1.0's layout: tabs for indentation, sets and maps before
 * chains, a blank line between the blocks of a table, {@code # handle N} comments with
 * {@code -a}.
 *
 * <pre>
 * table ip mytable {
 * 	chain mychain {
 * 		type filter hook output priority filter; policy accept;
 * 		ip daddr 8.8.8.8 counter packets 1 bytes 84
 * 	}
 * }
 * </pre>
 */
final class Listing {
    private final boolean handles;
    private final StringBuilder out = new StringBuilder();

    Listing(boolean handles) {
        this.handles = handles;
    }

    private String h(long handle) {
        return handles ? " # handle " + handle : "";
    }

    /** A whole table, or only {@code onlyChain} / {@code onlySet} inside its table block. */
    Listing table(Table t, Chain onlyChain, NftSet onlySet) {
        out.append("table ").append(t.family().text()).append(' ').append(t.name()).append(" {").append(h(t.handle()))
            .append('\n');
        List<Runnable> blocks = new ArrayList<>();
        for (NftSet s : t.sets()) {
            if (onlyChain == null && (onlySet == null || onlySet == s)) {
                blocks.add(() -> set(s));
            }
        }
        for (Chain c : t.chains()) {
            if (onlySet == null && (onlyChain == null || onlyChain == c)) {
                blocks.add(() -> chain(c));
            }
        }
        for (int i = 0; i < blocks.size(); i++) {
            if (i > 0) {
                out.append('\n');
            }
            blocks.get(i).run();
        }
        out.append("}\n");
        return this;
    }

    private void set(NftSet s) {
        out.append('\t').append(s.isMap() ? "map " : "set ").append(s.name()).append(" {").append(h(s.handle()))
            .append('\n');
        out.append("\t\ttype ").append(s.keyTypeText());
        if (s.isMap()) {
            out.append(" : ").append(s.dataType().typeName());
        }
        out.append('\n');
        List<String> flags = new java.util.ArrayList<>();
        if (s.dynamic()) {
            flags.add("dynamic");
        }
        if (s.interval()) {
            flags.add("interval");
        }
        if (s.timeouts()) {
            flags.add("timeout");
        }
        if (!flags.isEmpty()) {
            out.append("\t\tflags ").append(String.join(",", flags)).append('\n');
        }
        if (s.timeout() > 0) {
            out.append("\t\ttimeout ").append(NftSet.formatTime(s.timeout() / 1_000_000L)).append('\n');
        }
        List<String> elems = s.formatElements();
        if (!elems.isEmpty()) {
            out.append("\t\telements = { ").append(String.join(", ", elems)).append(" }\n");
        }
        out.append("\t}\n");
    }

    private void chain(Chain c) {
        out.append("\tchain ").append(c.name()).append(" {").append(h(c.handle())).append('\n');
        if (c.base() != null) {
            out.append("\t\t").append(c.base().format()).append('\n');
        }
        for (Rule r : c.rules()) {
            out.append("\t\t").append(r.format()).append(h(r.handle())).append('\n');
        }
        out.append("\t}\n");
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
