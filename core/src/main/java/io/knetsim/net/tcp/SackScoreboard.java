package io.knetsim.net.tcp;

import java.util.ArrayList;
import java.util.List;

/**
 * The sender's record of what the peer has selectively acknowledged (RFC 2018, the
 * scoreboard of RFC 6675 section 3): disjoint, sorted sequence ranges {@code [left, right)}
 * above SND.UNA. Loss recovery asks it for the next hole to retransmit. After a
 * retransmission timeout it is cleared, as RFC 2018 section 8 recommends, since a receiver
 * may renege on SACKed data.
 */
final class SackScoreboard {
    private final List<int[]> ranges = new ArrayList<>();
    private int holeStart;
    private int holeEnd;

    /** Records a SACK block, ignoring one that is stale (at or below SND.UNA) or beyond what was sent. */
    void add(int left, int right, int sndUna, int highSent) {
        if (!SeqNum.lt(left, right) || SeqNum.le(right, sndUna) || SeqNum.gt(right, highSent)) {
            return;
        }
        left = SeqNum.max(left, sndUna);
        int i = 0;
        while (i < ranges.size() && SeqNum.lt(ranges.get(i)[1], left)) {
            i++;
        }
        // merge every range that touches [left, right)
        while (i < ranges.size() && SeqNum.le(ranges.get(i)[0], right)) {
            int[] r = ranges.remove(i);
            left = SeqNum.lt(r[0], left) ? r[0] : left;
            right = SeqNum.max(r[1], right);
        }
        ranges.add(i, new int[] {left, right});
    }

    /** SND.UNA advanced: forgets what it covers. */
    void ackedTo(int sndUna) {
        while (!ranges.isEmpty() && SeqNum.le(ranges.get(0)[1], sndUna)) {
            ranges.remove(0);
        }
        if (!ranges.isEmpty() && SeqNum.lt(ranges.get(0)[0], sndUna)) {
            ranges.get(0)[0] = sndUna;
        }
    }

    void clear() {
        ranges.clear();
    }

    boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** Sequence ranges held, for tests: pairs of left and right edges. */
    List<int[]> ranges() {
        return List.copyOf(ranges);
    }

    /**
     * Finds the first un-SACKed range at or after {@code from} that lies below some SACKed
     * data; {@link #holeStart()} and {@link #holeEnd()} then give it.
     */
    boolean findHole(int from) {
        for (int[] r : ranges) {
            if (SeqNum.lt(from, r[0])) {
                holeStart = from;
                holeEnd = r[0];
                return true;
            }
            from = SeqNum.max(from, r[1]);
        }
        return false;
    }

    int holeStart() {
        return holeStart;
    }

    int holeEnd() {
        return holeEnd;
    }
}
