package io.knetsim.addr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Ipv4AddressTest {
    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "10.0.0.3", "11.10.0.1", "100.64.10.1", "127.0.0.1", "255.255.255.255"})
    void parseAndFormatRoundTrip(String text) {
        Ipv4Address a = Ipv4Address.parse(text);
        assertThat(a.toString()).isEqualTo(text);
        assertThat(Ipv4Address.format(a.bits())).isEqualTo(text);
        assertThat(Ipv4Address.isValid(text)).isTrue();
    }

    @Test
    void bitsAreInNetworkOrder() {
        assertThat(Ipv4Address.parse("10.0.0.1").bits()).isEqualTo(0x0A000001);
        assertThat(Ipv4Address.parse("192.168.0.199").toBytes()).containsExactly(0xc0, 0xa8, 0x00, 0xc7);
        assertThat(Ipv4Address.of(11, 10, 0, 1)).isEqualTo(Ipv4Address.parse("11.10.0.1"));
        assertThat(Ipv4Address.parse("10.0.0.255").plus(1)).isEqualTo(Ipv4Address.parse("10.0.1.0"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.256", "10.0.0", "10.0.0.1.", ".10.0.0.1", "10..0.1", "10.0.0.1.5", "", "a.b.c.d",
        "10.0.0.-1", "1000.0.0.1", " 10.0.0.1", "10.0.0.1/8"})
    void rejectsWhatIsNotADottedQuadAndSaysWhatWasExpected(String text) {
        assertThat(Ipv4Address.isValid(text)).isFalse();
        assertThatThrownBy(() -> Ipv4Address.parse(text))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("'" + text + "'")
            .hasMessageContaining("expected four decimal numbers 0-255");
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> Ipv4Address.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void classifies() {
        assertThat(Ipv4Address.ANY.isAny()).isTrue();
        assertThat(Ipv4Address.parse("127.5.0.1").isLoopback()).isTrue();
        assertThat(Ipv4Address.parse("224.0.0.251").isMulticast()).isTrue();
        assertThat(Ipv4Address.parse("239.255.255.255").isMulticast()).isTrue();
        assertThat(Ipv4Address.parse("240.0.0.1").isMulticast()).isFalse();
        assertThat(Ipv4Address.BROADCAST.isLimitedBroadcast()).isTrue();
    }

    @Test
    void comparesAsUnsigned() {
        assertThat(Ipv4Address.parse("200.0.0.1")).isGreaterThan(Ipv4Address.parse("10.0.0.1"));
        assertThat(Ipv4Address.parse("10.0.0.1")).isLessThan(Ipv4Address.parse("10.0.0.2"));
    }
}
