package io.knetsim.tool.iperf;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** iperf3's units: bytes in powers of 1024, bits in powers of 1000, three significant digits. */
class IperfFormatTest {
    @Test
    void bytesAdaptInPowersOf1024() {
        assertThat(IperfFormat.bytes(0)).isEqualTo("0.00 Byte");
        assertThat(IperfFormat.bytes(1023)).isEqualTo("1023 Byte");
        assertThat(IperfFormat.bytes(1024)).isEqualTo("1.00 KByte");
        assertThat(IperfFormat.bytes(11.2 * 1024 * 1024)).isEqualTo("11.2 MByte");
        assertThat(IperfFormat.bytes(112.0 * 1024 * 1024)).isEqualTo(" 112 MByte");
    }

    @Test
    void bitsAdaptInPowersOf1000() {
        assertThat(IperfFormat.bits(94_100_000)).isEqualTo("94.1 Mbit");
        assertThat(IperfFormat.bits(999)).isEqualTo(" 999 bit");
        assertThat(IperfFormat.bits(1_500_000_000)).isEqualTo("1.50 Gbit");
    }

    @Test
    void lossPercentIsPrintedLikeCsPercentPoint2g() {
        assertThat(IperfFormat.g2(0)).isEqualTo("0");
        assertThat(IperfFormat.g2(0.5)).isEqualTo("0.5");
        assertThat(IperfFormat.g2(1.234)).isEqualTo("1.2");
        assertThat(IperfFormat.g2(29.01)).isEqualTo("29");
        assertThat(IperfFormat.g2(0.0123)).isEqualTo("0.012");
        assertThat(IperfFormat.g2(100)).isEqualTo("1e+02");
    }

    @Test
    void rateSuffixesAreDecimal() {
        assertThat(Iperf3.parseRate("10M")).isEqualTo(10_000_000);
        assertThat(Iperf3.parseRate("500k")).isEqualTo(500_000);
        assertThat(Iperf3.parseRate("1.5G")).isEqualTo(1_500_000_000);
        assertThat(Iperf3.parseRate("2000")).isEqualTo(2000);
    }
}
