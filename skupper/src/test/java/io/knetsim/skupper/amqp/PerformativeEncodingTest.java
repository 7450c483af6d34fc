package io.knetsim.skupper.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Frames and performatives (OASIS AMQP 1.0 part 2, sections 2.2, 2.3 and 2.7) byte for byte:
 * the protocol header, the 8-byte frame header, each performative as a described list with
 * its trailing null fields left off, and frames cut out of a stream that arrives in pieces.
 *
 * <pre>
 *   open frame: 00 00 00 1a | 02 | 00 | 00 00 | 00 53 10 c0 0d 04 a1 01 41 40 70 00 00 40 00 60 7f ff
 *               SIZE=26      DOFF TYPE CHANNEL  open  list8 size 13, 4 fields: "A" null 16384 32767
 * </pre>
 */
class PerformativeEncodingTest {
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

    private static String hex(Performative p) {
        return HEX.formatHex(AmqpEncoder.encode(p.toDescribed()));
    }

    @Test
    void protocolHeaderIsAmqpZeroOneZeroZero() {
        assertThat(HEX.formatHex(ProtocolHeader.bytes())).isEqualTo("41 4d 51 50 00 01 00 00");
    }

    @Test
    void openFrameByteForByte() {
        AmqpFrame f = AmqpFrame.of(0, Open.of("A", 16384, 32767));
        assertThat(HEX.formatHex(f.encode()))
            .isEqualTo("00 00 00 1a 02 00 00 00 00 53 10 c0 0d 04 a1 01 41 40 70 00 00 40 00 60 7f ff");
        assertThat(AmqpFrame.decode(f.encode(), 0, 26).performative()).isEqualTo(Open.of("A", 16384, 32767));
    }

    @Test
    void eachPerformativeHasItsDescriptorAndFields() {
        assertThat(hex(new Begin(null, 0, 100, 0x7fffffffL, null)))
            .isEqualTo("00 53 11 c0 0a 04 40 43 52 64 70 7f ff ff ff");
        assertThat(hex(new Begin(3, 1, 2, 3, 4L)))
            .isEqualTo("00 53 11 c0 0c 05 60 00 03 52 01 52 02 52 03 52 04");
        assertThat(hex(Attach.sender("l", 1, Source.of("a"), Target.of("b"))))
            .isEqualTo("00 53 12 c0 1e 0a a1 01 6c 52 01 42 40 40 00 53 28 c0 04 01 a1 01 61 00 53 29 c0 04 01 a1 01 62"
                + " 40 40 43");
        assertThat(hex(new Flow(0L, 10, 0, 10, 1L, 0L, 250L, null, null, null)))
            .isEqualTo("00 53 13 c0 0c 07 43 52 0a 43 52 0a 52 01 43 52 fa");
        assertThat(hex(Transfer.first(0, 0, new byte[] {0}, false, false)))
            .isEqualTo("00 53 14 c0 09 06 43 43 a0 01 00 43 42 42");
        assertThat(hex(Disposition.settle(5, Outcome.ACCEPTED)))
            .isEqualTo("00 53 15 c0 0a 05 41 52 05 40 41 00 53 24 45");
        assertThat(hex(Detach.closed(3))).isEqualTo("00 53 16 c0 04 02 52 03 41");
        assertThat(hex(new End(null))).isEqualTo("00 53 17 45");
        assertThat(hex(new Close(AmqpError.of("amqp:connection:forced", "bye"))))
            .isEqualTo("00 53 18 c0 24 01 00 53 1d c0 1e 02 a3 16 61 6d 71 70 3a 63 6f 6e 6e 65 63 74 69 6f 6e 3a 66"
                + " 6f 72 63 65 64 a1 03 62 79 65");
    }

    @Test
    void everyPerformativeDecodesToWhatWasEncoded() {
        List<Performative> all = List.of(Open.of("router-A", 16384, 32767),
            new Begin(0, 1, 640, 0x7fffffffL, 63L),
            Attach.sender("qdlink.1", 0, Source.of(null), Target.withCapability(null, "qd.router")),
            Attach.receiver("qdlink.1", 0, Source.of(null), Target.withCapability(null, "qd.router")),
            new Flow(1L, 640, 1, 0x7fffffffL, 0L, 0L, 250L, 0L, false, true),
            new Transfer(0, 7L, Binary.of(new byte[] {7}), 0L, true, true, null, null, null, null, null),
            Transfer.abort(2), new Disposition(true, 1, 4L, true, Outcome.RELEASED.toDescribed(), null),
            new Detach(1, true, AmqpError.of("amqp:not-found", "no route to address")), new End(null),
            new Close(null));
        for (Performative p : all) {
            byte[] frame = new AmqpFrame(2, p, new byte[] {9, 9}).encode();
            AmqpFrame back = AmqpFrame.decode(frame, 0, frame.length);
            assertThat(back.performative()).as(p.performativeName()).isEqualTo(p);
            assertThat(back.channel()).isEqualTo(2);
            assertThat(back.payload()).containsExactly(9, 9);
        }
    }

    @Test
    void emptyFrameIsAHeartbeat() {
        AmqpFrame hb = new AmqpFrame(0, null, null);
        assertThat(HEX.formatHex(hb.encode())).isEqualTo("00 00 00 08 02 00 00 00");
        assertThat(AmqpFrame.decode(hb.encode(), 0, 8).performative()).isNull();
    }

    @Test
    void frameReaderCutsAStreamArrivingByteByByte() {
        byte[] a = AmqpFrame.of(0, Open.of("A", 512, 0)).encode();
        byte[] b = new AmqpFrame(0, Transfer.first(0, 0, new byte[] {1}, true, false),
            Section.encode(Section.data("hello".getBytes(), 0, 5))).encode();
        byte[] stream = new byte[8 + a.length + b.length];
        System.arraycopy(ProtocolHeader.bytes(), 0, stream, 0, 8);
        System.arraycopy(a, 0, stream, 8, a.length);
        System.arraycopy(b, 0, stream, 8 + a.length, b.length);
        List<AmqpFrame> got = new ArrayList<>();
        FrameReader r = new FrameReader(512, got::add);
        for (byte x : stream) {
            r.read(new byte[] {x}, 0, 1);
        }
        assertThat(got).hasSize(2);
        assertThat(got.get(0).performative()).isInstanceOf(Open.class);
        SectionReader sr = new SectionReader();
        byte[] payload = got.get(1).payload();
        sr.append(payload, 0, 4);
        assertThat(sr.take()).isEmpty();
        sr.append(payload, 4, payload.length - 4);
        assertThat(sr.take()).containsExactly(Section.data("hello".getBytes(), 0, 5));
        assertThat(sr.pending()).isZero();
    }

    @Test
    void streamErrorsAreNamed() {
        FrameReader r = new FrameReader(512, f -> { });
        assertThatThrownBy(() -> r.read("HTTP/1.1".getBytes(), 0, 8)).hasMessage("bad AMQP protocol header");
        FrameReader r2 = new FrameReader(512, f -> { });
        r2.read(ProtocolHeader.bytes(), 0, 8);
        assertThatThrownBy(() -> r2.read(HEX.parseHex("00 00 10 00 02 00 00 00"), 0, 8))
            .hasMessage("frame of 4096 bytes (max-frame-size 512)");
        byte[] noOpen = HEX.parseHex("00 00 00 0c 02 00 00 00 00 53 10 45");
        assertThatThrownBy(() -> AmqpFrame.decode(noOpen, 0, 12)).hasMessage("open: mandatory field container-id is null");
    }
}
