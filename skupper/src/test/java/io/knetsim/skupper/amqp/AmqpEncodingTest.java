package io.knetsim.skupper.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The AMQP 1.0 type encoding (OASIS AMQP 1.0 part 1, section 1.6), byte for byte against
 * encodings worked out by hand from the specification's tables, and decoded back.
 *
 * <pre>
 *   uint 0      -> 43                 (uint0)
 *   uint 5      -> 52 05              (smalluint)
 *   uint 256    -> 70 00 00 01 00     (uint)
 *   "ab"        -> a1 02 61 62        (str8-utf8)
 *   [true,null] -> c0 03 02 41 40     (list8: size, count, items)
 * </pre>
 */
class AmqpEncodingTest {
    private static String hex(Object v) {
        return HexFormat.ofDelimiter(" ").formatHex(AmqpEncoder.encode(v));
    }

    private static Object back(String hex) {
        return AmqpDecoder.decode(HexFormat.ofDelimiter(" ").parseHex(hex));
    }

    @Test
    void fixedWidthTypesUseTheirCompactForms() {
        assertThat(hex(null)).isEqualTo("40");
        assertThat(hex(true)).isEqualTo("41");
        assertThat(hex(false)).isEqualTo("42");
        assertThat(hex(new UnsignedByte(7))).isEqualTo("50 07");
        assertThat(hex(new UnsignedShort(0x1234))).isEqualTo("60 12 34");
        assertThat(hex(UnsignedInt.of(0))).isEqualTo("43");
        assertThat(hex(UnsignedInt.of(5))).isEqualTo("52 05");
        assertThat(hex(UnsignedInt.of(256))).isEqualTo("70 00 00 01 00");
        assertThat(hex(UnsignedInt.of(0xffff_ffffL))).isEqualTo("70 ff ff ff ff");
        assertThat(hex(UnsignedLong.of(0))).isEqualTo("44");
        assertThat(hex(UnsignedLong.of(0x10))).isEqualTo("53 10");
        assertThat(hex(UnsignedLong.of(0x1_0000_0000L))).isEqualTo("80 00 00 00 01 00 00 00 00");
        assertThat(hex(-2)).isEqualTo("54 fe");
        assertThat(hex(70000)).isEqualTo("71 00 01 11 70");
        assertThat(hex(3L)).isEqualTo("55 03");
        assertThat(hex(-300L)).isEqualTo("81 ff ff ff ff ff ff fe d4");
        assertThat(hex(Instant.ofEpochMilli(1_000))).isEqualTo("83 00 00 00 00 00 00 03 e8");
        assertThat(hex(new UUID(0x0011223344556677L, 0x8899aabbccddeeffL)))
            .isEqualTo("98 00 11 22 33 44 55 66 77 88 99 aa bb cc dd ee ff");
    }

    @Test
    void variableWidthTypesPickEightOrThirtyTwoBitSizes() {
        assertThat(hex("ab")).isEqualTo("a1 02 61 62");
        assertThat(hex(Symbol.of("ab"))).isEqualTo("a3 02 61 62");
        assertThat(hex(Binary.of(new byte[] {1, 2}))).isEqualTo("a0 02 01 02");
        assertThat(hex("é")).isEqualTo("a1 02 c3 a9");
        String long300 = "x".repeat(300);
        assertThat(AmqpEncoder.encode(long300)).startsWith(0xb1, 0x00, 0x00, 0x01, 0x2c).hasSize(305);
        assertThat(AmqpEncoder.encode(Symbol.of(long300))).startsWith(0xb3, 0x00, 0x00, 0x01, 0x2c);
        assertThat(AmqpEncoder.encode(Binary.of(new byte[256]))).startsWith(0xb0, 0x00, 0x00, 0x01, 0x00);
        assertThat(back("b1 00 00 00 02 61 62")).isEqualTo("ab");
        assertThat(back("b3 00 00 00 01 61")).isEqualTo(Symbol.of("a"));
        assertThat(back("b0 00 00 00 01 ff")).isEqualTo(Binary.of(new byte[] {-1}));
    }

    @Test
    void compoundTypesCountTheirSizeAndElements() {
        assertThat(hex(List.of())).isEqualTo("45");
        assertThat(hex(java.util.Arrays.asList(true, null))).isEqualTo("c0 03 02 41 40");
        Map<Object, Object> m = new LinkedHashMap<>();
        m.put(Symbol.of("k"), 1);
        // map8: size 6 = count byte + a3 01 6b + 54 01; count 2 = one key and one value
        assertThat(hex(m)).isEqualTo("c1 06 02 a3 01 6b 54 01");
        assertThat(hex(AmqpArray.ofSymbols("a", "bc"))).isEqualTo("e0 07 02 a3 01 61 02 62 63");
        assertThat(hex(new Described(UnsignedLong.of(0x75), Binary.of("hi".getBytes()))))
            .isEqualTo("00 53 75 a0 02 68 69");
        List<Object> big = java.util.Collections.nCopies(300, null);
        byte[] b = AmqpEncoder.encode(big);
        // list32: size = 4 (count) + 300, count = 300
        assertThat(java.util.Arrays.copyOf(b, 9)).containsExactly(0xd0, 0, 0, 0x01, 0x30, 0, 0, 0x01, 0x2c);
        assertThat(AmqpDecoder.decode(b)).isEqualTo(big);
    }

    @Test
    void everyWidthOfATypeDecodesToTheSameValue() {
        assertThat(back("43")).isEqualTo(UnsignedInt.of(0));
        assertThat(back("52 00")).isEqualTo(UnsignedInt.of(0));
        assertThat(back("70 00 00 00 00")).isEqualTo(UnsignedInt.of(0));
        assertThat(back("44")).isEqualTo(UnsignedLong.of(0));
        assertThat(back("53 10")).isEqualTo(UnsignedLong.of(0x10));
        assertThat(back("56 01")).isEqualTo(true);
        assertThat(back("56 00")).isEqualTo(false);
        assertThat(back("54 fe")).isEqualTo(-2);
        assertThat(back("71 ff ff ff fe")).isEqualTo(-2);
        assertThat(back("d0 00 00 00 06 00 00 00 02 41 40")).isEqualTo(java.util.Arrays.asList(true, null));
        assertThat(back("d1 00 00 00 08 00 00 00 02 a1 01 6b 43")).isEqualTo(Map.of("k", UnsignedInt.of(0)));
        assertThat(back("f0 00 00 00 0d 00 00 00 02 70 00 00 00 01 00 00 00 02"))
            .isEqualTo(new AmqpArray(List.of(UnsignedInt.of(1), UnsignedInt.of(2))));
        assertThat(back("e0 07 02 a3 01 61 02 62 63")).isEqualTo(AmqpArray.ofSymbols("a", "bc"));
    }

    @Test
    void badBytesAreRefusedSayingWhy() {
        assertThatThrownBy(() -> back("01")).isInstanceOf(AmqpDecodeException.class)
            .hasMessage("invalid format code 0x01 at offset 0");
        assertThatThrownBy(() -> back("a1 05 61")).isInstanceOfSatisfying(AmqpDecodeException.class,
            e -> assertThat(e.truncated()).isTrue()).hasMessage("value needs 5 bytes at offset 2, 1 left");
        assertThatThrownBy(() -> back("c1 02 01 40")).hasMessage("map with an odd count 1");
        assertThatThrownBy(() -> back("56 02")).hasMessage("invalid boolean 0x2");
        assertThatThrownBy(() -> back("40 40")).hasMessage("1 bytes after the value");
    }
}
