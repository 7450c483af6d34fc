package io.knetsim.net.dev;

import io.knetsim.net.NetDevice;
import io.knetsim.packet.SkBuff;

/**
 * A device enslaved to a bridge, with the per-port flags of {@code bridge link set}. It is the
 * device's rx handler, so a frame finds its port without a lookup.
 */
public final class BridgePort implements NetDevice.RxHandler {
    final Bridge bridge;
    final NetDevice dev;
    boolean hairpin;
    boolean learning = true;
    boolean flood = true;

    BridgePort(Bridge bridge, NetDevice dev) {
        this.bridge = bridge;
        this.dev = dev;
    }

    @Override
    public void handleFrame(NetDevice port, SkBuff skb) {
        bridge.handleFrame(this, skb);
    }

    public NetDevice device() {
        return dev;
    }

    public boolean hairpin() {
        return hairpin;
    }

    /** {@code bridge link set dev PORT hairpin on}: frames may go back out of the port they came in on. */
    public void setHairpin(boolean on) {
        hairpin = on;
    }

    public boolean learning() {
        return learning;
    }

    public void setLearning(boolean on) {
        learning = on;
    }

    public boolean flood() {
        return flood;
    }

    public void setFlood(boolean on) {
        flood = on;
    }

    /** STP state as {@code bridge link} prints it. */
    public String state() {
        return dev.isUp() && dev.hasCarrier() ? "forwarding" : "disabled";
    }
}
