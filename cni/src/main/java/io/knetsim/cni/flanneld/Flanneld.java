package io.knetsim.cni.flanneld;

import io.knetsim.addr.Cidr;
import io.knetsim.addr.Ipv4Address;
import io.knetsim.net.IfAddress;
import io.knetsim.net.NetDevice;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.route.Route;
import io.knetsim.sim.SimTime;
import io.knetsim.sim.Simulator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The flannel daemon of one worker, an event-driven state machine:
 *
 * <pre>
 *   start --&gt; fetch config --&gt; make backend devices --&gt; acquire lease --&gt; configure, write subnet.env
 *                ^ retry 1 s        (unknown backend: stops)      ^ retry 1 s          |
 *                                                                                    v
 *                          renew at expiry - margin  &lt;--  watch leases: add/remove the path to each remote subnet
 * </pre>
 *
 * Errors are retried every second, as flanneld does, and written to its {@link #log()}.
 */
public final class Flanneld {
    /** flanneld retries a failed etcd call after this long. */
    public static final long RETRY = SimTime.seconds(1);

    private final NetNamespace host;
    private final SubnetManager manager;
    private final FlannelOptions options;
    private final List<String> log = new ArrayList<>();
    private final Map<Cidr, Lease> remotes = new TreeMap<>((a, b) -> a.address().compareTo(b.address()));
    private FlannelConfig config;
    private NetDevice extIface;
    private Ipv4Address publicIp;
    private Backend backend;
    private Lease lease;
    private boolean running;
    private String failure;
    private final List<Runnable> onLease = new ArrayList<>(1);

    public Flanneld(NetNamespace host, SubnetManager manager, FlannelOptions options) {
        this.host = host;
        this.manager = manager;
        this.options = options;
    }

    /** Starts the daemon; it works on the simulator's clock from here on. */
    public Flanneld start() {
        running = true;
        try {
            chooseInterface();
        } catch (IllegalStateException e) {
            fail(e.getMessage());
            return this;
        }
        fetchConfig();
        return this;
    }

    /**
     * Runs {@code r} each time the daemon has a lease and has written subnet.env, as the
     * install-cni step of a flannel DaemonSet waits for it before writing the CNI config.
     */
    public Flanneld onLease(Runnable r) {
        onLease.add(r);
        return this;
    }

    /** Stops the daemon: no more renewals or watches. Routes it programmed stay, as they do on Linux. */
    public void stop() {
        running = false;
    }

    private Simulator sim() {
        return host.sim();
    }

    private void chooseInterface() {
        if (options.iface() != null) {
            extIface = host.device(options.iface());
            if (extIface == null) {
                throw new IllegalStateException("Failed to find interface to use that matches the interfaces and/or "
                    + "regexes provided: " + options.iface());
            }
        } else {
            Route def = host.routes().lookup(0);
            if (def == null || def.dst().prefixLength() != 0) {
                throw new IllegalStateException("Failed to find any valid interface to use: failed to get default "
                    + "interface: Unable to find default route");
            }
            extIface = def.dev();
        }
        IfAddress a = extIface.primaryAddress();
        if (a == null) {
            throw new IllegalStateException("Failed to find IPv4 address for interface " + extIface.name());
        }
        publicIp = a.address();
        log("Using interface with name " + extIface.name() + " and address " + publicIp);
    }

    private void fetchConfig() {
        if (!running) {
            return;
        }
        manager.getNetworkConfig((cfg, err) -> {
            if (err != null) {
                log("Couldn't fetch network config: " + err);
                sim().after(RETRY, this::fetchConfig);
                return;
            }
            config = cfg;
            log("Found network config - Backend type: " + cfg.backendType());
            switch (cfg.backendType()) {
                case "vxlan" -> backend = new VxlanBackend(cfg, host, extIface, publicIp);
                case "host-gw" -> backend = new HostGwBackend(host, extIface);
                default -> {
                    fail("Error fetching backend: unknown backend type: " + cfg.backendType()
                        + " (knetsim models the vxlan and host-gw backends)");
                    return;
                }
            }
            LeaseAttrs attrs;
            try {
                attrs = new LeaseAttrs(publicIp, backend.type(), backend.prepare());
            } catch (RuntimeException e) {
                fail("Error registering network: " + e.getMessage());
                return;
            }
            acquire(attrs);
        });
    }

    private void acquire(LeaseAttrs attrs) {
        if (!running) {
            return;
        }
        manager.acquireLease(config, attrs, (l, err) -> {
            if (err != null) {
                log("failed to acquire lease: " + err);
                sim().after(RETRY, () -> acquire(attrs));
                return;
            }
            lease = l;
            log("Acquired lease " + l.subnet() + " for " + publicIp);
            backend.configureLocal(l);
            if (options.ipMasq()) {
                log("Setting up masking rules");
                MasqRules.ensure(host, config.network(), l.subnet());
            }
            SubnetEnv.write(host.files(), options.subnetFile(), config.network(), l.subnet(), backend.mtu(),
                options.ipMasq());
            log("Wrote subnet file to " + options.subnetFile());
            for (Runnable r : List.copyOf(onLease)) {
                r.run();
            }
            scheduleRenew();
            watch(-1);
        });
    }

    private void scheduleRenew() {
        if (lease.expiration() == Long.MAX_VALUE) {
            return; // a reservation never expires
        }
        long at = Math.max(sim().now(), lease.expiration() - options.renewMargin());
        sim().at(at, () -> {
            if (!running) {
                return;
            }
            manager.renewLease(lease, (l, err) -> {
                if (err != null) {
                    log("Error renewing lease (trying again in 1 min): " + err);
                    sim().after(SimTime.seconds(60), this::scheduleRenew);
                    return;
                }
                lease = l;
                log("Lease renewed, new expiration: " + SimTime.millis3(l.expiration()) + " s");
                scheduleRenew();
            });
        });
    }

    private void watch(long cursor) {
        if (!running) {
            return;
        }
        manager.watchLeases(cursor, (r, err) -> {
            if (err != null) {
                log("Watch subnets: " + err);
                sim().after(RETRY, () -> watch(-1));
                return;
            }
            if (r.snapshot() != null) {
                reconcile(r.snapshot());
            }
            for (SubnetManager.LeaseEvent e : r.events()) {
                apply(e);
            }
            watch(r.cursor());
        });
    }

    private void reconcile(List<Lease> snapshot) {
        Map<Cidr, Lease> seen = new HashMap<>();
        for (Lease l : snapshot) {
            seen.put(l.subnet(), l);
        }
        for (Lease old : List.copyOf(remotes.values())) {
            if (!seen.containsKey(old.subnet())) {
                apply(new SubnetManager.LeaseEvent(SubnetManager.LeaseEvent.Type.REMOVED, old));
            }
        }
        for (Lease l : snapshot) {
            apply(new SubnetManager.LeaseEvent(SubnetManager.LeaseEvent.Type.ADDED, l));
        }
    }

    private void apply(SubnetManager.LeaseEvent e) {
        Lease l = e.lease();
        if (lease != null && l.subnet().equals(lease.subnet())) {
            if (e.type() == SubnetManager.LeaseEvent.Type.REMOVED) {
                log("Lease " + l.subnet() + " was revoked; acquiring a new one");
                LeaseAttrs attrs = lease.attrs();
                lease = null;
                acquire(attrs);
            }
            return;
        }
        Lease old = remotes.get(l.subnet());
        if (e.type() == SubnetManager.LeaseEvent.Type.ADDED) {
            if (old != null && old.attrs().equals(l.attrs())) {
                remotes.put(l.subnet(), l);
                return;
            }
            if (old != null) {
                backend.removeRemote(old);
            }
            remotes.put(l.subnet(), l);
            backend.addRemote(l);
            log("Subnet added: " + l.subnet() + " via " + l.attrs().publicIp());
        } else if (old != null) {
            remotes.remove(l.subnet());
            backend.removeRemote(old);
            log("Subnet removed: " + l.subnet());
        }
    }

    private void fail(String message) {
        failure = message;
        running = false;
        log(message);
    }

    private void log(String message) {
        log.add(String.format("%s %s", SimTime.millis3(sim().now()), message));
    }

    /** This worker's lease, or null until one is held. */
    public Lease lease() {
        return lease;
    }

    /** The network configuration, or null until fetched. */
    public FlannelConfig config() {
        return config;
    }

    public Backend backend() {
        return backend;
    }

    /** The other workers' leases this daemon has programmed, by subnet. */
    public Map<Cidr, Lease> remotes() {
        return Collections.unmodifiableMap(remotes);
    }

    /** Why the daemon stopped for good, or null. */
    public String failure() {
        return failure;
    }

    public boolean running() {
        return running;
    }

    /** Log lines, each {@code SECONDS MESSAGE} in simulated time. */
    public List<String> log() {
        return Collections.unmodifiableList(log);
    }
}
