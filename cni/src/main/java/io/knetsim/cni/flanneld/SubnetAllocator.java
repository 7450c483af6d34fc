package io.knetsim.cni.flanneld;

import io.knetsim.addr.Cidr;
import io.knetsim.addr.Ipv4Address;
import io.knetsim.sim.SimRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * How flannel picks a subnet for a new lease: walk the subnets from {@code SubnetMin} to
 * {@code SubnetMax}, keep the first 100 that overlap no existing lease, and take one of them at
 * random (here from the seeded source, so a seed fixes the choice).
 */
public final class SubnetAllocator {
    /** Flannel stops collecting candidates at this many. */
    public static final int CANDIDATES = 100;

    private SubnetAllocator() {
    }

    /** The free candidates, in address order. */
    public static List<Cidr> candidates(FlannelConfig cfg, Collection<Cidr> taken) {
        List<Cidr> bag = new ArrayList<>();
        long step = 1L << (32 - cfg.subnetLen());
        long max = Integer.toUnsignedLong(cfg.subnetMax().bits());
        for (long ip = Integer.toUnsignedLong(cfg.subnetMin().bits()); ip <= max && bag.size() < CANDIDATES;
             ip += step) {
            Cidr sn = Cidr.of(new Ipv4Address((int) ip), cfg.subnetLen());
            if (taken.stream().noneMatch(sn::overlaps)) {
                bag.add(sn);
            }
        }
        return bag;
    }

    /** One free subnet chosen at random; throws with flannel's "out of subnets" when none is left. */
    public static Cidr allocate(FlannelConfig cfg, Collection<Cidr> taken, SimRandom random) {
        List<Cidr> bag = candidates(cfg, taken);
        if (bag.isEmpty()) {
            throw new IllegalStateException("out of subnets");
        }
        return bag.get(random.nextInt(bag.size()));
    }
}
