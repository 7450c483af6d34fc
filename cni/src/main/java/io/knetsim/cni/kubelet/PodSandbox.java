package io.knetsim.cni.kubelet;

import io.knetsim.app.image.AppHandle;
import io.knetsim.cni.NetworkConfigList;
import io.knetsim.cni.RuntimeConf;
import io.knetsim.net.NetNamespace;
import java.util.ArrayList;
import java.util.List;

/**
 * A running pod on a node, as the container runtime keeps it: the sandbox ID, its network
 * namespace (named {@code cni-<uuid>} under {@code /var/run/netns}, as containerd names them),
 * the CNI network and runtime config it was added with (DEL needs both), its address and the
 * applications its containers run.
 */
final class PodSandbox {
    final String podKey;
    final String id;
    final String netnsName;
    final NetNamespace netns;
    final NetworkConfigList network;
    final RuntimeConf runtime;
    final String podIp;
    final List<AppHandle> apps = new ArrayList<>();
    /** Whether the containers run (false while an image cannot be pulled). */
    boolean started;

    PodSandbox(String podKey, String id, String netnsName, NetNamespace netns, NetworkConfigList network,
               RuntimeConf runtime, String podIp) {
        this.podKey = podKey;
        this.id = id;
        this.netnsName = netnsName;
        this.netns = netns;
        this.network = network;
        this.runtime = runtime;
        this.podIp = podIp;
    }
}
