package io.knetsim.net;

import io.knetsim.packet.SkBuff;
import io.knetsim.sim.Timer;
import java.util.ArrayDeque;

/**
 * One neighbour entry ({@code struct neighbour}): an IPv4 address on a device, its MAC once
 * resolved, a NUD state, and the packets waiting while resolution is in progress.
 */
public final class Neighbour {
    /** NUD states as {@code ip neigh} prints them. */
    public enum State { INCOMPLETE, REACHABLE, STALE, DELAY, PROBE, FAILED, PERMANENT, NOARP }

    final NetDevice dev;
    final int ip;
    long mac;
    State state;
    /** Virtual time of the last confirmation (ARP reply or request from it). */
    long confirmed;
    /** Probes sent in the current resolution round. */
    int probes;
    Timer timer;
    ArrayDeque<SkBuff> queue;
    int queuedBytes;
    /** Reachable time drawn for this entry (base 30 s, randomised as the kernel does). */
    long reachableTime;

    Neighbour(NetDevice dev, int ip) {
        this.dev = dev;
        this.ip = ip;
    }

    public NetDevice device() {
        return dev;
    }

    public int ip() {
        return ip;
    }

    public long mac() {
        return mac;
    }

    public boolean hasMac() {
        return state != State.INCOMPLETE && state != State.FAILED;
    }

    /** The state as of now: a REACHABLE entry past its reachable time reads STALE. */
    public State state() {
        if (state == State.REACHABLE && dev.namespace().sim().now() - confirmed >= reachableTime) {
            return State.STALE;
        }
        return state;
    }
}
