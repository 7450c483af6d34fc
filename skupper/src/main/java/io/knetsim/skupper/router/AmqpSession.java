package io.knetsim.skupper.router;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One session of an {@link AmqpConnection} (part 2, section 2.5): its channel, the links
 * attached on it, and its transfer-frame windows (section 2.5.6):
 *
 * <pre>
 *   sending:   a transfer needs remoteIncomingWindow &gt; 0; each one sent: next-outgoing-id+1,
 *              remoteIncomingWindow-1; a flow from the peer resets it to
 *              next-incoming-id(flow) + incoming-window(flow) - next-outgoing-id
 *   receiving: windowLeft is what the peer may still send; each transfer: -1; frames the
 *              links still hold are not offered again, the rest is, once half the window is used
 * </pre>
 *
 * The router opens two sessions per inter-router connection, channel 0 for the routing
 * protocol's control links and channel 1 for stream links, so that streams filling their
 * window never hold back the hellos that keep the neighbours alive.
 */
final class AmqpSession {
    final int channel;
    final long maxFrames;
    boolean beginSent;
    boolean beginReceived;
    long nextOutgoingId;
    long remoteIncomingWindow;
    long nextIncomingId;
    long windowLeft;
    long held;
    long nextDeliveryId;
    int rr;
    final TreeMap<Long, AmqpLink> byHandle = new TreeMap<>();
    final Map<Long, AmqpLink> byRemoteHandle = new LinkedHashMap<>();
    final Map<String, AmqpLink> awaitingAttach = new LinkedHashMap<>();

    AmqpSession(int channel, long maxFrames) {
        this.channel = channel;
        this.maxFrames = maxFrames;
        this.windowLeft = maxFrames;
    }

    boolean established() {
        return beginSent && beginReceived;
    }

    long freeHandle() {
        long h = 0;
        for (long used : byHandle.keySet()) {
            if (used != h) {
                break;
            }
            h++;
        }
        return h;
    }

    /** True if, after a frame was dealt with, the window should be offered again (and updates it). */
    boolean reopenWindow() {
        long open = maxFrames - held;
        if (windowLeft < maxFrames / 2 && open > windowLeft) {
            windowLeft = open;
            return true;
        }
        return false;
    }
}
