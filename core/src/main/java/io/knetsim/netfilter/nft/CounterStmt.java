package io.knetsim.netfilter.nft;

/** {@code counter}: packets and bytes (IPv4 total length) of the packets that reach it. */
public final class CounterStmt implements Stmt {
    private long packets;
    private long bytes;

    public CounterStmt(long packets, long bytes) {
        this.packets = packets;
        this.bytes = bytes;
    }

    public long packets() {
        return packets;
    }

    public long bytes() {
        return bytes;
    }

    @Override
    public boolean eval(NftPacket p) {
        packets++;
        bytes += p.length();
        return true;
    }

    @Override
    public String format() {
        return "counter packets " + packets + " bytes " + bytes;
    }
}
