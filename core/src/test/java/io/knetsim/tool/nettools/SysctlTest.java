package io.knetsim.tool.nettools;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.net.NetNamespace;
import io.knetsim.tool.Invocation;
import io.knetsim.tool.iproute.Labs;
import io.knetsim.tool.iproute.Shell;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code sysctl} of procps-ng over one namespace's sysctls (h1 of the veth pair lab). */
class SysctlTest {
    private final Shell sh = new Shell();
    private NetNamespace h1;

    @BeforeEach
    void build() {
        h1 = Labs.twoHosts().namespace("h1");
    }

    @Test
    void readsAKeyByDotsOrSlashes() {
        assertThat(sh.out(h1, "sysctl net.ipv4.ip_forward")).isEqualTo("net.ipv4.ip_forward = 0\n");
        assertThat(sh.out(h1, "sysctl net/ipv4/ip_forward")).isEqualTo("net.ipv4.ip_forward = 0\n");
        assertThat(sh.out(h1, "sysctl -n net.ipv4.ip_default_ttl")).isEqualTo("64\n");
        assertThat(sh.out(h1, "sysctl net.ipv4.ip_local_port_range net.ipv4.conf.veth0.rp_filter")).isEqualTo(
            "net.ipv4.ip_local_port_range = 32768\t60999\nnet.ipv4.conf.veth0.rp_filter = 0\n");
    }

    @Test
    void writesAndPrintsTheNewValue() {
        assertThat(sh.out(h1, "sysctl -w net.ipv4.ip_forward=1")).isEqualTo("net.ipv4.ip_forward = 1\n");
        assertThat(h1.sysctl().ipForward).isEqualTo(1);
        assertThat(sh.out(h1, "sysctl net.bridge.bridge-nf-call-iptables=1")).isEqualTo(
            "net.bridge.bridge-nf-call-iptables = 1\n");
        assertThat(sh.out(h1, "sysctl -w net.ipv4.ip_local_port_range='1024 65000'")).isEqualTo(
            "net.ipv4.ip_local_port_range = 1024 65000\n");
        assertThat(sh.out(h1, "sysctl -q -w net.ipv4.conf.all.rp_filter=2")).isEmpty();
        assertThat(sh.out(h1, "sysctl -n net.ipv4.conf.all.rp_filter net.ipv4.ip_local_port_range")).isEqualTo(
            "2\n1024\t65000\n");
    }

    @Test
    void allListsEveryKeySorted() {
        assertThat(sh.out(h1, "sysctl -a")).isEqualTo("""
            net.bridge.bridge-nf-call-iptables = 0
            net.ipv4.conf.all.forwarding = 0
            net.ipv4.conf.all.rp_filter = 0
            net.ipv4.conf.default.rp_filter = 0
            net.ipv4.conf.lo.rp_filter = 0
            net.ipv4.conf.veth0.rp_filter = 0
            net.ipv4.icmp_echo_ignore_all = 0
            net.ipv4.ip_default_ttl = 64
            net.ipv4.ip_forward = 0
            net.ipv4.ip_local_port_range = 32768\t60999
            net.ipv4.ipfrag_time = 30
            """);
    }

    @Test
    void errorsArePrintedPerKeyAndMakeTheStatus255() {
        sh.fails(h1, "sysctl net.ipv4.nope", "sysctl: cannot stat /proc/sys/net/ipv4/nope: No such file or directory\n",
            255);
        sh.fails(h1, "sysctl -w net.ipv4.ip_forward=7", "sysctl: setting key \"net.ipv4.ip_forward\": Invalid argument\n",
            255);
        sh.fails(h1, "sysctl -w net.ipv4.nope=1",
            "sysctl: cannot stat /proc/sys/net/ipv4/nope: No such file or directory\n", 255);
        sh.fails(h1, "sysctl -w net.ipv4.ip_forward", "sysctl: \"net.ipv4.ip_forward\" must be of the form name=value\n",
            255);
        sh.fails(h1, "sysctl", "sysctl: no variables specified\nTry `sysctl --help' for more information.\n", 1);
        Invocation mixed = sh.run(h1, "sysctl net.ipv4.nope net.ipv4.ip_forward");
        assertThat(mixed.stdout()).isEqualTo("net.ipv4.ip_forward = 0\n");
        assertThat(mixed.exitCode()).isEqualTo(255);
        assertThat(sh.out(h1, "sysctl -e net.ipv4.nope net.ipv4.ip_forward")).isEqualTo("net.ipv4.ip_forward = 0\n");
    }
}
