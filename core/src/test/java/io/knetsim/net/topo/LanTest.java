package io.knetsim.net.topo;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.net.NetNamespace;
import io.knetsim.net.World;
import io.knetsim.net.link.LinkConfig;
import io.knetsim.tool.iproute.Shell;
import org.junit.jupiter.api.Test;

/**
 * Three hosts on one switch.
 *
 * <pre>
 *   a 10.0.0.3/8 --+
 *   b 10.0.0.4/8 --+-- sw (br0)
 *   e 10.1.0.1/8 --+
 * </pre>
 */
class LanTest {
    private final World w = new World(1);
    private final Lan lan = new Lan(w, "sw", LinkConfig.DEFAULT);
    private final NetNamespace a = Topo.host(w, "a");
    private final NetNamespace b = Topo.host(w, "b");
    private final NetNamespace e = Topo.host(w, "e");
    private final Shell sh = new Shell();

    {
        lan.attach(a, "eth0", "10.0.0.3/8");
        lan.attach(b, "eth0", "10.0.0.4/8");
        lan.attach(e, "eth0", "10.1.0.1/8");
    }

    @Test
    void everyHostReachesEveryOtherInOneHopAndTheSwitchLearnsTheirMacs() {
        assertThat(sh.out(a, "ping -c 1 10.0.0.4")).contains("64 bytes from 10.0.0.4: icmp_seq=1 ttl=64");
        assertThat(sh.out(b, "ping -c 1 10.1.0.1")).contains("64 bytes from 10.1.0.1: icmp_seq=1 ttl=64");
        assertThat(sh.out(lan.switchNamespace(), "bridge fdb show br br0"))
            .contains("dev a master br0", "dev b master br0", "dev e master br0");
        assertThat(sh.out(lan.switchNamespace(), "ip -br link show master br0"))
            .contains("a ", "b ", "e ");
    }
}
