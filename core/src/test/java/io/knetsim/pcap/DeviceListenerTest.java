package io.knetsim.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.net.NetDevice;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.World;
import io.knetsim.net.dev.Bridge;
import io.knetsim.net.dev.Veth;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code NetNamespace} tells listeners of devices that join it (what {@code ip monitor link}
 * shows as RTM_NEWLINK), which a capture on {@code any} needs to follow new interfaces.
 *
 * <pre>
 *   node: cni0 created, then veth1 (peer eth0 in pod), then pod's eth1 moved into the node
 * </pre>
 */
class DeviceListenerTest {
    @Test
    void listenersHearOfCreatedAndMovedInDevicesUntilRemoved() {
        World w = new World(1);
        NetNamespace node = w.createNamespace("node");
        NetNamespace pod = w.createNamespace("pod");
        List<String> heard = new ArrayList<>();
        java.util.function.Consumer<NetDevice> l = d -> heard.add(d.namespace().name() + "/" + d.name());
        node.addDeviceListener(l);

        new Bridge(node, "cni0");
        Veth.createPair(node, "veth1", pod, "eth0", 1500);
        Veth[] other = Veth.createPair(pod, "eth1", pod, "eth2", 1500);
        pod.moveDevice(other[0], node, "eth1");
        assertThat(heard).containsExactly("node/cni0", "node/veth1", "node/eth1");

        node.removeDeviceListener(l);
        new Bridge(node, "br1");
        assertThat(heard).hasSize(3);
    }
}
