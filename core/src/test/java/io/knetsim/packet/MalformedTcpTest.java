package io.knetsim.packet;

import static io.knetsim.packet.ChecksumTest.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.knetsim.packet.TcpHeader.Options;
import io.knetsim.packet.TcpHeader.Repr;
import io.knetsim.sim.SimRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Hostile bytes: every malformed header gets a reason or an IllegalArgumentException, never an index error. */
class MalformedTcpTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "02 05 05 b4 00 | TCP option mss at option byte 0 has length 5, expected 4",
        "01 03 02 07    | TCP option wscale at option byte 1 has length 2, expected 3",
        "04 03 00 00    | TCP option sackOK at option byte 0 has length 3, expected 2",
        "08 08 00 00 00 00 00 00 | TCP option TS at option byte 0 has length 8, expected 10",
        "01 01 05 0b 00 00 00 00 00 00 00 00 | TCP option sack at option byte 2 has length 11",
        "22 00 00 00    | TCP option kind 34 at option byte 0 has length 0, expected at least 2",
        "01 01 01 02    | TCP option mss at option byte 3 has no length byte",
        "02 04 05 b4 08 0a 00 00 | TCP option TS at option byte 4 has length 10 but only 4 option bytes remain",
    })
    void badOptionLengthsAreNamed(String bytes, String reason) {
        byte[] o = hex(bytes);
        assertThat(Options.validate(o, 0, o.length)).startsWith(reason);
        assertThatThrownBy(() -> Options.parse(o, 0, o.length))
            .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(reason);
    }

    @Test
    void badOptionsInAWholeHeaderAreReportedByValidateAndParse() {
        byte[] b = new byte[24];
        TcpHeader.write(b, 0, 1, 2, 3, 4, 24, TcpHeader.SYN, 5, 0);
        System.arraycopy(hex("02 00 00 00"), 0, b, 20, 4);
        assertThat(TcpHeader.validate(b, 0, 24)).contains("mss").contains("length 0");
        assertThatThrownBy(() -> Repr.parse(b, 0)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("length 0");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 8, 19})
    void truncatedHeadersAreTooShort(int len) {
        byte[] b = new byte[len];
        assertThat(TcpHeader.validate(b, 0, len))
            .isEqualTo("TCP header truncated: " + len + " bytes, need at least 20");
        assertThatThrownBy(() -> Repr.parse(b, 0)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("truncated");
    }

    @Test
    void dataOffsetBelowFiveOrBeyondTheBytesIsNamed() {
        byte[] b = new byte[24];
        b[TcpHeader.DOFF] = 0x40;
        assertThat(TcpHeader.validate(b, 0, 24))
            .isEqualTo("TCP data offset 4 words (16 bytes) is below the minimum of 5");
        b[TcpHeader.DOFF] = (byte) 0x80;
        assertThat(TcpHeader.validate(b, 0, 24))
            .isEqualTo("TCP data offset says a 32-byte header but only 24 bytes are present");
        assertThatThrownBy(() -> Repr.parse(b, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rangesOutsideTheBufferAreReportedNotThrown() {
        byte[] b = new byte[30];
        assertThat(TcpHeader.validate(b, 20, 20)).contains("outside a 30-byte buffer");
        assertThat(TcpHeader.validate(b, -1, 20)).contains("outside");
        assertThat(Options.validate(b, 25, 10)).contains("outside");
        assertThatThrownBy(() -> Repr.parse(b, 31)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void randomBytesNeverEscapeAsAnythingButIllegalArgument(long seed) {
        SimRandom r = new SimRandom(seed);
        byte[] syn = new byte[40];
        new Repr(1, 2, 3, 0, TcpHeader.SYN, 64240, 0, Options.syn(1460, 7, 99, 0)).emit(syn, 0);
        for (int i = 0; i < 5_000; i++) {
            byte[] b;
            if (r.chance(0.5)) {
                b = new byte[r.nextInt(72)];
                for (int k = 0; k < b.length; k++) {
                    b[k] = (byte) r.nextInt(256);
                }
            } else {
                b = Arrays.copyOf(syn, 20 + r.nextInt(21));
                for (int flips = 1 + r.nextInt(3); flips > 0; flips--) {
                    b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                }
            }
            byte[] input = b;
            String reason = TcpHeader.validate(input, 0, input.length);
            Throwable t = catchThrowable(() -> Repr.parse(input, 0));
            if (reason == null) {
                assertThat(t).as("valid input %s", Arrays.toString(input)).isNull();
                Throwable e = catchThrowable(() -> Repr.parse(input, 0).emit(new byte[60], 0));
                assertThat(e).as("re-emit of %s", Arrays.toString(input))
                    .satisfiesAnyOf(x -> assertThat(x).isNull(),
                        x -> assertThat(x).isInstanceOf(IllegalArgumentException.class));
            } else {
                assertThat(t).isInstanceOf(IllegalArgumentException.class).hasMessage(reason);
            }
        }
    }
}
