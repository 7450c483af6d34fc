package io.knetsim.addr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** RFC 5952's text form, as inet_ntop prints it. */
class Ipv6TextTest {
    private static String text(String hex) {
        return Ipv6Text.format(HexFormat.of().parseHex(hex), 0);
    }

    @Test
    void theLongestRunOfTwoOrMoreZeroGroupsBecomesDoubleColon() {
        assertThat(text("20010db8000000000000000000000001")).isEqualTo("2001:db8::1");
        assertThat(text("00000000000000000000000000000001")).isEqualTo("::1");
        assertThat(text("00000000000000000000000000000000")).isEqualTo("::");
        assertThat(text("20010db8000100000001000100010001")).isEqualTo("2001:db8:1:0:1:1:1:1"); // one zero group stays
        assertThat(text("20010000000000010000000000010001")).isEqualTo("2001::1:0:0:1:1"); // the first of equal runs
        assertThat(text("20010000000000010000000000000001")).isEqualTo("2001:0:0:1::1"); // else the longest
    }
}
