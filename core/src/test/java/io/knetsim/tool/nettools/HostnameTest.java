package io.knetsim.tool.nettools;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.net.NetNamespace;
import io.knetsim.net.World;
import io.knetsim.tool.iproute.Labs;
import io.knetsim.tool.iproute.Shell;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code hostname} on the node-with-pods lab.
 *
 * <pre>
 *   pod1 [eth0 10.244.1.2/24]--vethpod1--cni0 10.244.1.1/24   node [eth0 10.0.0.3/8] [flannel.100 11.10.16.0/32]
 * </pre>
 */
class HostnameTest {
    private final Shell sh = new Shell();
    private NetNamespace node;
    private NetNamespace pod1;

    @BeforeEach
    void build() {
        World w = Labs.nodeWithPods();
        node = w.namespace("node");
        pod1 = w.namespace("pod1");
    }

    @Test
    void printsTheNameAndTheAddresses() {
        assertThat(sh.out(node, "hostname")).isEqualTo("node\n");
        assertThat(sh.out(node, "hostname -I")).isEqualTo("10.0.0.3 10.244.1.1 11.10.16.0 \n");
        assertThat(sh.out(pod1, "hostname -I")).isEqualTo("10.244.1.2 \n");
        assertThat(sh.out(pod1, "hostname -i")).isEqualTo("10.244.1.2\n");
    }

    @Test
    void withEveryInterfaceDownTheAddressListIsEmptyAndTheNameResolvesToLoopback() {
        sh.ok(pod1, "ip link set eth0 down");
        assertThat(sh.out(pod1, "hostname -I")).isEqualTo("\n");
        assertThat(sh.out(pod1, "hostname -i")).isEqualTo("127.0.1.1\n");
    }

    @Test
    void setsTheNameAndSplitsItIntoHostAndDomain() {
        sh.ok(pod1, "hostname web-0.web.default.svc");
        assertThat(sh.out(pod1, "hostname")).isEqualTo("web-0.web.default.svc\n");
        assertThat(sh.out(pod1, "hostname -s")).isEqualTo("web-0\n");
        assertThat(sh.out(pod1, "hostname -d")).isEqualTo("web.default.svc\n");
        assertThat(sh.out(pod1, "hostname -f")).isEqualTo("web-0.web.default.svc\n");
        sh.fails(pod1, "hostname -Z", "hostname: invalid option -- 'Z'\n", 1);
    }
}
