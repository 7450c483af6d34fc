package io.knetsim.cni.flanneld;

import io.knetsim.addr.Cidr;
import io.knetsim.sim.SimRandom;
import io.knetsim.sim.SimTime;
import java.util.List;

/**
 * flannel's local subnet manager: the lease logic over a {@link SubnetRegistry}.
 *
 * <ul>
 *   <li>Acquire: read all leases; if one already belongs to this worker's public IP and fits
 *       the configuration, renew and reuse it; otherwise pick a subnet with
 *       {@link SubnetAllocator} and create its key with {@code prevExist=false}. Losing that race
 *       (etcd 105) tries again, up to ten times.</li>
 *   <li>Leases live {@link #SUBNET_TTL} (24 hours) and are renewed by rewriting the key.</li>
 *   <li>Watch: a snapshot first, then one change at a time; when etcd's history no longer
 *       holds the cursor (401), a fresh snapshot.</li>
 * </ul>
 */
public final class LocalManager implements SubnetManager {
    /** A lease lives this long unless renewed. */
    public static final long SUBNET_TTL = SimTime.seconds(24 * 3600);
    static final int RACE_RETRIES = 10;

    private final SubnetRegistry registry;
    private final SimRandom random;

    public LocalManager(SubnetRegistry registry, SimRandom random) {
        this.registry = registry;
        this.random = random;
    }

    @Override
    public void getNetworkConfig(Callback<FlannelConfig> cb) {
        registry.getNetworkConfig((json, err) -> {
            if (err != null) {
                cb.done(null, err.message());
                return;
            }
            try {
                cb.done(FlannelConfig.parse(json), null);
            } catch (FlannelConfigException e) {
                cb.done(null, e.getMessage());
            }
        });
    }

    @Override
    public void acquireLease(FlannelConfig cfg, LeaseAttrs attrs, Callback<Lease> cb) {
        tryAcquire(cfg, attrs, 0, cb);
    }

    private void tryAcquire(FlannelConfig cfg, LeaseAttrs attrs, int attempt, Callback<Lease> cb) {
        if (attempt >= RACE_RETRIES) {
            cb.done(null, "Max retries reached trying to acquire a subnet");
            return;
        }
        registry.getSubnets((subnets, err) -> {
            if (err != null) {
                cb.done(null, err.message());
                return;
            }
            Lease mine = subnets.leases().stream()
                .filter(l -> l.attrs().publicIp().equals(attrs.publicIp())).findFirst().orElse(null);
            if (mine != null && compatible(cfg, mine.subnet())) {
                registry.updateSubnet(mine.subnet(), attrs, SUBNET_TTL, 0, (exp, e2) -> {
                    if (e2 != null) {
                        cb.done(null, e2.message());
                    } else {
                        cb.done(new Lease(mine.subnet(), attrs, exp), null);
                    }
                });
                return;
            }
            if (mine != null) {
                registry.deleteSubnet(mine.subnet(), (v, e2) -> {
                    if (e2 != null) {
                        cb.done(null, e2.message());
                    } else {
                        tryAcquire(cfg, attrs, attempt, cb);
                    }
                });
                return;
            }
            Cidr sn;
            try {
                sn = SubnetAllocator.allocate(cfg, subnets.leases().stream().map(Lease::subnet).toList(), random);
            } catch (IllegalStateException e) {
                cb.done(null, e.getMessage());
                return;
            }
            registry.createSubnet(sn, attrs, SUBNET_TTL, (exp, e2) -> {
                if (e2 == null) {
                    cb.done(new Lease(sn, attrs, exp), null);
                } else if (e2.code() == SubnetRegistry.RegistryError.NODE_EXIST) {
                    tryAcquire(cfg, attrs, attempt + 1, cb);
                } else {
                    cb.done(null, e2.message());
                }
            });
        });
    }

    private static boolean compatible(FlannelConfig cfg, Cidr sn) {
        return sn.address().compareTo(cfg.subnetMin()) >= 0 && sn.address().compareTo(cfg.subnetMax()) <= 0
            && sn.prefixLength() == cfg.subnetLen();
    }

    @Override
    public void renewLease(Lease lease, Callback<Lease> cb) {
        registry.updateSubnet(lease.subnet(), lease.attrs(), SUBNET_TTL, 0, (exp, err) -> {
            if (err != null) {
                cb.done(null, err.message());
            } else {
                cb.done(new Lease(lease.subnet(), lease.attrs(), exp), null);
            }
        });
    }

    @Override
    public void watchLeases(long cursor, Callback<LeaseWatchResult> cb) {
        if (cursor < 0) {
            snapshot(cb);
            return;
        }
        registry.watchSubnets(cursor, (change, err) -> {
            if (err != null && err.code() == SubnetRegistry.RegistryError.EVENT_INDEX_CLEARED) {
                snapshot(cb);
            } else if (err != null) {
                cb.done(null, err.message());
            } else {
                cb.done(new LeaseWatchResult(null, change.event() == null ? List.of() : List.of(change.event()),
                    change.index()), null);
            }
        });
    }

    private void snapshot(Callback<LeaseWatchResult> cb) {
        registry.getSubnets((subnets, err) -> {
            if (err != null) {
                cb.done(null, "failed to retrieve subnet leases: " + err.message());
            } else {
                cb.done(new LeaseWatchResult(subnets.leases(), List.of(), subnets.index()), null);
            }
        });
    }
}
