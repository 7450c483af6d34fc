package io.knetsim.cni.flanneld;

import io.knetsim.sim.SimTime;

/**
 * flanneld's command-line options that matter here.
 *
 * @param iface        {@code --iface}: the external interface; null means the default route's
 * @param ipMasq       {@code --ip-masq}: flanneld masquerades traffic leaving the flannel network
 *                     (its rules arrive with the rule VM); written to subnet.env as FLANNEL_IPMASQ
 * @param subnetFile   {@code --subnet-file}
 * @param renewMargin  {@code --subnet-lease-renew-margin}, in simulated nanoseconds
 */
public record FlannelOptions(String iface, boolean ipMasq, String subnetFile, long renewMargin) {
    /** flanneld's defaults: default-route interface, no masquerade, /run/flannel/subnet.env, 60 minutes. */
    public static FlannelOptions defaults() {
        return new FlannelOptions(null, false, SubnetEnv.DEFAULT_PATH, SimTime.seconds(3600));
    }

    public FlannelOptions withIface(String name) {
        return new FlannelOptions(name, ipMasq, subnetFile, renewMargin);
    }

    public FlannelOptions withIpMasq(boolean on) {
        return new FlannelOptions(iface, on, subnetFile, renewMargin);
    }
}
