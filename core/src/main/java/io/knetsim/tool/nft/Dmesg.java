package io.knetsim.tool.nft;

import io.knetsim.tool.Command;
import io.knetsim.tool.Invocation;

/** {@code dmesg}: the namespace's kernel log, where nft {@code log} statements write. */
public final class Dmesg implements Command {
    @Override
    public String name() {
        return "dmesg";
    }

    @Override
    public String synopsis() {
        return "dmesg: print the kernel log (lines from nft 'log' statements)";
    }

    @Override
    public void start(Invocation inv) {
        for (String line : inv.ns().nftables().kernelLog()) {
            inv.println(line);
        }
        inv.exit(0);
    }
}
