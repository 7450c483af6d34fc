package io.knetsim.addr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MacAddressTest {
    @Test
    void parseAndFormatRoundTripInLowerCase() {
        MacAddress m = MacAddress.parse("0A:58:0a:F4:01:02");
        assertThat(m.bits()).isEqualTo(0x0A580AF40102L);
        assertThat(m.toString()).isEqualTo("0a:58:0a:f4:01:02");
        assertThat(MacAddress.parse("0a-58-0a-f4-01-02")).isEqualTo(m);
        assertThat(MacAddress.parse("0:1:2:3:4:5").toString()).isEqualTo("00:01:02:03:04:05");
    }

    @Test
    void readAndWriteSixBytes() {
        byte[] b = new byte[8];
        MacAddress.write(b, 1, 0xAABBCCDDEEFFL);
        assertThat(b).containsExactly(0, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff, 0);
        assertThat(MacAddress.read(b, 1)).isEqualTo(0xAABBCCDDEEFFL);
        assertThat(MacAddress.parse("aa:bb:cc:dd:ee:ff").toBytes()).containsExactly(0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff);
    }

    @Test
    void multicastIsTheLowBitOfTheFirstOctetAndBroadcastIsMulticast() {
        assertThat(MacAddress.parse("01:00:5e:00:00:fb").isMulticast()).isTrue();
        assertThat(MacAddress.parse("33:33:00:00:00:01").isMulticast()).isTrue();
        assertThat(MacAddress.parse("0a:58:0a:f4:01:02").isMulticast()).isFalse();
        assertThat(MacAddress.parse("02:00:00:00:00:01").isMulticast()).isFalse();
        assertThat(MacAddress.BROADCAST.isMulticast()).isTrue();
        assertThat(MacAddress.BROADCAST.isBroadcast()).isTrue();
        assertThat(MacAddress.BROADCAST.toString()).isEqualTo("ff:ff:ff:ff:ff:ff");
        assertThat(MacAddress.parse("ff:ff:ff:ff:ff:fe").isBroadcast()).isFalse();
        assertThat(MacAddress.ZERO.isZero()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"zz:00:00:00:00:00", "00:00:00:00:00", "00:00:00:00:00:00:00", "000:00:00:00:00:00",
        "00:00:00:00:00:", "", "0a580af40102"})
    void rejectsMalformedTextSayingWhatWasExpected(String text) {
        assertThatThrownBy(() -> MacAddress.parse(text))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("'" + text + "'")
            .hasMessageContaining("expected six hex bytes");
    }

    @Test
    void rejectsNullAndWideValues() {
        assertThatThrownBy(() -> MacAddress.parse(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MacAddress(1L << 48))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("48 bits");
    }
}
