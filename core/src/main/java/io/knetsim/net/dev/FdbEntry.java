package io.knetsim.net.dev;

import io.knetsim.net.NetDevice;

/**
 * One forwarding-database entry: a MAC and where it lives. For a bridge {@code port} is the
 * port device; for VXLAN {@code remotes} are VTEP addresses. {@code local} entries are the
 * bridge's own MACs ({@code permanent}); {@code isStatic} ones were added by hand or by a
 * daemon (flannel) and never age.
 */
public final class FdbEntry {
    final long mac;
    NetDevice port;
    int[] remotes;
    final boolean local;
    final boolean isStatic;
    long updated;

    FdbEntry(long mac, NetDevice port, int[] remotes, boolean local, boolean isStatic, long updated) {
        this.mac = mac;
        this.port = port;
        this.remotes = remotes;
        this.local = local;
        this.isStatic = isStatic;
        this.updated = updated;
    }

    public long mac() {
        return mac;
    }

    public NetDevice port() {
        return port;
    }

    /** VTEP addresses for a VXLAN entry (one for unicast, several for head-end replication). */
    public int[] remotes() {
        return remotes == null ? new int[0] : remotes.clone();
    }

    public boolean isLocal() {
        return local;
    }

    public boolean isStatic() {
        return isStatic;
    }

    /** Virtual time of the last learn or use. */
    public long updated() {
        return updated;
    }
}
