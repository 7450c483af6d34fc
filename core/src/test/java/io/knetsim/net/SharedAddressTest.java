package io.knetsim.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.addr.Cidr;
import io.knetsim.addr.Ipv4Address;
import io.knetsim.net.dev.Veth;
import io.knetsim.net.topo.Topo;
import org.junit.jupiter.api.Test;

/**
 * One address on two devices, as a routed CNI (ptp) puts its gateway /32 on every host veth.
 *
 * <pre>
 *   c1 eth0 --vethA 10.1.0.1/32 [host] vethB 10.1.0.1/32-- eth0 c2
 * </pre>
 */
class SharedAddressTest {
    private final World w = new World(1);
    private final NetNamespace host = Topo.host(w, "host");
    private final Veth[] a = Topo.veth(host, "vethA", "10.1.0.1/32", w.createNamespace("c1"), "eth0", "10.1.0.2/24");
    private final Veth[] b = Topo.veth(host, "vethB", "10.1.0.1/32", w.createNamespace("c2"), "eth0", "10.1.0.3/24");

    @Test
    void theAddressStaysLocalWhileAnyDeviceHoldsIt() {
        int gw = Ipv4Address.parse("10.1.0.1").bits();
        host.deleteDevice(a[0]);
        assertThat(host.isLocalAddress(gw)).isTrue();
        assertThat(host.localAddress(gw).device()).isSameAs(b[0]);
        host.delAddress(b[0], Cidr.parse("10.1.0.1/32"));
        assertThat(host.isLocalAddress(gw)).isFalse();
    }
}
