package io.knetsim.cni.plugins;

import io.knetsim.cni.CniError;
import io.knetsim.cni.CniPlugin;
import io.knetsim.cni.CniResult;
import io.knetsim.cni.PluginCall;
import io.knetsim.net.IfAddress;
import io.knetsim.net.NetDevice;
import io.knetsim.net.NetNamespace;

/**
 * The {@code loopback} plugin: brings the container's {@code lo} (named by {@code CNI_IFNAME})
 * up on ADD and down on DEL. Its result lists the interface with the all-zero MAC and its
 * IPv4 address, or passes a {@code prevResult} on unchanged.
 *
 * <pre>
 *   {"cniVersion": "1.0.0",
 *    "interfaces": [{"name": "lo", "mac": "00:00:00:00:00:00", "sandbox": "/var/run/netns/c1"}],
 *    "ips": [{"interface": 0, "address": "127.0.0.1/8"}], "dns": {}}
 * </pre>
 */
public final class LoopbackPlugin implements CniPlugin {
    @Override
    public String type() {
        return "loopback";
    }

    @Override
    public CniResult add(PluginCall call) throws CniError {
        NetNamespace cont = call.requireContainer();
        NetDevice lo = lo(call, cont);
        if (!lo.isUp()) {
            lo.setUp(true);
            call.onRollback(() -> lo.setUp(false));
        }
        CniResult prev = call.prevResult();
        if (prev != null) {
            return prev;
        }
        CniResult r = new CniResult();
        int idx = r.addInterface(new CniResult.Interface(call.runtime().ifName(), "00:00:00:00:00:00",
            call.runtime().netns()));
        for (IfAddress a : lo.addresses()) {
            r.ips().add(new CniResult.IpConfig(idx, a.cidr(), null));
        }
        return r;
    }

    private static NetDevice lo(PluginCall call, NetNamespace cont) throws CniError {
        NetDevice lo = cont.device(call.runtime().ifName());
        if (lo == null) {
            throw new CniError(CniError.INTERNAL, "failed to find link \"" + call.runtime().ifName() + "\": Link not found");
        }
        return lo;
    }

    @Override
    public void del(PluginCall call) throws CniError {
        NetNamespace cont = call.container();
        if (cont != null) {
            NetDevice lo = cont.device(call.runtime().ifName());
            if (lo != null) {
                lo.setUp(false);
            }
        }
    }

    @Override
    public void check(PluginCall call) throws CniError {
        NetDevice lo = lo(call, call.requireContainer());
        if (!lo.isUp()) {
            throw new CniError(CniError.INTERNAL, "loopback interface is down");
        }
    }
}
