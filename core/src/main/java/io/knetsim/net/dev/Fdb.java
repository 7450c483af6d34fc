package io.knetsim.net.dev;

import io.knetsim.sim.SimTime;
import io.knetsim.sim.Simulator;
import io.knetsim.util.LongMap;
import java.util.ArrayList;
import java.util.List;

/**
 * A MAC forwarding database ({@code net/bridge/br_fdb.c}, and the VXLAN FDB): hash lookup by
 * MAC; learned entries expire {@code ageingTime} after they were last seen (checked lazily on
 * lookup, so ageing costs nothing per frame).
 */
public final class Fdb {
    public static final long DEFAULT_AGEING = SimTime.seconds(300);

    private final Simulator sim;
    private final LongMap<FdbEntry> entries = new LongMap<>(8);
    private long ageingTime = DEFAULT_AGEING;

    public Fdb(Simulator sim) {
        this.sim = sim;
    }

    public long ageingTime() {
        return ageingTime;
    }

    public void setAgeingTime(long nanos) {
        this.ageingTime = nanos;
    }

    /** The live entry for {@code mac}, or null (an aged-out one is removed). */
    public FdbEntry lookup(long mac) {
        FdbEntry e = entries.get(mac);
        if (e != null && !e.local && !e.isStatic && sim.now() - e.updated >= ageingTime) {
            entries.remove(mac);
            return null;
        }
        return e;
    }

    FdbEntry put(FdbEntry e) {
        entries.put(e.mac, e);
        return e;
    }

    public boolean remove(long mac) {
        return entries.remove(mac) != null;
    }

    /** Live entries, in no particular order. */
    public List<FdbEntry> entries() {
        List<FdbEntry> out = new ArrayList<>();
        entries.forEach((k, e) -> {
            if (e.local || e.isStatic || sim.now() - e.updated < ageingTime) {
                out.add(e);
            }
        });
        return out;
    }

    /** Removes every entry pointing at {@code port}. */
    void removePort(Object port) {
        List<Long> gone = new ArrayList<>();
        entries.forEach((k, e) -> {
            if (e.port == port) {
                gone.add(k);
            }
        });
        gone.forEach(entries::remove);
    }
}
