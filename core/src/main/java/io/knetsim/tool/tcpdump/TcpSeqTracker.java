package io.knetsim.tool.tcpdump;

import java.util.HashMap;
import java.util.Map;

/**
 * tcpdump's memory of TCP conversations for relative sequence numbers ({@code tcp_seq_hash}):
 * one entry per address/port pair in a canonical order, recorded from the first segment with
 * ACK set that it sees for the pair, or again at any SYN. That segment prints absolute
 * numbers; later ones print numbers relative to it. {@code -S} turns this off.
 */
final class TcpSeqTracker {
    /** The key: addresses and ports with the lower port (or address) first. */
    private record Key(int src, int dst, int ports) {
    }

    /** {@code seq} and {@code ack} as recorded for the canonical direction. */
    static final class Entry {
        int seq;
        int ack;
    }

    private final Map<Key, Entry> entries = new HashMap<>();

    /**
     * Looks up (or records) the conversation; returns the relative {@code [seq, ack, thseq, thack, rev]}
     * as tcpdump computes them.
     */
    int[] relative(int src, int dst, int sport, int dport, int seq, int ack, boolean syn) {
        boolean rev = sport > dport || (sport == dport && Integer.compareUnsigned(src, dst) > 0);
        Key k = rev ? new Key(dst, src, dport << 16 | sport) : new Key(src, dst, sport << 16 | dport);
        Entry e = entries.get(k);
        if (e == null || syn) {
            if (e == null) {
                e = new Entry();
                entries.put(k, e);
            }
            if (rev) {
                e.ack = seq;
                e.seq = ack - 1;
            } else {
                e.seq = seq;
                e.ack = ack - 1;
            }
        } else if (rev) {
            seq -= e.ack;
            ack -= e.seq;
        } else {
            seq -= e.seq;
            ack -= e.ack;
        }
        return new int[] {seq, ack, e.seq, e.ack, rev ? 1 : 0};
    }
}
