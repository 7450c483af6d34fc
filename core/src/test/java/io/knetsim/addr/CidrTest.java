package io.knetsim.addr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Prefixes as flannel's default world uses them: network 11.0.0.0/8, /20 per node. */
class CidrTest {
    @Test
    void parseKeepsHostBitsAndNetworkClearsThem() {
        Cidr iface = Cidr.parse("10.0.0.3/8");
        assertThat(iface.toString()).isEqualTo("10.0.0.3/8");
        assertThat(iface.network()).isEqualTo(Cidr.parse("10.0.0.0/8"));
        assertThat(Cidr.parse("11.0.0.0/8").network()).isEqualTo(Cidr.parse("11.0.0.0/8"));
        assertThat(Cidr.parse("10.0.0.3")).isEqualTo(Cidr.of(Ipv4Address.parse("10.0.0.3"), 32));
    }

    @Test
    void maskBroadcastAndSize() {
        Cidr podNet = Cidr.parse("11.10.16.0/20");
        assertThat(podNet.mask()).isEqualTo(0xFFFFF000);
        assertThat(podNet.netmask().toString()).isEqualTo("255.255.240.0");
        assertThat(podNet.broadcast().toString()).isEqualTo("11.10.31.255");
        assertThat(podNet.size()).isEqualTo(4096);
        assertThat(Cidr.parse("0.0.0.0/0").size()).isEqualTo(1L << 32);
        assertThat(Cidr.parse("0.0.0.0/0").mask()).isZero();
        assertThat(Cidr.parse("10.0.0.1/32").size()).isEqualTo(1);
        assertThat(Cidr.parse("10.0.0.1/32").broadcast().toString()).isEqualTo("10.0.0.1");
    }

    @Test
    void containsAddressesAndPrefixes() {
        Cidr flannel = Cidr.parse("11.0.0.0/8");
        assertThat(flannel.contains(Ipv4Address.parse("11.99.0.1"))).isTrue();
        assertThat(flannel.contains(Ipv4Address.parse("12.0.0.0"))).isFalse();
        assertThat(flannel.contains(Cidr.parse("11.10.0.0/20"))).isTrue();
        assertThat(Cidr.parse("11.10.0.0/20").contains(flannel)).isFalse();
        assertThat(Cidr.parse("0.0.0.0/0").contains(Ipv4Address.parse("203.0.113.9"))).isTrue();
    }

    @Test
    void overlapsIsSymmetric() {
        Cidr a = Cidr.parse("11.10.0.0/20");
        Cidr b = Cidr.parse("11.10.15.0/24");
        Cidr c = Cidr.parse("11.10.16.0/20");
        assertThat(a.overlaps(b)).isTrue();
        assertThat(b.overlaps(a)).isTrue();
        assertThat(a.overlaps(c)).isFalse();
        assertThat(c.overlaps(a)).isFalse();
        assertThat(Cidr.parse("11.0.0.0/8").overlaps(c)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2.3.4/33", "1.2.3.4/", "1.2.3.4/-1", "1.2.3.4/8x", "1.2.3.4/100"})
    void rejectsBadPrefixLengths(String text) {
        assertThatThrownBy(() -> Cidr.parse(text))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("'" + text + "'")
            .hasMessageContaining("prefix length must be 0 to 32");
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.256/8", "10.0.0/8", "/8", "eleven/8"})
    void rejectsBadAddresses(String text) {
        assertThatThrownBy(() -> Cidr.parse(text))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("'" + text + "'")
            .hasMessageContaining("such as 10.0.0.0/8");
    }

    @Test
    void constructorChecksItsArguments() {
        assertThatThrownBy(() -> Cidr.of(Ipv4Address.ANY, 33))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected 0 to 32");
        assertThatThrownBy(() -> Cidr.of(null, 8)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cidr.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
