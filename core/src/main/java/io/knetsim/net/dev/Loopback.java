package io.knetsim.net.dev;

import io.knetsim.net.NetDevice;
import io.knetsim.net.NetNamespace;
import io.knetsim.packet.SkBuff;

/**
 * {@code lo}: what is sent comes back in. Like {@code netif_rx}, the frame is queued and
 * received in a fresh event rather than by a nested call, so a reply to oneself does not
 * recurse. Taps see each packet once, on output, as packet sockets on {@code lo} do.
 */
public final class Loopback extends NetDevice {
    public static final int MTU = 65536;

    public Loopback(NetNamespace ns) {
        super(ns, "lo", 0, MTU);
    }

    @Override
    public String kind() {
        return "loopback";
    }

    @Override
    protected void transmit(SkBuff skb) {
        skb.hops = 0;
        ns.sim().after(0, () -> receive(skb));
    }

    @Override
    protected boolean tapsOnReceive() {
        return false;
    }

    @Override
    protected boolean checksRxMtu() {
        return false;
    }

    @Override
    public boolean needsArp() {
        return false;
    }

    @Override
    public String linkType() {
        return "loopback";
    }

    @Override
    public String operState() {
        return "UNKNOWN";
    }

    @Override
    public String flags() {
        return isUp() ? "LOOPBACK,UP,LOWER_UP" : "LOOPBACK";
    }
}
