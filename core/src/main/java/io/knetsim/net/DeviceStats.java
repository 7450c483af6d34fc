package io.knetsim.net;

/** Per-device counters as {@code ip -s link} and {@code ifconfig} print them. */
public final class DeviceStats {
    public long rxPackets;
    public long rxBytes;
    public long rxErrors;
    public long rxDropped;
    public long txPackets;
    public long txBytes;
    public long txErrors;
    public long txDropped;
    /** The same drops, by reason. */
    public final DropCounters drops = new DropCounters();
}
