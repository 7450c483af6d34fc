package io.knetsim.app.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.sim.SimTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** resolv.conf and hosts as glibc reads them, and res_search's order of names. */
class ResolvConfTest {
    @Test
    void kubeletsFileGivesTheSearchListAndNdots() {
        ResolvConf c = ResolvConf.parse("""
            search default.svc.cluster.local svc.cluster.local cluster.local
            nameserver 10.96.0.10
            options ndots:5
            """);
        assertThat(c.nameservers()).containsExactly(Ipv4Address.parse("10.96.0.10"));
        assertThat(c.ndots()).isEqualTo(5);
        assertThat(c.timeout()).isEqualTo(SimTime.seconds(5));
        assertThat(c.attempts()).isEqualTo(2);
        assertThat(c.candidates("web")).containsExactly("web.default.svc.cluster.local", "web.svc.cluster.local",
            "web.cluster.local", "web");
        assertThat(c.candidates("a.b.c.d.e")).endsWith("a.b.c.d.e"); // four dots: still fewer than five
        assertThat(c.candidates("a.b.c.d.e.f")).containsExactly("a.b.c.d.e.f", "a.b.c.d.e.f.default.svc.cluster.local",
            "a.b.c.d.e.f.svc.cluster.local", "a.b.c.d.e.f.cluster.local");
        assertThat(c.candidates("web.")).containsExactly("web");
    }

    @Test
    void defaultsLimitsAndTheLastSearchLine() {
        ResolvConf c = ResolvConf.parse("""
            # comment
            domain old.example
            nameserver 10.0.0.1
            nameserver 10.0.0.2
            nameserver 10.0.0.3
            nameserver 10.0.0.4
            nameserver not-an-address
            search a.example b.example.
            options timeout:99 attempts:0 ndots:40 rotate
            """);
        assertThat(c.nameservers()).hasSize(3);
        assertThat(c.search()).containsExactly("a.example", "b.example");
        assertThat(c.timeout()).isEqualTo(SimTime.seconds(30));
        assertThat(c.attempts()).isEqualTo(1);
        assertThat(c.ndots()).isEqualTo(15);
        ResolvConf none = ResolvConf.parse("");
        assertThat(none.nameservers()).containsExactly(Ipv4Address.LOOPBACK);
        assertThat(none.ndots()).isEqualTo(1);
        assertThat(none.candidates("web")).containsExactly("web");
    }

    @Test
    void hostsMatchesNamesAndAliasesWithoutCase() {
        HostsFile h = HostsFile.parse("127.0.0.1 localhost\n::1 localhost ip6-localhost\n10.0.0.2 web.lab web # lab\n"
            + "10.0.0.3 web\nbad line\n");
        assertThat(h.lookup("WEB")).extracting(HostsFile.Entry::address)
            .containsExactly(Ipv4Address.parse("10.0.0.2"), Ipv4Address.parse("10.0.0.3"));
        assertThat(h.lookup("localhost.")).hasSize(1);
        assertThat(h.lookup("nothing")).isEmpty();
        assertThat(h.byAddress(Ipv4Address.parse("10.0.0.2")).names()).isEqualTo(List.of("web.lab", "web"));
    }
}
