package io.knetsim.cni.flanneld;

import io.knetsim.addr.Cidr;
import io.knetsim.kv.EtcdClient;
import io.knetsim.kv.EtcdDeleteOptions;
import io.knetsim.kv.EtcdResponse;
import io.knetsim.kv.EtcdSetOptions;
import io.knetsim.kv.KvEvent;
import io.knetsim.kv.KvNode;
import io.knetsim.sim.SimTime;
import java.util.ArrayList;
import java.util.List;

/**
 * flannel's etcd v2 registry: the keys under a prefix (default {@code /coreos.com/network}),
 * read and written through an {@link EtcdClient}, so every call is HTTP on the simulated network.
 *
 * <pre>
 *   PREFIX/config                       the network configuration (JSON)
 *   PREFIX/subnets/11.10.16.0-20        one lease (JSON attrs, TTL 24 h)
 * </pre>
 */
public final class EtcdRegistry implements SubnetRegistry {
    /** flanneld's default {@code --etcd-prefix}. */
    public static final String DEFAULT_PREFIX = "/coreos.com/network";

    private final EtcdClient etcd;
    private final String prefix;

    public EtcdRegistry(EtcdClient etcd, String prefix) {
        this.etcd = etcd;
        this.prefix = prefix;
    }

    private String subnetsDir() {
        return prefix + "/subnets";
    }

    private String subnetKey(Cidr sn) {
        return subnetsDir() + "/" + Lease.keyOf(sn);
    }

    private static RegistryError error(EtcdResponse r) {
        if (r.error() != null) {
            return new RegistryError(r.error().errorCode(), r.error().getMessage());
        }
        return new RegistryError(RegistryError.TRANSPORT, r.clusterErrorMessage().strip());
    }

    @Override
    public void getNetworkConfig(Reply<String> reply) {
        etcd.get(prefix + "/config", false, false, r -> {
            if (r.ok()) {
                reply.done(r.node().value(), null);
            } else {
                reply.done(null, error(r));
            }
        });
    }

    @Override
    public void getSubnets(Reply<Subnets> reply) {
        etcd.get(subnetsDir(), true, false, r -> {
            if (r.ok()) {
                List<Lease> leases = new ArrayList<>();
                if (r.node().nodes() != null) {
                    for (KvNode n : r.node().nodes()) {
                        Lease l = lease(n);
                        if (l != null) {
                            leases.add(l);
                        }
                    }
                }
                reply.done(new Subnets(leases, r.etcdIndex()), null);
            } else if (r.error() != null && r.error().errorCode() == RegistryError.KEY_NOT_FOUND) {
                reply.done(new Subnets(List.of(), r.etcdIndex()), null); // no lease yet
            } else {
                reply.done(null, error(r));
            }
        });
    }

    /** A lease from its key node, or null for a key that is not one (flannel skips those). */
    private static Lease lease(KvNode n) {
        if (n.dir() || n.value() == null) {
            return null;
        }
        Cidr sn = Lease.parseKey(n.key().substring(n.key().lastIndexOf('/') + 1));
        if (sn == null) {
            return null;
        }
        try {
            return new Lease(sn, LeaseAttrs.parse(n.value()), n.hasTtl() ? n.expiration() : Long.MAX_VALUE);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public void createSubnet(Cidr subnet, LeaseAttrs attrs, long ttl, Reply<Long> reply) {
        etcd.set(subnetKey(subnet), attrs.toJson(), EtcdSetOptions.NONE.withPrevExist(false).withTtl(seconds(ttl)),
            r -> expiration(r, reply));
    }

    @Override
    public void updateSubnet(Cidr subnet, LeaseAttrs attrs, long ttl, long prevIndex, Reply<Long> reply) {
        etcd.set(subnetKey(subnet), attrs.toJson(), EtcdSetOptions.NONE.withTtl(seconds(ttl)).withPrevIndex(prevIndex),
            r -> expiration(r, reply));
    }

    private static Long seconds(long ttl) {
        return ttl == 0 ? null : ttl / SimTime.SECOND;
    }

    private static void expiration(EtcdResponse r, Reply<Long> reply) {
        if (r.ok()) {
            reply.done(r.node().hasTtl() ? r.node().expiration() : Long.MAX_VALUE, null);
        } else {
            reply.done(null, error(r));
        }
    }

    @Override
    public void deleteSubnet(Cidr subnet, Reply<Void> reply) {
        etcd.delete(subnetKey(subnet), EtcdDeleteOptions.NONE, r -> reply.done(null, r.ok() ? null : error(r)));
    }

    @Override
    public void watchSubnets(long since, Reply<Change> reply) {
        etcd.watch(subnetsDir(), true, since + 1, r -> {
            if (!r.ok()) {
                reply.done(null, error(r));
                return;
            }
            KvEvent e = r.event();
            long index = e.node().modifiedIndex();
            boolean gone = switch (e.action()) {
                case KvEvent.DELETE, KvEvent.EXPIRE, KvEvent.COMPARE_AND_DELETE -> true;
                default -> false;
            };
            Lease l = gone ? removed(e) : lease(e.node());
            if (l == null) {
                reply.done(new Change(null, index), null); // not a lease key: nothing to do
                return;
            }
            reply.done(new Change(new SubnetManager.LeaseEvent(gone ? SubnetManager.LeaseEvent.Type.REMOVED
                : SubnetManager.LeaseEvent.Type.ADDED, l), index), null);
        });
    }

    /** A removed lease, from the event's previous node (which carries the value) when present. */
    private static Lease removed(KvEvent e) {
        Lease l = e.prevNode() != null ? lease(e.prevNode()) : null;
        if (l != null) {
            return l;
        }
        Cidr sn = Lease.parseKey(e.node().key().substring(e.node().key().lastIndexOf('/') + 1));
        return sn == null ? null : new Lease(sn, null, 0);
    }
}
